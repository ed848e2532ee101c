"""A small real site attacked through its French catalogs (and two symbolic links).

`make_attacked_site` writes the project: one story with a unit of every kind and one
paragraph per attack, all translated hostilely; one story translated harmlessly but with
markup-looking text in its fields; one story whose catalog is a link to /proc/self/environ.
Used by test_trust_build.py (files, logs, feeds) and test_browser_trust.py (Chromium).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from attacks import BODY_ATTACKS, FIELD_ATTACKS, SOURCE_BY_KIND
from tidings.catalogs.store import write_catalog

SITE_NAME = "Test News"
SITE_NAME_FR = 'Tom & Jerry "Nouvelles" <3'
NAV_HOME_FR = 'Accueil & "maison" <3'
INTRO_ATTACK = 'Nouvelles <iframe/srcdoc="<script>alert(1)</script>"></iframe>'

MKDOCS_YML = f"""\
site_name: {SITE_NAME}
site_url: https://news.example.org/
docs_dir: content
theme:
  name: material
  font: false
nav:
  - Home: index.md
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
plugins:
  - search
  - tidings/stories:
      cards: false
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      reconfigure_search: true
      languages:
        - {{locale: en, default: true, name: English, build: true}}
        - {{locale: fr, name: Français, build: true}}
  - tidings/snippets:
      locales: {{x: all, facebook: all}}
"""

# A lone surrogate cannot be written in a UTF-8 file at all (the reader says "not UTF-8").
SITE_ATTACKS = [(name, text) for name, text in BODY_ATTACKS if "surrogate" not in name]
_S = SOURCE_BY_KIND
ATTACKED_STORY = f"""\
---
title: Along the canal
summary: A walk along the old canal.
date: 2026-10-01
authors: [Mei Lin]
tags: [canal]
hashtags: [Canal]
image: images/canal.png
image_alt: The canal at dawn
snippet: Walk with us along the canal.
snippets:
  x: Walk the canal with us.
---

## {_S["heading"]}

{_S["paragraph"]}

- {_S["list item"]}

> {_S["blockquote"]}

| {_S["table header"]} | Price |
| --- | --- |
| {_S["table cell"]} | 10 |

![{_S["image alt"]}](../images/canal.png)

!!! note "{_S["admonition title"]}"

    {_S["admonition"]}

??? note "{_S["details title"]}"

    {_S["details"]}

=== "{_S["tab title"]}"

    {_S["tab"]}

Figures[^1].

[^1]: {_S["footnote"]}

{_S["term"]}
:   {_S["definition"]}

The AC sells tea.

*[AC]: {_S["abbreviation"]}
""" + "".join(f"\nParagraph {index} about the canal.\n" for index in range(len(SITE_ATTACKS)))

# Markup-looking text where a careless writer put it: it must show as typed, everywhere.
TITLE = 'Along the canal </title><iframe srcdoc="<script>alert(document.domain)</script>"></iframe> & "quotes"'
INERT_STORY = f"""\
---
title: '{TITLE}'
summary: 'A walk: "quoted" & <b>bold</b> words.'
date: 2026-10-02
authors: [Chen Yu]
tags: [walks]
snippet: Walk along with us.
---

The walk starts at the **old** lock.
"""
INERT_FRENCH = {
    TITLE: 'Le long du canal </title><iframe srcdoc="<script>alert(document.domain)</script>"></iframe> & "guillemets"',
    'A walk: "quoted" & <b>bold</b> words.': '0;url=//evil.example/phish" http-equiv="refresh',
    "Chen Yu": 'Chen "Yu" & Co <3',
    "walks": "balades & <3",
    "Walk along with us.": "=SUM(1+1)*cmd|' /C calc'!A0",
    "The walk starts at the **old** lock.": "La balade commence à la **vieille** écluse.",
}
LEAK_STORY = """\
---
title: A leak
summary: Nothing to see.
date: 2026-10-03
---

Body.
"""
SECRET = "TIDINGS-SECRET-7f3a"


@dataclass
class Attacked:
    root: Path
    lines: dict[str, int]  # msgstr -> the line of its msgid in attacks.po (Babel's lineno)
    outside: Path


def make_attacked_site(root: Path, outside: Path) -> Attacked:
    from PIL import Image

    from tidings.cli import main

    (root / "content" / "stories").mkdir(parents=True)
    (root / "content" / "images").mkdir()
    Image.new("RGB", (600, 315), (40, 90, 140)).save(root / "content" / "images" / "canal.png")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content" / "index.md").write_text("# News\n", encoding="utf-8")
    (root / "content" / "stories" / "attacks.md").write_text(ATTACKED_STORY, encoding="utf-8")
    (root / "content" / "stories" / "inert.md").write_text(INERT_STORY, encoding="utf-8")
    (root / "content" / "stories" / "leak.md").write_text(LEAK_STORY, encoding="utf-8")
    cwd = Path.cwd()
    try:
        os.chdir(root)
        assert main(["extract"]) == 0
        assert main(["update"]) == 0
    finally:
        os.chdir(cwd)

    po = root / "translations" / "fr" / "LC_MESSAGES" / "stories"
    field_attacks = iter(FIELD_ATTACKS * 4)
    body_attacks = iter(SITE_ATTACKS * 2)
    with (po / "attacks.po").open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if message.context:
            message.string = (
                next(field_attacks)[1] if message.context != "hashtags" else "Canal Vert"
            )
        else:
            message.string = next(body_attacks)[1]
    write_catalog(po / "attacks.po", catalog)
    with (po / "inert.po").open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in INERT_FRENCH:
            message.string = INERT_FRENCH[str(message.id)]
    write_catalog(po / "inert.po", catalog)
    with (po / "attacks.po").open("rb") as handle:
        lines = {str(m.string): int(m.lineno or 0) for m in read_po(handle) if m.id}

    # The site's name in French: text that passes the checks but is markup where printed raw.
    site_po = root / "translations" / "fr" / "LC_MESSAGES" / "site.po"
    with site_po.open("rb") as handle:
        catalog = read_po(handle)
    catalog.get(SITE_NAME, context="site_name").string = SITE_NAME_FR
    catalog.get("Home", context="nav").string = NAV_HOME_FR
    write_catalog(site_po, catalog)
    # The home intro (content/index.md) is a page with a catalog of its own: attacked too.
    intro_po = root / "translations" / "fr" / "LC_MESSAGES" / "pages" / "index.po"
    with intro_po.open("rb") as handle:
        catalog = read_po(handle)
    catalog.get("News").string = INTRO_ATTACK
    write_catalog(intro_po, catalog)

    # A careless (or hostile) symbolic link in content/, and a catalog that is one.
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.png").write_text(SECRET, encoding="utf-8")
    (root / "content" / "images" / "leak.png").symlink_to(outside / "secret.png")
    (po / "leak.po").unlink()
    (po / "leak.po").symlink_to("/proc/self/environ")
    return Attacked(root, lines, outside)
