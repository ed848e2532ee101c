"""Translators' catalogs (.po): three independent tools, each for what it is best at.

- `msgfmt --check-format` (GNU gettext): the file compiles, and entries flagged `c-format`,
  `python-format` or `python-brace-format` keep their placeholders.
- pofilter (translate-toolkit), on every translated entry whether flagged or not, with the
  tests that make sense for Markdown prose (see `POFILTER_TESTS`).
- i18nspector (Debian's PO linter), when installed: header, plural-forms, encoding and
  language problems that msgfmt accepts, minus `I18NSPECTOR_IGNORED`.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .report import Result, timed
from .tools import ToolMissing, first_line, run, which

# pofilter tests chosen for Markdown prose. Each one guards something a translation must keep
# from its source; the rest of pofilter's tests judge style (quotes, capitals, end punctuation,
# sentence count, length) and would fire on good CJK, Arabic or French text. Left out on
# purpose: `urls` and `emails`, whose patterns use \w, which matches CJK ideographs; in Chinese
# or Japanese prose (no spaces) a match runs on past a link's `)` into the following words, so
# every translated link "differs" (12 false findings on the demo catalogs). `tidings check`
# compares link targets, inline code and images per unit instead (design.md), Markdown-aware.
POFILTER_TESTS: dict[str, str] = {
    "xmltags": "inline HTML (<kbd>, <br>, <abbr>) must keep the same tags and attributes",
    "pythonbraceformat": "{name} placeholders (UI and snippet strings) must be kept, unflagged too",
    "escapes": "backslash escapes (Markdown \\* and \\_) must be kept",
    "newlines": "line breaks inside a unit (hard breaks, list and table content) must be kept",
}
# Placeholder tests are left to msgfmt on entries that carry a format flag, so that one
# mistake is reported once.
PLACEHOLDER_TESTS = {"pythonbraceformat"}

# i18nspector tags that are not problems for Tidings catalogs, each with the reason.
I18NSPECTOR_IGNORED: dict[str, str] = {
    "boilerplate-in-report-msgid-bugs-to": "Babel's header placeholder; contact metadata only",
    "boilerplate-in-last-translator": "Babel's placeholder until Poedit or Weblate fills it in",
    "boilerplate-in-language-team": "Babel's placeholder; contact metadata only",
    "boilerplate-in-date": "PO-Revision-Date is set by translators' tools on first save",
    "invalid-report-msgid-bugs-to": "contact metadata (example.org addresses are 'invalid')",
    "invalid-last-translator": "contact metadata (example.org addresses are 'invalid')",
    "invalid-language-team": "contact metadata (example.org addresses are 'invalid')",
    "no-report-msgid-bugs-to-header-field": "contact metadata; no tool reads it",
    "no-last-translator-header-field": "contact metadata; translators' tools add it on save",
    # The format-string tags duplicate `msgfmt --check-format`, which gives a line number.
    "c-format-string-*": "reported by msgfmt --check-format with the line",
    "python-format-string-*": "reported by msgfmt --check-format with the line",
    "python-brace-format-string-*": "reported by msgfmt --check-format with the line",
}
# Babel and Weblate name script variants the CLDR way (`zh_Hant`); gettext's own runtime
# would want `zh_TW`, but Tidings reads catalogs with Babel, so this is not an error here.
CLDR_SCRIPT_LOCALE = re.compile(r"^[a-z]{2,3}_[A-Z][a-z]{3}(_[A-Z]{2})?$")
FORMAT_FLAG = re.compile(r"-format$")


def check_catalogs(folder: Path) -> Result:
    result = Result("catalogs")
    with timed(result):
        files = sorted(folder.rglob("*.po")) if folder.is_dir() else [folder]
        result.checked = len(files)
        versions = []
        try:
            msgfmt = which("msgfmt")
            versions.append(
                first_line([msgfmt, "--version"]).replace("msgfmt (GNU gettext-tools) ", "msgfmt ")
            )
        except ToolMissing as missing:
            result.error = str(missing)
            return result
        try:
            versions.append(f"translate-toolkit {version('translate-toolkit')}")
            from translate.filters import checks  # noqa: F401  (fail early when missing)
        except (PackageNotFoundError, ImportError):
            result.error = "translate-toolkit (pofilter) is not installed; install the test extras"
            return result
        i18nspector: str | None = None  # optional: msgfmt and pofilter still run without it
        try:
            i18nspector = which("i18nspector")
            versions.append(first_line([i18nspector, "--version"]))
        except ToolMissing:
            pass
        result.version = ", ".join(versions)
        for path in files:
            run_msgfmt(msgfmt, path, result)
            run_pofilter(path, result)
        if i18nspector and files:
            run_i18nspector(i18nspector, files, result)
    return result


def display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


MSGFMT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$")


def run_msgfmt(msgfmt: str, path: Path, result: Result) -> None:
    # One file per run: msgfmt merges several inputs into one domain and would report the
    # same msgid in two locales as a duplicate definition.
    out = run([msgfmt, "--check-format", "-o", "/dev/null", str(path)])
    if out.returncode == 0:
        return
    found = False
    for text in out.stderr.splitlines():
        match = MSGFMT_LINE.match(text)
        if match and not match["message"].startswith("..."):
            result.add(display(path), int(match["line"]), match["message"], "msgfmt")
            found = True
    if not found:
        result.add(display(path), 1, out.stderr.strip() or f"exit {out.returncode}", "msgfmt")


def run_pofilter(path: Path, result: Result) -> None:
    from babel.messages.pofile import read_po
    from translate.filters import checks
    from translate.storage import factory

    try:
        store = factory.getobject(str(path))
    except Exception as error:  # noqa: BLE001  (translate raises many types on bad input)
        result.add(display(path), 1, f"cannot parse: {error}", "pofilter")
        return
    lines = babel_lines(path, read_po)
    language = (
        (store.gettargetlanguage() or "").replace("_", "-")
        if hasattr(store, "gettargetlanguage")
        else ""
    )
    checker = checks.StandardChecker(
        checkerconfig=checks.CheckerConfig(targetlanguage=language or None),
        limitfilters=list(POFILTER_TESTS),
    )
    for unit in store.units:
        if unit.isheader() or not unit.istranslated() or unit.isfuzzy():
            continue
        failures = checker.run_filters(unit)
        flagged = has_format_flag(unit)
        source = str(unit.source)
        line = lines.get((unit.getcontext() or None, source), 1)
        for test, details in sorted(failures.items()):
            if test in PLACEHOLDER_TESTS and flagged:
                continue
            message = details.get("message", test) if isinstance(details, dict) else str(details)
            result.add(
                display(path),
                line,
                f"{test}: {message} ({POFILTER_TESTS[test]}): msgid {shorten(source)}",
                "pofilter",
            )


def has_format_flag(unit: object) -> bool:
    """True for `#, c-format` / `python-format` / `python-brace-format` (msgfmt checks those)."""
    flags = [
        flag.strip()
        for comment in getattr(unit, "typecomments", [])
        for flag in comment.lstrip("#,").split(",")
    ]
    return any(FORMAT_FLAG.search(flag) and not flag.startswith("no-") for flag in flags)


def babel_lines(path: Path, read_po: object) -> dict[tuple[str | None, str], int]:
    """Line of each entry's msgid, keyed by (context, singular msgid)."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle)  # type: ignore[operator]
    except Exception:  # noqa: BLE001  (msgfmt reports unreadable files)
        return {}
    lines = {}
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        lines[(message.context, key)] = message.lineno or 1
    for message in catalog.obsolete.values():
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        lines.setdefault((message.context, key), message.lineno or 1)
    return lines


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


I18NSPECTOR_LINE = re.compile(
    r"^(?P<code>[A-Z]): (?P<path>.+?): (?P<tag>[a-z0-9-]+)(?: (?P<extra>.*))?$"
)


def run_i18nspector(i18nspector: str, files: list[Path], result: Result) -> None:
    out = run([i18nspector, *map(str, files)])
    for text in out.stdout.splitlines():
        match = I18NSPECTOR_LINE.match(text)
        if not match or match["code"] not in ("E", "W"):
            continue  # I (info), P (pedantic), X (experimental) are advice, not failures
        tag, extra = match["tag"], match["extra"] or ""
        if ignored(tag) or (tag == "invalid-language" and CLDR_SCRIPT_LOCALE.match(extra.strip())):
            continue
        path = Path(match["path"])
        result.add(display(path), 1, f"{tag} {extra}".strip(), "i18nspector")


def ignored(tag: str) -> bool:
    return any(
        tag == pattern or (pattern.endswith("*") and tag.startswith(pattern[:-1]))
        for pattern in I18NSPECTOR_IGNORED
    )
