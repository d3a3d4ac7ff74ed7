"""Routes every HTTP request of an end-to-end test to the talk's stand-in services."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

sys.path.insert(0, str(Path(__file__).parent))
import talk_world


@pytest.fixture
def talk_services() -> Iterator[responses.RequestsMock]:
    """Every GET is answered by the stand-in; what was asked can be read from ``.calls``."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.GET, re.compile(r".*"), callback=talk_world.answer_mocked)
        yield mock
