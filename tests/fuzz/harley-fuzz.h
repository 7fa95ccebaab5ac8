/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* What a fuzz target made of its last input. The corpus runner checks it
 * against the input's name: "good-*" must be accepted, "bad-*" refused. */
typedef enum
{
  HARLEY_FUZZ_SKIPPED,    /* not tried: see the target for why */
  HARLEY_FUZZ_ACCEPTED,
  HARLEY_FUZZ_REFUSED,
} HarleyFuzzVerdict;

extern HarleyFuzzVerdict harley_fuzz_verdict;

/* libFuzzer's entry points, which every target defines. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

G_END_DECLS
