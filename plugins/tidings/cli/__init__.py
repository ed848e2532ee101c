"""The ``tidings`` console command for writers, translators and CI.

One module per subcommand in this package; each defines ``register(subparsers)``, which adds
its parser and sets ``func`` to a callable taking the parsed arguments and returning the exit
status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tidings import __version__
from tidings.errors import TidingsError

# One module per subcommand under tidings.cli, in the order `tidings -h` lists them.
COMMANDS = (
    "new",
    "extract",
    "update",
    "mv",
    "prefill",
    "status",
    "check",
    "ui",
    "pseudo",
    "snippets",
    "measure",
    "build",
    "check_site",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tidings",
        description="Write a story once; translate it through gettext catalogs; publish everywhere.",
    )
    parser.add_argument("--version", action="version", version=f"tidings {__version__}")
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="the site's mkdocs.yml (default: %(default)s)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"tidings.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["check-site"]:  # the check has options of its own, `--help` included
        from tidings.cli.check_site import check_site

        return check_site(words[1:])
    parser = build_parser()
    args = parser.parse_args(words)
    try:
        status: int = args.func(args)
    except TidingsError as exc:
        print(f"tidings: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tidings status | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return status


if __name__ == "__main__":
    sys.exit(main())
