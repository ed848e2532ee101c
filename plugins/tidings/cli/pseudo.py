"""`tidings pseudo PATH...`: print or write pseudo-localized Markdown for previews."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tidings.errors import TidingsError
from tidings.story.schema import split_front_matter
from tidings.units.pseudo import pseudo_body


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "pseudo",
        help="pseudo-localize Markdown files (accented, padded, between ⟦ ⟧)",
        description="Transform every unit's text (markup kept) so that untranslated or clipped text "
        "stands out in a preview. Front matter is copied unchanged.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="write one file per input into DIR"
    )
    parser.set_defaults(func=run)


def pseudo_markdown(text: str, path: str) -> str:
    """Pseudo-localize a Markdown file's body; front matter, if any, is kept as it is."""
    head, first_line, body = "", 1, text
    if text.startswith(("---\n", "---\r\n")):
        _front, _line, body, first_line = split_front_matter(text, path)
        head = text[: len(text) - len(body)]
    return head + pseudo_body(body, first_line)


def run(args: argparse.Namespace) -> int:
    if args.output and args.output.exists() and not args.output.is_dir():
        raise TidingsError(str(args.output), None, "-o must name a directory")
    names = [path.name for path in args.paths]
    if args.output and len(set(names)) < len(names):
        raise TidingsError(
            str(args.output),
            None,
            "two inputs have the same file name; they would overwrite each other",
        )
    for path in args.paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TidingsError(str(path), None, f"cannot read: {exc}") from None
        result = pseudo_markdown(text, str(path))
        if args.output:
            args.output.mkdir(parents=True, exist_ok=True)
            target = args.output / path.name
            if target.resolve() == path.resolve():
                raise TidingsError(str(target), None, "refusing to overwrite the input file")
            target.write_text(result, encoding="utf-8")
            print(f"wrote {target}")
        else:
            sys.stdout.write(result)
    return 0
