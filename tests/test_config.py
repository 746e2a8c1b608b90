from __future__ import annotations

from pathlib import Path

import pytest

from console.config import CameraConfig, Config, ConfigError, load_config

CAMERA = """
[[cameras]]
code = "{code}"
name = "Nút giao Pháp Vân"
route = "CT01"
route_kind = "expressway"
lat = 20.95
lon = 105.84
main_url = "rtsp://10.0.0.{n}/main"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "console.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    assert load_config(None, {}) == Config()


def test_full_file_is_typed(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[database]\nurl = "sqlite:///x.db"\n[ui]\nlang = "en"\n[auth]\nlockout_seconds = 60\n'
        + CAMERA.format(code="C1", n=1)
        + "km = 12\n",
    )
    cfg = load_config(path, {})
    assert cfg.database.url == "sqlite:///x.db" and cfg.ui.lang == "en" and cfg.auth.lockout_seconds == 60
    assert cfg.cameras == [
        CameraConfig("C1", "Nút giao Pháp Vân", "CT01", "expressway", 20.95, 105.84, "rtsp://10.0.0.1/main", km=12.0)
    ]


def test_unknown_key_names_key_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[database]\nurl = "sqlite:///x.db"\ndatbase_timeout = 3\n')
    with pytest.raises(ConfigError, match=r"console\.toml, line 3: unknown key 'database\.datbase_timeout'"):
        load_config(path, {})


def test_unknown_section_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[ui]\nlang = "vi"\n\n[databse]\nurl = "x"\n')
    with pytest.raises(ConfigError, match=r"line 4: unknown key 'databse'"):
        load_config(path, {})


def test_unknown_key_inside_the_second_camera_block(tmp_path: Path) -> None:
    text = CAMERA.format(code="C1", n=1) + CAMERA.format(code="C2", n=2) + "speed_limit = 80\n"
    path = _write(tmp_path, text)
    line = text.splitlines().index("speed_limit = 80") + 1
    with pytest.raises(ConfigError, match=rf"line {line}: unknown key 'cameras\[1\]\.speed_limit'"):
        load_config(path, {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[database]\nconnect_timeout = "5"\n', r"line 2: 'database\.connect_timeout' must be int, got str '5'"),
        ("[ui]\nidle_lock_minutes = 1.5\n", r"'ui\.idle_lock_minutes' must be int"),
        ("[broker]\ntls = 1\n", r"'broker\.tls' must be bool"),
        ('[ui]\nlang = "fr"\n', r"'ui\.lang' is 'fr'; allowed: 'vi', 'en'"),
        ('database = "sqlite:///x.db"\n', r"\[database\] must be a table"),
        ('[[cameras]]\ncode = "C1"\n', r"missing required key 'cameras\[0\]\.name'"),
    ],
)
def test_wrong_type_is_rejected(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(_write(tmp_path, text), {})


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, '[database]\nurl = "sqlite:///file.db"\n')
    environ = {
        "TCC_DATABASE__URL": "postgresql+psycopg://tcc@db.local:5432/tcc",
        "TCC_AUTH__MAX_FAILED_ATTEMPTS": "3",
        "PATH": "/usr/bin",
        "TCC_NOT_A_SETTING": "ignored",
    }
    cfg = load_config(path, environ)
    assert cfg.database.url == "postgresql+psycopg://tcc@db.local:5432/tcc"
    assert cfg.auth.max_failed_attempts == 3


def test_unknown_key_from_the_environment_is_rejected() -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'database\.urll'"):
        load_config(None, {"TCC_DATABASE__URLL": "sqlite:///x.db"})


def test_malformed_toml_says_where(tmp_path: Path) -> None:
    path = _write(tmp_path, '[ui]\nlang = "vi"\nidle_lock_minutes = = 3\n')
    with pytest.raises(ConfigError, match=r"console\.toml: not valid TOML: .*line 3"):
        load_config(path, {})


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path / "absent.toml", {})


def test_environment_values_take_the_declared_type() -> None:
    cfg = load_config(
        None, environ={"TCC_BROKER__PASSWORD": "123456", "TCC_BROKER__PORT": "1884", "TCC_BROKER__TLS": "yes"}
    )
    assert (cfg.broker.password, cfg.broker.port, cfg.broker.tls) == ("123456", 1884, True)


def test_bad_environment_values_name_the_variable() -> None:
    with pytest.raises(ConfigError, match="TCC_BROKER__PORT"):
        load_config(None, environ={"TCC_BROKER__PORT": "many"})
    with pytest.raises(ConfigError, match=r"TCC_BROKER__PROT.*unknown key 'broker\.prot'"):
        load_config(None, environ={"TCC_BROKER__PROT": "1"})
