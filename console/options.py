"""What the command line asked the console to do when it runs the window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RunOptions:
    config_path: Path | None = None
    db_url: str | None = None  # overrides [database] url
    lang: str | None = None  # overrides [ui] lang: "vi" | "en"
    demo: bool = False  # seed demo data into an empty database and log in as the demo admin
    screenshot: Path | None = None  # render the window to this PNG and exit
    exit_after: float | None = None  # seconds before quitting on its own
    page: str | None = None  # page to open first: wall, map, alerts, review, incidents, patrol, admin
