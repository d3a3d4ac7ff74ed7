"""HathiTrust Bibliographic API: records, volumes and rights; identifier look-ups; faults."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from citecheck.config import Settings
from citecheck.errors import MalformedResponse, RateLimited, ServiceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Identifiers, Provenance, Service, TextAccess
from citecheck.services import Catalog, IdentifierCatalog
from citecheck.services.hathitrust import (
    MAX_IDS_PER_REQUEST,
    HathiTrustClient,
    access_from_rights,
    edition_from_record,
    parse_brief,
    split_responsibility,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hathitrust"
BASE = "https://catalog.hathitrust.org"
BRIEF = f"{BASE}/api/volumes/brief/json/"
PROVENANCE = Provenance(Service.HATHITRUST, f"{BRIEF}oclc:1287743")


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def sample(shared: Path, name: str) -> Any:
    return json.loads((shared / "hathitrust" / name).read_text(encoding="utf-8"))


def client(max_retries: int = 0) -> HathiTrustClient:
    return HathiTrustClient(HttpClient(Settings(use_cache=False, max_retries=max_retries)))


def brief_url(ids: str) -> re.Pattern[str]:
    """The request URL for ``ids``, whether the client or requests percent-encodes ``|`` or not."""
    escaped = re.escape(BRIEF) + re.escape(ids).replace(r"\|", r"(?:\||%7C)")
    return re.compile(escaped + "$")


# --- parsers ---------------------------------------------------------------------------------


def test_full_view_is_public_text() -> None:
    assert access_from_rights("Full view", "pd") is TextAccess.PUBLIC


def test_limited_search_only_is_search_only_text() -> None:
    assert access_from_rights("Limited (search-only)", "ic") is TextAccess.SEARCH_ONLY


def test_rights_code_decides_when_the_rights_string_is_missing() -> None:
    assert access_from_rights("", "ic") is TextAccess.SEARCH_ONLY


def test_every_volume_of_a_record_is_kept_with_its_rights() -> None:
    [record] = parse_brief(fixture("brief_oclc1287743_mission-to-moscow.json"), PROVENANCE)
    assert [(v.htid, v.access) for v in record.volumes] == [
        ("mdp.39015002931734", TextAccess.SEARCH_ONLY),
        ("uc1.b3461842", TextAccess.SEARCH_ONLY),
    ]


def test_enumcron_false_means_a_single_volume() -> None:
    [record] = parse_brief(fixture("brief_oclc1287743_mission-to-moscow.json"), PROVENANCE)
    assert [v.enumcron for v in record.volumes] == [None, "c.2"]


def test_volume_knows_its_record_url() -> None:
    [record] = parse_brief(fixture("brief_oclc1287743_mission-to-moscow.json"), PROVENANCE)
    assert record.volumes[0].record_url == "https://catalog.hathitrust.org/Record/001262539"


def test_records_given_as_an_empty_list_mean_nothing_was_found() -> None:
    records = parse_brief(
        fixture("brief_two-oclcs_great-conspiracy_one-not-found.json"), PROVENANCE
    )
    assert [r.requested for r in records] == [("oclc:1018399",)]


def test_a_look_up_that_found_nothing_at_all_gives_no_records() -> None:
    assert parse_brief(fixture("brief_lccn_nothing-found.json"), PROVENANCE) == []


def test_the_same_record_found_under_two_identifiers_is_one_record() -> None:
    records = parse_brief(
        fixture("brief_isbn-and-oclc_stalin-man-of-history_same-record.json"), PROVENANCE
    )
    assert [(r.record_number, r.requested) for r in records] == [
        ("000175342", ("isbn:0385147333", "oclc:4591937"))
    ]


def test_repeated_isbns_of_a_record_are_kept_once() -> None:
    [record] = parse_brief(
        fixture("brief_isbn-and-oclc_stalin-man-of-history_same-record.json"), PROVENANCE
    )
    assert record.isbns == ("0385147333",)


def test_edition_takes_the_best_access_of_its_volumes_and_lists_that_volume_first() -> None:
    [record] = parse_brief(
        fixture("brief_two-oclcs_great-conspiracy_one-not-found.json"), PROVENANCE
    )
    edition = edition_from_record(record, PROVENANCE)
    assert (edition.access, edition.identifiers.hathitrust[0]) == (
        TextAccess.PUBLIC,
        "coo.31924013996812",
    )


def test_edition_carries_the_record_identifiers_and_year() -> None:
    [record] = parse_brief(fixture("brief_oclc1287743_mission-to-moscow.json"), PROVENANCE)
    edition = edition_from_record(record, PROVENANCE)
    assert (edition.identifiers.oclc, edition.identifiers.lccn, edition.year) == (
        ("1287743",),
        ("41051617",),
        1941,
    )


def test_statement_of_responsibility_after_a_slash_gives_the_author() -> None:
    assert split_responsibility("Stalin, man of history / Ian Grey.") == (
        "Stalin, man of history",
        ("Ian Grey",),
    )


def test_statement_of_responsibility_after_by_gives_the_author() -> None:
    assert split_responsibility("Mission to Moscow, by Joseph E. Davies ...") == (
        "Mission to Moscow",
        ("Joseph E. Davies",),
    )


def test_a_title_ending_in_a_bare_slash_has_no_author() -> None:
    assert split_responsibility(
        "The great conspiracy : the secret war against Soviet Russia /"
    ) == (
        "The great conspiracy : the secret war against Soviet Russia",
        (),
    )


def test_an_answer_that_is_not_an_object_is_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_brief([], PROVENANCE)


def test_an_answer_whose_entry_is_not_an_object_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="oclc:1"):
        parse_brief({"oclc:1": "error"}, PROVENANCE)


# --- contract: the recorded answers -------------------------------------------------------------


@pytest.mark.contract
def test_recorded_in_copyright_volume_is_search_only(shared_samples: Path) -> None:
    [record] = parse_brief(sample(shared_samples, "bib-api_brief_json_oclc343816212.json"))
    assert [v.access for v in record.volumes] == [TextAccess.SEARCH_ONLY]


@pytest.mark.contract
def test_recorded_repeated_isbn_is_kept_once(shared_samples: Path) -> None:
    [record] = parse_brief(sample(shared_samples, "bib-api_brief_json_oclc343816212.json"))
    assert record.isbns == ("9781606085233",)


@pytest.mark.contract
def test_recorded_escaped_slashes_give_plain_urls(shared_samples: Path) -> None:
    [record] = parse_brief(sample(shared_samples, "bib-api_brief_json_oclc3756332.json"))
    assert record.volumes[1].item_url == "https://hdl.handle.net/2027/uc2.ark:/13960/t9668b513"


@pytest.mark.contract
def test_recorded_public_domain_record_is_public(shared_samples: Path) -> None:
    [record] = parse_brief(sample(shared_samples, "bib-api_brief_json_oclc3756332.json"))
    assert edition_from_record(record, PROVENANCE).access is TextAccess.PUBLIC


@pytest.mark.contract
def test_recorded_multi_id_answer_with_empty_records_keeps_the_found_one(
    shared_samples: Path,
) -> None:
    records = parse_brief(
        sample(shared_samples, "bib-api_brief_json_three-oclcs_TRIMMED-20-of-852-items.json")
    )
    assert [(r.requested, len(r.volumes)) for r in records] == [(("oclc:1586310",), 20)]


@pytest.mark.contract
def test_recorded_enumcron_strings_are_kept(shared_samples: Path) -> None:
    [record] = parse_brief(
        sample(shared_samples, "bib-api_brief_json_three-oclcs_TRIMMED-20-of-852-items.json")
    )
    assert record.volumes[0].enumcron == "v. 1 c.2 1869-70"


@pytest.mark.contract
def test_recorded_reformatted_answer_with_one_id_not_found(shared_samples: Path) -> None:
    records = parse_brief(
        sample(shared_samples, "bib-api_brief_json_two-oclcs_one-empty_REFORMATTED.json")
    )
    assert [(r.record_number, r.volumes[0].access) for r in records] == [
        ("002543988", TextAccess.SEARCH_ONLY)
    ]


# --- client ----------------------------------------------------------------------------------


def test_client_is_an_identifier_catalog_and_not_a_title_catalog() -> None:
    hathitrust = client()
    assert isinstance(hathitrust, IdentifierCatalog) and not isinstance(hathitrust, Catalog)


@responses.activate
def test_volumes_by_oclc_asks_the_brief_json_form() -> None:
    responses.get(
        brief_url("oclc:1287743"), json=fixture("brief_oclc1287743_mission-to-moscow.json")
    )
    volumes = client().volumes_by_oclc(["1287743"])
    assert [v.htid for v in volumes] == ["mdp.39015002931734", "uc1.b3461842"]


@responses.activate
def test_several_identifiers_go_in_one_request_separated_by_bars() -> None:
    responses.get(
        brief_url("oclc:1018399|oclc:999999999"),
        json=fixture("brief_two-oclcs_great-conspiracy_one-not-found.json"),
    )
    volumes = client().volumes_by_oclc(["1018399", "999999999"])
    assert len(responses.calls) == 1 and len(volumes) == 2


@responses.activate
def test_more_identifiers_than_the_limit_are_split_into_several_requests() -> None:
    responses.get(re.compile(re.escape(BRIEF) + ".*"), json={})
    client().volumes_by_oclc([str(n) for n in range(MAX_IDS_PER_REQUEST + 1)])
    assert len(responses.calls) == 2


@responses.activate
def test_volumes_by_isbn_drops_hyphens() -> None:
    responses.get(
        brief_url("isbn:0385147333"),
        json=fixture("brief_isbn-and-oclc_stalin-man-of-history_same-record.json"),
    )
    assert [v.htid for v in client().volumes_by_isbn(["0-385-14733-3"])] == ["mdp.39015004574712"]


@responses.activate
def test_volumes_by_lccn_of_an_unknown_number_is_empty() -> None:
    responses.get(brief_url("lccn:33012345"), json=fixture("brief_lccn_nothing-found.json"))
    assert client().volumes_by_lccn(["33012345"]) == []


@responses.activate
def test_editions_for_identifiers_asks_all_kinds_of_identifier_at_once() -> None:
    responses.get(
        brief_url("oclc:4591937|isbn:0385147333"),
        json=fixture("brief_isbn-and-oclc_stalin-man-of-history_same-record.json"),
    )
    editions = client().editions_for_identifiers(
        Identifiers(isbn=("0385147333",), oclc=("4591937",))
    )
    assert [(e.title, e.authors, e.access) for e in editions] == [
        ("Stalin, man of history", ("Ian Grey",), TextAccess.SEARCH_ONLY)
    ]


def test_editions_for_no_identifiers_makes_no_request() -> None:
    # No responses mock is active: a request would fail on the blocked socket.
    assert client().editions_for_identifiers(Identifiers()) == []


@responses.activate
def test_a_timeout_is_reported_as_an_unavailable_source() -> None:
    responses.get(brief_url("oclc:1"), body=requests.exceptions.ReadTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        client().volumes_by_oclc(["1"])


@responses.activate
def test_429_with_retry_after_is_retried_and_then_answered() -> None:
    responses.get(brief_url("lccn:33012345"), status=429, headers={"Retry-After": "0"})
    responses.get(brief_url("lccn:33012345"), json=fixture("brief_lccn_nothing-found.json"))
    assert client(max_retries=1).volumes_by_lccn(["33012345"]) == []


@responses.activate
def test_429_that_persists_raises_rate_limited() -> None:
    responses.get(brief_url("oclc:1"), status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        client().volumes_by_oclc(["1"])


@responses.activate
def test_500_raises_a_service_error() -> None:
    responses.get(brief_url("oclc:1"), status=500, body="error")
    with pytest.raises(ServiceError):
        client().volumes_by_oclc(["1"])


@responses.activate
def test_a_truncated_body_is_malformed() -> None:
    responses.get(brief_url("oclc:1"), body='{"oclc:1": {"records": {')
    with pytest.raises(MalformedResponse):
        client().volumes_by_oclc(["1"])
