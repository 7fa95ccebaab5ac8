/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-user.h"

G_BEGIN_DECLS

gint64 _harley_user_insert (HarleyStore  *store,
                            const char   *name,
                            HarleyRole    role,
                            const char   *passphrase,
                            gint64        clinician_id,
                            GError      **error);

G_END_DECLS
