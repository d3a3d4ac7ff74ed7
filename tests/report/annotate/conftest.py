"""Manuscripts the tests build themselves (see tests/fixtures/documents/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
sys.path.insert(0, str(DOCUMENTS))

from manuscript import standard_manuscript  # noqa: E402


@pytest.fixture
def documents_dir() -> Path:
    return DOCUMENTS


@pytest.fixture
def manuscript_docx(tmp_path: Path) -> Path:
    """The standard manuscript as a .docx built by python-docx."""
    return standard_manuscript().save(tmp_path / "manuscript.docx")
