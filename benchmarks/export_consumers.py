"""The talk's exports read by the programs that consume them; prints what each one says.

Checks the example talk against the stand-in services (tests/e2e/talk_world.py), exports its
works as BibTeX, CSL-JSON and RIS, and runs: biber's data-model validation (``biber --tool
--validate-datamodel``, Debian's biber), pybtex (parse, then format with the ``plain`` style in
strict mode), citeproc-py (a bibliography in the Harvard style it ships) and rispy.

    python benchmarks/export_consumers.py [--keep DIR]

Each line is ``consumer: result``; the script exits 0 whatever the consumers say.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "src"))

import responses  # noqa: E402
import talk_world  # noqa: E402

from citecheck.bib import load_bibliography  # noqa: E402
from citecheck.check import check  # noqa: E402
from citecheck.config import Settings  # noqa: E402
from citecheck.export import items_from_report, to_bibtex, to_csljson, to_ris  # noqa: E402
from citecheck.http import HttpClient  # noqa: E402


def export_talk(folder: Path) -> int:
    """The talk's works in the three formats, in ``folder``; the number of works."""
    with (
        tempfile.TemporaryDirectory() as cache,
        responses.RequestsMock(assert_all_requests_are_fired=False) as mock,
    ):
        mock.add_callback(responses.GET, re.compile(r".*"), callback=talk_world.answer_mocked)
        settings = Settings(cache_dir=Path(cache), max_retries=1)
        http = HttpClient(settings, sleep=lambda _seconds: None)
        report = check(
            REPO / "examples" / "truth-about-stalin.txt",
            bibliography=REPO / "references.bib",
            settings=settings,
            http=http,
        )
    items = items_from_report(report, load_bibliography(REPO / "references.bib")).items
    (folder / "talk.bib").write_text(to_bibtex(items), encoding="utf-8")
    (folder / "talk.json").write_text(to_csljson(items), encoding="utf-8")
    (folder / "talk.ris").write_text(to_ris(items), encoding="utf-8", newline="")
    return len(items)


def biber(bib: Path) -> str:
    if shutil.which("biber") is None:
        return "not installed"
    run = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", f"--output-file={bib}.out", str(bib)],
        cwd=bib.parent,  # biber writes its log (.blg) into the working directory
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (run.stdout + run.stderr).splitlines()
    errors = [line for line in lines if line.startswith("ERROR")]
    warns = [line for line in lines if line.startswith("WARN")]
    shown = "; ".join(line.split(" - ", 1)[-1] for line in (errors + warns)[:6])
    return f"exit {run.returncode}, {len(errors)} errors, {len(warns)} warnings" + (
        f" ({shown})" if shown else ""
    )


def pybtex(bib: Path) -> str:
    import pybtex.database
    import pybtex.errors
    import pybtex.plugin

    pybtex.errors.set_strict_mode(True)
    try:
        data = pybtex.database.parse_file(str(bib))
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")()
        formatted = list(style.format_bibliography(data).entries)
    except Exception as error:  # a consumer's failure is the figure reported
        return f"failed: {type(error).__name__}: {error}"
    return f"{len(formatted)} entries formatted, no error"


def citeproc(csl_json: Path) -> str:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            source = CiteProcJSON(json.loads(csl_json.read_text("utf-8")))
            style = CitationStylesStyle("harvard-cite-them-right", validate=False)
            bibliography = CitationStylesBibliography(style, source, formatter.plain)
            for key in source:
                bibliography.register(Citation([CitationItem(key)]))
            rendered = [str(entry) for entry in bibliography.bibliography()]
        except Exception as error:  # a consumer's failure is the figure reported
            return f"failed: {type(error).__name__}: {error}"
    said = "; ".join(sorted({str(w.message)[:80] for w in caught}))
    return f"{len(rendered)} entries rendered, {len(caught)} warnings" + (
        f" ({said})" if said else ""
    )


def rispy(ris: Path) -> str:
    import rispy

    try:
        with ris.open(encoding="utf-8", newline="") as handle:
            entries = rispy.load(handle)
    except Exception as error:  # a consumer's failure is the figure reported
        return f"failed: {type(error).__name__}: {error}"
    types = ", ".join(sorted({str(e.get("type_of_reference")) for e in entries}))
    return f"{len(entries)} records read ({types})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the exports into this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="citecheck-exports-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"works exported: {export_talk(folder)} (into {folder})")
    print(f"biber: {biber(folder / 'talk.bib')}")
    print(f"pybtex: {pybtex(folder / 'talk.bib')}")
    print(f"citeproc-py: {citeproc(folder / 'talk.json')}")
    print(f"rispy: {rispy(folder / 'talk.ris')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
