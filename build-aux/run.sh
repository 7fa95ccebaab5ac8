#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start (1): installs what is missing, builds, creates a demo practice
# database if there is none, and opens Harley on it.
# Usage: build-aux/run.sh [--patients N]
set -euo pipefail
cd "$(dirname "$0")/.."

patients=2000
if [ "${1:-}" = "--patients" ]; then
  patients=$2
fi

build-aux/build.sh

demo_dir="${XDG_DATA_HOME:-$HOME/.local/share}/harley"
demo="$demo_dir/demo-practice.db"
if [ ! -f "$demo" ]; then
  echo "Creating a demo practice with $patients patients in $demo"
  _build/src/cli/harley-cli --database "$demo" demo --patients "$patients" --seed 1
fi

export GSETTINGS_SCHEMA_DIR="$PWD/_build/resources"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "There is no display to open Harley on. Run this from a desktop session." >&2
  exit 1
fi
echo "Sign in as any of the demo practice's users with the passphrase: harley demo"
exec _build/src/harley --database "$demo"
