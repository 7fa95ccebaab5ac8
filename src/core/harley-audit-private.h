/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "harley-audit.h"

G_BEGIN_DECLS

/* harley_sha256 (value, …), which the store puts on its connection for
 * the audit triggers: the hash of the values' canonical form. */
void  _harley_audit_sha256_func  (sqlite3_context  *context,
                                  int               argc,
                                  sqlite3_value   **argv);

G_END_DECLS
