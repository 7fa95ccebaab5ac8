#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in a meson test log: every TAP case of a GTest
program, and each program that is not TAP (the validators) as one."""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        cases = re.findall(r"^(ok|not ok)\b(.*)$", test.get("stdout") or "", re.M)
        if cases:
            for verdict, rest in cases:
                if "# SKIP" in rest or "# TODO" in rest:
                    skipped += 1   # skipped, or marked incomplete (a known problem)
                elif verdict == "ok":
                    passed += 1
                else:
                    failed += 1
            if test["result"] not in ("OK", "EXPECTEDFAIL", "SKIP") and not any(v == "not ok" for v, _ in cases):
                failed += 1   # crashed between cases
        elif test["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif test["result"] == "SKIP":
            skipped += 1
        else:
            failed += 1

print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
