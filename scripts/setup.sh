#!/usr/bin/env bash
# Installs what the app and its tests need on a fresh machine; quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(fonts-tlwg-laksaman-ttf poppler-utils qpdf chromium chromium-driver python3-icalendar)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Azurite, pinned in package-lock.json.
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet restore ItaServerless.sln --verbosity quiet
