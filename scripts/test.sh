#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then installs, builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

# tmux drives the interactive CLI, zbarimg decodes QR codes, softhsm2/opensc give a real PKCS#11 token,
# chromium runs the local sign server's pop-up exchange (gcis local-server) in a real browser.
# zsh and fish check the completion scripts (gcis completion zsh|fish); postgresql runs the PostgreSQL
# store's tests on a throwaway cluster (started as the postgres user, see packages/server/src/testing/testPostgres.ts).
# nginx runs examples/nginx/gcis.conf in front of two gcis-server instances.
debian_packages=(tmux zbar-tools softhsm2 opensc openssl oathtool chromium zsh fish postgresql nginx)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm test
