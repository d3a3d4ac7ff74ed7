"""Every real recorded answer in ../shared/api-samples goes through the parser citecheck uses for it.

One contract per file: what the parser must make of it (the facts the sample holds), or, for the
files no citecheck request fetches, why. A sample added to the folder without a contract here fails
``test_every_sample_file_has_a_contract``, so the list cannot silently fall behind the samples.
Skipped when ../shared is not beside the project (the ``shared_samples`` fixture).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from citecheck.errors import ExportError, MalformedResponse
from citecheck.http import HttpResponse
from citecheck.model import Provenance, Service, TextAccess
from citecheck.services import crossref, googlebooks, hathitrust, internetarchive, loc, openlibrary
from citecheck.texts import ia_fts, ia_fulltext, ia_search_inside, pagemap, web

pytestmark = pytest.mark.contract

Check = Callable[[Path], None]
CONTRACTS: dict[str, Check] = {}
NOT_FETCHED: dict[str, str] = {}
"""Samples of answers no citecheck request asks for, with the reason; checked for their shape only."""


def contract(name: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        CONTRACTS[name] = check
        return check

    return register


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def prov(service: Service) -> Provenance:
    return Provenance(service, "https://example.org/recorded")


# --- Crossref ------------------------------------------------------------------------------


@contract("crossref/works_query-ecology_rows2.json")
def _crossref_ecology(path: Path) -> None:
    editions = crossref.parse_works(load(path), prov(Service.CROSSREF))
    assert len(editions) == 2 and all(e.identifiers.doi for e in editions)


@contract("crossref/works_query-widget_cursor-star_has-book-chapters.json")
def _crossref_widget(path: Path) -> None:
    data = load(path)
    editions = crossref.parse_works(data, prov(Service.CROSSREF))
    titled = [i for i in data["message"]["items"] if i.get("title")]
    assert len(editions) == len(titled)
    types = {f.value for e in editions for f in e.facts if f.name == "type"}
    assert {"book-chapter"} <= types


def _crossref_refusal(path: Path) -> None:
    data = load(path)
    assert isinstance(data["message"], list)
    assert crossref.validation_failures(data)
    with pytest.raises(MalformedResponse, match="refused"):
        crossref.parse_works(data, prov(Service.CROSSREF))


for _name in (
    "crossref/journals_rows-things_400_validation-failure_integer-not-valid.json",
    "crossref/members_filter-has-full-text_400_validation-failure_filter-not-available.json",
    "crossref/works-doi_query-author_400_validation-failure_parameter-not-allowed.json",
):
    contract(_name)(_crossref_refusal)


def _response_meta(path: Path) -> None:
    meta = load(path)
    assert isinstance(meta["status"]["code"], int)
    assert meta["request_uri"].startswith("https://api.crossref.org/")
    headers = meta["response_headers"]
    assert "content-type" in headers


for _name in (
    "crossref/journals_rows-things_400_validation-failure_integer-not-valid.response-meta.json",
    "crossref/members_filter-has-full-text_400_validation-failure_filter-not-available.response-meta.json",
    "crossref/works-doi_query-author_400_validation-failure_parameter-not-allowed.response-meta.json",
    "crossref/works_doi-not-found_404.response-meta.json",
    "crossref/works_query-ecology_rows2.response-meta.json",
    "crossref/works_query-widget_cursor-star_has-book-chapters.response-meta.json",
):
    contract(_name)(_response_meta)


@contract("crossref/works_doi-not-found_404.txt")
def _crossref_404(path: Path) -> None:
    body = path.read_text(encoding="utf-8")
    response = HttpResponse(404, body, {"Content-Type": "text/plain"}, prov(Service.CROSSREF))
    with pytest.raises(MalformedResponse):
        response.json()


@contract("crossref/works_query-ecology_rows2.response-meta.json")
def _crossref_polite_pool(path: Path) -> None:
    _response_meta(path)
    assert load(path)["response_headers"]["x-api-pool"] == ["polite"]


# --- Google Books --------------------------------------------------------------------------


@contract("googlebooks/volumes_q-harry-potter_2020.json")
def _gb_harry_potter(path: Path) -> None:
    editions = googlebooks.parse_volumes(load(path), prov(Service.GOOGLE_BOOKS))
    assert len(editions) == 10
    assert any(e.page_count is None for e in editions)


@contract("googlebooks/volumes_q-9781101973394_bare-isbn_country-MY_2021.json")
def _gb_isbn(path: Path) -> None:
    [edition] = googlebooks.parse_volumes(load(path), prov(Service.GOOGLE_BOOKS))
    assert "9781101973394" in edition.identifiers.isbn


@contract("googlebooks/volumes_totalItems-0_no-items-key_2021.json")
def _gb_nothing(path: Path) -> None:
    data = load(path)
    assert "items" not in data
    assert googlebooks.parse_volumes(data, prov(Service.GOOGLE_BOOKS)) == []
    # The same answer read as a page of snippets: no hits, and no error.
    from citecheck.texts.googlebooks_snippets import parse_snippet_hits

    assert parse_snippet_hits(data) == []


# --- Gutendex ------------------------------------------------------------------------------


@contract("gutendex/books_page-1_no-query_2022.json")
def _gutendex(path: Path) -> None:
    books = web.parse_gutendex_books(load(path))
    assert len(books) == 32
    assert all(b.text_url() is None or b.text_url().startswith("https://") for b in books)  # type: ignore[union-attr]
    carol = next(b for b in books if b.id == 46)
    assert carol.authors == ("Dickens, Charles",)
    # "text/html" (page markers) before "text/plain; charset=…"; never the zip.
    assert carol.text_url() == "https://www.gutenberg.org/files/46/46-h/46-h.htm"


# --- HathiTrust ----------------------------------------------------------------------------


@contract("hathitrust/bib-api_brief_json_oclc343816212.json")
def _ht_in_copyright(path: Path) -> None:
    [record] = hathitrust.parse_brief(load(path))
    assert record.volumes and all(v.access != TextAccess.PUBLIC for v in record.volumes)


@contract("hathitrust/bib-api_brief_json_oclc3756332.json")
def _ht_public(path: Path) -> None:
    [record] = hathitrust.parse_brief(load(path))
    assert any(v.access == TextAccess.PUBLIC for v in record.volumes)
    assert "\\/" not in record.record_url


@contract("hathitrust/bib-api_brief_json_three-oclcs_TRIMMED-20-of-852-items.json")
def _ht_three(path: Path) -> None:
    records = hathitrust.parse_brief(load(path))
    assert records
    assert sum(len(r.volumes) for r in records) >= 20


@contract("hathitrust/bib-api_brief_json_two-oclcs_one-empty_REFORMATTED.json")
def _ht_one_empty(path: Path) -> None:
    data = load(path)
    assert any(answer["records"] == [] for answer in data.values())
    assert len(hathitrust.parse_brief(data)) == 1


@contract("hathitrust/babel_429-viewing-limits-page_SERVER-TEMPLATE-unfilled.html")
def _ht_429_page(path: Path) -> None:
    # Served with status 429: the status decides (a rate limit), never the page's wording.
    from citecheck.http import error_for_status

    html = path.read_text(encoding="utf-8")
    assert "exceeded viewing limits" in html
    error = error_for_status(429, service="hathitrust", url="https://babel.hathitrust.org/x")
    assert type(error).__name__ == "RateLimited"


# --- Internet Archive ----------------------------------------------------------------------


@contract("internetarchive/advancedsearch_collection-nasa_rows50.json")
def _ia_advancedsearch(path: Path) -> None:
    data = load(path)
    editions = internetarchive.parse_search(data, prov(Service.INTERNET_ARCHIVE))
    assert len(editions) == len(data["response"]["docs"])


@contract("internetarchive/metadata_Svoboda-1910-01.json")
def _ia_metadata(path: Path) -> None:
    item = internetarchive.parse_item_metadata(load(path))
    assert item is not None
    assert (item.identifier, item.server, item.imagecount) == (
        "Svoboda-1910-01",
        "ia600608.us.archive.org",
        8,
    )
    files = ia_fulltext.parse_item_text_files("Svoboda-1910-01", load(path))
    assert files is not None


@contract("internetarchive/metadata_nasa_collection-item.json")
def _ia_collection(path: Path) -> None:
    item = internetarchive.parse_item_metadata(load(path))
    assert item is not None and item.access != TextAccess.PUBLIC


@contract("internetarchive/djvu-xml_Svoboda-1910-01_TRIMMED-upstream.xml")
def _ia_djvu_svoboda(path: Path) -> None:
    leaves = ia_fulltext.parse_djvu_xml(path.read_bytes())
    assert leaves[0].leaf == 0
    assert any("Креницька" in leaf.text for leaf in leaves if leaf.leaf == 2)


@contract("internetarchive/djvu-xml_goodytwoshoes00newyiala_complete-16-leaves.xml")
def _ia_djvu_goody(path: Path) -> None:
    leaves = ia_fulltext.parse_djvu_xml(path.read_bytes())
    # The first usemap is _0001: leaves are numbered from the file, not from position.
    assert [leaf.leaf for leaf in leaves] == list(range(1, 17))
    assert sum(1 for leaf in leaves if not leaf.text.strip()) >= 4
    assert any(leaf.text.startswith("GOODY TWO SHOES") for leaf in leaves)
    assert not any("&quot;" in leaf.text or "&apos;" in leaf.text for leaf in leaves)
    pages = ia_fulltext.pages_from_ocr(leaves, pagemap.PageMap())
    assert [p.leaf for p in pages] == list(range(1, 17))
    assert all(p.printed is None for p in pages)


@contract("internetarchive/inside-php_Svoboda-1910-01_q-Krenytska.json")
def _ia_inside_svoboda(path: Path) -> None:
    result = ia_search_inside.parse_inside_response(load(path))
    assert result.matches and all(2 in m.leaves for m in result.matches[:1])


@contract("internetarchive/inside-php_podillya_vidomosti_doc-PEV.1885_default-markers.json")
def _ia_inside_markers(path: Path) -> None:
    result = ia_search_inside.parse_inside_response(load(path))
    assert result.matches
    assert not any("IA_FTS_MATCH" in m.snippet for m in result.matches)


@contract("internetarchive/fts-page_production_svoboda_q-Krenytska.json")
def _ia_fts(path: Path) -> None:
    matches = ia_fts.parse_fts_response(load(path))
    assert matches and matches[0].identifier


@contract("internetarchive/scandata_Svoboda-1910-01.xml")
def _ia_scandata(path: Path) -> None:
    mapping = pagemap.parse_scandata(path.read_bytes())
    assert mapping.source == pagemap.PageMapSource.SCANDATA
    assert [entry.leaf for entry in mapping.leaves][:2] == [0, 1]


@contract("internetarchive/page-numbers_oldpers_HEAD-700-bytes-only_TRIMMED-upstream.txt")
def _ia_page_numbers_head(path: Path) -> None:
    # Cut after 700 bytes: a truncated body must be a named failure, never an empty mapping.
    body = path.read_text(encoding="utf-8")
    assert '"format-version": "2"' in body
    response = HttpResponse(
        200, body, {"Content-Type": "application/json"}, prov(Service.INTERNET_ARCHIVE)
    )
    with pytest.raises(MalformedResponse):
        response.json()


NOT_FETCHED["internetarchive/scrape-api_response.json"] = (
    "citecheck searches with advancedsearch.php, not the scrape API"
)

# --- Library of Congress -------------------------------------------------------------------


@contract("loc/item_98688726_item-section-only_docs-2017_WRAPPED.json")
def _loc_2017(path: Path) -> None:
    edition = loc.parse_item(load(path), prov(Service.LIBRARY_OF_CONGRESS))
    assert edition is not None
    assert edition.identifiers.lccn == ("98688726",)
    assert edition.language == "english"
    assert (edition.place, edition.publisher, edition.year) == ("New York", None, 1865)
    assert edition.authors[0] == "G.W. & C.B. Colton & Co."
    assert [f.value for f in edition.facts if f.name == "call_number"] == ["G3701.P3 1865 .G15"]
    assert edition.record_url == "https://www.loc.gov/item/98688726/"


@contract("loc/item_2007680728_item-section-only_notebook-2025.json")
def _loc_2025(path: Path) -> None:
    # The file is the ``item`` object of the answer.
    edition = loc.parse_item({"item": load(path)}, prov(Service.LIBRARY_OF_CONGRESS))
    assert edition is not None
    assert edition.identifiers.lccn == ("2007680728",)
    assert edition.language == "english"
    assert edition.authors == ("Allen & Ginter, sponsor",)
    assert edition.year == 1888
    assert edition.publisher is None
    assert [f.value for f in edition.facts if f.name == "call_number"] == [
        "LOT 13163-06, no. 1 [P&P]"
    ]
    assert edition.record_url == "https://www.loc.gov/item/2007680728/"


# --- Open Library --------------------------------------------------------------------------


@contract("openlibrary/search-json_2020_bookwyrm.json")
def _ol_search_2020(path: Path) -> None:
    data = load(path)
    editions = openlibrary.parse_search(data, prov(Service.OPEN_LIBRARY))
    assert len(editions) == len(data["docs"])


@contract("openlibrary/search-json_2025_relentless-bookworm_2-docs-of-6448_TRIMMED-upstream.json")
def _ol_search_2025(path: Path) -> None:
    editions = openlibrary.parse_search(load(path), prov(Service.OPEN_LIBRARY))
    assert len(editions) == 2
    # Default fields carry no page count: it must stay unknown, not 0.
    assert all(e.page_count is None for e in editions)


@contract("openlibrary/work-editions_OL15832982W.json")
def _ol_editions(path: Path) -> None:
    data = load(path)
    editions = openlibrary.parse_editions(data, prov(Service.OPEN_LIBRARY))
    assert len(editions) == len(data["entries"])


@contract("openlibrary/edition_OL22951843M.json")
def _ol_edition(path: Path) -> None:
    edition = openlibrary.parse_edition(load(path), prov(Service.OPEN_LIBRARY))
    assert edition.page_count and edition.publisher


@contract("openlibrary/edition_OL37044446M_2025_relentless-bookworm.json")
def _ol_edition_2025(path: Path) -> None:
    data = load(path)
    assert isinstance(data["description"], str) and data["description"].startswith("<p>")
    edition = openlibrary.parse_edition(data, prov(Service.OPEN_LIBRARY))
    [description] = [f.value for f in edition.facts if f.name == "description"]
    assert description.startswith("The Time Machine is the novel")
    assert "<" not in description


@contract("openlibrary/work_OL15832982W.json")
def _ol_work(path: Path) -> None:
    data = load(path)
    assert openlibrary.description_text(data["description"]).startswith("First in the Old Kingdom")
    assert openlibrary.parse_work_authors(data) == ("OL382982A",)  # role-wrapped author keys


@contract("openlibrary/work_OL731737W_2025_relentless-bookworm.json")
def _ol_work_2025(path: Path) -> None:
    data = load(path)
    assert openlibrary.description_text(data["description"]).startswith("Anthem is a tale")


@contract("openlibrary/api-books_jscmd-data_ISBN9782070427796.json")
def _ol_books_api(path: Path) -> None:
    found = openlibrary.parse_books_api(load(path), prov(Service.OPEN_LIBRARY))
    assert list(found) == ["ISBN:9782070427796"]


@contract("openlibrary/api-books_jscmd-data_ISBN9780099588986_ebooks-borrow-checkedout_2021.json")
def _ol_books_api_borrow(path: Path) -> None:
    found = openlibrary.parse_books_api(load(path), prov(Service.OPEN_LIBRARY))
    [edition] = found.values()
    # A lending copy ("borrow", checked out) is not a text anyone can read.
    assert edition.access != TextAccess.PUBLIC


NOT_FETCHED["openlibrary/author_OL113611A_2025_relentless-bookworm.json"] = (
    "author names come from search docs; citecheck never fetches an author record"
)

# --- Zotero --------------------------------------------------------------------------------


@contract("zotero/write-response_POST-items_200_full-with-successful_book_web-library.json")
def _zotero_write_full(path: Path) -> None:
    from citecheck.export.zotero import parse_write_response

    data = load(path)
    answer = parse_write_response(data)
    assert answer.successful == {0: data["success"]["0"]}
    assert answer.failed == ()


@contract("zotero/pyzotero_creation_doc_write-response_SIMPLIFIED.json")
def _zotero_write_simplified(path: Path) -> None:
    from citecheck.export.zotero import parse_write_response

    assert parse_write_response(load(path)).successful


@contract("zotero/item_single_format-json.json")
def _zotero_item(path: Path) -> None:
    from citecheck.export.zotero import parse_existing_items

    [item] = parse_existing_items([load(path)])
    assert item.key


@contract("zotero/translation-server_POST-search_isbn-0312558066_web-library.json")
def _zotero_translation(path: Path) -> None:
    from citecheck.export.zotero import parse_write_response

    data = load(path)
    assert isinstance(data, list) and all("data" not in entry for entry in data)
    # Not a write answer: the write parser must refuse it rather than report nothing written.
    with pytest.raises(ExportError):
        parse_write_response(data)


for _name, _why in {
    "zotero/itemFields.json": "the field names citecheck writes (tests/export/test_contract.py)",
    "zotero/itemTypes.json": "the item types citecheck writes (tests/export/test_contract.py)",
    "zotero/schema-extract_book_bookSection_v41.json": "the schema (tests/export/test_contract.py)",
}.items():
    NOT_FETCHED[_name] = _why


# --- the list itself -----------------------------------------------------------------------


def _sample_files(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and p.name not in ("PROVENANCE.md", "ENDPOINTS.md")
    )


def test_every_sample_file_has_a_contract(shared_samples: Path) -> None:
    missing = [
        name
        for name in _sample_files(shared_samples)
        if name not in CONTRACTS and name not in NOT_FETCHED
    ]
    assert missing == []


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_sample_contract(shared_samples: Path, name: str) -> None:
    CONTRACTS[name](shared_samples / name)


@pytest.mark.parametrize("name", sorted(NOT_FETCHED))
def test_samples_citecheck_does_not_fetch_are_at_least_json(
    shared_samples: Path, name: str
) -> None:
    assert load(shared_samples / name)
