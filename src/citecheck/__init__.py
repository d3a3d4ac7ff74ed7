"""citecheck: extract the quotations of a document, resolve the cited works, verify each passage."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
