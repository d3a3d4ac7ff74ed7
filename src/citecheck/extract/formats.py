"""Which reader a file's bytes need: Word (.docx), OpenDocument (.odt), PDF, or a text reader.

Told by the bytes first (a zip package, ``%PDF-``, an OLE compound file) and by the suffix second,
so a renamed file is still read for what it is, and a file that claims to be a document but is not
gets a message saying what to do. Old binary Word files and password-protected Word files are both
OLE compound files; neither can be read, and each is told apart by its streams.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from citecheck.errors import InputError
from citecheck.model import Document, Problem

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
RICH_SUFFIXES = frozenset({*_WORD_SUFFIXES, ".odt", ".pdf", ".doc", ".dot", ".rtf"})
"""Word, OpenDocument, PDF and the formats refused with a way out (.doc, .rtf)."""
_MAX_UNPACKED = 512 * 2**20


def read_rich_document(
    data: bytes, *, name: str, suffix: str
) -> tuple[Document, tuple[Problem, ...]] | None:
    """A Word, OpenDocument or PDF document read into text; None for a file a text reader reads."""
    suffix = suffix.lower()
    if data.startswith(_OLE):
        raise InputError(_ole_message(data), path=name)
    if data.lstrip()[:5] == b"%PDF-":
        from citecheck.extract.pdf import read_pdf

        return read_pdf(data, name=name)
    if data.startswith(_ZIP):
        kind = _package_kind(data)
        if kind == "too large":
            raise InputError(
                f"unpacks to more than {_MAX_UNPACKED // 2**20} MB, more than any manuscript; "
                "not read",
                path=name,
            )
        if kind == "docx":
            from citecheck.extract.docx import read_docx

            return read_docx(data, name=name)
        if kind == "odt":
            from citecheck.extract.odt import read_odt

            return read_odt(data, name=name)
        if kind.startswith("damaged"):
            raise InputError(
                f"is not a readable {_what(suffix)} ({kind}); "
                "open it in Word or LibreOffice and save it again",
                path=name,
            )
        if suffix in RICH_SUFFIXES:
            raise InputError(
                f"is a zip archive but not a {_what(suffix)} ({kind}); "
                "open it in Word or LibreOffice and save it again",
                path=name,
            )
        raise InputError("is a zip archive, not a document citecheck reads", path=name)
    if suffix == ".rtf" or data.startswith(b"{\\rtf"):
        raise InputError(
            "is an RTF file, which citecheck does not read; save it as .docx or .odt", path=name
        )
    if suffix in RICH_SUFFIXES:
        raise InputError(
            f"is not a readable {_what(suffix)} (the file is damaged or not what its name says); "
            "open it in Word or LibreOffice and save it again",
            path=name,
        )
    return None


def _what(suffix: str) -> str:
    if suffix in _WORD_SUFFIXES:
        return "Word document"
    if suffix == ".odt":
        return "OpenDocument text"
    if suffix == ".pdf":
        return "PDF"
    return "document"


def _ole_message(data: bytes) -> str:
    # Stream names in an OLE directory are UTF-16LE; a full OLE parser is not needed to see them.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (
            "is password-protected (an encrypted Word package); "
            "remove the password in Word (File > Info > Protect Document) and save again"
        )
    if "WordDocument".encode("utf-16-le") in data:
        return (
            "is an old binary Word document (.doc), which citecheck does not read; "
            "save it as .docx in Word or LibreOffice (or: soffice --headless --convert-to docx)"
        )
    return "is an OLE compound file (an old Office format), not a document citecheck reads"


def _package_kind(data: bytes) -> str:
    """'docx', 'odt', or a short description of what the zip holds instead."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            # A zip bomb is refused before any part of it is inflated.
            if sum(info.file_size for info in package.infolist()) > _MAX_UNPACKED:
                return "too large"
            names = set(package.namelist())
            if "mimetype" in names:
                mimetype = package.read("mimetype").strip()
                if mimetype == _ODT_MIMETYPE:
                    return "odt"
                return mimetype.decode("ascii", "replace") or "no mimetype"
            if "[Content_Types].xml" in names:
                return "docx" if any(n.startswith("word/") for n in names) else "other Office file"
            return "no document inside"
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        zlib.error,
        ValueError,
        NotImplementedError,
    ) as error:
        return f"damaged archive: {error}"
