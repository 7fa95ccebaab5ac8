/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_AUDIT_RECORD_WINDOW (harley_audit_record_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyAuditRecordWindow, harley_audit_record_window, HARLEY, AUDIT_RECORD_WINDOW, AdwWindow)

HarleyAuditRecordWindow *harley_audit_record_window_new         (GtkWindow               *parent,
                                                                 HarleyStore             *store,
                                                                 gint64                   patient_id,
                                                                 const char              *name);
GListModel              *harley_audit_record_window_get_entries (HarleyAuditRecordWindow *self);

G_END_DECLS
