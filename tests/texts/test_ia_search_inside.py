"""Search inside lending-library books: snippets placed on scan leaves, mapped to printed pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import responses

from citecheck.errors import (
    MalformedResponse,
    NotSearchable,
    RateLimited,
    ServiceError,
    SourceUnavailable,
)
from citecheck.http import HttpClient
from citecheck.model import Edition, Identifiers
from citecheck.texts.ia_search_inside import (
    InternetArchiveSearchInside,
    clean_snippet,
    distinctive_phrases,
    hits_from_inside,
    parse_inside_response,
)
from citecheck.texts.pagemap import EMPTY_PAGE_MAP, page_map_from_pairs

LENDING_ID = "greatconspiracy0000saye"
SERVER = "https://ia800300.us.archive.org"
INSIDE = f"{SERVER}/fulltext/inside.php"
DAVIES = (
    "All of these trials, purges and liquidations, which seemed so violent at the time and shocked "
    "the world, are now quite clearly a part of a vigorous and determined effort of the Stalin "
    "government to protect itself....There were no Fifth columnists in Russia in 1941."
)


def book(*identifiers: str) -> Edition:
    return Edition(
        title="The Great Conspiracy", identifiers=Identifiers(internetarchive=identifiers)
    )


def _json(texts_dir: Path, name: str) -> dict[str, object]:
    return json.loads((texts_dir / "ia" / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ distinctive phrases


def test_phrases_have_between_four_and_eight_words() -> None:
    phrases = distinctive_phrases(DAVIES)
    assert phrases and all(4 <= len(p.split()) <= 8 for p in phrases)


def test_phrases_never_cross_an_ellipsis() -> None:
    phrases = distinctive_phrases(DAVIES, n=10)
    assert not any("itself There" in p for p in phrases)


def test_phrases_do_not_overlap() -> None:
    words = [w.strip(",.") for w in DAVIES.replace("....", " ").split()]
    spans = []
    for phrase in distinctive_phrases(DAVIES, n=3):
        size = len(phrase.split())
        start = next(i for i in range(len(words)) if " ".join(words[i : i + size]) == phrase)
        spans.append(range(start, start + size))
    assert len(spans) == 3
    assert all(not set(a) & set(b) for a in spans for b in spans if a is not b)


def test_phrases_never_cross_a_spaced_hyphen() -> None:
    phrases = distinctive_phrases(
        "between Lenin and Trotsky - dissensions from which our Government hoped much", n=5
    )
    assert not any("Trotsky dissensions" in p for p in phrases)


def test_phrases_prefer_rare_words_to_stopwords() -> None:
    best = distinctive_phrases(
        "it is in the and of the to it was purges and liquidations which seemed so violent"
    )[0]
    assert "liquidations" in best


def test_phrases_drop_punctuation_for_exact_word_search() -> None:
    phrases = distinctive_phrases(
        '"He strikes me as a man who would willingly die fighting for Russia"'
    )
    assert all('"' not in p and "," not in p for p in phrases)


def test_phrases_ask_for_at_most_n() -> None:
    assert len(distinctive_phrases(DAVIES, n=2)) == 2


def test_short_quotation_is_searched_whole() -> None:
    assert distinctive_phrases("dissensions from which") == ["dissensions from which"]


def test_phrases_skip_bracketed_interpolations() -> None:
    phrases = distinctive_phrases("the trials [of 1937] were a vigorous and determined effort", n=5)
    assert not any("1937" in p for p in phrases)


# ------------------------------------------------------------------ parsing inside.php


def test_curly_markers_are_removed_from_snippets() -> None:
    assert clean_snippet("were {{{no}}} {{{Fifth}}}  Columnists") == "were no Fifth Columnists"


def test_default_markers_are_removed_from_snippets() -> None:
    assert clean_snippet("day <IA_FTS_MATCH>Trotsky</IA_FTS_MATCH> came") == "day Trotsky came"


def test_match_leaf_comes_from_its_word_boxes(texts_dir: Path) -> None:
    result = parse_inside_response(
        _json(texts_dir, f"inside-php_{LENDING_ID}_q-no-fifth-columnists.json")
    )
    assert result.matches[0].leaves == (350,)


def test_marked_terms_are_kept(texts_dir: Path) -> None:
    result = parse_inside_response(
        _json(texts_dir, f"inside-php_{LENDING_ID}_q-Trotsky_default-markers.json")
    )
    assert result.matches[0].marked_terms == ("Trotsky",)


def test_hit_printed_page_comes_from_the_mapping_not_the_leaf(texts_dir: Path) -> None:
    result = parse_inside_response(
        _json(texts_dir, f"inside-php_{LENDING_ID}_q-no-fifth-columnists.json")
    )
    hits = hits_from_inside(
        result, page_map_from_pairs([(349, "325"), (350, "326")]), identifier=LENDING_ID
    )
    assert (hits[0].leaf, hits[0].printed) == (350, "326")


def test_hit_without_a_mapping_has_no_printed_page(texts_dir: Path) -> None:
    result = parse_inside_response(
        _json(texts_dir, f"inside-php_{LENDING_ID}_q-no-fifth-columnists.json")
    )
    hits = hits_from_inside(result, EMPTY_PAGE_MAP, identifier=LENDING_ID)
    assert (hits[0].leaf, hits[0].printed) == (350, None)


def test_hit_on_an_unnumbered_plate_has_no_printed_page(texts_dir: Path) -> None:
    result = parse_inside_response(
        _json(texts_dir, f"inside-php_{LENDING_ID}_q-Trotsky_default-markers.json")
    )
    hits = hits_from_inside(
        result, page_map_from_pairs([(40, "30"), (42, None), (43, "32")]), identifier=LENDING_ID
    )
    assert [(h.leaf, h.printed) for h in hits] == [(40, "30"), (42, None)]


def test_leaf0_missing_shifts_the_viewer_link_but_not_the_leaf() -> None:
    data = {
        "ia": "x",
        "q": "y",
        "indexed": True,
        "leaf0_missing": True,
        "matches": [{"text": "t", "par": [{"page": 5, "boxes": [{"page": 5}]}]}],
    }
    hits = hits_from_inside(parse_inside_response(data), EMPTY_PAGE_MAP, identifier="x")
    assert hits[0].leaf == 5
    assert hits[0].scan_url.endswith("/x/page/n4")


def test_leaf0_present_keeps_the_viewer_link_on_the_leaf() -> None:
    data = {
        "ia": "x",
        "q": "y",
        "leaf0_missing": False,
        "matches": [{"text": "t", "par": [{"page": 5}]}],
    }
    hits = hits_from_inside(parse_inside_response(data), EMPTY_PAGE_MAP, identifier="x")
    assert hits[0].scan_url.endswith("/x/page/n5")


def test_no_matches_is_an_empty_result() -> None:
    assert (
        parse_inside_response({"ia": "x", "q": "y", "indexed": True, "matches": []}).matches == ()
    )


def test_not_indexed_is_recorded() -> None:
    assert not parse_inside_response({"ia": "x", "q": "y", "matches": [], "indexed": False}).indexed


def test_error_key_is_recorded() -> None:
    result = parse_inside_response(
        {"ia": "x", "q": "", "matches": [], "error": "You must enter a query."}
    )
    assert result.error == "You must enter a query."


def test_matches_that_are_not_a_list_are_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_inside_response({"ia": "x", "matches": {"text": "t"}})


def test_answer_that_is_not_an_object_is_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_inside_response(["not", "an", "object"])


@pytest.mark.contract
def test_real_sample_without_markers_is_placed_by_its_boxes(shared_samples: Path) -> None:
    data = json.loads(
        (
            shared_samples / "internetarchive" / "inside-php_Svoboda-1910-01_q-Krenytska.json"
        ).read_text(encoding="utf-8")
    )
    result = parse_inside_response(data)
    assert result.matches[0].leaves == (2,)
    assert result.matches[0].marked_terms == ()
    assert not result.leaf0_missing


@pytest.mark.contract
def test_real_sample_with_default_markers_gives_two_leaves(shared_samples: Path) -> None:
    path = (
        shared_samples
        / "internetarchive"
        / "inside-php_podillya_vidomosti_doc-PEV.1885_default-markers.json"
    )
    result = parse_inside_response(json.loads(path.read_text(encoding="utf-8")))
    assert [m.leaves for m in result.matches] == [(807,), (1437,)]
    assert "IA_FTS_MATCH" not in result.matches[0].snippet
    assert result.matches[0].marked_terms == ("Шумилова",)


# ------------------------------------------------------------------ the provider


def _mock_lending_item(texts_dir: Path, *, mapping_status: int = 200) -> None:
    responses.get(
        f"https://archive.org/metadata/{LENDING_ID}",
        json=_json(texts_dir, f"metadata_{LENDING_ID}.json"),
    )
    base = f"https://archive.org/download/{LENDING_ID}/{LENDING_ID}"
    page_numbers = _json(texts_dir, "greatconspiracy00saye_page_numbers.json")
    if mapping_status == 200:
        responses.get(f"{base}_page_numbers.json", json=page_numbers)
    else:
        responses.get(f"{base}_page_numbers.json", status=mapping_status)
        responses.get(f"{base}_scandata.xml", status=mapping_status)


@responses.activate
def test_provider_sends_item_doc_path_and_phrase(http: HttpClient, texts_dir: Path) -> None:
    _mock_lending_item(texts_dir)
    responses.get(
        INSIDE, json=_json(texts_dir, f"inside-php_{LENDING_ID}_q-no-fifth-columnists.json")
    )
    InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")
    sent = next(c.request for c in responses.calls if "inside.php" in (c.request.url or ""))
    assert sent.params["item_id"] == LENDING_ID
    assert sent.params["doc"] == LENDING_ID
    assert sent.params["path"] == f"/12/items/{LENDING_ID}"
    assert sent.params["q"] == '"no Fifth Columnists in Russia"'


@responses.activate
def test_provider_gives_printed_page_326_for_a_lending_item(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_lending_item(texts_dir)
    responses.get(
        INSIDE, json=_json(texts_dir, f"inside-php_{LENDING_ID}_q-no-fifth-columnists.json")
    )
    hits = InternetArchiveSearchInside(http).search(
        book(LENDING_ID), "no Fifth Columnists in Russia"
    )
    assert [(h.leaf, h.printed) for h in hits] == [(350, "326")]
    assert hits[0].scan_url.startswith(f"https://archive.org/details/{LENDING_ID}/page/n")


@responses.activate
def test_provider_says_printed_none_when_the_mapping_is_refused(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_lending_item(texts_dir, mapping_status=403)
    responses.get(
        INSIDE, json=_json(texts_dir, f"inside-php_{LENDING_ID}_q-no-fifth-columnists.json")
    )
    hits = InternetArchiveSearchInside(http).search(
        book(LENDING_ID), "no Fifth Columnists in Russia"
    )
    assert [(h.leaf, h.printed) for h in hits] == [(350, None)]


@responses.activate
def test_provider_gives_no_hits_for_an_empty_result(http: HttpClient, texts_dir: Path) -> None:
    _mock_lending_item(texts_dir)
    responses.get(INSIDE, json={"ia": LENDING_ID, "q": "x", "indexed": True, "matches": []})
    assert (
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "a phrase not in the book") == []
    )


@responses.activate
def test_provider_raises_not_searchable_for_an_unindexed_book(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_lending_item(texts_dir)
    responses.get(INSIDE, json={"ia": LENDING_ID, "q": "x", "matches": [], "indexed": False})
    with pytest.raises(NotSearchable):
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")


@responses.activate
def test_provider_raises_service_error_for_an_error_answer(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_lending_item(texts_dir)
    responses.get(
        INSIDE, json={"ia": LENDING_ID, "q": "", "matches": [], "error": "You must enter a query."}
    )
    with pytest.raises(ServiceError, match="You must enter a query"):
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")


@responses.activate
def test_provider_gives_no_hits_for_an_unknown_item(http: HttpClient) -> None:
    responses.get("https://archive.org/metadata/nosuchitem", json={})
    assert (
        InternetArchiveSearchInside(http).search(book("nosuchitem"), "anything at all here") == []
    )


def test_provider_never_gives_whole_pages(http: HttpClient) -> None:
    assert InternetArchiveSearchInside(http).pages(book(LENDING_ID)) is None


@responses.activate
def test_timeout_of_inside_php_becomes_source_unavailable(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_lending_item(texts_dir)
    responses.get(INSIDE, body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(SourceUnavailable):
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")


@responses.activate
def test_429_of_inside_php_becomes_rate_limited(http: HttpClient, texts_dir: Path) -> None:
    _mock_lending_item(texts_dir)
    responses.get(INSIDE, status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")


@responses.activate
def test_500_of_inside_php_becomes_service_error(http: HttpClient, texts_dir: Path) -> None:
    _mock_lending_item(texts_dir)
    responses.get(INSIDE, status=500)
    with pytest.raises(ServiceError):
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")


@responses.activate
def test_html_instead_of_json_from_inside_php_is_malformed(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_lending_item(texts_dir)
    responses.get(
        INSIDE, body="<html><body>Service unavailable</body></html>", content_type="text/html"
    )
    with pytest.raises(MalformedResponse):
        InternetArchiveSearchInside(http).search(book(LENDING_ID), "no Fifth Columnists in Russia")
