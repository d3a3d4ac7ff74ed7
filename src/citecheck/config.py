"""Settings, and the one order in which they are resolved.

Precedence, highest first:

1. the command line (the ``overrides`` mapping the CLI builds);
2. the environment: ``CITECHECK_CONTACT``, ``CITECHECK_CACHE_DIR``, ``CITECHECK_OFFLINE``,
   ``CITECHECK_REFRESH``, ``CITECHECK_NO_CACHE``, ``CITECHECK_TIMEOUT``, ``CITECHECK_<NAME>_URL``
   (e.g. ``CITECHECK_OPENLIBRARY_URL``, ``CITECHECK_HATHITRUST_BABEL_URL``),
   ``GOOGLE_BOOKS_API_KEY``, ``ZOTERO_API_KEY``, ``CITECHECK_ZOTERO_LIBRARY``;
3. the project file: ``citecheck.toml`` in the working directory, else ``[tool.citecheck]`` in
   its ``pyproject.toml``;
4. the user file: ``<user config dir>/citecheck/config.toml``;
5. the defaults below.

A config file holds the same names as ``Settings`` fields, with a ``[base_urls]`` table.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError
from citecheck.model import Service

DEFAULT_BASE_URLS: Mapping[Service, str] = {
    Service.OPEN_LIBRARY: "https://openlibrary.org",
    Service.INTERNET_ARCHIVE: "https://archive.org",
    Service.LIBRARY_OF_CONGRESS: "https://www.loc.gov",
    Service.HATHITRUST: "https://catalog.hathitrust.org",
    Service.GOOGLE_BOOKS: "https://www.googleapis.com/books/v1",
    Service.CROSSREF: "https://api.crossref.org",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, resolved once and handed to whoever needs it."""

    base_urls: Mapping[Service, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))
    extra_base_urls: Mapping[str, str] = field(default_factory=dict)
    """Base URLs of endpoints that are not catalogs (e.g. "hathitrust_babel", "zotero")."""
    contact: str = ""
    """An e-mail address sent in the User-Agent (and Crossref's mailto) so services can reach us."""
    cache_dir: Path | None = None
    """None: the user cache directory."""
    use_cache: bool = True
    refresh: bool = False
    offline: bool = False
    timeout: float = 20.0
    max_retries: int = 4
    max_download_bytes: int = 50_000_000
    google_books_api_key: str = ""
    zotero_api_key: str = ""
    zotero_library: str = ""
    """"user:12345" or "group:678"."""
    sources: tuple[str, ...] = ()
    """Source files from the config (``KEY=PATH`` or ``PATH``)."""
    progress: bool = True
    rate_scale: float = 1.0
    """Multiplies every per-host request rate (a local mirror may allow more)."""
    cache_expire_days: float = 30.0
    """How long a cached answer is used before it is asked for again (offline mode uses any age)."""

    def base_url(self, service: Service) -> str:
        return self.base_urls.get(service, DEFAULT_BASE_URLS.get(service, "")).rstrip("/")

    def base_url_for(self, name: str, default: str) -> str:
        """The base URL of a named endpoint that is not a catalog, or ``default``."""
        return self.extra_base_urls.get(name, default).rstrip("/")

    def __repr__(self) -> str:
        # API keys never appear in logs or tracebacks.
        shown = {
            f.name: ("***" if "key" in f.name and getattr(self, f.name) else getattr(self, f.name))
            for f in fields(self)
        }
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"


_BOOL_WORDS = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
    "": False,
}
_SERVICE_BY_NAME = {s.value: s for s in DEFAULT_BASE_URLS}


def _as_bool(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in _BOOL_WORDS:
        raise ConfigError(f"{where}: expected true or false, not {value!r}")
    return _BOOL_WORDS[word]


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    simple = {
        "CITECHECK_CONTACT": "contact",
        "CITECHECK_CACHE_DIR": "cache_dir",
        "CITECHECK_TIMEOUT": "timeout",
        "CITECHECK_MAX_RETRIES": "max_retries",
        "CITECHECK_MAX_DOWNLOAD_BYTES": "max_download_bytes",
        "CITECHECK_RATE_SCALE": "rate_scale",
        "CITECHECK_CACHE_EXPIRE_DAYS": "cache_expire_days",
        "CITECHECK_ZOTERO_LIBRARY": "zotero_library",
        "GOOGLE_BOOKS_API_KEY": "google_books_api_key",
        "CITECHECK_GOOGLE_BOOKS_API_KEY": "google_books_api_key",
        "ZOTERO_API_KEY": "zotero_api_key",
        "CITECHECK_ZOTERO_API_KEY": "zotero_api_key",
    }
    for variable, name in simple.items():
        if environ.get(variable):
            found[name] = environ[variable]
    for variable, name in (("CITECHECK_OFFLINE", "offline"), ("CITECHECK_REFRESH", "refresh")):
        if variable in environ:
            found[name] = _as_bool(environ[variable], variable)
    if "CITECHECK_NO_CACHE" in environ:
        found["use_cache"] = not _as_bool(environ["CITECHECK_NO_CACHE"], "CITECHECK_NO_CACHE")
    urls = {
        variable[len("CITECHECK_") : -len("_URL")].lower(): value
        for variable, value in environ.items()
        if variable.startswith("CITECHECK_") and variable.endswith("_URL") and value
    }
    if urls:
        found["base_urls"] = urls
    return found


def _read_toml(path: Path) -> dict[str, Any] | None:
    """The file's settings, or None when there is no such file."""
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text, as TOML must be ({error.reason})") from error
    except OSError as error:
        # An unreadable folder or file (PermissionError, IsADirectoryError, ...) is named, not
        # skipped: the user's settings would otherwise be ignored without a word.
        reason = error.strerror or type(error).__name__
        raise ConfigError(
            f"{path}: cannot be read ({reason}); fix its permissions or remove it"
        ) from error


def _project_file(cwd: Path) -> tuple[dict[str, Any], str]:
    own = cwd / "citecheck.toml"
    settings = _read_toml(own)
    if settings is not None:
        return settings, str(own)
    pyproject = cwd / "pyproject.toml"
    project = _read_toml(pyproject)
    if project is not None:
        tool = project.get("tool", {})
        section = tool.get("citecheck", {}) if isinstance(tool, dict) else {}
        return (section if isinstance(section, dict) else {}), f"{pyproject} [tool.citecheck]"
    return {}, ""


def user_config_path() -> Path:
    """Where the user's config file lives."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("citecheck")) / "config.toml"


_FIELD_NAMES = {f.name for f in fields(Settings)}


def _apply(settings: Settings, layer: Mapping[str, Any], where: str) -> Settings:
    changes: dict[str, Any] = {}
    for name, value in layer.items():
        if name in ("base_urls", "extra_base_urls"):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: {name} must be a table of name = URL")
            catalogs = dict(settings.base_urls)
            extra = dict(settings.extra_base_urls)
            for service_name, url in value.items():
                key = str(service_name).lower().replace("-", "_")
                if key in _SERVICE_BY_NAME:
                    catalogs[_SERVICE_BY_NAME[key]] = str(url)
                else:
                    extra[key] = str(url)
            changes["base_urls"], changes["extra_base_urls"] = catalogs, extra
            continue
        if name not in _FIELD_NAMES:
            raise ConfigError(f"{where}: unknown setting {name!r}")
        changes[name] = _coerce(name, value, where)
    return replace(settings, **changes)


def _coerce(name: str, value: Any, where: str) -> Any:
    default = getattr(Settings(), name)
    try:
        if name == "cache_dir":
            return None if value in (None, "") else Path(value).expanduser()
        if isinstance(default, bool):
            return _as_bool(value, f"{where}: {name}")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            return (
                tuple(str(v) for v in value) if isinstance(value, list | tuple) else (str(value),)
            )
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{where}: {name} cannot be {value!r}") from error
    return str(value)


def load_settings(
    overrides: Mapping[str, object] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    user_file: Path | None = None,
) -> Settings:
    """Settings from defaults, user file, project file, environment and command line, in that order."""
    environ = os.environ if environ is None else environ
    cwd = Path.cwd() if cwd is None else cwd
    settings = Settings()
    user_path = user_file if user_file is not None else user_config_path()
    user_layer = _read_toml(user_path)
    if user_layer is not None:
        settings = _apply(settings, user_layer, str(user_path))
    project, project_where = _project_file(cwd)
    if project:
        settings = _apply(settings, project, project_where)
    settings = _apply(settings, _from_environment(environ), "environment")
    if overrides:
        settings = _apply(settings, dict(overrides), "command line")
    return settings
