/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-audit.h"

G_BEGIN_DECLS

/* What a printout was about: each entry names its letter's or sample's patient. */
typedef enum
{
  HARLEY_AUDIT_SUBJECT_LETTER,
  HARLEY_AUDIT_SUBJECT_SAMPLE,
} HarleyAuditSubject;

gboolean  harley_audit_add_sample   (HarleyStore         *store,
                                     const char          *action,
                                     gint64               sample_id,
                                     const char          *what,
                                     const char          *details_json,
                                     GError             **error);
gboolean  harley_audit_add_printed  (HarleyStore         *store,
                                     HarleyAuditSubject   subject,
                                     GArray              *ids,
                                     const char          *printed,
                                     const char          *file,
                                     GError             **error);

G_END_DECLS
