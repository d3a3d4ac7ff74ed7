"""Reading catalog fields that arrive as a string, a number, a list of them, or not at all."""

from __future__ import annotations

from typing import Any


def strings(value: Any) -> tuple[str, ...]:
    """A field as a tuple of non-empty strings, whether the service sent a string, list or null."""
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return (text,) if text else ()
    if isinstance(value, list | tuple):
        return tuple(s for item in value for s in strings(item))
    return ()


def first(value: Any) -> str | None:
    """The first of a field's strings, or None."""
    found = strings(value)
    return found[0] if found else None


def surname(name: str) -> str:
    """``"Grey, Ian"`` or ``"Ian Grey"`` -> ``"Grey"``; empty for an empty name."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    return name.split()[-1] if name.split() else ""
