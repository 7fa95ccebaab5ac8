#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing and builds Harley in _build.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
if [ ! -f _build/build.ninja ]; then
  meson setup _build --buildtype=debugoptimized
fi
meson compile -C _build
