"""Build the console as a one-folder PyInstaller bundle, runnable on a machine with no Python.

    .venv/bin/pip install -e ".[bundle]"          # PyInstaller, pinned
    .venv/bin/python installer/build.py            # → build/dist/csgt-console/ + build/csgt-console-linux-*.tar.gz

The bundle holds Python, Qt with QtWebEngine, OpenVINO with its CPU/GPU plugins, OpenCV's FFmpeg,
libVLC with its plugins (found by the runtime hook installer/pyi_rth_vlc.py), and everything under
resources/ (models, fonts, map assets, translations, legal tables). The Alembic migrations and the
GStreamer stream server script ship as files, because Alembic and the system python3 read them from disk.
On Windows the same command (with the official VLC 3 installed, `--vlc DIR` if not in the default place)
makes the folder that installer/windows/csgt-console.iss packs into a setup program; see
installer/windows/README.md. The Windows build is not made or tested on this project's Linux machines.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "csgt-console"
WINDOWS = sys.platform == "win32"
VLC_LIBS = ("libvlc.dll", "libvlccore.dll") if WINDOWS else ("libvlc.so.5", "libvlccore.so.9")
VLC_DIRS = (
    (Path(r"C:\Program Files\VideoLAN\VLC"), Path(r"C:\Program Files (x86)\VideoLAN\VLC"))
    if WINDOWS
    else (Path("/usr/lib/x86_64-linux-gnu"), Path("/usr/lib64"), Path("/usr/lib"))
)
# Heavy modules the console never imports at run time; PyInstaller would otherwise follow them from
# optional imports of our dependencies (OpenVINO's converters, matplotlib through pyqtgraph, tests).
EXCLUDES = ("tkinter", "matplotlib", "torch", "tensorflow", "jax", "paddle", "pytest", "IPython", "mypy",
            "openvino.tools", "openvino.frontend.pytorch", "openvino.frontend.tensorflow", "scipy")  # fmt: skip


def find_libvlc(vlc_dir: Path | None = None) -> tuple[Path, Path]:
    """The folder holding libVLC and libVLC core, and libVLC's plugin folder (Debian: vlc/plugins beside the
    libraries; the Windows VLC build: plugins in its install folder)."""
    for folder in (vlc_dir,) if vlc_dir else VLC_DIRS:
        for plugins in (folder / "vlc" / "plugins", folder / "plugins"):
            if all((folder / lib).exists() for lib in VLC_LIBS) and plugins.is_dir():
                return folder, plugins
    hint = (
        "install VLC 3 or pass --vlc DIR"
        if WINDOWS
        else "install libvlc5 and vlc-plugin-base: installer/setup_linux.sh"
    )
    raise SystemExit(f"build: libVLC not found ({hint})")


def openvino_extras() -> list[Path]:
    """What OpenVINO loads by name at run time, which PyInstaller's import analysis cannot see: the IR
    reader (every shipped model is IR) and the threading libraries its plugins open."""
    spec = importlib.util.find_spec("openvino")
    if spec is None or spec.origin is None:
        raise SystemExit("build: openvino is not installed in this environment")
    libs = Path(spec.origin).parent / "libs"
    wanted = (
        ("openvino_ir_frontend*.dll", "openvino_onnx_frontend*.dll", "tbb*.dll")
        if WINDOWS
        else ("libopenvino_ir_frontend.so*", "libopenvino_onnx_frontend.so*", "libtbb*.so*", "libhwloc.so*")
    )
    return sorted({p for pattern in wanted for p in libs.glob(pattern)})


def pyinstaller_args(work: Path, dist: Path, vlc_dir: Path | None = None) -> list[str]:
    lib_dir, plugins = find_libvlc(vlc_dir)
    sep = ":"
    args = [
        str(ROOT / "main.py"),
        "--name", NAME, "--onedir", "--noconfirm", "--clean", "--log-level", "WARN", "--paths", str(ROOT),
        "--distpath", str(dist), "--workpath", str(work), "--specpath", str(work),
        "--runtime-hook", str(ROOT / "installer" / "pyi_rth_vlc.py"),
        "--add-data", f"{ROOT / 'resources'}{sep}resources",
        "--add-data", f"{ROOT / 'console' / 'storage' / 'migrations'}{sep}console/storage/migrations",
        "--add-data", f"{ROOT / 'console' / 'video' / 'gst_server.py'}{sep}console/video",
        "--collect-binaries", "openvino",
        "--collect-submodules", "console", "--collect-submodules", "widgets",
        "--collect-submodules", "inference", "--collect-submodules", "maps",
        "--hidden-import", "vlc", "--hidden-import", "psycopg_binary",
    ]  # fmt: skip
    for lib in VLC_LIBS:
        args += ["--add-binary", f"{lib_dir / lib}{sep}vlc"]
    for extra in openvino_extras():
        args += ["--add-binary", f"{extra}{sep}openvino/libs"]
    args += ["--add-binary", f"{plugins}{sep}vlc/plugins"]
    for module in EXCLUDES:
        args += ["--exclude-module", module]
    if WINDOWS:
        args += ["--icon", str(ROOT / "resources" / "icons" / f"{NAME}.ico"), "--windowed"]
    return args


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(out: Path, vlc_dir: Path | None = None) -> Path:
    try:
        import PyInstaller.__main__ as pyinstaller  # only the build needs it
    except ImportError:
        raise SystemExit('build: PyInstaller is missing: .venv/bin/pip install -e ".[bundle]"') from None
    work, dist = out / "pyi", out / "dist"
    started = time.monotonic()
    pyinstaller.run(pyinstaller_args(work, dist, vlc_dir))
    bundle = dist / NAME
    if WINDOWS:  # installer/windows/csgt-console.iss packs the folder
        print(f"build: {bundle} ({folder_size(bundle) / 2**20:.0f} MB), {time.monotonic() - started:.0f} s")
        return bundle
    shutil.copy2(ROOT / "installer" / "linux" / f"{NAME}.desktop", bundle / f"{NAME}.desktop")
    shutil.copy2(ROOT / "resources" / "icons" / f"{NAME}.png", bundle / f"{NAME}.png")
    archive = out / f"{NAME}-linux-x86_64.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=NAME)
    size, packed = folder_size(bundle) / 2**20, archive.stat().st_size / 2**20
    print(f"build: {bundle} ({size:.0f} MB), {archive} ({packed:.0f} MB), {time.monotonic() - started:.0f} s")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="where the bundle and archive go")
    parser.add_argument("--vlc", type=Path, help="the folder holding libVLC, if not in the usual place")
    args = parser.parse_args(argv)
    build(args.out, args.vlc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
