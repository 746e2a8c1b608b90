# The two commands a new machine needs: `make demo` runs the console, `make test` runs the tests.
# Both set the machine up first (installer/setup_linux.sh), so they work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint screenshot

setup: $(STAMP)

$(STAMP): pyproject.toml installer/setup_linux.sh
	bash installer/setup_linux.sh
	touch $(STAMP)

demo: setup
	$(PY) main.py --demo

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu" $(VENV)/bin/pytest

screenshot: setup
	QT_QPA_PLATFORM=offscreen $(PY) main.py --demo --db sqlite:///$(CURDIR)/build/screenshot.db \
		--screenshot docs/screenshot.png --exit-after 20
