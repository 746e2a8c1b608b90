from __future__ import annotations

from pathlib import Path

from console.config import load_config

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "console.example.toml"


def test_documented_example_config_is_valid() -> None:
    cfg = load_config(EXAMPLE, environ={})
    assert cfg.ui.lang == "vi"
    assert cfg.cameras[0].route_kind == "city"
    assert cfg.database.url is None
