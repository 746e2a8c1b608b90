"""Is the MQTT broker for patrol positions reachable? A real CONNECT/CONNACK round trip."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode

from console.config import BrokerConfig


@dataclass(frozen=True)
class BrokerStatus:
    configured: bool
    ok: bool
    message: str


def probe_broker(cfg: BrokerConfig, timeout: float = 3.0) -> BrokerStatus:
    """Blocking (up to ``timeout``): run it off the GUI thread."""
    if not cfg.host:
        return BrokerStatus(False, False, "not configured")
    where = f"{cfg.host}:{cfg.port}"
    done = threading.Event()
    result: dict[str, str | bool] = {"ok": False, "message": "no answer"}

    def on_connect(client: mqtt.Client, _u: object, _f: object, reason: ReasonCode, _p: object) -> None:
        result["ok"] = not reason.is_failure
        result["message"] = "connected" if not reason.is_failure else f"refused: {reason}"
        done.set()

    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="", clean_session=True)
    client.on_connect = on_connect
    if cfg.username:
        client.username_pw_set(cfg.username, cfg.password)
    if cfg.tls:
        client.tls_set()
    try:
        client.connect(cfg.host, cfg.port, keepalive=10)
    except OSError as exc:
        return BrokerStatus(True, False, f"{where}: {exc.strerror or exc}")
    client.loop_start()
    try:
        done.wait(timeout)
    finally:
        client.disconnect()
        client.loop_stop()
    return BrokerStatus(True, bool(result["ok"]), f"{where}: {result['message']}")
