/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-retention.h"

G_BEGIN_DECLS

char   *harley_retention_format_date_of_birth (const HarleyRetentionRow  *row);
GBytes *harley_retention_pdf_render           (HarleyStore               *store,
                                               GArray                    *rows,
                                               const GDate               *as_of,
                                               GError                   **error);

G_END_DECLS
