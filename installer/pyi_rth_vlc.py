"""PyInstaller runtime hook: point python-vlc at the libVLC and plugins shipped inside the bundle.

Runs before main.py. A site that installed its own VLC and set these variables keeps its choice.
"""

import os
import sys
from pathlib import Path

_vlc = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "vlc"
if sys.platform == "win32":
    # python-vlc looks for libvlc.dll in PYTHON_VLC_MODULE_PATH and adds it to the DLL search path.
    os.environ.setdefault("PYTHON_VLC_MODULE_PATH", str(_vlc))
    os.environ.setdefault("PYTHON_VLC_LIB_PATH", str(_vlc / "libvlc.dll"))
else:
    os.environ.setdefault("PYTHON_VLC_LIB_PATH", str(_vlc / "libvlc.so.5"))
os.environ.setdefault("VLC_PLUGIN_PATH", str(_vlc / "plugins"))
