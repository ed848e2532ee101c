"""Locale data from Babel/CLDR, cached: `Locale.parse` is slow and every language pass needs it."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date


@cache
def locale(code: str) -> Locale:
    """Parse a site locale code (`zh`, `zh-Hant`, `pt-BR`, `pt_BR`)."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def likely(code: str) -> Locale:
    """Return the locale with its likely script and territory filled in (zh -> zh_Hans_CN)."""
    parsed = locale(code)
    if parsed.territory:
        return parsed
    likely_subtags = get_global("likely_subtags")
    tag = likely_subtags.get(str(parsed)) or likely_subtags.get(parsed.language) or str(parsed)
    try:
        return Locale.parse(str(tag))
    except (UnknownLocaleError, ValueError):
        return parsed


@cache
def og_locale(code: str) -> str:
    """Open Graph locale `ll_TT` from likely subtags (zh -> zh_CN, zh-Hant -> zh_TW, ar -> ar_EG)."""
    full = likely(code)
    return f"{full.language}_{full.territory}" if full.territory else full.language


@cache
def hreflang(code: str) -> str:
    """hreflang value `ll-TT` (zh -> zh-CN, zh-Hant -> zh-TW), as the publishing policy says."""
    full = likely(code)
    return f"{full.language}-{full.territory}" if full.territory else full.language


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
