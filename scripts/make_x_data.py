#!/usr/bin/env python3
"""Write plugins/tidings/snippets/x_emoji.txt (the emoji sequences X counts as one emoji) and
x_tlds.txt (the ASCII top-level domains X links without a scheme).

    python -m pip install emoji   # candidates: every sequence of Unicode's emoji data
    python scripts/make_x_data.py

X (twitter-text 3.1.0) counts an emoji as 2 only when twemoji-parser 11.0.2, which it uses,
recognises it; a newer sequence counts part by part (`🧑‍🧑‍🧒` is 2+1+2+1+2 = 8). So the list
is a fact about those libraries. This script asks them (npm, scripts/validators/
twitter-count.cjs) about every emoji sequence the `emoji` package (BSD) knows, in every
qualification (with and without U+FE0F), and keeps those parsed as one whole emoji. Nothing
of their code is copied; tests/test_x_parity.py checks the result against the library.

The TLDs are twitter-text's own list (tests/fixtures/twitter-text/tld_lib.yml, Apache-2.0).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORACLE = ROOT / "scripts" / "validators" / "twitter-count.cjs"
OUT = ROOT / "plugins" / "tidings" / "snippets" / "x_emoji.txt"
TLDS = ROOT / "plugins" / "tidings" / "snippets" / "x_tlds.txt"
TLD_LIB = ROOT / "tests" / "fixtures" / "twitter-text" / "tld_lib.yml"
HEADER = """\
# Emoji sequences that X counts as one emoji (weight 2): those twemoji-parser 11.0.2 (MIT),
# as used by twitter-text 3.1.0 (Apache-2.0), parses as one emoji. Made by
# scripts/make_x_data.py from the library's answers; one sequence per line, code points in hex.
"""


def oracle(texts: list[str]) -> list[dict[str, object]]:
    out = subprocess.run(
        ["node", str(ORACLE)], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def candidates() -> set[str]:
    import emoji  # type: ignore[import-not-found]  # only needed here (pip install emoji)

    found: set[str] = set()
    for sequence in emoji.EMOJI_DATA:
        bare = sequence.replace("\ufe0f", "")
        found |= {sequence, bare}
        if len(bare) == 1:
            found.add(bare + "\ufe0f")
    # Components on their own (skin tones, hair, regional indicators, keycap parts).
    found |= {chr(point) for point in range(0x1F3FB, 0x1F400)}
    found |= {chr(point) for point in range(0x1F9B0, 0x1F9B4)}
    found |= {chr(point) for point in range(0x1F1E6, 0x1F200)}
    return found


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()  # -h, no options
    texts = sorted(candidates())
    whole = []
    for text, result in zip(texts, oracle(texts), strict=True):
        spans = result["emoji"]
        if spans == [[0, len(text)]]:
            whole.append(text)
    lines = [" ".join(f"{ord(char):04X}" for char in text) for text in whole]
    OUT.write_text(HEADER + "\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{len(whole)} of {len(texts)} candidate sequences are one emoji for X; wrote {OUT}")
    import yaml

    lists = yaml.safe_load(TLD_LIB.read_text(encoding="utf-8"))
    ascii_tlds = sorted({tld for tlds in lists.values() for tld in tlds if tld.isascii()})
    TLDS.write_text(
        "# ASCII top-level domains of twitter-text 3.1.0 (conformance/tld_lib.yml, Apache-2.0),\n"
        "# written by scripts/make_x_data.py.\n" + "\n".join(ascii_tlds) + "\n",
        encoding="utf-8",
    )
    print(f"{len(ascii_tlds)} ASCII top-level domains; wrote {TLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
