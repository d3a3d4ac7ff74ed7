"""``--zotero user:ID[/COLLECTION]``: a Zotero library as the bibliography and the user's shelf.

Shared by ``check`` and ``export``: the library's items replace the .bib, their attached PDF and
EPUB files are added to the sources, and ``--write-notes`` puts each checked quotation as a note
under its item (Web API, a key with write access), updating the notes a former run wrote.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from citecheck.errors import ConfigError

if TYPE_CHECKING:
    from citecheck.config import Settings
    from citecheck.model import Report
    from citecheck.zotero_library import ZoteroShelf


def add_zotero_arguments(parser: argparse.ArgumentParser, *, notes: bool = True) -> None:
    """``--zotero`` (and, for ``check``, ``--write-notes``)."""
    parser.add_argument(
        "--zotero",
        metavar="user:ID|group:ID[/COLLECTION]",
        help="read the works and their attached PDF/EPUB files from this Zotero library "
        "(Zotero desktop's local API when it runs, else the Web API; user:0 is the user logged "
        "in to Zotero desktop) instead of a .bib",
    )
    if notes:
        parser.add_argument(
            "--write-notes",
            action="store_true",
            help="with --zotero: write each checked quotation as a note under its Zotero item "
            "(Web API; needs ZOTERO_API_KEY with write access); a second run updates them",
        )


def zotero_shelf(args: argparse.Namespace, settings: Settings) -> ZoteroShelf | None:
    """The library named by ``--zotero``, read; None without the option."""
    if not getattr(args, "zotero", None):
        if getattr(args, "write_notes", False):
            raise ConfigError("--write-notes writes to a Zotero library: give it with --zotero")
        return None
    if getattr(args, "bib", None):
        raise ConfigError("give either --bib or --zotero: both name the bibliography")
    from citecheck.export.zotero import ZOTERO_API
    from citecheck.http import default_cache_dir
    from citecheck.zotero_library import LOCAL_API, parse_zotero_source, read_zotero_library

    files = (settings.cache_dir or default_cache_dir()) / "zotero-files"
    shelf = read_zotero_library(
        parse_zotero_source(args.zotero),
        api_key=_api_key(settings),
        base_url=settings.base_url_for("zotero", ZOTERO_API),
        local_url=settings.base_url_for("zotero_local", LOCAL_API),
        files_dir=files,
        timeout=settings.timeout,
        max_retries=settings.max_retries,
        max_download_bytes=settings.max_download_bytes,
    )
    where = "Zotero desktop" if shelf.local else "the Zotero Web API"
    print(
        f"citecheck: {len(shelf.bibliography)} works and {len(shelf.sources)} attached files "
        f"from {args.zotero} ({where})",
        file=sys.stderr,
    )
    return shelf


def write_notes(
    report: Report, shelf: ZoteroShelf, args: argparse.Namespace, settings: Settings
) -> int:
    """Each checked quotation as a note under its item; the number of notes that failed."""
    from citecheck.export import items_from_report
    from citecheck.export.zotero import ZOTERO_API, Outcome, ZoteroWebExporter
    from citecheck.zotero_library import parse_zotero_source

    api_key = _api_key(settings)
    if not api_key:
        raise ConfigError(
            "--write-notes writes through the Zotero Web API and needs a key with write access: "
            "set ZOTERO_API_KEY (https://www.zotero.org/settings/keys); Zotero desktop's local "
            "API is read-only"
        )
    source = parse_zotero_source(args.zotero)
    selection = items_from_report(report, shelf.bibliography)
    items = [item for item in selection.items if item.zotero_key and item.notes]
    exporter = ZoteroWebExporter(
        api_key=api_key,
        library=source.library,
        base_url=settings.base_url_for("zotero", ZOTERO_API),
        max_retries=settings.max_retries,
        timeout=settings.timeout,
    )
    result = exporter.export(items)
    counts = ", ".join(
        f"{n} {outcome.value}" for outcome in Outcome if (n := result.count(outcome, "note"))
    )
    print(f"citecheck: notes in {args.zotero}: {counts or 'none'}", file=sys.stderr)
    for failed in result.failed:
        print(f"citecheck: note {failed.key} not written: {failed.reason}", file=sys.stderr)
    return len(result.failed)


def _api_key(settings: Settings) -> str:
    return settings.zotero_api_key or os.environ.get("ZOTERO_API_KEY", "")
