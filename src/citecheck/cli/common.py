"""Options every networked command shares, and how they become Settings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.config import Settings


def add_settings_arguments(parser: argparse.ArgumentParser) -> None:
    """--cache-dir, --refresh, --offline, --no-cache, --contact, --quiet."""
    group = parser.add_argument_group("network and cache")
    group.add_argument(
        "--cache-dir", type=Path, help="where responses are cached (default: user cache dir)"
    )
    group.add_argument(
        "--refresh", action="store_true", help="ask the services again, ignoring the cache"
    )
    group.add_argument(
        "--offline", action="store_true", help="answer from the cache only; say what is missing"
    )
    group.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    group.add_argument("--contact", help="e-mail address sent to the services in the User-Agent")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def add_source_argument(parser: argparse.ArgumentParser) -> None:
    """``--source [KEY=]FILE``, repeatable: the texts the user owns."""
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="[KEY=]FILE",
        help="a text you own (txt with form feeds or page lines, PDF, EPUB, HTML); "
        "KEY= ties it to a bibliography entry, else it is searched for every quotation",
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings with the command line on top of environment, config files and defaults."""
    from citecheck.config import load_settings

    overrides: dict[str, object] = {}
    if getattr(args, "cache_dir", None):
        overrides["cache_dir"] = args.cache_dir
    if getattr(args, "refresh", False):
        overrides["refresh"] = True
    if getattr(args, "offline", False):
        overrides["offline"] = True
    if getattr(args, "no_cache", False):
        overrides["use_cache"] = False
    if getattr(args, "contact", None):
        overrides["contact"] = args.contact
    if getattr(args, "quiet", False):
        overrides["progress"] = False
    return load_settings(overrides)


def progress_printer(enabled: bool) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A progress callback drawing a bar on stderr when it is a terminal, and a closer."""
    if not enabled or not sys.stderr.isatty():
        return (lambda _message: None), (lambda: None)
    from tqdm import tqdm

    bar: Any = tqdm(total=None, file=sys.stderr, unit="step", leave=False, dynamic_ncols=True)

    def update(message: str) -> None:
        bar.set_description_str(message[:60])
        bar.update(1)

    return update, bar.close


def default_bibliography(document: Path) -> Path | None:
    """references.bib beside the document, else in the working directory."""
    for candidate in (document.parent / "references.bib", Path.cwd() / "references.bib"):
        if candidate.is_file():
            return candidate
    return None
