"""Routes every HTTP request of an end-to-end test to the talk's stand-in services."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

sys.path.insert(0, str(Path(__file__).parent))
import talk_world


def _route(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
    url = urlsplit(request.url or "")
    params = dict(parse_qsl(url.query))
    service = talk_world.HOST_SERVICES.get(url.netloc)
    if service is None:
        return talk_world.answer("web", f"{url.scheme}://{url.netloc}{url.path}", params)
    return talk_world.answer(service, url.path, params)


@pytest.fixture
def talk_services() -> Iterator[responses.RequestsMock]:
    """Every GET is answered by the stand-in; what was asked can be read from ``.calls``."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.GET, re.compile(r".*"), callback=_route)
        yield mock
