/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_AUDIT_WINDOW (harley_audit_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyAuditWindow, harley_audit_window, HARLEY, AUDIT_WINDOW, AdwWindow)

HarleyAuditWindow *harley_audit_window_new         (GtkWindow         *parent,
                                                    HarleyStore       *store);
GListModel        *harley_audit_window_get_entries (HarleyAuditWindow *self);
void               harley_audit_window_set_patient (HarleyAuditWindow *self,
                                                    gint64             patient_id);
void               harley_audit_window_set_user    (HarleyAuditWindow *self,
                                                    const char        *user);
gboolean           harley_audit_window_check       (HarleyAuditWindow *self,
                                                    char             **message);

G_END_DECLS
