"""`tidings build`: --strict fails on any warning (MkDocs' `-q` would hide them), and with
`--format github` every warning is an annotation at its file and line, said once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_site_build import make_project
from test_workflow import plant_broken_link, workflow_commands
from tidings.cli.build_log import log_problems, said
from tidings.errors import Problem

# As MkDocs 1.6 prints records (mkdocs/__main__.py: f"{levelname:<8}-  {message}").
OUTPUT = """\
INFO    -  Cleaning site directory
INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - tags/tea.md
WARNING -  tidings: content/stories/tea.md:7: link 'x.md': there is no stories/x.md in content/
WARNING -  tidings: translations/fr/LC_MESSAGES/stories/tea.po: no story 'tea' for this catalog
WARNING -  Doc file 'notes.md' contains a link 'gone.md', but the target is not found among documentation files.
WARNING -  tidings: content/stories/tea.md:7: link 'x.md': there is no stories/x.md in content/
ERROR   -  Config value 'plugins': something broke, 50% of it
Aborted with 4 warnings in strict mode!
"""


def test_each_record_becomes_one_problem_at_its_file_and_line() -> None:
    assert log_problems(OUTPUT, "content") == [
        Problem(
            "content/stories/tea.md",
            7,
            "link 'x.md': there is no stories/x.md in content/",
            "warning",
        ),
        Problem(
            "translations/fr/LC_MESSAGES/stories/tea.po",
            None,
            "no story 'tea' for this catalog",
            "warning",
        ),
        Problem(
            "content/notes.md",
            None,
            "Doc file 'notes.md' contains a link 'gone.md', but the target is not found among documentation files.",
            "warning",
        ),
        Problem("", None, "Config value 'plugins': something broke, 50% of it", "error"),
    ]
    assert {p.severity for p in log_problems(OUTPUT, "content", strict=True)} == {"error"}


def test_info_records_and_their_continuations_are_not_said() -> None:
    kept = said(OUTPUT)
    assert "Cleaning" not in kept and "tags/tea.md" not in kept
    assert kept.count("WARNING") == 4 and "ERROR" in kept


def test_annotations_read_back_as_the_runner_reads_them() -> None:
    problem = Problem("content/a,b: c.md", 3, "50% done\nsecond line")
    assert workflow_commands(problem.github()) == [
        {
            "kind": "error",
            "file": "content/a,b: c.md",
            "line": "3",
            "message": "50% done\nsecond line",
        }
    ]
    assert Problem("", None, "no file", "warning").github() == "::warning::no file"
    assert Problem("x.po", 4, "w", "warning").github(strict=True).startswith("::error ")


def test_tidings_build_strict_fails_on_a_warning_and_annotates_it_once(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    line = plant_broken_link(root / "content" / "stories" / "tea.md", "map.md")
    tidings = str(Path(sys.executable).with_name("tidings"))
    result = subprocess.run(
        [
            tidings,
            "build",
            "--strict",
            "--jobs",
            "2",
            "--format",
            "github",
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert workflow_commands(result.stdout) == [
        {
            "kind": "error",
            "file": "content/stories/tea.md",
            "line": str(line),
            "message": "link 'map.md': there is no stories/map.md in content/",
        }
    ]  # once, though two shards and three language passes saw it
    assert "Traceback" not in result.stderr
    relaxed = subprocess.run(
        [tidings, "build", "--jobs", "2", "-d", str(tmp_path / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert relaxed.returncode == 0 and "map.md" in relaxed.stdout  # shown, not fatal
