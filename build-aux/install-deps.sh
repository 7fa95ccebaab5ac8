#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Harley needs to build, run and test,
# asking apt only for what is missing. Runs as root, or uses sudo.
set -euo pipefail

packages=(
  # build
  gcc libc6-dev meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libcairo2-dev libpango1.0-dev libpoppler-glib-dev libical-dev libenchant-2-dev
  libsodium-dev
  # run: icons, fonts, SVG loading
  adwaita-icon-theme hicolor-icon-theme librsvg2-common
  fonts-cantarell fonts-dejavu-core fonts-noto-cjk
  # run: the letter editor's British English spelling dictionary
  hunspell-en-gb
  # test: validators, a display, the database shell
  appstream desktop-file-utils xvfb xauth sqlite3 python3
  # test: libFuzzer (tests/fuzz, build-aux/fuzz.sh)
  clang-14 clang libclang-rt-14-dev
  # look and measure: screenshots, PDF pages
  imagemagick poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
