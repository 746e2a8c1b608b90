"""Typed console configuration, loaded once at start from TOML plus environment overrides.

Every key is declared here; an unknown key or a wrong type stops the start with a message naming
the key and the line of the file, because a silently ignored typo in a control-room config
(``databse.url``) sends an operator to the wrong database.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

ENV_PREFIX = "TCC_"


class ConfigError(ValueError):
    """A configuration problem, worded for the person who edits the file."""


class _EnvValue(str):
    """A raw environment string, converted only once the declared type of its key is known
    (so TCC_BROKER__PASSWORD=123456 stays a string), and remembered by variable name for errors."""

    variable: str


@dataclass(frozen=True)
class DatabaseConfig:
    # None means the embedded SQLite file in the user data directory.
    url: str | None = None
    # Seconds a connection attempt may take before the start is refused.
    connect_timeout: int = 5


@dataclass(frozen=True)
class UiConfig:
    lang: Literal["vi", "en"] = "vi"
    # The screen locks after this many minutes without keyboard or mouse input; 0 disables.
    idle_lock_minutes: int = 10


@dataclass(frozen=True)
class AuthConfig:
    max_failed_attempts: int = 5
    lockout_seconds: int = 300


@dataclass(frozen=True)
class LoggingConfig:
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    dir: str | None = None
    max_bytes: int = 5_000_000
    backups: int = 5


@dataclass(frozen=True)
class BrokerConfig:
    host: str | None = None
    port: int = 1883
    username: str | None = None
    password: str | None = None
    tls: bool = False
    topic_prefix: str = "owntracks"
    # Whether this process stores what the broker delivers (patrol positions, team reports, journey
    # fixes). At a centre set false on every workstation (they still show positions live) and run one
    # `main.py feeds serve`: thirty consoles storing every fix is thirty times the database's work.
    store: bool = True


@dataclass(frozen=True)
class MapConfig:
    # A fix older than this shows stale on the map and ranks last among dispatch suggestions.
    stale_after_s: int = 300
    # Station tile pack (MBTiles file) and online tile server ({z}/{x}/{y} URL); both optional.
    tile_pack: str | None = None
    online_tiles_url: str | None = None
    online_tiles_attribution: str = ""
    # Road-class speeds (km/h) for the ETA of the closest suggestions, and how many get an ETA.
    speed_expressway_kmh: float = 80.0
    speed_national_highway_kmh: float = 50.0
    speed_city_kmh: float = 25.0
    eta_top: int = 5
    # Dispatch orders go to <prefix>/dispatch/<call_sign>; teams report on <prefix>/unit/<call_sign>/status.
    dispatch_topic_prefix: str = "csgt"
    # Demo mode drives the demo teams along the camera routes.
    simulate: bool = True


@dataclass(frozen=True)
class InferenceConfig:
    device: str = "AUTO"
    live: bool = True  # detection on the wall's live tiles
    # Two CPU cores serve a 2x2 wall: 4 frames a second a camera keeps decode and display fluid.
    max_fps_per_camera: float = 4.0


@dataclass(frozen=True)
class AnalyticsConfig:
    """`main.py analytics`: headless detection on leased cameras (docs/scaling.md)."""

    cameras: str = "all"  # selector: all, codes, globs (HN-*), route:NAME; comma-separated
    # Plate reading needs the main stream's resolution; "sub" suits sites whose sub-streams are at
    # least 720p, or cameras kept for behaviour rules only. A camera without a sub-stream uses main.
    stream: Literal["main", "sub"] = "main"
    lease_s: float = 15.0  # a dead process's cameras are taken over after this
    max_cameras: int = 0  # at most this many cameras in this process; 0: its fair share, whatever it is
    max_fps_per_camera: float = 4.0


@dataclass(frozen=True)
class AuditConfig:
    # The site's audit key file (console/services/audit_key.py); outside the database on purpose.
    key_file: str | None = None


@dataclass(frozen=True)
class SyncConfig:
    """Station <-> centre bundles (docs/sync.md)."""

    station: str | None = None  # this station's code; unset at the centre
    key_file: str | None = None  # the sync key shared with the centre; outside the database on purpose


@dataclass(frozen=True)
class IntakeConfig:
    """`main.py intake serve`: the citizen-report and help-request API (docs/intake.md)."""

    host: str = "127.0.0.1"  # loopback unless the site puts it behind its gateway on purpose
    port: int = 8740
    # One file per calling system (citizen app, hotline, …), holding its token; the file's name
    # without extension names the system in the audit log. Outside the database on purpose.
    token_files: list[str] = field(default_factory=list)
    max_body_bytes: int = 8_000_000  # a base64 photo is a third larger than the photo
    max_image_bytes: int = 5_000_000
    max_image_pixels: int = 24_000_000  # refused before decoding: a small file can claim a huge image
    store_max_side: int = 2048  # stored photos are re-encoded, at most this wide or high
    rate_per_minute: float = 30.0  # per token and, separately, per client address
    rate_burst: int = 10
    max_connections: int = 64  # served at once; more are answered 503 at once, not given a thread
    # How many of the nearest available teams a help request suggests at once.
    suggestions: int = 3


@dataclass(frozen=True)
class EvidenceConfig:
    dir: str | None = None


@dataclass(frozen=True)
class CameraConfig:
    code: str
    name: str
    route: str
    route_kind: Literal["expressway", "national_highway", "city"]
    lat: float
    lon: float
    main_url: str
    km: float | None = None
    direction: str = ""
    sub_url: str | None = None
    detector: str | None = None  # a model name; unset keeps the default COCO detector


@dataclass(frozen=True)
class Config:
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    auth: AuthConfig = field(default_factory=AuthConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    broker: BrokerConfig = field(default_factory=BrokerConfig)
    inference: InferenceConfig = field(default_factory=InferenceConfig)
    analytics: AnalyticsConfig = field(default_factory=AnalyticsConfig)
    map: MapConfig = field(default_factory=MapConfig)
    evidence: EvidenceConfig = field(default_factory=EvidenceConfig)
    audit: AuditConfig = field(default_factory=AuditConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    intake: IntakeConfig = field(default_factory=IntakeConfig)
    cameras: list[CameraConfig] = field(default_factory=list)


def load_config(path: Path | None = None, environ: typing.Mapping[str, str] | None = None) -> Config:
    """Read ``path`` (optional) and ``TCC_SECTION__KEY`` environment overrides into a Config."""
    environ = os.environ if environ is None else environ
    text = ""
    data: dict[str, Any] = {}
    source = "<defaults>"
    if path is not None:
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    _apply_env(data, environ)
    config: Config = _build(Config, data, (), _Locator(source, text))
    return config


def _apply_env(data: dict[str, Any], environ: typing.Mapping[str, str]) -> None:
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        value = _EnvValue(raw)
        value.variable = name
        table = data.setdefault(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"environment variable {name}: [{section}] is not a table")
        table[key] = value


class _Locator:
    """Finds the file line of a dotted key so that errors can point at it."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = text.splitlines()

    def where(self, keypath: tuple[str | int, ...]) -> str:
        line = self._find(keypath)
        return f"{self.source}, line {line}" if line else self.source

    def _find(self, keypath: tuple[str | int, ...]) -> int | None:
        # Walk the file tracking the current [table] / [[array]] header, including how many
        # times each array header has been seen so that cameras[3] maps to the 4th block.
        header: tuple[str | int, ...] = ()
        seen: dict[str, int] = {}
        table_line: dict[tuple[str | int, ...], int] = {}
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if m := re.fullmatch(r"\[\[\s*([\w.]+)\s*\]\](\s*#.*)?", line):
                name = m.group(1)
                seen[name] = seen.get(name, -1) + 1
                header = (*name.split("."), seen[name])
                table_line[header] = number
            elif m := re.fullmatch(r"\[\s*([\w.]+)\s*\](\s*#.*)?", line):
                header = tuple(m.group(1).split("."))
                table_line[header] = number
            elif m := re.match(r"([\w.\"-]+)\s*=", line):
                key = tuple(m.group(1).strip('"').split("."))
                if (*header, *key) == keypath:
                    return number
        return table_line.get(keypath)


def _build(cls: type[Any], data: Any, keypath: tuple[str | int, ...], loc: _Locator) -> Any:
    label = ".".join(str(k) for k in keypath) or "<top level>"
    if not isinstance(data, dict):
        raise ConfigError(f"{loc.where(keypath)}: [{label}] must be a table")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key, value in data.items():
        if key not in fields:
            known = ", ".join(sorted(fields))
            where = (
                f"environment variable {value.variable}" if isinstance(value, _EnvValue) else loc.where((*keypath, key))
            )
            raise ConfigError(f"{where}: unknown key '{_dotted(keypath, key)}' (known here: {known})")
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ConfigError(f"{loc.where(keypath)}: missing required key '{_dotted(keypath, name)}'")
            continue
        kwargs[name] = _convert(hints[name], data[name], (*keypath, name), loc)
    return cls(**kwargs)


def _dotted(keypath: tuple[str | int, ...], key: str) -> str:
    parts = [str(k) if isinstance(k, str) else f"[{k}]" for k in (*keypath, key)]
    return ".".join(parts).replace(".[", "[")


def _from_env(hint: Any, value: _EnvValue) -> Any:
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if str in options or typing.get_origin(hint) is Literal:
        return str(value)
    if bool in options and value.lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.lower() in ("true", "1", "yes")
    for kind in (int, float):
        if kind in options:
            try:
                return kind(value)
            except ValueError:
                pass
    if type(None) in options and value == "":
        return None
    raise ConfigError(f"environment variable {value.variable}: {value!r} is not a valid {_type_name(hint)}")


def _type_name(hint: Any) -> str:
    args = typing.get_args(hint)
    return " or ".join(getattr(a, "__name__", str(a)) for a in args) if args else getattr(hint, "__name__", str(hint))


def _convert(hint: Any, value: Any, keypath: tuple[str | int, ...], loc: _Locator) -> Any:
    origin = typing.get_origin(hint)
    name = _dotted(keypath[:-1], str(keypath[-1]))
    if isinstance(value, _EnvValue):
        value = _from_env(hint, value)
    if dataclasses.is_dataclass(hint):
        return _build(typing.cast(type[Any], hint), value, keypath, loc)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{loc.where(keypath)}: '{name}' must be a list")
        return [_convert(item, v, (*keypath, i), loc) for i, v in enumerate(value)]
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(option, value, keypath, loc)
            except ConfigError as exc:
                errors.append(exc)
        raise errors[0]
    if origin is Literal:
        allowed = typing.get_args(hint)
        if value not in allowed:
            shown = ", ".join(repr(a) for a in allowed)
            raise ConfigError(f"{loc.where(keypath)}: '{name}' is {value!r}; allowed: {shown}")
        return value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool) and (type(value) is not hint):
        raise ConfigError(
            f"{loc.where(keypath)}: '{name}' must be {hint.__name__}, got {type(value).__name__} {value!r}"
        )
    return value
