"""The report as JSON: every field of the Report, stable keys, enums as their string values.

The shape follows the model's dataclasses field by field (see ``schema.json``), so ``load_report``
can rebuild exactly the Report that was written.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from citecheck import model
from citecheck.model import Report

__all__ = [
    "SCHEMA_VERSION",
    "generate_schema",
    "load_report",
    "render_json",
    "report_from_dict",
    "report_to_dict",
    "schema",
]

SCHEMA_VERSION = 1


def _to_plain(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_to_plain(item) for item in value]
    return value


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, with ``schema_version`` first."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(_to_plain(report))
    return data


def render_json(report: Report) -> str:
    """The report as indented JSON text."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _from_plain(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return _from_plain(inner, value, where)
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(
                _from_plain(args[0], item, f"{where}[{i}]") for i, item in enumerate(value)
            )
        return tuple(
            _from_plain(a, item, f"{where}[{i}]")
            for i, (a, item) in enumerate(zip(args, value, strict=True))
        )
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from error
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object, got {type(value).__name__}")
        hints = _hints(hint)
        kwargs = {
            f.name: _from_plain(hints[f.name], value[f.name], f"{where}.{f.name}")
            for f in dataclasses.fields(hint)
            if f.name in value
        }
        return hint(**kwargs)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool) and not isinstance(value, hint):
        raise ValueError(f"{where}: expected {hint.__name__}, got {type(value).__name__}")
    return value


def report_from_dict(data: dict[str, Any]) -> Report:
    """Rebuild a Report from ``report_to_dict`` data; ValueError on a wrong schema version or shape."""
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValueError(f"report schema_version {version!r} is not {SCHEMA_VERSION}")
    body = {key: value for key, value in data.items() if key != "schema_version"}
    rebuilt: Report = _from_plain(Report, body, "report")
    return rebuilt


def load_report(text: str) -> Report:
    """Rebuild a Report from the JSON text ``render(report, "json")`` wrote."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not a JSON report: {error}") from error
    if not isinstance(data, dict):
        raise ValueError("not a JSON report: the top level is not an object")
    return report_from_dict(data)


def _schema_of(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        (inner,) = [option for option in typing.get_args(hint) if option is not type(None)]
        return {"anyOf": [_schema_of(inner, definitions), {"type": "null"}]}
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_of(args[0], definitions)}
        return {
            "type": "array",
            "prefixItems": [_schema_of(a, definitions) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if isinstance(hint, type) and issubclass(hint, Enum):
        definitions.setdefault(hint.__name__, {"type": "string", "enum": [m.value for m in hint]})
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if hint.__name__ not in definitions:
            definitions[
                hint.__name__
            ] = {}  # a placeholder while its fields (maybe itself) are built
            hints = _hints(hint)
            properties = {
                f.name: _schema_of(hints[f.name], definitions) for f in dataclasses.fields(hint)
            }
            definition: dict[str, Any] = {"type": "object"}
            doc = (hint.__doc__ or "").strip().splitlines()
            if doc and not doc[0].startswith(f"{hint.__name__}("):
                definition["description"] = doc[0]
            definition |= {
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            }
            definitions[hint.__name__] = definition
        return {"$ref": f"#/$defs/{hint.__name__}"}
    return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[hint]}


def generate_schema() -> dict[str, Any]:
    """The JSON Schema of ``report_to_dict`` output, derived from the model (what schema.json holds)."""
    definitions: dict[str, Any] = {}
    _schema_of(Report, definitions)
    root = definitions.pop("Report")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://citecheck.invalid/report/schema.json",
        "title": "citecheck report",
        "description": "The JSON output of `citecheck check --format json`: every field of the Report, enums as strings.",
        "type": "object",
        "properties": {"schema_version": {"const": SCHEMA_VERSION}, **root["properties"]},
        "required": ["schema_version", *root["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON report, as shipped in ``schema.json``."""
    text = resources.files("citecheck.report").joinpath("schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
