"""The command line: ``citecheck extract|check|bib|export``. No logic the library lacks.

Each command lives in its own module with ``register(subparsers)`` and ``run(args) -> int``.
Exceptions are turned into messages and exit codes here and nowhere else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from citecheck.errors import CitecheckError, ConfigError, InputError, SourceError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_SOURCE_FAILURE = 3


def _command_modules() -> list[ModuleType]:
    from citecheck.cli import batch_cmd, bib_cmd, check_cmd, doctor_cmd, export_cmd, extract_cmd

    return [extract_cmd, check_cmd, bib_cmd, export_cmd, batch_cmd, doctor_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Check the quotations of a document against the works it cites.",
    )
    from citecheck import __version__

    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module in _command_modules():
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (InputError, ConfigError) as error:
        print(f"citecheck: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SourceError as error:
        print(f"citecheck: {error}", file=sys.stderr)
        return EXIT_SOURCE_FAILURE
    except CitecheckError as error:
        print(f"citecheck: {error}", file=sys.stderr)
        return EXIT_SOURCE_FAILURE
    except KeyboardInterrupt:
        print("citecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
