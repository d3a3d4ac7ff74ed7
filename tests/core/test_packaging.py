"""What the README and the docs promise about installing agrees with pyproject.toml and the sdist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TEXTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def test_every_extra_the_docs_name_exists() -> None:
    extras = set(PROJECT["optional-dependencies"])
    named = {
        extra
        for path in TEXTS
        for extra in re.findall(r"(?:\.|citecheck-quotes)\[([\w,-]+)\]", path.read_text("utf-8"))
    }
    assert {e for group in named for e in group.split(",")} <= extras


def test_the_readme_embeds_no_image_by_a_relative_path() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert not re.findall(r"!\[[^\]]*\]\((?!https?://)[^)]+\)", readme)


def test_the_licence_file_is_the_mit_licence_the_package_declares() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_sdist_carries_tests_docs_and_examples() -> None:
    lines = (REPO / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    directives = {tuple(line.split()[:2]) for line in lines if line and not line.startswith("#")}
    assert {("graft", "tests"), ("graft", "docs"), ("graft", "examples")} <= directives


def test_without_the_batch_extra_the_command_line_and_the_batch_package_still_load() -> None:
    import subprocess
    import sys

    # A plain `pip install citecheck-quotes` has neither Redis's client nor Dask.
    code = (
        "import sys\n"
        "for name in ('redis', 'distributed', 'dask'):\n"
        "    sys.modules[name] = None\n"
        "from citecheck.cli import build_parser\n"
        "build_parser().parse_args(['check', 'talk.txt'])\n"
        "import citecheck.batch, citecheck.batch.worker\n"
    )
    run = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
