"""Settings are resolved in one order: command line, environment, project file, user file, defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import Settings, load_settings
from citecheck.errors import ConfigError
from citecheck.model import Service


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_point_at_the_real_services() -> None:
    settings = Settings()
    assert settings.base_url(Service.OPEN_LIBRARY) == "https://openlibrary.org"
    assert settings.base_url_for("zotero", "https://api.zotero.org") == "https://api.zotero.org"


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    user = write(tmp_path / "user.toml", 'contact = "user@x"\ntimeout = 5\nmax_retries = 1\n')
    write(tmp_path / "project" / "citecheck.toml", 'contact = "project@x"\ntimeout = 6\n')
    environ = {"CITECHECK_CONTACT": "env@x"}

    settings = load_settings(
        {"contact": "cli@x"}, environ=environ, cwd=tmp_path / "project", user_file=user
    )
    without_cli = load_settings(environ=environ, cwd=tmp_path / "project", user_file=user)
    files_only = load_settings(environ={}, cwd=tmp_path / "project", user_file=user)

    assert settings.contact == "cli@x"
    assert without_cli.contact == "env@x"
    assert files_only.contact == "project@x"
    assert files_only.timeout == 6.0
    assert files_only.max_retries == 1


def test_a_base_url_can_come_from_the_environment_for_a_catalog_or_another_endpoint(
    tmp_path: Path,
) -> None:
    settings = load_settings(
        environ={
            "CITECHECK_OPENLIBRARY_URL": "http://127.0.0.1:8080/ol/",
            "CITECHECK_HATHITRUST_BABEL_URL": "http://127.0.0.1:8080/babel",
        },
        cwd=tmp_path,
        user_file=tmp_path / "none.toml",
    )
    assert settings.base_url(Service.OPEN_LIBRARY) == "http://127.0.0.1:8080/ol"
    assert settings.base_url_for("hathitrust_babel", "x") == "http://127.0.0.1:8080/babel"


def test_a_base_url_can_come_from_the_project_s_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.citecheck.base_urls]\ncrossref = "http://mirror/crossref"\n',
    )
    settings = load_settings(environ={}, cwd=tmp_path, user_file=tmp_path / "none.toml")
    assert settings.base_url(Service.CROSSREF) == "http://mirror/crossref"


def test_a_malformed_config_file_is_named_in_the_error(tmp_path: Path) -> None:
    bad = write(tmp_path / "citecheck.toml", "contact = \n")
    with pytest.raises(ConfigError, match=r"citecheck\.toml"):
        load_settings(environ={}, cwd=tmp_path, user_file=tmp_path / "none.toml")
    assert bad.exists()


def test_an_unknown_setting_is_refused_with_its_name(tmp_path: Path) -> None:
    write(tmp_path / "citecheck.toml", "contcat = 'x'\n")
    with pytest.raises(ConfigError, match="contcat"):
        load_settings(environ={}, cwd=tmp_path, user_file=tmp_path / "none.toml")


def test_offline_from_the_environment_accepts_yes_and_no_words(tmp_path: Path) -> None:
    on = load_settings(environ={"CITECHECK_OFFLINE": "yes"}, cwd=tmp_path, user_file=tmp_path / "n")
    off = load_settings(environ={"CITECHECK_OFFLINE": "0"}, cwd=tmp_path, user_file=tmp_path / "n")
    assert (on.offline, off.offline) == (True, False)
    with pytest.raises(ConfigError, match="CITECHECK_OFFLINE"):
        load_settings(
            environ={"CITECHECK_OFFLINE": "maybe"}, cwd=tmp_path, user_file=tmp_path / "n"
        )


def test_api_keys_never_show_in_the_settings_repr() -> None:
    settings = Settings(zotero_api_key="SECRETKEY123", google_books_api_key="GBKEY")
    assert "SECRETKEY123" not in repr(settings)
    assert "GBKEY" not in repr(settings)


def test_an_unreadable_user_file_is_a_config_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = write(tmp_path / "config" / "config.toml", 'contact = "me@x"\n')
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == user:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ConfigError, match=r"config\.toml: cannot be read \(Permission denied\)"):
        load_settings(environ={}, cwd=tmp_path, user_file=user)


def test_a_user_file_under_a_path_that_is_not_a_folder_counts_as_absent(tmp_path: Path) -> None:
    not_a_folder = write(tmp_path / "config", "")
    settings = load_settings(environ={}, cwd=tmp_path, user_file=not_a_folder / "config.toml")
    assert settings == Settings()


def test_a_user_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_bytes('contact = "se\u00f1or@x"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(environ={}, cwd=tmp_path, user_file=user)
