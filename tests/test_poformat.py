"""GNU gettext's `msgcat` is the oracle for tidings.catalogs.poformat: our bytes must be its.

The rules are gettext-tools 0.21's src/write-po.c, which every translator's tool (msgcat,
msgmerge, Poedit) writes through: `message_print` and `message_print_obsolete` (comments in the
order `#`, `#.`, `#:`, `#,`, `#|`; obsolete entries as `#~ ` and `#~| ` lines, left out when
untranslated), `wrap` (a string that holds a `\\n` before its end, or does not fit after its
keyword, starts with `msgid ""`; then lines of at most --width columns, broken after each `\\n`
escape and elsewhere at libunistring's UAX #14 opportunities, East Asian wide characters two
columns, never inside an escape sequence) and `message_print_comment_filepos` (`#:` lines
filled up to the width). The gettext manual, "The Format of PO Files", describes the format.

1. Every catalog of the repository, read by Babel and written by us, is what msgcat writes.
2. So is each of 10 files of a seeded corpus of 2,400 entries (Latin, CJK, kana, Hangul, Thai,
   Arabic, emoji sequences, combining marks, escapes, plurals, contexts, previous msgids,
   obsolete entries, long references) at widths 79, 76, 60, 40, 20, 5 (msgcat makes it 20)
   and unwrapped (`--no-wrap`); `msgfmt --check-format -c` accepts each.
3. format -> Babel's read_po -> format gives the same bytes. Babel's reader cannot read `#~|`
   lines (previous msgids of obsolete entries), strips comments and drops repeated ones: the
   corpus there has none of those.
4. `msgmerge --previous` of our PO with its own template (the PO without translations)
   changes no entry, written to a new file or with `--update --backup=off`. Outside the writer,
   msgmerge rebuilds the header entry in its own order of fields (Language-Team before
   Language, Plural-Forms after Content-Transfer-Encoding, `charset=UTF-8`), so the header is
   compared apart; it keeps `#|` lines only on fuzzy translated entries and drops references
   and extracted comments of obsolete ones (msgmerge.c), so the corpus there has no others.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from tidings.catalogs.poformat import format_catalog
from tidings.catalogs.store import plain  # Babel's reader adds python-format: Tidings drops it

ROOT = Path(__file__).resolve().parents[1]
REPO = sorted(
    path
    for folder in (ROOT / "translations", ROOT / "plugins/tidings/locale")
    for pattern in ("*.po", "*.pot")
    for path in folder.rglob(pattern)
)
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("msgcat", "msgfmt", "msgmerge")),
    reason="GNU gettext (msgcat, msgfmt, msgmerge) is not installed",
)


def gettext(tool: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([tool, *args], capture_output=True, check=False, timeout=120)


def msgcat(data: bytes, tmp_path: Path, *options: str) -> bytes:
    """What msgcat writes for `data` (it warns about `\\r` and the like: stderr is not read)."""
    source, target = tmp_path / "ours.po", tmp_path / "msgcat.po"
    source.write_bytes(data)
    run = gettext("msgcat", "--force-po", *options, str(source), "-o", str(target))
    assert run.returncode == 0, run.stderr.decode()
    return target.read_bytes()


@pytest.mark.parametrize("path", REPO, ids=[str(path.relative_to(ROOT)) for path in REPO])
def test_repository_catalogs_are_what_msgcat_writes(path: Path, tmp_path: Path) -> None:
    catalog = read_po(path.open("rb"))
    assert catalog.charset.lower() == "utf-8"  # so msgcat reads the bytes as we wrote them
    ours = format_catalog(catalog)
    assert msgcat(ours, tmp_path) == ours
    assert msgcat(ours, tmp_path, "--width=79") == ours


def test_the_repository_has_catalogs() -> None:
    assert len(REPO) >= 90


# ---- the generated corpus -------------------------------------------------------------------

WORDS_TEXT = (
    "the of translation newsroom story village festival lantern exchange scientists forum "
    "Donaudampfschifffahrtsgesellschaftskapitänswitwe état naïve façade coöperate l'été "
    "don't “quoted” (brackets) [note] {brace} 12,5 % $40 3.14 e-mail well-known and/or 2024–25"
)
WORDS = WORDS_TEXT.split()
URLS = (
    "https://example.org/stories/2024/11/05/canal-city-walk-with-thirty-students-from-twelve"
    "-countries?utm_source=weibo&utm_medium=social#section-3",
    "mailto:newsroom-international-desk@translations.example.com",
)
SCRIPTS = {
    "zh": "来自埃及的留学生雅斯敏说她最喜欢的是社区食堂一碗面只要十几块钱老板还记得熟客的口味",
    "zh_punct": "，。、：；！？“”（）《》……——",
    "ja": "ひらがなとカタカナ、漢字を混ぜた文章です。ッャュョーァィ「」『』・！？",
    "ko": "한국어 문장을 시험합니다 가나다라마바사 아자차카타파하 서울 부산",
    "th": "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำกินข้าวแล้วหรือยัง",
    "ar": "العربية لغة جميلة، وهي تكتب من اليمين إلى اليسار ١٢٣٤٥ ؟",
    "marks": "e\u0301 a\u0308 n\u0303 o\u0302\u0323 i\u0307",
    "emoji": ["😀", "👍🏽", "👩\u200d👩\u200d👧\u200d👦", "🇩🇪", "🇫🇷", "🏳️\u200d🌈", "❤️", "✨", "⌚"],
    "odd": "\u00a0\u200b\u2060\u00ad\u3000\u202f\u2011·׳\u2028",
}


def phrase(rng: random.Random) -> str:
    """A run of one script (or escapes, spaces, a URL), as stories and their translations hold."""
    kind = rng.choice(
        ["latin"] * 6 + ["url", "long", "spaces", "escapes"] + [k for k in SCRIPTS for _ in (1, 2)]
    )
    if kind == "latin":
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 18)))
    if kind == "url":
        return rng.choice(URLS)
    if kind == "long":
        return "x" * rng.randint(70, 120)
    if kind == "spaces":
        return rng.choice(WORDS) + " " * rng.randint(2, 90) + rng.choice(WORDS)
    if kind == "escapes":
        return "".join(
            rng.choice(['"', "\\", "\t", "\n", "a", " ", "\\n", "\r"]) for _ in range(12)
        )
    pool = SCRIPTS[kind]
    return "".join(rng.choice(pool) for _ in range(rng.randint(3, 70)))


def text(rng: random.Random, lead: bool = False, trail: bool = False) -> str:
    """Several phrases; `lead`/`trail` put a newline first/last (msgfmt -c wants them to agree)."""
    body = "".join(
        phrase(rng) + rng.choice(["", " ", " ", "\n", "。", ". "]) for _ in range(rng.randint(1, 4))
    )
    body = body.strip("\n") or "x"
    return ("\n" if lead else "") + body + ("\n" if trail else "")


def comment(rng: random.Random) -> str:
    """An extracted comment, maybe of several lines; none is empty, repeated, or begins or ends
    with white space, which Babel's reader drops or strips (gettext keeps them)."""
    lines = [line.strip() for _ in range(3) for line in phrase(rng).replace("\r", "").split("\n")]
    return "\n".join(dict.fromkeys(line for line in lines if line)) or "x"


def references(rng: random.Random) -> list[tuple[str, int]]:
    """File references, some with no line (0, as Babel takes it), `./` or repeated."""
    names = ["content/stories/canal-city-walk.md", "./docs/index.md", "mkdocs.yml", "a" * 90]
    names += ["templates/partials/very/deeply/nested/folder/structure/with-a-long-name.html"]
    return [
        (rng.choice(names), rng.choice([0, rng.randint(1, 99999)]))
        for _ in range(rng.randint(0, 14))
    ]


def corpus(seed: int, size: int, plural_forms: str, obsolete_extras: bool = True) -> Catalog:
    """A catalog of `size` random entries; `obsolete_extras` gives obsolete entries previous
    msgids, references and extracted comments too (what Babel or msgmerge cannot keep)."""
    rng = random.Random(seed)
    nplurals = int(plural_forms.split("nplurals=")[1].split(";")[0])
    catalog = Catalog(locale="ru", domain="corpus", project="Corpus", charset="utf-8", fuzzy=False)
    catalog.mime_headers = [("Plural-Forms", plural_forms)]
    seen: set[tuple[str, str | None]] = set()
    for _ in range(size):
        lead, trail = rng.random() < 0.1, rng.random() < 0.2
        context = rng.choice([None] * 4 + ["menu", text(rng)])
        msgid = text(rng, lead, trail)
        if (msgid, context) in seen:
            continue
        seen.add((msgid, context))
        translated = rng.random() < 0.8
        plural = rng.random() < 0.15
        flags = {flag for flag in ("fuzzy", "no-wrap", "no-c-format") if rng.random() < 0.1}
        flags |= {"range: 1..5"} if rng.random() < 0.05 else set()
        previous: list[str] = []
        if rng.random() < 0.1:
            previous = [text(rng)] + ([text(rng)] if plural and rng.random() < 0.5 else [])
        identifier: str | tuple[str, str] = (msgid, text(rng, lead, trail)) if plural else msgid
        string: str | tuple[str, ...] = ""
        if translated:
            forms = tuple(text(rng, lead, trail) for _ in range(nplurals))
            string = forms if plural else forms[0]
        obsolete = rng.random() < 0.1
        extras = obsolete_extras or not obsolete
        catalog.add(
            identifier,
            string,
            locations=references(rng) if extras else [],
            flags=flags,
            auto_comments=[comment(rng)] if extras and rng.random() < 0.5 else [],
            user_comments=[rng.choice(["", "Translator: mind the tone", "TODO 校对"])]
            if rng.random() < 0.3
            else [],
            previous_id=previous if extras else [],
            context=context,
        )
        message = catalog.get(identifier, context)
        assert message is not None
        message.flags -= {"python-format", "python-brace-format"}  # as store.plain() does
        if obsolete:
            key = catalog._key_for(identifier, context)
            catalog.obsolete[key] = catalog._messages.pop(key)
    return catalog


PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "nplurals=2; plural=(n != 1);",
    "nplurals=1; plural=0;",
)
# (seed, width, msgcat's option for it): 10 files of 240 entries.
CASES = [
    (seed, width, option)
    for seed, (width, option) in enumerate(
        [
            *[(79, "--width=79"), (76, "--width=76"), (40, "--width=40"), (20, "--width=20")],
            *[(0, "--no-wrap"), (79, "--width=79"), (79, "--width=79"), (60, "--width=60")],
            *[(5, "--width=5"), (79, "--width=79")],
        ]
    )
]


@pytest.mark.parametrize(("seed", "width", "option"), CASES)
def test_generated_catalogs_are_what_msgcat_writes(
    seed: int, width: int, option: str, tmp_path: Path
) -> None:
    catalog = corpus(seed, 240, PLURALS[seed % 3])
    assert len(catalog) + len(catalog.obsolete) >= 230
    ours = format_catalog(catalog, width=width)
    assert msgcat(ours, tmp_path, option) == ours
    check = gettext("msgfmt", "--check-format", "-c", "-o", "/dev/null", str(tmp_path / "ours.po"))
    assert check.returncode == 0, check.stderr.decode()


def test_the_corpus_has_what_it_claims() -> None:
    data = b"".join(format_catalog(corpus(seed, 240, PLURALS[seed % 3])) for seed, _, _ in CASES)
    assert data.count(b"\nmsgid ") >= 2000
    for needle in ("#~ msgid", "#~| msgid", "#| msgid", "#| msgid_plural", "msgstr[2]", "msgctxt"):
        assert needle.encode() in data, needle
    for needle in ("#, fuzzy", "no-wrap", '\\"', "\\\\", "\\t", '\\n"\n', "#: a", "漢", "ー"):
        assert needle.encode() in data, needle
    for needle in ("ภ", "한", "ع", "\u0301", "\u200d👩", "🇩🇪", "\u2028", "https://example.org/"):
        assert needle.encode() in data, needle


@pytest.mark.parametrize("seed", range(4))
def test_format_read_format_loses_nothing(seed: int) -> None:
    catalog = corpus(100 + seed, 240, PLURALS[seed % 3], obsolete_extras=False)
    first = format_catalog(catalog)
    again = format_catalog(plain(read_po(BytesIO(first), abort_invalid=True)))
    assert again == first


def entries(data: bytes) -> bytes:
    """All but the header entry, which msgmerge rebuilds in its own order of fields."""
    return data.split(b"\n\n", 1)[1]


@pytest.mark.parametrize("seed", range(3))
def test_msgmerge_with_its_own_template_changes_nothing(seed: int, tmp_path: Path) -> None:
    catalog = corpus(200 + seed, 240, PLURALS[seed % 3], obsolete_extras=False)
    for message in catalog:
        if not (message.fuzzy and message.string and message.string[0]):
            message.previous_id = []  # msgmerge keeps previous msgids of fuzzy entries only
    po, pot, merged = tmp_path / "file.po", tmp_path / "file.pot", tmp_path / "merged.po"
    ours = format_catalog(catalog)
    po.write_bytes(ours)
    template = plain(read_po(BytesIO(ours)))
    template.obsolete.clear()
    for message in list(template)[1:]:
        message.string = ("",) * template.num_plurals if message.pluralizable else ""
        message.flags.discard("fuzzy")
        message.user_comments = []
    pot.write_bytes(format_catalog(template))
    run = gettext("msgmerge", "--quiet", "--previous", str(po), str(pot), "-o", str(merged))
    assert run.returncode == 0, run.stderr.decode()
    assert entries(merged.read_bytes()) == entries(ours)
    run = gettext("msgmerge", "-q", "--previous", "--update", "--backup=off", str(po), str(pot))
    assert run.returncode == 0, run.stderr.decode()
    assert entries(po.read_bytes()) == entries(ours)


# ---- single rules -----------------------------------------------------------------------------


def one(
    message_id: str,
    string: str = "",
    *,
    flags: set[str] | None = None,
    previous_id: list[str] | None = None,
    user_comments: list[str] | None = None,
    auto_comments: list[str] | None = None,
    locations: list[tuple[str, int]] | None = None,
) -> bytes:
    """The entry format_catalog writes for one message (header left out)."""
    catalog = Catalog(locale="de", charset="utf-8", fuzzy=False)
    catalog.add(
        message_id,
        string,
        locations=locations or [],
        flags=flags or (),
        auto_comments=auto_comments or (),
        user_comments=user_comments or (),
        previous_id=previous_id or (),
    )
    body = format_catalog(catalog)
    return body[body.index(b"\n\n") + 2 :]


def test_cjk_breaks_between_ideographs_at_79_columns() -> None:
    lines = one("字" * 50).decode().splitlines()
    assert lines == ['msgid ""', '"' + "字" * 38 + '"', '"' + "字" * 12 + '"', 'msgstr ""']


def test_flags_in_gettext_order_unknown_ones_kept() -> None:
    flags = {"c-format", "fuzzy", "zz-custom", "wrap", "range: 2..9", "no-wrap"}
    assert one("a", "b", flags=flags).startswith(
        b"#, fuzzy, c-format, range: 2..9, no-wrap, zz-custom\n"
    )


def test_previous_msgid_read_back_by_babel_stays_previous(tmp_path: Path) -> None:
    first = one("new", "neu", flags={"fuzzy"}, previous_id=["old"], user_comments=["note"])
    assert first == b'# note\n#, fuzzy\n#| msgid "old"\nmsgid "new"\nmsgstr "neu"\n'
    written = (
        b'# note\n#, fuzzy\n#| msgctxt "was"\n#| msgid ""\n#| "old \\"long\\"\\n"\n#| "text"\n'
    )
    written += b'msgid "new"\nmsgstr "neu"\n'
    po = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + written
    catalog = read_po(BytesIO(po))
    message = catalog.get("new")
    assert message is not None and message.user_comments[1] == '| msgctxt "was"'  # Babel's way
    body = format_catalog(catalog)
    assert body.endswith(b"\n\n" + written)
    assert msgcat(body, tmp_path) == body


def test_an_obsolete_twin_of_an_active_entry_is_left_out(tmp_path: Path) -> None:
    catalog = Catalog(locale="de", charset="utf-8", fuzzy=False)
    catalog.add("same", "aktiv")
    catalog.obsolete["same"] = Message("same", "veraltet")
    catalog.obsolete["gone"] = Message("gone", "weg")
    body = format_catalog(catalog)
    assert b"veraltet" not in body and body.endswith(b'#~ msgid "gone"\n#~ msgstr "weg"\n')
    assert msgcat(body, tmp_path) == body


def test_untranslated_obsolete_entries_and_their_fuzzy_flags_go_as_in_msgcat() -> None:
    catalog = Catalog(locale="de", charset="utf-8", fuzzy=False)
    catalog.add("open", "", flags={"fuzzy"})
    catalog.obsolete["gone"] = Message("gone", "")
    assert format_catalog(catalog).endswith(b'\n\nmsgid "open"\nmsgstr ""\n')


def test_comment_lines_ending_in_a_backslash_survive_gettext(tmp_path: Path) -> None:
    body = one("a", "b", user_comments=["C:\\temp\\"], auto_comments=["x\\"])
    assert body.startswith(b"# C:\\temp\\ \n#. x\\ \n")


def test_references_fill_the_width_and_lose_dot_slash() -> None:
    locations = [("./././content/stories/wal.md", line) for line in range(1, 9)]
    lines = one("a", locations=locations + locations[:1]).decode().splitlines()
    assert lines[:3] == [  # 77 columns: a fourth reference would pass 79
        "#: content/stories/wal.md:1 content/stories/wal.md:2 content/stories/wal.md:3",
        "#: content/stories/wal.md:4 content/stories/wal.md:5 content/stories/wal.md:6",
        "#: content/stories/wal.md:7 content/stories/wal.md:8",
    ]


def test_no_wrap_width_keeps_strings_on_one_line() -> None:
    catalog = Catalog(locale="de", charset="utf-8", fuzzy=False)
    catalog.add("word " * 40, "Wort " * 40)
    body = format_catalog(catalog, width=0)
    assert b'\nmsgid "' + b"word " * 40 + b'"\n' in body
