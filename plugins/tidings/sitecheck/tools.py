"""Where the third-party validators live, and how to run them.

Python validators come with `pip install 'tidings[check]'`; the npm ones (vnu-jar, axe-core)
from `npm ci --prefix scripts/validators` (this repository's lock file), or from any folder
named by `TIDINGS_VALIDATORS` that holds their `node_modules/`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Schemas shipped with the check (sitemaps.org XSD, JSON Feed 1.1): see schemas/README.md.
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def _validators() -> Path:
    named = os.environ.get("TIDINGS_VALIDATORS")
    return Path(named) if named else Path.cwd() / "scripts" / "validators"


VALIDATORS = _validators()
NODE_MODULES = VALIDATORS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
#: Flags that let Debian's Chromium run headless here (no sandbox as root, no network calls).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "run `bash scripts/install-system.sh` (or set TIDINGS_VALIDATORS to a folder with node_modules/)"


class ToolMissing(Exception):
    """A validator's program is not installed; the message says how to get it."""


def which(name: str) -> str:
    """Find a program on PATH or next to the running Python (a venv's `bin/`)."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise ToolMissing(f"`{name}` not found; {INSTALL_HINT} and install the test extras")
    return found


def need(path: Path) -> Path:
    if not path.is_file():
        raise ToolMissing(f"{path} is missing; {INSTALL_HINT}")
    return path


def run(
    args: list[str], cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run a validator; never raise on its exit status (non-zero usually means findings)."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
        check=False,
    )


def first_line(args: list[str]) -> str:
    """First line of a `--version` output, for the summary table."""
    try:
        out = run(args, timeout=60)
    except OSError:
        return "?"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "?"


def npm_version(package: str) -> str:
    """Version of a package installed under scripts/validators/node_modules."""
    manifest = NODE_MODULES / package / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"
