"""`tidings check-site SITE_DIR`: third-party validators on a built site (`tidings.sitecheck`).

The check imports nothing else of Tidings, so that it stays an independent oracle of what
the build made; it is imported only when this command runs. Its Python validators come with
`pip install 'tidings[check]'`.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check-site",
        add_help=False,
        help="run HTML, link, feed, sitemap, hreflang, catalog and accessibility validators on a built site",
        description="Run third-party validators on a built site; see `tidings check-site --help`.",
    )
    parser.add_argument(
        "arguments", nargs=argparse.REMAINDER, help="SITE_DIR and the check's options"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return check_site(list(args.arguments))


def check_site(arguments: list[str]) -> int:
    """Run the site check with its own command-line arguments."""
    try:
        from tidings.sitecheck.cli import main
    except ImportError as exc:
        print(
            f"tidings check-site: {exc.name} is missing; install the check with: pip install 'tidings[check]'"
        )
        return 2
    return main(arguments)
