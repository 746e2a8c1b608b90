"""Reading a patrol-log JSON file: syntax, the schema in resources/patrol/log_schema.json, line numbers.

Teams' devices send files by hand-off (USB, mail), so a rejected file must say exactly where it is
wrong. ``json`` reports the line of a syntax error but forgets positions once parsed; a second,
position-recording pass maps every key and array item to its line so schema errors can name both
the field path and the line.
"""

from __future__ import annotations

import bisect
import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from console.paths import RESOURCES

SCHEMA_PATH = RESOURCES / "patrol" / "log_schema.json"
SCHEMA_ID = "csgt.patrol_log/1"

PathKey = tuple[str | int, ...]
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class LogFileError(ValueError):
    """The file is not a valid patrol log; ``line`` and ``field`` say where, when known."""

    def __init__(self, reason: str, line: int | None = None, field: str = "") -> None:
        where = ", ".join(p for p in (f"line {line}" if line else "", field) if p)
        super().__init__(f"{where}: {reason}" if where else reason)
        self.reason = reason
        self.line = line
        self.field = field


def field_name(path: PathKey) -> str:
    """``("entries", 2, "plate")`` -> ``entries[2].plate``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class Located:
    """A parsed document with the line of each of its values."""

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            self.value: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LogFileError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
        except RecursionError:
            raise LogFileError("not a patrol log: values nested too deeply") from None
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self._at: dict[PathKey, int] = {}
        try:
            self._walk(0, ())
        except RecursionError:
            raise LogFileError("not a patrol log: values nested too deeply") from None

    def line(self, path: PathKey) -> int:
        """Line of the key (or item) at ``path``; the nearest enclosing value when it is absent."""
        while path not in self._at and path:
            path = path[:-1]
        return bisect.bisect_left(self._newlines, self._at.get(path, 0)) + 1

    def _walk(self, i: int, path: PathKey) -> int:
        i = _WS.match(self.text, i).end()  # type: ignore[union-attr]
        self._at.setdefault(path, i)
        ch = self.text[i]
        if ch == "{":
            i = _WS.match(self.text, i + 1).end()  # type: ignore[union-attr]
            if self.text[i] == "}":
                return i + 1
            while True:
                key_start = i
                key, i = json.decoder.scanstring(self.text, i + 1)  # type: ignore[attr-defined]
                self._at[(*path, key)] = key_start
                i = _WS.match(self.text, i).end() + 1  # type: ignore[union-attr]  # past ':'
                i = self._walk(i, (*path, key))
                i = _WS.match(self.text, i).end()  # type: ignore[union-attr]
                if self.text[i] == "}":
                    return i + 1
                i = _WS.match(self.text, i + 1).end()  # type: ignore[union-attr]  # past ','
        if ch == "[":
            i = _WS.match(self.text, i + 1).end()  # type: ignore[union-attr]
            if self.text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = self._walk(i, (*path, index))
                i = _WS.match(self.text, i).end()  # type: ignore[union-attr]
                if self.text[i] == "]":
                    return i + 1
                i += 1
                index += 1
        _value, end = _DECODER.raw_decode(self.text, i)
        return int(end)

    def fail(self, path: PathKey, reason: str) -> LogFileError:
        return LogFileError(reason, self.line(path), field_name(path))


@cache
def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False  # JSON true is not 1
    return isinstance(value, _TYPES[kind])


def parse_time(text: str) -> datetime:
    """An ISO 8601 time with its UTC offset; a time without one is refused, never guessed."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("has no UTC offset (write e.g. 2026-11-28T07:30:00+07:00)")
    return value


def check(doc: Located, schema: dict[str, Any] | None = None) -> None:
    """Raise LogFileError for the first place ``doc`` breaks the schema (the subset we enforce)."""
    _check(doc, doc.value, schema if schema is not None else load_schema(), ())


def _check(doc: Located, value: Any, schema: dict[str, Any], path: PathKey) -> None:
    if "const" in schema and value != schema["const"]:
        raise doc.fail(path, f"must be {json.dumps(schema['const'])}, not {json.dumps(value, ensure_ascii=False)}")
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        raise doc.fail(path, f"{json.dumps(value, ensure_ascii=False)} is not one of: {allowed}")
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            raise doc.fail(path, f"must be {' or '.join(kinds)}, not {_json_kind(value)}")
    if isinstance(value, dict):
        _check_object(doc, value, schema, path)
    elif isinstance(value, list):
        if len(value) > schema.get("maxItems", len(value)):
            raise doc.fail(path, f"has {len(value)} items, at most {schema['maxItems']} allowed")
        if len(value) < schema.get("minItems", 0):
            raise doc.fail(path, f"needs at least {schema['minItems']} item(s)")
        for index, item in enumerate(value):
            _check(doc, item, schema.get("items", {}), (*path, index))
    elif isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            raise doc.fail(path, "must not be empty" if schema["minLength"] == 1 else "is too short")
        if len(value) > schema.get("maxLength", len(value)):
            raise doc.fail(path, f"is {len(value)} characters long, at most {schema['maxLength']} allowed")
        if schema.get("format") == "date-time":
            try:
                parse_time(value)
            except ValueError as exc:
                reason = str(exc) if "UTC offset" in str(exc) else "is not an ISO 8601 date and time"
                raise doc.fail(path, f"'{value}' {reason}") from None
    elif _is(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            raise doc.fail(path, f"{value} is below the minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise doc.fail(path, f"{value} is above the maximum {schema['maximum']}")


def _check_object(doc: Located, value: dict[str, Any], schema: dict[str, Any], path: PathKey) -> None:
    for name in schema.get("required", []):
        if name not in value:
            raise doc.fail((*path, name), "is required but missing")
    properties: dict[str, Any] = schema.get("properties", {})
    for name, item in value.items():
        if name not in properties:
            if schema.get("additionalProperties", True) is False:
                known = ", ".join(properties)
                raise doc.fail((*path, name), f"unknown field (known here: {known})")
            continue
        _check(doc, item, properties[name], (*path, name))


def _json_kind(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if (name == "boolean" and isinstance(value, bool)) or (name != "boolean" and _is(value, name)):
            return name
    return type(value).__name__
