"""Local stream server: RTSP mounts and UDP pushes from GStreamer, a faithful fake camera.

Run with the SYSTEM python (``/usr/bin/python3``): it needs PyGObject and GstRtspServer from the
Debian packages, which the project's virtualenv does not have. It imports nothing from the project.

    /usr/bin/python3 gst_server.py '<json spec>'

The spec: {"port": 8554, "auth": {"user": "u", "password": "p"} | null,
           "mounts": {"name": {"kind": "jpeg", "dir": "…"} | {"kind": "test", …} | {"kind": "xgst", …}},
           "udp": [{"ports": [5004, 5006], "host": "127.0.0.1", "width": 320, "height": 240, "dir": "…"?}]}

It prints ``READY <port>`` once it listens, and stops cleanly on SIGTERM or SIGINT, or when the
process that started it is gone.
"""

import json
import os
import signal
import sys
from typing import Any

import gi  # type: ignore[import-not-found, unused-ignore]

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # type: ignore[import-not-found, unused-ignore]  # noqa: E402

Spec = dict[str, Any]


def encoder(fps: int) -> str:
    # Zero-latency x264 with a 2 s GOP, as IP cameras are usually set up.
    return (
        f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps * 2} bitrate=2500 "
        "! video/x-h264,profile=baseline"
    )


def test_source(m: Spec) -> str:
    width, height, fps = int(m.get("width", 320)), int(m.get("height", 240)), int(m.get("fps", 25))
    pattern = m.get("pattern", "ball")
    label = m.get("label", "")
    text = f' ! textoverlay text="{label}" valignment=top halignment=left font-desc="Sans 18"' if label else ""
    return (
        f"videotestsrc is-live=true pattern={pattern} ! video/x-raw,width={width},height={height},framerate={fps}/1"
        f"{text} ! timeoverlay valignment=bottom ! videoconvert"
    )


def jpeg_source(m: Spec) -> str:
    fps = int(m.get("fps", 25))
    src = f'multifilesrc location="{m["dir"]}/frame_%05d.jpg" loop=true caps=image/jpeg,framerate={fps}/1 '
    src += "! jpegdec ! videoconvert"
    if m.get("width"):
        src += f" ! videoscale ! video/x-raw,width={int(m['width'])},height={int(m['height'])}"
    return src


def launch_line(m: Spec) -> str:
    kind = m["kind"]
    fps = int(m.get("fps", 25))
    if kind == "jpeg":
        return f"( {jpeg_source(m)} ! {encoder(fps)} ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    if kind == "test":
        return f"( {test_source(m)} ! {encoder(fps)} ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    if kind == "xgst":
        # A payload only GStreamer understands: a camera speaking a codec the console cannot decode.
        return f"( {test_source(m)} ! {encoder(fps)} ! rtpgstpay name=pay0 pt=96 )"
    raise ValueError("unknown mount kind: " + kind)


def udp_line(u: Spec) -> str:
    # MPEG-TS over UDP, as many encoders push it; one encoder fans out to every listed port.
    host = u.get("host", "127.0.0.1")
    clients = ",".join(f"{host}:{int(p)}" for p in u.get("ports", [u.get("port")]))
    source = jpeg_source(u) if u.get("dir") else test_source(u)
    return f"{source} ! {encoder(int(u.get('fps', 25)))} ! mpegtsmux ! multiudpsink clients={clients} sync=true"


def main() -> None:
    spec = json.loads(sys.argv[1])
    Gst.init(None)
    loop = GLib.MainLoop()
    server = GstRtspServer.RTSPServer()
    server.set_address(spec.get("host", "127.0.0.1"))
    server.set_service(str(spec.get("port", 0)))
    mounts = server.get_mount_points()
    auth_spec = spec.get("auth")
    permissions = None
    if auth_spec:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "viewer")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(auth_spec["user"], auth_spec["password"]), token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role("viewer", "media.factory.access", True)
        permissions.add_permission_for_role("viewer", "media.factory.construct", True)
    for name, m in spec.get("mounts", {}).items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch_line(m))
        factory.set_shared(True)  # one encoder per mount, however many clients
        if permissions is not None:
            factory.set_permissions(permissions)
        mounts.add_factory("/" + name, factory)
    pipelines = []
    for u in spec.get("udp", []):
        pipeline = Gst.parse_launch(udp_line(u))
        pipeline.set_state(Gst.State.PLAYING)
        pipelines.append(pipeline)
    if server.attach(None) == 0:
        print(f"ERROR cannot listen on port {spec.get('port')}", flush=True)
        sys.exit(3)

    def stop(*_args: object) -> bool:
        for p in pipelines:
            p.set_state(Gst.State.NULL)
        loop.quit()
        return False  # GLib.SOURCE_REMOVE

    parent = os.getppid()

    def orphaned() -> bool:
        # The console died without stopping us (killed, crashed): do not serve on forever.
        return stop() if os.getppid() != parent else True

    GLib.timeout_add_seconds(1, orphaned)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, stop)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, stop)
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
