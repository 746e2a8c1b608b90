"""Which OpenVINO device inference will run on: AUTO takes a GPU when one exists, else the CPU."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DeviceInfo:
    requested: str
    available: list[str] = field(default_factory=list)
    effective: str = ""  # what AUTO resolves to first; empty when OpenVINO is unusable
    names: dict[str, str] = field(default_factory=dict)  # device -> full name, for the status bar tooltip
    error: str | None = None


def probe_devices(requested: str = "AUTO") -> DeviceInfo:
    """Ask OpenVINO which devices exist; slow on first import (~1 s), so call it off the GUI thread."""
    try:
        import openvino as ov

        core = ov.Core()
        available = list(core.available_devices)
        names = {d: str(core.get_property(d, "FULL_DEVICE_NAME")) for d in available}
    except Exception as exc:  # a broken runtime must not stop the console
        return DeviceInfo(requested, error=f"OpenVINO unavailable: {exc}")
    req = requested.upper()
    if req == "AUTO":
        # AUTO's own priority order: discrete/integrated GPU, then NPU, then CPU.
        preference = [d for d in available if d.startswith("GPU")] + [d for d in available if d == "NPU"]
        effective = preference[0] if preference else ("CPU" if "CPU" in available else "")
    elif req in available:
        effective = req
    else:
        return DeviceInfo(requested, available, "", names, f"device {requested} not found; have {available}")
    return DeviceInfo(requested, available, effective, names)
