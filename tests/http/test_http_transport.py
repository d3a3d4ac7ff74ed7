"""The HTTP client's finer promises: secrets kept out, sizes, decoding, outcomes, threads, layers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests
import responses

from citecheck.config import Settings, load_settings
from citecheck.errors import NotInCache, RateLimited, ResponseTooLarge, ServiceError, SourceError
from citecheck.http import HttpClient, error_for_status, parse_retry_after, redact_url
from citecheck.model import AttemptOutcome, Service

GB = Service.GOOGLE_BOOKS
IA = Service.INTERNET_ARCHIVE
VOLUMES = "https://www.googleapis.com/books/v1/volumes"
METADATA = "https://archive.org/metadata/x"


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(tmp_path: Path, **settings: object) -> tuple[HttpClient, Sleeps]:
    sleeps = Sleeps()
    values: dict[str, object] = {"cache_dir": tmp_path / "cache", "max_retries": 0}
    values.update(settings)
    return HttpClient(Settings(**values), sleep=sleeps), sleeps  # type: ignore[arg-type]


# --- secrets --------------------------------------------------------------------------------


@responses.activate
def test_an_api_key_is_sent_but_kept_out_of_provenance_and_attempts(tmp_path: Path) -> None:
    responses.get(VOLUMES, json={"totalItems": 0})
    http, _ = client(tmp_path)

    _, provenance = http.get_json(GB, VOLUMES, {"q": "stalin", "key": "SECRET-KEY"})

    assert "key=SECRET-KEY" in (responses.calls[0].request.url or "")
    assert "SECRET" not in provenance.url
    assert all("SECRET" not in a.url and "SECRET" not in a.detail for a in http.attempts)


@responses.activate
def test_an_api_key_never_reaches_the_cache_file(tmp_path: Path) -> None:
    responses.get(VOLUMES, json={"totalItems": 0})
    http, _ = client(tmp_path)
    http.get_json(GB, VOLUMES, {"q": "stalin", "key": "SECRET-KEY"})
    http.close()

    assert http.cache_path is not None
    assert b"SECRET-KEY" not in http.cache_path.read_bytes()


def test_redaction_keeps_the_other_parameters() -> None:
    assert redact_url("https://x/v?q=a&key=K&page=2") == "https://x/v?q=a&page=2"


# --- sizes and bodies -----------------------------------------------------------------------


@responses.activate
def test_a_declared_length_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    responses.get(
        METADATA,
        body=b"{}",
        headers={"Content-Length": "999999"},
        auto_calculate_content_length=False,
    )
    http, _ = client(tmp_path, max_download_bytes=1000)

    with pytest.raises(ResponseTooLarge, match="declares 999999 bytes"):
        http.get_text(IA, METADATA)


@responses.activate
def test_an_answer_over_the_limit_is_not_cached(tmp_path: Path) -> None:
    responses.get(METADATA, body=b"x" * 5000)
    http, _ = client(tmp_path, max_download_bytes=1000)

    for _ in range(2):
        with pytest.raises(ResponseTooLarge):
            http.get_text(IA, METADATA)
    assert len(responses.calls) == 2


@responses.activate
def test_a_utf8_page_without_a_charset_is_read_as_utf8(tmp_path: Path) -> None:
    responses.get(METADATA, body="Сталин — «Человек истории»".encode(), content_type="text/html")
    http, _ = client(tmp_path)

    text, _ = http.get_text(IA, METADATA)

    assert text == "Сталин — «Человек истории»"


@responses.activate
def test_the_raw_bytes_are_kept_for_binary_files(tmp_path: Path) -> None:
    responses.get(METADATA, body=b"\x1f\x8b\x08\x00binary", content_type="application/gzip")
    http, _ = client(tmp_path)
    assert http.get(IA, METADATA).content == b"\x1f\x8b\x08\x00binary"


# --- outcomes -------------------------------------------------------------------------------


@responses.activate
def test_a_404_is_recorded_as_not_found(tmp_path: Path) -> None:
    responses.get(METADATA, status=404)
    http, _ = client(tmp_path)
    with pytest.raises(ServiceError):
        http.get_json(IA, METADATA)
    assert http.attempts[-1].outcome == AttemptOutcome.NOT_FOUND


@responses.activate
def test_a_timeout_is_recorded_as_timed_out(tmp_path: Path) -> None:
    responses.get(METADATA, body=requests.exceptions.ReadTimeout("slow"))
    http, _ = client(tmp_path)
    with pytest.raises(SourceError):
        http.get_json(IA, METADATA)
    assert http.attempts[-1].outcome == AttemptOutcome.TIMED_OUT


@responses.activate
def test_a_cache_answer_is_recorded_as_ok_from_cache(tmp_path: Path) -> None:
    responses.get(METADATA, json={})
    http, _ = client(tmp_path)
    http.get_json(IA, METADATA)
    http.get_json(IA, METADATA)
    assert [a.detail for a in http.attempts] == ["HTTP 200", "from cache"]


def test_offline_without_a_cache_answers_nothing(tmp_path: Path) -> None:
    http, _ = client(tmp_path, offline=True, use_cache=False)
    with pytest.raises(NotInCache, match=r"archive\.org/metadata/x"):
        http.get_json(IA, METADATA)


@responses.activate
def test_a_503_with_retry_after_is_a_rate_limit(tmp_path: Path) -> None:
    responses.get(METADATA, status=503, headers={"Retry-After": "5"})
    http, sleeps = client(tmp_path, max_retries=1)
    with pytest.raises(RateLimited):
        http.get_json(IA, METADATA)
    assert sleeps == [5.0]


def test_every_error_message_ends_with_a_hint() -> None:
    error = error_for_status(403, service="googlebooks", url="https://x")
    assert isinstance(error, ServiceError)
    assert "API key" in str(error)


def test_a_backoff_or_retry_after_date_in_the_past_means_no_wait() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


@responses.activate
def test_a_backoff_longer_than_two_minutes_is_cut_to_two_minutes(tmp_path: Path) -> None:
    responses.get(METADATA, json={}, headers={"Backoff": "3600"})
    responses.get(METADATA + "?n=2", json={})
    http, sleeps = client(tmp_path, use_cache=False)
    http.get_json(IA, METADATA)
    http.get_json(IA, METADATA, {"n": "2"})
    assert max(sleeps) == pytest.approx(120.0, abs=1.0)


# --- threads --------------------------------------------------------------------------------


@responses.activate
def test_concurrent_requests_are_all_counted_and_recorded(tmp_path: Path) -> None:
    responses.get(METADATA, json={})
    http, _ = client(tmp_path, use_cache=False, rate_scale=1000.0)

    threads = [
        threading.Thread(target=http.get_json, args=(IA, METADATA, {"n": str(n)})) for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert http.request_count == 8
    assert len(http.attempts) == 8


# --- settings layers ------------------------------------------------------------------------


def test_the_user_config_file_lives_in_the_user_config_directory(tmp_path: Path) -> None:
    # conftest points XDG_CONFIG_HOME at tmp_path / "xdg-config".
    user = tmp_path / "xdg-config" / "citecheck" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('contact = "user@example.org"\n', encoding="utf-8")
    assert load_settings(environ={}, cwd=tmp_path).contact == "user@example.org"


def test_the_project_file_wins_over_the_user_file_and_loses_to_the_environment(
    tmp_path: Path,
) -> None:
    user = tmp_path / "user.toml"
    user.write_text('max_retries = 1\ntimeout = 5\ncontact = "u@x"\n', encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text("max_retries = 2\ntimeout = 6\n", encoding="utf-8")

    settings = load_settings(environ={"CITECHECK_TIMEOUT": "7"}, cwd=tmp_path, user_file=user)

    assert (settings.contact, settings.max_retries, settings.timeout) == ("u@x", 2, 7.0)


def test_defaults_fill_what_no_layer_sets(tmp_path: Path) -> None:
    settings = load_settings(environ={}, cwd=tmp_path, user_file=tmp_path / "none.toml")
    assert (settings.max_retries, settings.offline, settings.use_cache) == (4, False, True)


def test_a_base_url_table_in_citecheck_toml_reaches_the_client(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text(
        '[base_urls]\nopenlibrary = "http://127.0.0.1:8080/ol"\nzotero = "http://127.0.0.1:8080/z"\n',
        encoding="utf-8",
    )
    settings = load_settings(environ={}, cwd=tmp_path, user_file=tmp_path / "none.toml")
    http = HttpClient(settings)

    assert http.base_url(Service.OPEN_LIBRARY) == "http://127.0.0.1:8080/ol"
    assert http.base_url_for("zotero", "https://api.zotero.org") == "http://127.0.0.1:8080/z"


def test_api_keys_come_from_their_usual_environment_variables(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"GOOGLE_BOOKS_API_KEY": "g", "ZOTERO_API_KEY": "z"},
        cwd=tmp_path,
        user_file=tmp_path / "none.toml",
    )
    assert (settings.google_books_api_key, settings.zotero_api_key) == ("g", "z")


def test_the_user_agent_without_a_contact_still_names_citecheck_and_its_home() -> None:
    agent = HttpClient(Settings(use_cache=False)).user_agent
    assert agent.startswith("citecheck/") and "+https://" in agent and "mailto" not in agent


@responses.activate
def test_concurrent_identical_requests_go_to_the_service_once(tmp_path: Path) -> None:
    responses.get(METADATA, json={"metadata": {}})
    http, _ = client(tmp_path)

    threads = [threading.Thread(target=http.get_json, args=(IA, METADATA)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(responses.calls) == 1
    assert len(http.attempts) == 6


@responses.activate
def test_refresh_asks_again_once_per_run_not_once_per_request(tmp_path: Path) -> None:
    responses.get(METADATA, json={"v": 1})
    client(tmp_path)[0].get_json(IA, METADATA)
    refreshed, _ = client(tmp_path, refresh=True)

    refreshed.get_json(IA, METADATA)
    refreshed.get_json(IA, METADATA)

    assert len(responses.calls) == 2
    assert refreshed.request_count == 1


@responses.activate
def test_a_retry_after_holds_back_the_other_requests_to_that_host(tmp_path: Path) -> None:
    responses.get(METADATA, status=429, headers={"Retry-After": "9"})
    responses.get(METADATA, json={})
    responses.get(METADATA + "?other=1", json={})
    sleeps = Sleeps()
    http = HttpClient(Settings(use_cache=False, max_retries=1), sleep=sleeps, clock=lambda: 0.0)

    http.get_json(IA, METADATA)
    http.get_json(IA, METADATA, {"other": "1"})

    assert sleeps == [9.0, 9.0]


@responses.activate
def test_a_request_that_cannot_be_made_is_not_retried(tmp_path: Path) -> None:
    responses.get(METADATA, body=requests.exceptions.TooManyRedirects("loop"))
    http, _ = client(tmp_path, max_retries=3)

    with pytest.raises(SourceError, match="TooManyRedirects"):
        http.get_json(IA, METADATA)
    assert len(responses.calls) == 1
    assert http.attempts[-1].outcome == AttemptOutcome.FAILED


def test_archive_data_servers_share_one_limit_and_local_ports_do_not() -> None:
    from citecheck.http import rate_key

    assert rate_key("https://ia600608.us.archive.org/fulltext/inside.php") == "archive.org"
    assert rate_key("https://archive.org/metadata/x") == "archive.org"
    assert rate_key("http://127.0.0.1:8001/x") != rate_key("http://127.0.0.1:8002/x")


def test_extra_base_urls_given_on_the_command_line_are_kept_as_a_table(tmp_path: Path) -> None:
    settings = load_settings(
        {"extra_base_urls": {"zotero": "http://127.0.0.1:1/z"}},
        environ={},
        cwd=tmp_path,
        user_file=tmp_path / "none.toml",
    )
    assert settings.base_url_for("zotero", "x") == "http://127.0.0.1:1/z"
