"""The report as Word comments: a copy of the .docx manuscript with a comment on each checked quotation.

The manuscript is read again with the reader that produced the report's text, so each offset of a
quotation maps back onto the ``w:t`` element and character it came from. Runs are split at the
quotation's first and last character (the halves keep the run's formatting, so the text and its
look do not change), and python-docx anchors the comment between them. Nothing else in the package
is touched; the copy is written beside its target and moved into place, and the manuscript itself
is only read.
"""

from __future__ import annotations

import copy
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from citecheck.errors import InputError
from citecheck.extract.textmap import Piece
from citecheck.model import (
    AttemptOutcome,
    ChangeKind,
    Citation,
    PageVerdict,
    Report,
    Verification,
    WordChange,
    WordingVerdict,
)

__all__ = ["AUTHOR", "annotate_docx", "check_annotation_paths", "comment_text"]

AUTHOR = "citecheck"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

_WORDING: dict[WordingVerdict, str] = {
    WordingVerdict.EXACT: "Exact: the source prints these words.",
    WordingVerdict.VARIANT: "Variant: differs from the source only in spelling, capitals, "
    "punctuation or OCR.",
    WordingVerdict.ALTERED: "Altered: words differ from the source.",
    WordingVerdict.OMISSION: "Omission: an ellipsis hides text of the source.",
    WordingVerdict.TRUNCATED: "Truncated: the quotation cuts a sentence of the source.",
    WordingVerdict.SPLICED: "Spliced: pieces from different places are joined as one passage.",
    WordingVerdict.NOT_FOUND: "Not found: the passage is not in the text searched.",
    WordingVerdict.UNVERIFIABLE: "Unverifiable: no text of the source could be reached to check it.",
}


def annotate_docx(manuscript: str | Path, target: str | Path, report: Report) -> int:
    """Write ``target``: the manuscript with one comment per checked quotation; how many."""
    from citecheck.extract.docx import open_docx, word_text
    from citecheck.extract.formats import read_rich_document

    source, out = Path(manuscript), Path(target)
    check_annotation_paths(source, out)
    data = source.read_bytes()
    read_rich_document(data, name=str(source), suffix=source.suffix)  # the reader's own errors
    document = open_docx(data, name=str(source))
    word = word_text(document, name=str(source))
    if word.built.text != report.document.text:
        raise InputError(
            "changed since it was checked; check it again before annotating", path=str(source)
        )
    citations = {c.id: c for c in report.citations}
    placed = 0
    pieces = [p for p in word.built.pieces if _is_text(p.origin)]
    # From the end backwards, so splitting a run never moves an offset still to be placed.
    for verification in sorted(
        report.verifications,
        key=lambda v: (
            -citations[v.citation_id].quotation.span.start if v.citation_id in citations else 0
        ),
    ):
        citation = citations.get(verification.citation_id)
        if citation is None:
            continue
        anchor = _anchor(pieces, citation.quotation.span.start, citation.quotation.span.end)
        if anchor is None:
            continue
        (first_t, first_at), (last_t, last_at) = anchor
        last_run = _split(last_t, last_at)[0]
        before, first_run = _split(first_t, first_at)
        if before is not None and before is last_run:
            last_run = first_run  # both ends in one run: its second half is the quotation
        if first_run is None or last_run is None:
            continue
        _comment(document, first_run, last_run, comment_text(report, citation, verification))
        placed += 1
    _save(document, data, out)
    return placed


def check_annotation_paths(manuscript: str | Path, target: str | Path) -> None:
    """InputError unless the manuscript is a .docx and the target is another file."""
    source, out = Path(manuscript), Path(target)
    if source.suffix.lower() not in (".docx", ".docm"):
        raise InputError("--annotate needs a Word (.docx) manuscript", path=str(source))
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        raise InputError("--annotate must name a new file, never the manuscript", path=str(out))


def comment_text(report: Report, citation: Citation, verification: Verification) -> list[str]:
    """The comment's paragraphs: verdict, what the source prints, page, scan, sources consulted."""
    from citecheck.report.html import scan_links
    from citecheck.report.text import cited_work, source_used

    lines = [f"citecheck {citation.id}: {_WORDING[verification.wording]}"]
    lines.append(f"Cited: {cited_work(report, citation, verification)}" + _cited_page(verification))
    if verification.wording is not WordingVerdict.EXACT:
        lines += [_change_sentence(change) for change in verification.changes]
        for omission in verification.omissions:
            lines.append(f"The ellipsis leaves out {omission.word_count} words: “{omission.text}”.")
        if verification.truncated_before:
            lines.append(f"The sentence begins: “{verification.truncated_before}”.")
        if verification.truncated_after:
            lines.append(f"The sentence goes on: “{verification.truncated_after}”.")
        if verification.source_text and verification.wording in (
            WordingVerdict.VARIANT, WordingVerdict.ALTERED, WordingVerdict.SPLICED,
            WordingVerdict.OMISSION, WordingVerdict.TRUNCATED,
        ):  # fmt: skip
            lines.append(f"The source prints: “{' '.join(verification.source_text.split())}”.")
    lines.append(_page_sentence(verification))
    if verification.edition is not None or verification.text_source is not None:
        lines.append(f"Text checked: {source_used(verification)}.")
    lines += [f"Scan: {label}: {url}" for label, url in scan_links(verification)]
    if verification.wording in (WordingVerdict.UNVERIFIABLE, WordingVerdict.NOT_FOUND):
        consulted = [_attempt(a) for a in verification.attempts]
        lines.append(
            "Sources consulted: "
            + ("; ".join(consulted) if consulted else "none could be tried")
            + "."
        )
    if verification.proposal:
        lines.append("The document names no source for this; the text above was found by search.")
    for step in verification.chain:
        where = f" ({source_used(step)})" if step.edition or step.text_source else ""
        lines.append(f"In the original{where}: {_WORDING[step.wording]}")
    lines += list(verification.notes)
    return lines


def _change_sentence(change: WordChange) -> str:
    meaning = " This changes the meaning." if change.meaning_bearing else ""
    note = f" ({change.note})" if change.note else ""
    if change.kind is ChangeKind.ADDED:
        said = f"Added: the text has “{change.document_words}”, which the source does not print."
    elif change.kind is ChangeKind.REMOVED:
        said = f"Left out: the source prints “{change.source_words}” here."
    else:
        said = (
            f"Changed: the text has “{change.document_words}” "
            f"where the source prints “{change.source_words}”."
        )
    return said + note + meaning


def _cited_page(verification: Verification) -> str:
    return f", p. {verification.cited_page}" if verification.cited_page else ""


def _page_sentence(verification: Verification) -> str:
    found = ", ".join(verification.found_pages)
    cited = verification.cited_page
    if verification.page is PageVerdict.AS_CITED:
        return f"Page: as cited (p. {cited})." if cited else f"Page: found on p. {found}."
    if verification.page is PageVerdict.ADJACENT:
        return f"Page: found on p. {found}, next to p. {cited} as cited."
    if verification.page is PageVerdict.OTHER_PAGE:
        return f"Page: found on p. {found}, not on p. {cited} as cited."
    if verification.page is PageVerdict.IMPOSSIBLE:
        return f"Page: p. {cited} cannot be right (beyond the edition's pages)."
    if found:
        return f"Page: found on p. {found}" + (f"; cited p. {cited}." if cited else ".")
    return "Page: not established."


def _attempt(attempt: Any) -> str:
    outcome = attempt.outcome.value.replace("_", " ")
    detail = f": {attempt.detail}" if attempt.detail else ""
    if attempt.outcome is AttemptOutcome.OK:
        outcome = "reached"
    return f"{attempt.service.value} {attempt.what} ({outcome}{detail})"


def _is_text(origin: object) -> bool:
    return getattr(origin, "tag", None) == f"{_W}t"


def _anchor(
    pieces: list[Piece], start: int, end: int
) -> tuple[tuple[Any, int], tuple[Any, int]] | None:
    """(w:t, offset) of the first character in ``[start, end)`` and (w:t, offset) just past the last."""
    inside = [p for p in pieces if p.start < end and p.start + p.length > start]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    first_at = first.offset + max(0, start - first.start)
    last_at = last.offset + min(last.length, end - last.start)
    return (first.origin, first_at), (last.origin, last_at)


def _split(t: Any, at: int) -> tuple[Any | None, Any | None]:
    """Split the run holding ``t`` before character ``at`` of it: (run before, run from there).

    A side with no text left is None; the other is then the run as it was."""
    run = t.getparent()
    text = t.text or ""
    children = [c for c in run if c.tag != f"{_W}rPr"]
    index = children.index(t)
    nothing_before = at == 0 and index == 0
    nothing_after = at >= len(text) and index == len(children) - 1
    if nothing_before:
        return None, run
    if nothing_after:
        return run, None
    right = copy.deepcopy(run)
    right_children = [c for c in right if c.tag != f"{_W}rPr"]
    for child in right_children[:index]:
        right.remove(child)
    right_t = right_children[index]
    _set_text(right_t, text[at:])
    for child in children[index + 1 :]:
        run.remove(child)
    _set_text(t, text[:at])
    if not text[at:]:
        right.remove(right_t)
    if not text[:at]:
        run.remove(t)
    run.addnext(right)
    return run, right


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _comment(document: Any, first: Any, last: Any, paragraphs: list[str]) -> None:
    from docx.text.run import Run

    comment = document.add_comment(
        [Run(first, document), Run(last, document)],
        text=paragraphs[0],
        author=AUTHOR,
        initials="cc",
    )
    for line in paragraphs[1:]:
        comment.add_paragraph(line)


def _save(document: Any, original: bytes, target: Path) -> None:
    """The manuscript's package with only the parts a comment touches replaced: the main part and
    the comments part (and, when that part is new, the main part's relationships and the content
    types). Every other part is copied byte for byte; python-docx would write them all again in
    its own serialisation."""
    rewritten = io.BytesIO()
    document.save(rewritten)
    main = document.part.partname.lstrip("/")
    folder, _, filename = main.rpartition("/")
    comments = {
        rel.target_part.partname.lstrip("/")
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype == _COMMENTS_REL
    }
    touched = {main, *comments}
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        if not comments <= set(source.namelist()):
            # A new comments part: it needs a relationship and a content type too.
            touched |= {f"{folder}/_rels/{filename}.rels".lstrip("/"), "[Content_Types].xml"}
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        with (
            zipfile.ZipFile(io.BytesIO(original)) as source,
            zipfile.ZipFile(rewritten) as new,
            zipfile.ZipFile(temporary, "w") as out,
        ):
            new_names = set(new.namelist())
            for info in source.infolist():
                if info.filename in touched and info.filename in new_names:
                    out.writestr(info, new.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
                elif info.filename not in touched:
                    out.writestr(info, source.read(info))
            for name in sorted(touched & (new_names - set(source.namelist()))):
                out.writestr(name, new.read(name), compress_type=zipfile.ZIP_DEFLATED)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
