"""A story: one Markdown file with YAML front matter, validated against the story schema."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import yaml

from tidings.characters import bad_characters, first_bad_character
from tidings.errors import Problem, TidingsError, excerpt
from tidings.story.authors import Author, read_authors

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: What `tidings new` writes where a writer must write: `check` refuses it in a story that is
#: not a draft, so scaffolding cannot be published by accident.
PLACEHOLDER = "TODO(tidings):"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

#: Front matter keys and what they hold; the text fields are translation units.
FIELDS: Mapping[str, str] = {
    "title": "headline shown on the page, in lists and in snippets (required, plain text)",
    "summary": "one or two sentences for lists, feeds and link previews (required)",
    "date": "publication date, YYYY-MM-DD (required)",
    "updated": "date of the last significant update, YYYY-MM-DD",
    "authors": "a name, or a list of names or of {name, role, url}",
    "tags": "a list of tags; each tag has a page per language",
    "slug": "the URL name; defaults to the file name; only a-z, 0-9 and '-'",
    "redirect_from": "the story's old slugs (`tidings mv` adds them): their pages redirect here",
    "image": "hero image, relative to the docs folder; also the share image",
    "image_alt": "alternative text of the image (required with image)",
    "hashtags": "hashtags for social snippets, without '#'",
    "snippet": "general social-media text; defaults to the summary",
    "snippets": "per-channel social texts, e.g. {x: ..., weibo: ...}",
    "canonical": "absolute URL of the original if it was first published elsewhere",
    "draft": "true keeps the story out of the site and the feeds",
    "translate": "false, or {skip: [locales]} or {only: [locales]}",
}


@dataclass(frozen=True)
class Story:
    """A validated source story; `lines` maps each front-matter key (and `key.sub`) to its line."""

    path: str
    slug: str
    title: str
    summary: str
    date: dt.date
    body: str
    body_line: int
    updated: dt.date | None = None
    authors: tuple[Author, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None
    hashtags: tuple[str, ...] = ()
    snippet: str | None = None
    snippets: Mapping[str, str] = field(default_factory=dict)
    canonical: str | None = None
    draft: bool = False
    translate_skip: tuple[str, ...] = ()
    translate_only: tuple[str, ...] | None = None
    redirect_from: tuple[str, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    catalog: str | None = None
    """Its catalog's name when it is not a story's (`pages/about`, `site`); see story/pages.py."""
    texts: tuple[tuple[str, str], ...] = ()
    """More texts to translate, as (context, text): the site's name, nav titles (`site`)."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """A page's front matter as written (kept for its translations)."""

    def line_of(self, key: str) -> int:
        """Return the line of a front-matter key, or 1 when it was not given."""
        return self.lines.get(key) or self.lines.get(key.split(".")[0]) or 1

    @property
    def catalog_name(self) -> str:
        """Its catalogs' name under translations/: `stories/<slug>`, `pages/about`, `site`."""
        return self.catalog or f"stories/{self.slug}"

    def translated_into(self, locale: str) -> bool:
        """Say whether the writer wants this story translated into `locale`."""
        if locale in self.translate_skip:
            return False
        return self.translate_only is None or locale in self.translate_only


def split_front_matter(text: str, path: str) -> tuple[str, int, str, int]:
    """Return (front matter, its first line, body, body's first line); 1-based lines."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise TidingsError(path, 1, "a story starts with YAML front matter between '---' lines")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in ("---", "..."):
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return front, 2, body, index + 2
    raise TidingsError(path, 1, "front matter is not closed by a '---' line")


def _lines(node: yaml.MappingNode, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + first_line
        if isinstance(value_node, yaml.MappingNode):
            for sub_key, sub_value in value_node.value:
                lines[f"{key}.{sub_key.value}"] = sub_value.start_mark.line + first_line
        elif isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[f"{key}.{index}"] = item.start_mark.line + first_line
    return lines


def load_front_matter(
    front: str, first_line: int, path: str
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse front matter YAML into values and the line of every key."""
    try:
        node = yaml.compose(front, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc)
        rows = front.split("\n")
        row = rows[mark.line] if mark is not None and mark.line < len(rows) else ""
        if "\t" in row[: len(row) - len(row.lstrip(" \t"))]:
            problem = "this line is indented with a tab; YAML front matter needs spaces"
        elif "mapping values are not allowed" in problem:
            problem = "a value with ': ' in it needs quotes, like  summary: \"Sales: up 50%\""
        raise TidingsError(path, line, f"invalid YAML in front matter: {problem}") from None
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise TidingsError(path, first_line, "front matter must be a mapping of 'key: value' lines")
    constructor = yaml.SafeLoader("")
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = first_line + value_node.start_mark.line
        try:
            key = str(constructor.construct_object(key_node, deep=True))
            values[key] = constructor.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            # e.g. `date: 2026-13-01` is a YAML timestamp that datetime rejects
            raise TidingsError(path, line, f"invalid value for '{key_node.value}': {exc}") from None
    return values, _lines(node, first_line)


class _Checker:
    """Collect every schema problem of one story instead of stopping at the first."""

    def __init__(self, path: str, values: Mapping[str, Any], lines: Mapping[str, int]) -> None:
        self.path, self.values, self.lines = path, values, lines
        self.problems: list[Problem] = []

    def error(self, key: str, message: str, severity: str = "error") -> None:
        line = self.lines.get(key) or self.lines.get(key.split(".")[0]) or 1
        self.problems.append(Problem(self.path, line, message, severity))  # type: ignore[arg-type]

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.values.get(key)
        if value is None:
            if required:
                self.problems.append(
                    Problem(self.path, 1, f"front matter needs '{key}': {FIELDS[key]}")
                )
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(key, f"'{key}' must be text, not {_kind(value)}")
            return None
        if required and not value.strip():
            self.error(key, f"'{key}' must not be empty")
            return None
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"'{key}' must be a list of texts, not {_kind(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if (
                isinstance(item, (str, int, float))
                and not isinstance(item, bool)
                and str(item).strip()
            ):
                items.append(str(item).strip())
            else:
                self.error(f"{key}.{index}", f"'{key}' item {index + 1} must be non-empty text")
        return tuple(items)

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.values.get(key)
        if value is None:
            if required:
                self.problems.append(
                    Problem(self.path, 1, f"front matter needs '{key}': {FIELDS[key]}")
                )
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        self.error(key, f"'{key}' must be a date like 2026-10-12, not {excerpt(str(value))}")
        return None


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def parse_story(text: str, path: str) -> Story:  # noqa: C901 (one branch per front-matter key: the schema, read top to bottom)
    """Validate a story file's text; raise TidingsError listing every problem with its line."""
    bad = bad_characters(text.removeprefix("\ufeff"))
    if bad:
        raise TidingsError.from_problems(
            [Problem(path, b.line, f"contains {b.describe()}") for b in bad[:20]]
        )
    front, front_line, body, body_line = split_front_matter(text, path)
    values, lines = load_front_matter(front, front_line, path)
    check = _Checker(path, values, lines)
    for key, value in values.items():
        # YAML escapes ("\x08", "\0") make characters that the file itself does not show.
        for string in _strings(value):
            if (char := first_bad_character(string)) is not None:
                check.error(key, f"'{key}' contains {char.describe()}")
    for key in values:
        if key not in FIELDS:
            check.error(
                key, f"unknown front matter key '{key}' (known: {', '.join(FIELDS)})", "warning"
            )
    title = check.text("title", required=True)
    summary = check.text("summary", required=True)
    date = check.date("date", required=True)
    updated = check.date("updated")
    if date and updated and updated < date:
        check.error("updated", f"'updated' ({updated}) is before 'date' ({date})")

    stem = PurePath(path).stem
    slug = check.text("slug") or stem
    if not SLUG.match(slug):
        where = "'slug'" if "slug" in values else f"the file name '{stem}'"
        check.error(
            "slug", f"{where} is not a valid slug: use only a-z, 0-9 and '-' (e.g. 'tea-village')"
        )

    image = check.text("image")
    image_alt = check.text("image_alt")
    if image and (image.startswith("/") or ".." in PurePath(image).parts or "://" in image):
        check.error("image", "'image' must be a path inside the docs folder, like images/forum.png")
    if image and not image_alt:
        check.error(
            "image", "'image_alt' is required with 'image': describe the picture for readers"
        )

    snippets: dict[str, str] = {}
    raw_snippets = values.get("snippets")
    if raw_snippets is not None and not isinstance(raw_snippets, dict):
        check.error(
            "snippets", "'snippets' must map channel ids to texts, e.g. {x: ..., weibo: ...}"
        )
    elif raw_snippets:
        for channel, value in raw_snippets.items():
            if not isinstance(value, str) or not value.strip():
                check.error(f"snippets.{channel}", f"snippet for channel '{channel}' must be text")
            else:
                snippets[str(channel)] = value.strip()

    canonical = check.text("canonical")
    if canonical and not re.match(r"^https?://[^\s/]+", canonical):
        check.error("canonical", "'canonical' must be an absolute http(s) URL")

    draft = values.get("draft", False)
    if not isinstance(draft, bool):
        check.error("draft", "'draft' must be true or false")
        draft = False
    for number, row in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        if PLACEHOLDER in row and not draft:  # a draft is work in progress
            message = f"placeholder text from `tidings new` left here: replace '{PLACEHOLDER} …' with the story"
            check.problems.append(Problem(path, number, message))

    skip: tuple[str, ...] = ()
    only: tuple[str, ...] | None = None
    translate = values.get("translate")
    if translate is False:
        only = ()
    elif isinstance(translate, dict):
        for key in translate:
            if key not in ("skip", "only"):
                check.error("translate", f"'translate' takes 'skip' or 'only', not '{key}'")
        skip = _locales(check, translate.get("skip"), "translate.skip")
        if "only" in translate:
            only = _locales(check, translate.get("only"), "translate.only")
    elif translate not in (None, True):
        check.error(
            "translate", "'translate' must be false, {skip: [locales]} or {only: [locales]}"
        )

    redirect_from = check.texts("redirect_from")
    for index, old in enumerate(redirect_from):
        if not SLUG.match(old) or old == slug:
            check.error(f"redirect_from.{index}", f"'{old}' is no old slug of this story")
    hashtags = tuple(tag.lstrip("#") for tag in check.texts("hashtags"))
    for index, tag in enumerate(hashtags):
        if re.search(r"\s", tag):
            check.error(f"hashtags.{index}", f"hashtag '{tag}' must be one word (no spaces)")

    errors = [p for p in check.problems if p.severity == "error"]
    if errors:
        raise TidingsError.from_problems(errors)
    assert title is not None and summary is not None and date is not None
    return Story(
        path=path,
        slug=slug,
        title=title,
        summary=summary,
        date=date,
        body=body,
        body_line=body_line,
        updated=updated,
        authors=read_authors(values.get("authors"), check.error),
        tags=check.texts("tags"),
        image=image,
        image_alt=image_alt,
        hashtags=hashtags,
        snippet=check.text("snippet"),
        snippets=snippets,
        canonical=canonical,
        draft=draft,
        translate_skip=skip,
        redirect_from=redirect_from,
        translate_only=only,
        lines=lines,
        warnings=tuple(check.problems),
    )


def _locales(check: _Checker, value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and LOCALE.match(v) for v in value
    ):
        check.error(key.split(".")[0], f"'{key}' must be a list of locale codes like [ru, ar]")
        return ()
    return tuple(value)
