/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "harley-audit.h"
#include "harley-audit-entry.h"

G_BEGIN_DECLS

/* The most entries a list shows; more means "narrow the search". */
#define HARLEY_AUDIT_LIST_LIMIT 5000

#define HARLEY_TYPE_AUDIT_LIST (harley_audit_list_get_type ())

G_DECLARE_FINAL_TYPE (HarleyAuditList, harley_audit_list, HARLEY, AUDIT_LIST, GObject)

HarleyAuditList *harley_audit_list_new         (HarleyStore              *store,
                                                const HarleyAuditFilter  *filter);
void             harley_audit_list_set_filter  (HarleyAuditList          *self,
                                                const HarleyAuditFilter  *filter);
void             harley_audit_list_refresh     (HarleyAuditList          *self);
gboolean         harley_audit_list_get_more    (HarleyAuditList          *self);
gint64           harley_audit_list_get_id      (HarleyAuditList          *self,
                                                guint                     position);

G_END_DECLS
