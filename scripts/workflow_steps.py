"""Run a GitHub Actions job's `run:` steps here, as the runner runs them, and read back the
workflow commands (`::error file=…::`) they print. Used by tests/test_workflow.py and
scripts/bench_ci.py.

A step runs with bash `--noprofile --norc -eo pipefail` (the runner's `shell: bash`), with the
workflow's and the step's `env` (expressions `${{ … }}` in `env` are given by the caller; a
`run:` script must not contain any: that is also the rule against script injection),
and GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY as files. `uses:` steps are the
caller's business (caches, checkout, artifacts).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
BIN = Path(sys.executable).parent
# A workflow command as the runner parses it: ::name key=value,key=value::message
COMMAND = re.compile(r"^::(?P<name>[a-z-]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


#: The `${{ … }}` values of the site workflow's step `env`, as a pull request has them.
EXPRESSIONS = {
    "${{ github.event.repository.default_branch }}": "main",
    "${{ vars.SITE_URL }}": "",
    "${{ github.token }}": "not-a-token",
}
PULL_REQUEST = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REF_NAME": "7/merge"}


def steps_of(workflow_file: Path, job_name: str) -> list[dict[str, Any]]:
    """The steps of one job of a workflow file."""
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    return list(workflow["jobs"][job_name]["steps"])


def workflow_commands(output: str) -> list[dict[str, str]]:
    """The workflow commands in `output`, unescaped as the runner does (actions/toolkit)."""
    found = []
    for line in output.splitlines():
        command = COMMAND.match(line)
        if not command:
            continue
        entry = {"kind": command["name"], "message": _unescape(command["message"])}
        for pair in filter(None, (command["properties"] or "").split(",")):
            key, _, value = pair.partition("=")
            entry[key] = _unescape(value)
        found.append(entry)
    return found


def _unescape(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def clean_copy(destination: Path, validators: bool = True) -> Path:
    """The files a clean clone would have (tracked and new, not ignored), as in this tree."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            target = destination / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    if validators:  # what the install step would put there (npm ci of scripts/validators)
        modules = ROOT / "scripts" / "validators" / "node_modules"
        (destination / "scripts" / "validators" / "node_modules").symlink_to(modules)
    return destination


class Runner:
    """Runs the job's `run:` steps in `checkout` like the Actions runner."""

    def __init__(
        self,
        checkout: Path,
        scratch: Path,
        event: dict[str, str],
        workflow_file: Path = WORKFLOW,
        bin_dir: Path = BIN,
    ) -> None:
        self.checkout = checkout
        self.files = {name: scratch / name for name in ("output", "env", "summary")}
        for path in self.files.values():
            path.write_text("", encoding="utf-8")
        workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
        self.env = {
            **os.environ,
            **workflow.get("env", {}),
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTIONS": "true",
            "GITHUB_OUTPUT": str(self.files["output"]),
            "GITHUB_ENV": str(self.files["env"]),
            "GITHUB_STEP_SUMMARY": str(self.files["summary"]),
            **event,
        }
        self.env.pop("SITE_URL", None)

    def run(
        self, step: dict[str, Any], expressions: dict[str, str]
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        for key, value in (step.get("env") or {}).items():
            env[key] = expressions.get(str(value), str(value))
        # What earlier steps exported through GITHUB_ENV (NAME=value lines).
        for line in self.files["env"].read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            env[key] = value
        if "${{" in step["run"]:
            raise ValueError(f"step {step['name']!r}: pass expressions through env")
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )

    def outputs(self) -> dict[str, str]:
        lines = self.files["output"].read_text(encoding="utf-8").splitlines()
        return dict(line.partition("=")[::2] for line in lines)
