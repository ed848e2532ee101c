"""Locale data from Babel/CLDR, cached: `Locale.parse` is slow and every language pass needs it."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date


@cache
def locale(code: str) -> Locale:
    """Parse a site locale code (`zh`, `zh-Hant`, `pt-BR`, `pt_BR`)."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def language_tag(code: str) -> str:
    """The BCP 47 tag of a site locale, for every signal: hreflang, JSON-LD, feeds, sitemap.

    What the site declares, nothing invented: `en`, `ar`, `zh`, `zh-Hant`, `pt-BR`. A region
    tells Google "for users in that country" (Google Search Central, "Tell Google about
    localized versions of your page"), so a language-only locale gets no likely region: an
    Arabic page is for Arabic readers in Morocco as in Saudi Arabia. A script (ISO 15924) is
    kept: `zh-Hant` is how HTML and hreflang say Traditional Chinese.
    """
    parsed = locale(code)
    return "-".join(part for part in (parsed.language, parsed.script, parsed.territory) if part)


#: Open Graph has no script form; Facebook's locales for the two Chinese scripts.
_OG_SCRIPTS = {("zh", "Hans"): "zh_CN", ("zh", "Hant"): "zh_TW"}


@cache
def og_locale(code: str) -> str:
    """Open Graph `og:locale`: `ll_RR` when the site declares a region, else `ll` (zh-Hant: zh_TW)."""
    parsed = locale(code)
    if parsed.territory:
        return f"{parsed.language}_{parsed.territory}"
    return _OG_SCRIPTS.get((parsed.language, parsed.script or ""), parsed.language)


@cache
def language_name(code: str, in_locale: str | None = None, capitalize: bool = True) -> str:
    """Name of a language in another locale, or in itself ("Français", "العربية")."""
    name = locale(code).get_display_name(locale(in_locale or code)) or code
    return name[:1].upper() + name[1:] if capitalize else name


@lru_cache(maxsize=4096)
def long_date(day: dt.date, code: str) -> str:
    """A date the way a reader of `code` writes it: 2019年6月12日, 12 juin 2019."""
    return format_date(day, format="long", locale=locale(code))


@cache
def direction(code: str) -> str:
    return "rtl" if locale(code).character_order == "right-to-left" else "ltr"


# Characters that separate items of a list in some locale's CLDR list pattern.
_SEPARATORS = (",", "،", "、", "，", ";", "؛")


@lru_cache(maxsize=4096)
def byline(authors: tuple[str, ...], code: str) -> str:
    """Authors as one phrase of `code`'s language (CLDR list patterns: "A, B et C", "A、B和C").

    A byline like "Sun Yue, journaliste" carries its own comma; joined with more commas it
    would read as two people, so such lists are joined with semicolons of the script instead.
    """
    from babel.lists import format_list

    names = [a.strip() for a in authors if a.strip()]
    if not names:
        return ""
    try:
        joined = format_list(names, style="standard", locale=locale(code))
    except (KeyError, ValueError):
        joined = ", ".join(names)
    if len(names) > 1 and any(sep in name for name in names for sep in _SEPARATORS):
        semicolon = "؛ " if direction(code) == "rtl" else "；" if code.startswith("zh") else "; "
        return semicolon.join(names)
    return joined
