/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter.h"
#include "harley-patient.h"

G_BEGIN_DECLS

gboolean  _harley_letter_add_event (HarleyStore         *store,
                                    gint64               letter_id,
                                    gint64               patient_id,
                                    const char          *now,
                                    const char          *summary,
                                    GError             **error);
char     *_harley_letter_describe  (const HarleyLetter  *letter,
                                    const char          *what);

/* Inside the caller's transaction (harley_store_begin() does not nest). */
gint64    _harley_letter_insert    (HarleyStore         *store,
                                    gint64               patient_id,
                                    gint64               template_id,
                                    gint64               appointment_id,
                                    gint64               clinician_id,
                                    const char          *subject,
                                    const char          *body,
                                    GError             **error);
gint64    _harley_letter_insert_recipient (HarleyStore         *store,
                                           gint64               letter_id,
                                           gboolean             copy,
                                           HarleyRecipientKind  kind,
                                           gint64               contact_id,
                                           GError             **error);
gboolean  _harley_letter_resolve_recipient (HarleyStore         *store,
                                            HarleyPatient       *patient,
                                            HarleyRecipientKind  kind,
                                            gint64              *contact_id,
                                            gboolean             copy,
                                            GError             **error);

G_END_DECLS
