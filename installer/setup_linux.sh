#!/usr/bin/env bash
# One-time set-up of a Debian/Ubuntu machine: system libraries (libVLC, Qt's xcb and WebEngine
# dependencies, fonts) and a virtual environment with the console and its dev tools.
# Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # libVLC decodes the video wall (Debian's build: files, HTTP, UDP/RTP; RTSP goes through FFmpeg)
  libvlc5 vlc-plugin-base vlc-plugin-video-output
  # the local RTSP server behind demo cameras and video tests (run with the system python3)
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
  # textoverlay/timeoverlay (the pango plugin) label the test-pattern cameras
  gstreamer1.0-x
  # Qt's xcb platform plugin (a real window) and QtWebEngine's runtime libraries
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1
  libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1 libnss3
  libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libdbus-1-3 libfontconfig1
  # a virtual screen for screenshots of the real window, and a fallback font with Vietnamese
  xvfb fonts-dejavu-core
  # pdftotext / pdftoppm: the notice-PDF tests read the fines' notices back
  poppler-utils
  # an MQTT broker: the GPS feed tests start a private one on a free port to test reconnects
  mosquitto
  python3-venv
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev,bundle]"
echo "setup: done"
