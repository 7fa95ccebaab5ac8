/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter.h"

G_BEGIN_DECLS

gboolean  _harley_letter_add_event (HarleyStore         *store,
                                    gint64               letter_id,
                                    gint64               patient_id,
                                    const char          *now,
                                    const char          *summary,
                                    GError             **error);
char     *_harley_letter_describe  (const HarleyLetter  *letter,
                                    const char          *what);

G_END_DECLS
