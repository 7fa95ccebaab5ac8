/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers that harley-validate.c shares with harley-validate-dates.c
 * and harley-validate-phone.c. */

#include "harley-validate.h"

G_BEGIN_DECLS

gboolean  _harley_validate_fail            (GError     **error,
                                            int          code,
                                            const char  *message);
char     *_harley_validate_dup_trimmed     (const char  *input);
char     *_harley_validate_collect_digits  (const char  *text,
                                            const char  *also_skip);

G_END_DECLS
