#!/usr/bin/env bash
# Installs what the portal needs on a bare Debian/Ubuntu machine, then the Python packages.
#   scripts/bootstrap.sh run    runtime only (fonts for Japanese PDFs, WeasyPrint libraries, gettext)
#   scripts/bootstrap.sh test   also what the tests need (Chromium for the browser tests)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
system_packages=(gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho)
if [ "$mode" = "test" ]; then
  system_packages+=(chromium chromium-driver docker-compose)
fi

missing=()
for pkg in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python_bin="$candidate"; break
    fi
  done
fi
if [ -z "$python_bin" ]; then
  echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv with $python_bin"
  "$python_bin" -m venv .venv
fi

extras=""
[ "$mode" = "test" ] && extras="[dev]"
stamp=".venv/.installed-${mode}-$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages ($mode)"
  .venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e ".${extras}"
  rm -f .venv/.installed-"${mode}"-*
  touch "$stamp"
fi

# Compiled message catalogues are built, not committed.
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
