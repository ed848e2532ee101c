#!/usr/bin/env python3
"""In the site workflow: does this run deploy to GitHub Pages, and what is the site's URL?

    python scripts/ci_pages.py      # reads the environment below; writes GITHUB_OUTPUT, GITHUB_ENV

A fork must be able to use the workflow unchanged, so nothing here names the demo's host:

- **Deploy** only for a push (or a manual run) on the default branch, and only when the
  repository's Pages site exists and is built "from GitHub Actions" (REST API
  `GET /repos/{owner}/{repo}/pages`, field `build_type: workflow`). Otherwise the run builds
  and checks and says, as a notice, why it did not deploy and how to turn it on.
- **site_url**: the repository variable `SITE_URL` (Settings > Secrets and variables >
  Actions > Variables) if set, else the Pages site's `html_url`, else mkdocs.yml's default.
  It reaches MkDocs and the `tidings` commands as the environment variable SITE_URL, which
  mkdocs.yml reads with `site_url: !ENV [SITE_URL, ...]`.

Environment: GITHUB_EVENT_NAME, GITHUB_REF_NAME, DEFAULT_BRANCH, GITHUB_REPOSITORY,
GITHUB_API_URL, GITHUB_TOKEN, SITE_URL_VARIABLE (`${{ vars.SITE_URL }}`), GITHUB_OUTPUT,
GITHUB_ENV. Outputs: `deploy` (true/false) and `site_url`.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

ENABLE = "Settings > Pages > Build and deployment > Source: GitHub Actions"


def pages_site(api: str, repository: str, token: str) -> tuple[dict[str, object] | None, str]:
    """The repository's Pages site (REST API), or None and why not."""
    request = urllib.request.Request(
        f"{api.rstrip('/')}/repos/{repository}/pages",
        headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {token}",
            "X-GitHub-Api-Version": "2022-11-28",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response), ""
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None, f"GitHub Pages is not enabled for {repository} ({ENABLE})"
        return None, f"the Pages settings of {repository} could not be read (HTTP {error.code})"
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        return None, f"the Pages settings of {repository} could not be read ({error})"


def decide(env: dict[str, str]) -> tuple[bool, str, list[str]]:
    """(deploy, site_url or "", workflow commands to print)."""
    said: list[str] = []
    on_default = env.get("GITHUB_REF_NAME", "") == env.get("DEFAULT_BRANCH", "") != ""
    wanted = env.get("GITHUB_EVENT_NAME") in ("push", "workflow_dispatch") and on_default
    site: dict[str, object] | None = None
    deploy = False
    if wanted:
        site, why = pages_site(
            env.get("GITHUB_API_URL", "https://api.github.com"),
            env.get("GITHUB_REPOSITORY", ""),
            env.get("GITHUB_TOKEN", ""),
        )
        if site is not None and site.get("build_type") != "workflow":
            why = f"GitHub Pages of {env.get('GITHUB_REPOSITORY')} is built from a branch, not by this workflow ({ENABLE})"
        deploy = site is not None and site.get("build_type") == "workflow"
        if not deploy:
            said.append(f"::notice title=Not deployed::The site was built and checked; {why}.")
    url = env.get("SITE_URL_VARIABLE", "").strip()
    if not url and site is not None and isinstance(site.get("html_url"), str):
        url = str(site["html_url"])
    if url:
        parts = urlsplit(url)
        spaced = any(char.isspace() or ord(char) < 32 for char in url)  # one line in GITHUB_ENV
        if spaced or parts.scheme not in ("http", "https") or not parts.netloc:
            said.append(f"::error title=SITE_URL::{url!r} is not an http(s) URL on one line")
            url = ""
        elif not url.endswith("/"):
            url += "/"
    return deploy, url, said


def main() -> int:
    env = dict(os.environ)
    deploy, url, said = decide(env)
    for line in said:
        print(line)
    print(f"deploy: {'yes' if deploy else 'no'}; site_url: {url or '(mkdocs.yml default)'}")
    with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
        output.write(f"deploy={'true' if deploy else 'false'}\nsite_url={url}\n")
    if url:
        with open(env["GITHUB_ENV"], "a", encoding="utf-8") as exported:
            exported.write(f"SITE_URL={url}\n")
    return 1 if any(line.startswith("::error") for line in said) else 0


if __name__ == "__main__":
    sys.exit(main())
