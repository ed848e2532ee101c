"""Finding and reading the stories of a project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tidings.confine import confined, leaves
from tidings.errors import Problem, TidingsError, not_utf8
from tidings.project import Project
from tidings.story.schema import Story, parse_story


def story_files(project: Project) -> list[Path]:
    """Return the source-language story files; `x.fr.md` hand translations are not sources."""
    locales = {lang.locale for lang in project.languages}
    files = []
    for path in sorted(project.stories_dir.glob("*.md")):
        suffix = path.stem.rsplit(".", 1)
        if len(suffix) == 2 and suffix[1] in locales:
            continue
        files.append(path)
    return files


def read_source(path: Path, project: Project) -> tuple[str, str]:
    """A file of docs_dir as (path as the user typed it, UTF-8 text); refused when it leads
    out of docs_dir, a path:line error when it is not UTF-8 or cannot be read."""
    shown = project.relative(path)
    confined(path, project.docs_dir, shown)
    try:
        return shown, path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TidingsError(shown, *not_utf8(exc)) from None
    except OSError as exc:
        raise TidingsError(shown, None, f"cannot read: {exc.strerror}") from None


def read_story(path: Path, project: Project) -> Story:
    """Read and validate one story; problems are reported with the path as the user typed it."""
    shown, text = read_source(path, project)
    return parse_story(text, shown)


@dataclass(frozen=True)
class Stories:
    """Every story that could be read, and the problems of those that could not."""

    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]


def claim_slug(story: Story, seen: dict[str, str]) -> Problem | None:
    """Give `story` its slug, or the error at its line when another story has it (`seen`)."""
    if story.slug in seen:
        message = f"slug '{story.slug}' is already used by {seen[story.slug]}"
        return Problem(story.path, story.line_of("slug"), message)
    seen[story.slug] = story.path
    return None


def load_stories(project: Project) -> Stories:
    """Read every story of the project, collecting problems instead of stopping at the first."""
    stories: list[Story] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in story_files(project):
        try:
            story = read_story(path, project)
        except TidingsError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(story.warnings)
        if (taken := claim_slug(story, seen)) is not None:
            problems.append(taken)
            continue
        stories.append(story)
    problems += redirect_problems(stories, seen)
    return Stories(tuple(stories), tuple(problems))


def redirect_problems(stories: list[Story], slugs: dict[str, str]) -> list[Problem]:
    """An old slug must be nobody's slug and only one story's old slug."""
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    for story in stories:
        for index, old in enumerate(story.redirect_from):
            other = slugs.get(old) or claimed.get(old)
            if other is not None:
                line = story.line_of(f"redirect_from.{index}")
                problems.append(Problem(story.path, line, f"'{old}' is already {other}'s address"))
            claimed[old] = story.path
    return problems


def story_file_problems(project: Project, story: Story) -> list[Problem]:
    """Files a story names that are missing or lead out of docs_dir (its image)."""
    if not story.image:
        return []
    image = project.docs_dir / story.image
    where = project.relative(project.docs_dir)
    if leaves(image, project.docs_dir):
        message = f"image '{story.image}' is a symbolic link to a file outside {where}/: refused"
    elif not image.is_file():
        message = f"image '{story.image}' does not exist under {where}/ (the page and its og:image would show a broken picture)"
    else:
        return []
    return [Problem(story.path, story.line_of("image"), message)]
