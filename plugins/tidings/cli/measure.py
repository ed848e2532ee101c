"""`tidings measure CHANNEL`: how long the text on standard input is for a channel, and whether it fits."""

from __future__ import annotations

import argparse
import json
import sys

from tidings.cli.common import site_channels
from tidings.snippets.counting import binding, measure


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "measure",
        help="measure text from standard input against a channel's limits",
        description="Read a snippet from standard input (one trailing newline is ignored), count it the "
        "way CHANNEL does and say whether it fits. Exit status: 0 fits, 1 too long, 2 unknown channel.",
    )
    parser.add_argument(
        "channel", metavar="CHANNEL", help="channel id, such as x, bluesky or weibo"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.set_defaults(func=run)


def _read_stdin() -> str:
    # Read bytes and decode UTF-8 ourselves: the locale's encoding may be ASCII in CI or hooks.
    stream = getattr(sys.stdin, "buffer", None)
    text = stream.read().decode("utf-8") if stream is not None else sys.stdin.read()
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def run(args: argparse.Namespace) -> int:
    channels = site_channels(args)
    channel = channels.get(args.channel)
    if channel is None:
        print(
            f"tidings: unknown channel '{args.channel}' (known: {', '.join(sorted(channels))})",
            file=sys.stderr,
        )
        return 2
    measures = measure(_read_stdin(), channel)
    fits = all(m.fits for m in measures)
    if args.json:
        worst = binding(measures)
        report: dict[str, object] = {
            "channel": channel.id,
            "length": worst.length,
            "limit": worst.limit,
            "fits": fits,
        }
        if len(measures) > 1:
            report["counter"] = worst.counter
            report["limits"] = [
                {"counter": m.counter, "length": m.length, "limit": m.limit, "fits": m.fits}
                for m in measures
            ]
        print(json.dumps(report, ensure_ascii=False))
    else:
        for m in measures:
            unit = f" {m.counter}" if len(measures) > 1 else ""
            verdict = "fits" if m.fits else f"over by {m.over}"
            print(f"{channel.id}: {m.length} / {m.limit}{unit} ({verdict})")
    return 0 if fits else 1
