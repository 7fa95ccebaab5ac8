#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start (2): installs what is missing, builds, runs every test (the
# window's tests under Xvfb) and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/build.sh || exit 1

xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C _build --print-errorlogs --num-processes 2
status=$?

python3 build-aux/count-tests.py _build/meson-logs/testlog.json
exit $status
