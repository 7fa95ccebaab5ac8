/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_AUDIT_ERROR (harley_audit_error_quark ())

typedef enum
{
  HARLEY_AUDIT_ERROR_BROKEN,       /* an entry was changed, removed or added behind Harley's back */
  HARLEY_AUDIT_ERROR_UNPROTECTED,  /* the triggers that keep the trail were removed */
} HarleyAuditError;

/* What an entry records. Writes (create, change, archive, restore,
 * delete) are recorded by the database's triggers; the others by
 * harley_audit_add (). */
#define HARLEY_AUDIT_VIEW           "view"
#define HARLEY_AUDIT_CREATE         "create"
#define HARLEY_AUDIT_CHANGE         "change"
#define HARLEY_AUDIT_ARCHIVE        "archive"
#define HARLEY_AUDIT_RESTORE        "restore"          /* brought back from the archive */
#define HARLEY_AUDIT_DELETE         "delete"
#define HARLEY_AUDIT_PRINT          "print"
#define HARLEY_AUDIT_EXPORT         "export"
#define HARLEY_AUDIT_BACKUP         "backup"
#define HARLEY_AUDIT_RESTORE_BACKUP "restore-backup"
#define HARLEY_AUDIT_SIGN_IN        "sign-in"
#define HARLEY_AUDIT_FAILED_SIGN_IN "failed-sign-in"
#define HARLEY_AUDIT_SIGN_OUT       "sign-out"

/* The prev_hash of the first entry. */
#define HARLEY_AUDIT_FIRST_PREV_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* What harley_audit_find () looks for; zero or NULL members match all. */
typedef struct
{
  gint64       patient_id;
  const char  *who;
  const char  *action;
  const GDate *from;       /* local days, both included */
  const GDate *to;
} HarleyAuditFilter;

GQuark               harley_audit_error_quark    (void);
const char * const  *harley_audit_actions        (void);
gboolean             harley_audit_is_action      (const char               *action);
const char          *harley_audit_action_label   (const char               *action);
gboolean             harley_audit_add            (HarleyStore              *store,
                                                  const char               *action,
                                                  gint64                    patient_id,
                                                  const char               *what,
                                                  const char               *details_json,
                                                  GError                  **error);
void                 harley_audit_add_when_idle  (HarleyStore              *store,
                                                  const char               *action,
                                                  gint64                    patient_id);
gboolean             harley_audit_add_letter     (HarleyStore              *store,
                                                  const char               *action,
                                                  gint64                    letter_id,
                                                  const char               *what,
                                                  const char               *details_json,
                                                  GError                  **error);
char                *harley_audit_details        (const char               *key,
                                                  ...) G_GNUC_NULL_TERMINATED;
gboolean             harley_audit_verify         (HarleyStore              *store,
                                                  gint64                   *first_bad_id,
                                                  GError                  **error);
gint64               harley_audit_count          (HarleyStore              *store,
                                                  GError                  **error);
GArray              *harley_audit_find           (HarleyStore              *store,
                                                  const HarleyAuditFilter  *filter,
                                                  guint                     limit,
                                                  gboolean                 *more,
                                                  GError                  **error);
char               **harley_audit_list_users     (HarleyStore              *store,
                                                  GError                  **error);
char                *harley_audit_format_time    (const char               *at);

G_END_DECLS
