"""The layers below the UI never pull in Qt or libVLC (DESIGN.md §3)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "inference",
    "inference.devices",
    "inference.plates.grammar",
    "inference.models",
    "inference.detector",
    "inference.ocr",
    "inference.plates.reader",
    "inference.tracker",
    "inference.rules",
    "inference.hotlist",
    "inference.pipeline",
    "inference.synth",
    "inference.bench",
    "inference.runner",
    "console.services.detections",
    "console.services.detection_worker",
    "maps",
    "console.config",
    "console.paths",
    "console.options",
    "console.bootstrap",
    "console.cli",
    "console.storage",
    "console.storage.db",
    "console.storage.models",
    "console.storage.migrate",
    "console.services.context",
    "console.services.audit",
    "console.services.audit_key",
    "console.services.auth",
    "console.services.users",
    "console.services.queries",
    "console.services.redact",
    "console.demo.seed",
    "console.services.patrol_logs",
    "console.services.patrol.reports",
    "console.demo.patrol_logs",
    "console.services.lookup",
    "console.commands.patrol",
    "console.feeds",
    "console.feeds.broker",
    "console.services.wall",
    "console.video.stream",
    "console.video.manager",
    "console.video.check",
    "console.demo.cameras",
    "console.video.rtsp_server",
    "console.commands.camera",
    "console.feeds.gps",
    "console.demo.gps_sim",
    "console.services.units",
    "console.services.dispatch",
    "console.services.review",
    "console.services.fines",
    "console.services.fine_table",
    "console.services.registrations",
    "console.services.evidence",
    "console.demo.evidence_art",
    "console.demo.candidates",
    "console.commands.fines",
    "maps.geo",
    "maps.ranking",
    "maps.routes",
    "maps.page",
    "maps.tilepack",
    "console.commands.dispatch",
    "console.demo.scenes",
    "console.demo.scenes.__main__",
    "console.services.analytics",
    "console.services.leases",
    "console.services.events",
    "console.services.camera_pipeline",
    "console.commands.analytics",
    "console.services.driving.engine",
    "console.services.driving.store",
    "console.services.driving.live",
    "console.services.driving.csv_import",
    "console.services.driving.queries",
    "console.feeds.journey",
    "console.commands.driving",
    "console.commands.feeds",
    "console.demo.driving",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_imports_no_qt_or_vlc(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'vlc')); "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{module} imported {result.stdout.strip()} {result.stderr[-500:]}"


SITE_PACKAGES = ("console/services", "console/feeds", "console/video", "console/storage")


def test_what_a_real_site_runs_does_not_load_demo_content() -> None:
    """Demo content lives in console/demo; services, feeds, video and storage may start it when a demo
    asks (an import inside the function that runs it), but loading them never loads it."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    found = []
    for folder in SITE_PACKAGES:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level only
                if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                    continue
                for sub in ast.walk(node):
                    if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                        break
                    names = [sub.module or ""] if isinstance(sub, ast.ImportFrom) else []
                    names += [a.name for a in sub.names] if isinstance(sub, ast.Import) else []
                    found += [f"{path.relative_to(root)}: {n}" for n in names if n.startswith("console.demo")]
    assert found == []
