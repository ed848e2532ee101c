"""The site workflow's own steps, run here as GitHub Actions runs them, in a clean copy.

The `run:` steps of .github/workflows/site.yml are read from the YAML and run with bash
`-eo pipefail` (the runner's `shell: bash`), with the workflow's, job's and step's `env`, and
GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY as files. Only the two install steps are
skipped (this machine is set up by `make test`); everything the job does after them runs.
What they print is read back as the runner reads workflow commands (`::error file=…::`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from workflow_steps import BIN, EXPRESSIONS, PULL_REQUEST, WORKFLOW, Runner, clean_copy, steps_of
from workflow_steps import workflow_commands as workflow_commands  # for other tests

INSTALL_STEPS = {
    "Install system tools (Chromium, Java, gettext, i18nspector, validators)",
    "Install Tidings (pinned versions)",
}


def job() -> dict[str, Any]:
    return {"steps": steps_of(WORKFLOW, "build")}


def plant_broken_link(story: Path, target: str) -> int:
    """Put `See [the map](target).` first in the story's body; return its line."""
    lines = story.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 2
    lines.insert(body, f"See [the map]({target}).\n")
    story.write_text("\n".join(lines), encoding="utf-8")
    return body + 1


def run_steps(
    runner: Runner, stop_after: str | None = None
) -> dict[str, subprocess.CompletedProcess[str]]:
    results = {}
    for step in job()["steps"]:
        if "run" not in step or step["name"] in INSTALL_STEPS:
            continue
        results[step["name"]] = runner.run(step, EXPRESSIONS)
        if step["name"] == stop_after:
            break
    return results


def test_only_the_install_steps_are_skipped() -> None:
    names = {step["name"] for step in job()["steps"] if "run" in step}
    assert names >= INSTALL_STEPS
    assert "Build the site" in names and "Check stories and catalogs" in names


@pytest.fixture(scope="module")
def demo_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Runner, dict[str, subprocess.CompletedProcess[str]]]:
    checkout = clean_copy(tmp_path_factory.mktemp("checkout") / "repo")
    runner = Runner(checkout, tmp_path_factory.mktemp("runner"), PULL_REQUEST)
    return runner, run_steps(runner)


def test_the_demo_passes_every_step_of_the_workflow(
    demo_run: tuple[Runner, dict[str, subprocess.CompletedProcess[str]]],
) -> None:
    runner, results = demo_run
    for name, result in results.items():
        assert result.returncode == 0, (name, result.stdout[-3000:], result.stderr[-3000:])
        assert not [
            a for a in workflow_commands(result.stdout) if a["kind"] in ("error", "warning")
        ], name
    assert runner.outputs()["deploy"] == "false"  # a pull request never deploys
    assert (runner.checkout / "site" / "index.html").is_file()


def test_the_job_summary_has_the_status_per_locale_and_the_site_check(
    demo_run: tuple[Runner, dict[str, subprocess.CompletedProcess[str]]],
) -> None:
    runner, _ = demo_run
    summary = runner.files["summary"].read_text(encoding="utf-8")
    status = json.loads(
        subprocess.run(
            [str(BIN / "tidings"), "status", "--json"],
            cwd=runner.checkout,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    locales = dict.fromkeys(row["locale"] for row in status["stories"])
    rows = {
        line.split("|")[1].strip(): line for line in summary.splitlines() if line.startswith("| ")
    }
    for locale in locales:  # one row per locale, with its count of published catalogs
        mine = [row for row in status["stories"] if row["locale"] == locale]
        published = sum(row["published"] for row in mine)
        assert f"\n| {locale} | {published} of {len(mine)} |" in summary, locale
    assert "### Site check passed: 0 finding(s)" in summary
    for validator in ("html", "links", "feeds", "sitemap", "hreflang", "catalogs", "a11y"):
        assert validator in rows, validator


def test_a_writers_mistake_is_an_annotation_at_its_line_and_fails_the_run(tmp_path: Path) -> None:
    checkout = clean_copy(tmp_path / "repo")
    line = plant_broken_link(checkout / "content/stories/canal-city-walk.md", "canal-map.md")
    runner = Runner(checkout, tmp_path, PULL_REQUEST)
    results = run_steps(runner, stop_after="Build the site")
    expected = {
        "kind": "error",
        "file": "content/stories/canal-city-walk.md",
        "line": str(line),
        "message": "link 'canal-map.md': there is no stories/canal-map.md in content/",
    }
    for name in ("Check stories and catalogs", "Build the site"):
        assert results[name].returncode != 0, name
        assert workflow_commands(results[name].stdout).count(expected) == 1, (
            name,
            results[name].stdout,
        )
    # The status still reaches the summary (`if: !cancelled()`), the mistake is not hidden.
    assert "### Translations" in runner.files["summary"].read_text(encoding="utf-8")


def test_a_stale_template_fails_the_check_in_ci(tmp_path: Path) -> None:
    checkout = clean_copy(tmp_path / "repo")
    story = checkout / "content" / "stories" / "canal-city-walk.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")
    runner = Runner(checkout, tmp_path, PULL_REQUEST)
    step = next(s for s in job()["steps"] if s["name"] == "Check stories and catalogs")
    result = runner.run(step, EXPRESSIONS)
    assert result.returncode == 1, result.stdout
    found = workflow_commands(result.stdout)
    assert any(
        a["kind"] == "error" and a["file"] == "translations/stories/canal-city-walk.pot"
        for a in found
    ), found


# --- deploy or not: scripts/ci_pages.py against a stand-in for the GitHub REST API ------------


@pytest.fixture
def pages_api() -> Iterator[tuple[str, dict[str, Any]]]:
    """127.0.0.1 REST API whose `GET /repos/o/r/pages` answers what the test puts in `state`."""
    state: dict[str, Any] = {"status": 404, "body": {}, "auth": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state["auth"].append(self.headers.get("Authorization"))
            status = state["status"] if self.path == "/repos/o/r/pages" else 404
            body = json.dumps(state["body"] if status == 200 else {"message": "Not Found"})
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


def decide(
    tmp_path: Path, api: str, event: dict[str, str], site_url: str = ""
) -> tuple[Runner, subprocess.CompletedProcess[str]]:
    runner = Runner(ROOT, tmp_path, {"GITHUB_API_URL": api, "GITHUB_REPOSITORY": "o/r", **event})
    step = next(s for s in job()["steps"] if s.get("id") == "pages")
    return runner, runner.run(step, {**EXPRESSIONS, "${{ vars.SITE_URL }}": site_url})


PUSH_TO_MAIN = {"GITHUB_EVENT_NAME": "push", "GITHUB_REF_NAME": "main"}


def test_a_fork_without_pages_builds_and_says_why_it_does_not_deploy(
    tmp_path: Path, pages_api: tuple[str, dict[str, Any]]
) -> None:
    api, state = pages_api
    runner, result = decide(tmp_path, api, PUSH_TO_MAIN)
    assert result.returncode == 0, result.stderr
    assert runner.outputs() == {"deploy": "false", "site_url": ""}
    notice = [a for a in workflow_commands(result.stdout) if a["kind"] == "notice"]
    assert len(notice) == 1 and "GitHub Pages is not enabled for o/r" in notice[0]["message"]
    assert state["auth"] == ["Bearer not-a-token"]
    assert runner.files["env"].read_text(encoding="utf-8") == ""  # mkdocs.yml's default stays


def test_pages_from_actions_deploys_at_the_pages_url(
    tmp_path: Path, pages_api: tuple[str, dict[str, Any]]
) -> None:
    api, state = pages_api
    state.update(status=200, body={"html_url": "https://o.github.io/r", "build_type": "workflow"})
    runner, result = decide(tmp_path, api, PUSH_TO_MAIN)
    assert result.returncode == 0, result.stderr
    assert runner.outputs() == {"deploy": "true", "site_url": "https://o.github.io/r/"}
    assert runner.files["env"].read_text(encoding="utf-8") == "SITE_URL=https://o.github.io/r/\n"
    # ... which is the site_url the build and the tidings commands then use.
    from tidings.project import load_project

    os.environ["SITE_URL"] = "https://o.github.io/r/"
    try:
        assert load_project(ROOT / "mkdocs.yml").site_url == "https://o.github.io/r/"
    finally:
        del os.environ["SITE_URL"]


def test_the_site_url_variable_wins_and_branch_built_pages_do_not_deploy(
    tmp_path: Path, pages_api: tuple[str, dict[str, Any]]
) -> None:
    api, state = pages_api
    state.update(status=200, body={"html_url": "https://o.github.io/r/", "build_type": "legacy"})
    runner, result = decide(tmp_path, api, PUSH_TO_MAIN, site_url="https://news.example.org")
    assert runner.outputs() == {"deploy": "false", "site_url": "https://news.example.org/"}
    assert "built from a branch" in workflow_commands(result.stdout)[0]["message"]


def test_other_branches_and_pull_requests_never_ask_pages(
    tmp_path: Path, pages_api: tuple[str, dict[str, Any]]
) -> None:
    api, state = pages_api
    for event in (PULL_REQUEST, {"GITHUB_EVENT_NAME": "push", "GITHUB_REF_NAME": "draft"}):
        runner, result = decide(tmp_path, api, event)
        assert result.returncode == 0 and runner.outputs()["deploy"] == "false"
        assert workflow_commands(result.stdout) == []
    assert state["auth"] == []


def test_a_site_url_that_would_inject_an_environment_line_is_refused(
    tmp_path: Path, pages_api: tuple[str, dict[str, Any]]
) -> None:
    api, _ = pages_api
    runner, result = decide(tmp_path, api, PULL_REQUEST, site_url="https://a.org/\nPATH=/evil")
    assert result.returncode == 1
    assert runner.files["env"].read_text(encoding="utf-8") == ""


def test_the_workflow_keeps_least_privilege_and_deploys_only_what_was_decided() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    build = workflow["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert "head.repo.full_name != github.repository" in build["if"]  # PRs checked once
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == "needs.build.outputs.deploy == 'true'"
    assert build["outputs"]["deploy"] == "${{ steps.pages.outputs.deploy }}"
    cached = [
        step["with"]["path"] for step in build["steps"] if "actions/cache" in step.get("uses", "")
    ]
    assert cached == ["~/.cache/pip", "scripts/validators/node_modules", ".cache/tidings"]


# --- the sharded workflow: its plan, shard and merge steps, against a one-process build --------

SHARDED = ROOT / ".github" / "workflows" / "site-sharded.yml"


def sharded_step(job_name: str, step_name: str) -> dict[str, Any]:
    return next(s for s in steps_of(SHARDED, job_name) if s.get("name") == step_name)


def test_the_sharded_workflow_builds_what_one_process_builds(
    demo_site: Path, tmp_path: Path
) -> None:
    checkout = clean_copy(tmp_path / "repo")
    event = {"GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_REF_NAME": "draft"}
    runner = Runner(checkout, tmp_path, event, SHARDED)
    plan = {**EXPRESSIONS, "${{ inputs.shards || vars.TIDINGS_SHARDS }}": "3"}
    for name in ("Decide whether to deploy, and the site's URL", "Deal the languages"):
        result = runner.run(sharded_step("plan", name), plan)
        assert result.returncode == 0, (name, result.stderr)
    outputs = runner.outputs()
    groups = json.loads(outputs["groups"])
    assert len(groups) == 3 and outputs["deploy"] == "false"
    build = sharded_step("shard", "Build the shard")
    for index, group in enumerate(groups):  # one machine each, here one after another
        matrix = {
            "${{ matrix.locales }}": group,
            "${{ needs.plan.outputs.site_url }}": outputs["site_url"],
        }
        result = runner.run(build, matrix)
        assert result.returncode == 0, (group, result.stdout[-2000:], result.stderr[-2000:])
        # upload-artifact shard-<index>, then download-artifact into shards/
        (checkout / "shards").mkdir(exist_ok=True)
        (checkout / "shard").rename(checkout / "shards" / f"shard-{index}")
    result = runner.run(sharded_step("merge", "Merge the shards"), EXPRESSIONS)
    assert result.returncode == 0, result.stderr
    merged = checkout / "site"
    one = {p.relative_to(demo_site): p for p in demo_site.rglob("*") if p.is_file()}
    many = {p.relative_to(merged): p for p in merged.rglob("*") if p.is_file()}
    assert sorted(one) == sorted(many)
    assert [str(n) for n, p in one.items() if p.read_bytes() != many[n].read_bytes()] == []
