"""Where the console keeps its files on this machine (per user, per OS convention)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "csgt-console"
APP_AUTHOR = "csgt"

# The project root holds resources/; every bundled file is found relative to it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'console.db'}"
