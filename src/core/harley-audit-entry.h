/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

/* One field an entry's details name: for a change, its value before and
 * after; for a row created or removed, its value. */
typedef struct
{
  char     *field;     /* as a person reads it: "date of birth" */
  char     *before;    /* NULL when the field was empty, or for a row created */
  char     *after;     /* NULL when the field is now empty, or for a row removed */
  gboolean  changed;   /* before and after are both meant */
} HarleyAuditChange;

#define HARLEY_TYPE_AUDIT_ENTRY (harley_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (HarleyAuditEntry, harley_audit_entry, HARLEY, AUDIT_ENTRY, GObject)

HarleyAuditEntry *harley_audit_entry_load              (HarleyStore       *store,
                                                        gint64             id,
                                                        GError           **error);
gint64            harley_audit_entry_get_id            (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_at            (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_who           (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_action        (HarleyAuditEntry  *self);
gint64            harley_audit_entry_get_patient_id    (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_patient_name  (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_what          (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_details       (HarleyAuditEntry  *self);
const char       *harley_audit_entry_get_hash          (HarleyAuditEntry  *self,
                                                        const char       **prev_hash);
GPtrArray        *harley_audit_entry_get_changes       (HarleyAuditEntry  *self);
char             *harley_audit_entry_dup_when          (HarleyAuditEntry  *self);
char             *harley_audit_entry_dup_changes_text  (HarleyAuditEntry  *self);

G_END_DECLS
