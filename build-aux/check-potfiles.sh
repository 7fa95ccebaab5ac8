#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh SOURCE_ROOT
#
# Checks po/POTFILES.in against the source tree. It fails (exit 1) when
#   - a C file under src/ (*.c, *.h) uses _(), N_(), C_(), NC_(), Q_(),
#     ngettext() or g_dngettext(),
#   - a UI file under ui/ (*.ui) has a property marked translatable="yes",
#   - or a *.desktop.in, *.metainfo.xml.in or *.gschema.xml under resources/
# is not listed in po/POTFILES.in, or when po/POTFILES.in lists a file that
# does not exist. Files listed in po/POTFILES.skip, if there is one, are not
# required. Exit 2 means the script was called wrongly.

set -eu

if [ "$#" -ne 1 ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi

if ! cd "$1" 2>/dev/null; then
  echo "$0: cannot enter source root '$1'" >&2
  exit 2
fi

potfiles=po/POTFILES.in
skipfiles=po/POTFILES.skip

if [ ! -f "$potfiles" ]; then
  echo "$0: $1/$potfiles not found" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-potfiles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# A gettext call in C: the glib macros, not preceded by a letter, digit or
# underscore (so g_strdup_() or FOO_C_() do not count), or any *ngettext().
c_pattern='(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_)[[:space:]]*[(]|ngettext[[:space:]]*[(]'
# A translatable property in a GtkBuilder file.
ui_pattern='translatable[[:space:]]*=[[:space:]]*["'\''](yes|true|1)["'\'']'

# The file names in a POTFILES-style list: no comments, blank lines,
# "[encoding: ...]" lines, "[type: ...]" prefixes, CRs or leading "./".
read_list () {
  tr -d '\r' < "$1" | sed \
    -e 's/^[[:space:]]*//' \
    -e 's/[[:space:]]*$//' \
    -e 's/^\[[^]]*\][[:space:]]*//' \
    -e 's|^\./||' \
    -e '/^#/d' \
    -e '/^$/d'
}

read_list "$potfiles" | LC_ALL=C sort -u > "$tmp/listed"

if [ -f "$skipfiles" ]; then
  read_list "$skipfiles" | LC_ALL=C sort -u > "$tmp/skipped"
else
  : > "$tmp/skipped"
fi

{
  if [ -d src ]; then
    find src -type f \( -name '*.c' -o -name '*.h' \) | while IFS= read -r f; do
      # A line that defines one of the macros is not a use of it.
      if grep -v -E '^[[:space:]]*#[[:space:]]*define[[:space:]]' "$f" |
         grep -q -E "$c_pattern"; then
        printf '%s\n' "$f"
      fi
    done
  fi

  if [ -d ui ]; then
    find ui -type f -name '*.ui' | while IFS= read -r f; do
      if grep -q -i -E "$ui_pattern" "$f"; then
        printf '%s\n' "$f"
      fi
    done
  fi

  if [ -d resources ]; then
    find resources -type f \( -name '*.desktop.in' \
                           -o -name '*.metainfo.xml.in' \
                           -o -name '*.gschema.xml' \)
  fi
} | LC_ALL=C sort -u > "$tmp/needed.all"

LC_ALL=C comm -23 "$tmp/needed.all" "$tmp/skipped" > "$tmp/needed"
LC_ALL=C comm -23 "$tmp/needed" "$tmp/listed" > "$tmp/missing"

: > "$tmp/absent"
while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    printf '%s\n' "$f" >> "$tmp/absent"
  fi
done < "$tmp/listed"

status=0

if [ -s "$tmp/missing" ]; then
  echo "These files have translatable strings but are missing from $potfiles:"
  sed 's/^/  /' "$tmp/missing"
  status=1
fi

if [ -s "$tmp/absent" ]; then
  echo "$potfiles lists these files, which do not exist:"
  sed 's/^/  /' "$tmp/absent"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "POTFILES.in lists every file with translatable strings"
fi

exit "$status"
