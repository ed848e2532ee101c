#!/usr/bin/env python3
"""Run third-party validators on a built site and report every finding as `path:line`.

    python scripts/check_site.py site [--base-url URL] [--skip NAME ...] [--catalogs DIR]
                                      [--a11y-page PATH ...] [--json]

Validators: vnu (HTML), lychee (links and anchors, offline), feeds (feedparser, RSS 2.0 /
Atom / JSON Feed 1.1 rules and dates), sitemap (sitemaps.org XSD), hreflang (reciprocity,
x-default, agreement with the sitemap), catalogs (msgfmt, pofilter, i18nspector) and a11y
(axe-core in headless Chromium). Set up with `bash scripts/install-system.sh`. Exit status:
0 clean, 1 findings or a validator could not run, 2 bad arguments.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitecheck.cli import main

if __name__ == "__main__":
    sys.exit(main())
