"""The package's shape, enforced: MkDocs and Material only in the adapters, imports only run
down the pipeline (story -> units -> catalogs -> editions -> site | snippets -> cli | plugins),
and no module so long that a reader cannot hold it in their head."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "tidings"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Each part of the package and how far down the pipeline it is; a module may import from its
# own part and from parts with a smaller number, never from a later one.
ORDER = {
    "errors": 0, "characters": 0, "project": 0, "confine": 0, "locales": 0, "ui": 0, "__init__": 0,
    "diskcache": 0,
    "story": 1,
    "units": 2,
    "cards": 2,
    "catalogs": 3,
    "editions": 4,
    "site": 5,
    "snippets": 6,
    "cli": 7,
    "mkdocs_plugins": 8,
    "sitecheck": 9,  # an independent oracle: imports nothing of Tidings (see below)
}  # fmt: skip
LONG = 400  # lines; a longer module must say why in its docstring ("Longer than 400 lines: ...")


def part(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_every_part_has_a_place_in_the_pipeline() -> None:
    assert {part(path) for path in MODULES} <= set(ORDER)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_mkdocs_and_material_only_in_the_adapters(path: Path) -> None:
    if part(path) == "mkdocs_plugins":
        return
    for line, name in imports(path):
        root = name.split(".")[0]
        assert root not in ("mkdocs", "material", "mkdocs_static_i18n"), (
            f"{path.name}:{line}: imports {name}"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_pipeline(path: Path) -> None:
    mine = ORDER[part(path)]
    for line, name in imports(path):
        pieces = name.split(".")
        if pieces[0] != "tidings" or len(pieces) < 2 or pieces[1] == "sitecheck":
            continue  # the site check's own rule is below
        theirs = ORDER[pieces[1]]
        assert theirs <= mine, (
            f"{path.relative_to(PACKAGE)}:{line}: {part(path)} imports {name}, which comes later"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_site_check_stays_independent(path: Path) -> None:
    """`tidings check-site` judges what the build made: it must not share the build's code."""
    for line, name in imports(path):
        pieces = name.split(".")
        if pieces[0] != "tidings":
            continue
        if part(path) == "sitecheck":
            assert pieces[1:2] == ["sitecheck"], (
                f"{path.relative_to(PACKAGE)}:{line}: the site check imports {name}"
            )
        elif pieces[1:2] == ["sitecheck"]:
            assert path.relative_to(PACKAGE).as_posix() == "cli/check_site.py", (
                f"{path.relative_to(PACKAGE)}:{line}: imports the site check"
            )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_short(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    if lines > LONG:
        docstring = ast.get_docstring(ast.parse(text)) or ""
        assert f"Longer than {LONG} lines:" in docstring, (
            f"{path.relative_to(PACKAGE)}: {lines} lines and no reason given"
        )
