/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-register.h"

G_BEGIN_DECLS

char     *_harley_register_name_words (HarleyPatient  *patient);
gboolean  _harley_register_write_keys (HarleyStore    *store,
                                       HarleyPatient  *patient,
                                       GError        **error);
gboolean  _harley_register_add_event  (HarleyStore    *store,
                                       gint64          patient_id,
                                       const char     *at,
                                       const char     *kind,
                                       const char     *summary,
                                       GError        **error);

gboolean  _harley_register_save_in_transaction (HarleyStore              *store,
                                                HarleyPatient            *patient,
                                                HarleyRegisterSaveFlags   flags,
                                                GError                  **error);

G_END_DECLS
