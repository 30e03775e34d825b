#!/usr/bin/env bash
# Installs everything zwgk-audit needs on Debian (Python 3.11+): Debian
# packages (chromium, nginx-light, fonts, dnsmasq), a virtualenv in .venv
# and the project with its test extras.  Safe to run again: it skips what is
# already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium nginx-light fonts-wqy-zenhei dnsmasq-base)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
PY=${PYTHON:-python3}
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PY" - <<'PYCHECK'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"zwgk-audit 需要 Python 3.11 或更高版本，当前为 {sys.version.split()[0]}")
PYCHECK

if [ ! -x .venv/bin/python ]; then
    echo "==> python -m venv .venv"
    "$PY" -m venv .venv
fi

# Reinstall only when pyproject.toml changed since the last install.
stamp=.venv/.zwgk-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! .venv/bin/python -c 'import zwgk_audit, scrapy, scrapy_playwright' >/dev/null 2>&1; then
    echo "==> pip install -e '.[test]'"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e '.[test]'
    echo "$want" > "$stamp"
fi
