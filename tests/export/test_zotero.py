"""Export to the Zotero Web API: first run, re-run without duplicates, conflicts, rate limits, failures."""

from __future__ import annotations

import json
import logging

import pytest
import requests
import responses

from citecheck.errors import ConfigError, ExportError
from citecheck.export.items import CITECHECK_TAG, ExportItem, ItemType
from citecheck.export.zotero import (
    MAX_BATCH,
    ExistingItem,
    Outcome,
    ZoteroLibrary,
    ZoteroWebExporter,
    parse_existing_items,
    parse_library,
    parse_write_response,
    zotero_item_data,
)

API = "https://api.zotero.test"
API_KEY = "k3yThatMustNeverLeak0123456789ab"
ITEMS_URL = f"{API}/users/475425/items"


class Clock:
    """Time that passes only when the exporter sleeps: no real waiting, and the waits are recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def exporter(clock: Clock) -> ZoteroWebExporter:
    return ZoteroWebExporter(
        api_key=API_KEY,
        library=ZoteroLibrary("users", "475425"),
        base_url=API,
        sleep=clock.sleep,
        clock=clock,
    )


def _posts(zotero) -> list[list[dict]]:
    return [json.loads(p.body) for p in zotero.posts]


# -- first export -----------------------------------------------------------------------------


def test_first_export_creates_each_work_with_its_metadata_and_the_citecheck_tag(
    zotero, exporter, export_items
):
    result = exporter.export(export_items)
    assert result.count(Outcome.CREATED) == 3
    carr = next(d for d in zotero.parents() if d["title"].startswith("The Bolshevik Revolution"))
    assert carr["itemType"] == "book"
    assert carr["creators"] == [
        {"creatorType": "author", "firstName": "Edward Hallett", "lastName": "Carr"}
    ]
    assert (carr["place"], carr["publisher"], carr["date"], carr["numPages"]) == (
        "London",
        "Macmillan",
        "1951",
        "430",
    )
    assert carr["ISBN"] == "9780393301953"
    assert carr["tags"] == [{"tag": CITECHECK_TAG}]
    assert "OCLC: 2518207\nLCCN: 51001876" in carr["extra"]


def test_first_export_attaches_each_checked_quotation_as_a_child_note_of_its_work(
    zotero, exporter, export_items
):
    exporter.export(export_items)
    carr_key = next(d["key"] for d in zotero.parents() if "citecheck-key: carr-1951" in d["extra"])
    notes = [n for n in zotero.notes() if n["parentItem"] == carr_key]
    assert len(notes) == 2
    assert any(
        "Wording: altered; page: adjacent" in n["note"] and "/page/254" in n["note"] for n in notes
    )
    assert all(n["tags"] == [{"tag": CITECHECK_TAG}] for n in notes)


def test_new_items_are_sent_with_a_write_token_of_32_characters(zotero, exporter, export_items):
    exporter.export(export_items)
    tokens = [p.headers["Zotero-Write-Token"] for p in zotero.posts]
    assert all(len(t) == 32 for t in tokens)
    assert len(set(tokens)) == len(tokens)


def test_a_collection_puts_the_items_into_it_but_not_the_notes(zotero, exporter, export_items):
    exporter.export(export_items, collection="BX9965IJ")
    assert all(d["collections"] == ["BX9965IJ"] for d in zotero.parents())
    assert all("collections" not in n for n in zotero.notes())


def test_writes_go_in_batches_of_at_most_50(zotero, exporter):
    items = [
        ExportItem(key=f"w{i}", item_type=ItemType.BOOK, title=f"Work {i}") for i in range(120)
    ]
    exporter.export(items)
    assert [len(b) for b in _posts(zotero)] == [MAX_BATCH, MAX_BATCH, 20]
    assert len(zotero.parents()) == 120


# -- re-run -----------------------------------------------------------------------------------


def test_a_rerun_adds_no_duplicates_and_reports_the_works_unchanged(zotero, exporter, export_items):
    exporter.export(export_items)
    before = dict(zotero.items)
    result = exporter.export(export_items)
    assert zotero.items.keys() == before.keys()
    assert result.count(Outcome.UNCHANGED) == 3
    assert result.count(Outcome.UNCHANGED, "note") == 4


def test_a_rerun_updates_a_work_whose_edition_changed_in_place(zotero, exporter, export_items):
    exporter.export(export_items)
    changed = [
        ExportItem(**{**_fields(i), "publisher": "Penguin"}) if i.key == "carr-1951" else i
        for i in export_items
    ]
    result = exporter.export(changed)
    assert result.count(Outcome.UPDATED) == 1
    assert len(zotero.parents()) == 3
    assert [d["publisher"] for d in zotero.parents() if d.get("publisher")] == ["Penguin"]


def test_a_rerun_sends_updates_with_key_version_and_if_unmodified_since_version(
    zotero, exporter, export_items
):
    exporter.export(export_items)
    version = zotero.version
    zotero.posts.clear()
    exporter.export([ExportItem(**{**_fields(export_items[0]), "edition": "2nd ed."})])
    update = zotero.posts[0]
    assert update.headers["If-Unmodified-Since-Version"] == str(version)
    assert "Zotero-Write-Token" not in update.headers
    sent = json.loads(update.body)[0]
    assert sent["key"] in zotero.items and sent["version"] >= 1


def test_a_rerun_keeps_the_tags_and_collections_the_user_gave_an_item(
    zotero, exporter, export_items
):
    exporter.export(export_items)
    carr = next(d for d in zotero.parents() if "carr-1951" in d["extra"])
    carr["tags"].append({"tag": "to read"})
    carr["collections"] = ["MYCOLL01"]
    exporter.export(
        [ExportItem(**{**_fields(export_items[0]), "edition": "2nd ed."})], collection="BX9965IJ"
    )
    carr = zotero.items[carr["key"]]
    assert {t["tag"] for t in carr["tags"]} == {CITECHECK_TAG, "to read"}
    assert carr["collections"] == ["MYCOLL01", "BX9965IJ"]


def test_the_lookup_of_earlier_items_pages_through_the_whole_tag(zotero, exporter):
    for i in range(130):
        zotero.add(
            {
                "itemType": "book",
                "title": f"W{i}",
                "extra": f"citecheck-key: w{i}",
                "tags": [{"tag": "citecheck"}],
            }
        )
    found = exporter.fetch_existing()
    assert len(found) == 130
    assert {e.citecheck_key for e in found} == {f"w{i}" for i in range(130)}


# -- conflicts, retries, rate limits ----------------------------------------------------------


def test_a_412_on_an_update_rereads_the_library_and_retries_with_the_new_versions(
    zotero, exporter, export_items
):
    exporter.export(export_items)
    # Someone edits the library between citecheck's read and its write.
    zotero.before_post = lambda: zotero.add(
        {"itemType": "book", "title": "Edited in Zotero", "tags": []}
    )
    zotero.posts.clear()
    result = exporter.export([ExportItem(**{**_fields(export_items[0]), "edition": "2nd ed."})])
    assert result.count(Outcome.UPDATED) == 1
    versions = [p.headers["If-Unmodified-Since-Version"] for p in zotero.posts[:2]]
    assert versions[0] != versions[1]


def test_a_412_that_persists_reports_the_items_as_failed_with_the_reason(
    zotero, exporter, export_items
):
    exporter.export(export_items)
    zotero.queued += [
        (412, {}, "Library has been modified"),
        (412, {}, "Library has been modified"),
    ]
    result = exporter.export([ExportItem(**{**_fields(export_items[0]), "edition": "2nd ed."})])
    assert [o.key for o in result.failed] == ["carr-1951"]
    assert "412" in result.failed[0].reason


def test_a_create_whose_answer_was_lost_is_retried_with_the_same_token_and_not_duplicated(
    zotero, exporter, export_items
):
    zotero.lose_answer_once = True
    result = exporter.export(export_items[:1])
    assert len(zotero.parents()) == 1
    assert (
        zotero.posts[0].headers["Zotero-Write-Token"]
        == zotero.posts[1].headers["Zotero-Write-Token"]
    )
    item = next(o for o in result.objects if o.kind == "item")
    assert (item.outcome, item.zotero_key) == (Outcome.CREATED, zotero.parents()[0]["key"])


def test_a_429_waits_the_retry_after_seconds_then_retries(zotero, exporter, clock, export_items):
    zotero.queued.append((429, {"Retry-After": "7"}, "Too Many Requests"))
    result = exporter.export(export_items[:1])
    assert 7 in clock.sleeps
    assert result.count(Outcome.CREATED) == 1


def test_a_backoff_header_delays_the_next_request(zotero, exporter, clock, export_items):
    zotero.queued.append(
        (
            200,
            {"Backoff": "30"},
            json.dumps(
                {"successful": {}, "success": {"0": "AAAAAAAA"}, "unchanged": {}, "failed": {}}
            ),
        )
    )
    exporter.export(export_items[:1])
    assert clock.sleeps and clock.sleeps[0] == pytest.approx(30)


def test_rate_limiting_that_outlasts_the_retries_is_an_export_error(zotero, exporter, export_items):
    zotero.queued += [(429, {"Retry-After": "1"}, "")] * 5
    with pytest.raises(ExportError, match="429"):
        exporter.export(export_items[:1])


# -- partial failure, bad key -----------------------------------------------------------------


def test_a_partly_failed_batch_says_which_work_failed_and_why_and_keeps_the_rest(
    zotero, exporter, export_items
):
    zotero.refuse["On the Shortcomings of Party Work"] = (
        "'numPages' is not a valid field for type 'newspaperArticle'"
    )
    result = exporter.export(export_items)
    assert [(o.key, o.reason) for o in result.failed if o.kind == "item"] == [
        ("pravda-1937", "400 'numPages' is not a valid field for type 'newspaperArticle'")
    ]
    assert len(zotero.parents()) == 2
    assert result.count(Outcome.CREATED) == 2


def test_the_notes_of_a_work_that_failed_are_reported_failed_not_orphaned(
    zotero, exporter, export_items
):
    zotero.refuse["On the Shortcomings of Party Work"] = "invalid"
    result = exporter.export(export_items)
    failed_notes = [o for o in result.failed if o.kind == "note"]
    assert [o.label for o in failed_notes] == ["q3"]
    assert "pravda-1937" in failed_notes[0].reason
    assert all(n["parentItem"] in zotero.items for n in zotero.notes())


def test_a_bad_key_is_an_export_error_that_says_what_to_check(zotero, clock, export_items):
    exporter = ZoteroWebExporter(
        api_key="wrong",
        library=ZoteroLibrary("users", "475425"),
        base_url=API,
        sleep=clock.sleep,
        clock=clock,
    )
    with pytest.raises(ExportError, match=r"403.*settings/keys"):
        exporter.export(export_items)


def test_no_key_at_all_is_an_export_error_naming_the_setting_and_the_connector(export_items):
    exporter = ZoteroWebExporter(api_key="", library=ZoteroLibrary("users", "1"), base_url=API)
    with pytest.raises(ExportError, match=r"ZOTERO_API_KEY.*connector"):
        exporter.export(export_items)


def test_an_unreachable_api_is_an_export_error_after_the_retries(clock, export_items):
    exporter = ZoteroWebExporter(
        api_key=API_KEY,
        library=ZoteroLibrary("users", "1"),
        base_url=API,
        sleep=clock.sleep,
        clock=clock,
        max_retries=2,
    )
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{API}/users/1/items", body=requests.ConnectionError("refused"))
        with pytest.raises(ExportError, match="could not reach"):
            exporter.export(export_items)
    assert len(clock.sleeps) == 2


def test_the_key_is_masked_if_a_response_ever_echoes_it(zotero, exporter, export_items):
    zotero.queued.append((400, {}, f"bad request for key {API_KEY}"))
    with pytest.raises(ExportError) as error:
        exporter.export(export_items[:1])
    assert API_KEY not in str(error.value)


# -- dry run ----------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_lists_the_requests_it_would_send(
    zotero, exporter, export_items
):
    result = exporter.export(export_items, dry_run=True)
    assert zotero.posts == []
    assert [r.method for r in result.requests] == ["POST", "POST"]
    assert len(result.requests[0].body) == 3 and len(result.requests[1].body) == 4
    assert all("Zotero-API-Key" not in r.headers for r in result.requests)
    assert {o.outcome for o in result.objects} == {Outcome.PLANNED}


def test_a_dry_run_without_a_key_plans_everything_as_new():
    exporter = ZoteroWebExporter(api_key="", library=ZoteroLibrary("users", "1"), base_url=API)
    result = exporter.export(
        [ExportItem(key="k", item_type=ItemType.BOOK, title="T")], dry_run=True
    )
    assert [o.reason for o in result.objects] == ["create"]


# -- item JSON and parsers --------------------------------------------------------------------


def test_fields_a_type_lacks_go_to_extra_with_a_label_zotero_reads():
    letter = ExportItem(
        key="k", item_type=ItemType.LETTER, title="To Lenin", place="Tsaritsyn", publisher=""
    )
    data = zotero_item_data(letter)
    assert "place" not in data
    assert data["extra"].splitlines()[0] == "publisher-place: Tsaritsyn"


def test_the_speaker_of_a_radio_broadcast_is_a_cast_member_and_of_a_speech_its_presenter(
    export_items,
):
    radio = next(i for i in export_items if i.item_type is ItemType.RADIO_BROADCAST)
    assert zotero_item_data(radio)["creators"][0]["creatorType"] == "castMember"
    speech = ExportItem(**{**_fields(radio), "item_type": ItemType.PRESENTATION})
    assert zotero_item_data(speech)["creators"][0]["creatorType"] == "presenter"


def test_a_body_is_written_as_a_single_field_name(export_items):
    pravda = next(i for i in export_items if i.key == "pravda-1937")
    creators = zotero_item_data(pravda)["creators"]
    assert {"creatorType": "translator", "name": "Foreign Languages Publishing House"} in creators


def test_the_write_answer_fixture_parses_into_successful_unchanged_and_failed(fixtures_dir):
    body = json.loads((fixtures_dir / "zotero" / "write_response_partly_failed.json").read_text())
    answer = parse_write_response(body)
    assert answer.successful == {0: "TQ9ZK3LA"}
    assert answer.unchanged == {2: "W8RBE4NX"}
    assert [(f.index, f.code) for f in answer.failed] == [(1, 400)]


def test_the_tagged_items_fixture_parses_into_items_and_notes_with_their_keys(fixtures_dir):
    body = json.loads((fixtures_dir / "zotero" / "items_tagged_citecheck.json").read_text())
    found = parse_existing_items(body)
    assert found[0] == ExistingItem(
        "W8RBE4NX",
        1490,
        "newspaperArticle",
        "pravda-1937",
        tags=("citecheck", "to read"),
        collections=("BX9965IJ",),
    )
    assert (found[1].note_key, found[1].parent_key) == ("pravda-1937#5f1c0a3e9b", "W8RBE4NX")


@pytest.mark.parametrize(
    "text, prefix",
    [("user:475425", "/users/475425"), ("group:678", "/groups/678"), ("users/12", "/users/12")],
)
def test_a_library_is_named_user_or_group_and_a_number(text, prefix):
    assert parse_library(text).prefix == prefix


def test_a_library_that_is_not_user_or_group_is_refused_with_the_form_expected():
    with pytest.raises(ConfigError, match="user:12345"):
        parse_library("me")


def test_debug_logs_name_the_requests_but_never_the_key(zotero, exporter, export_items, caplog):
    caplog.set_level(logging.DEBUG)
    exporter.export(export_items)
    assert "POST https://api.zotero.test/users/475425/items -> 200" in caplog.text
    assert API_KEY not in caplog.text
    assert API_KEY not in repr(exporter)


def _fields(item: ExportItem) -> dict:
    return {name: getattr(item, name) for name in ExportItem.__dataclass_fields__}
