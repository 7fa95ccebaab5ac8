/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* Printouts in the audit trail: letters in a batch, address labels and
 * envelopes, the laboratory's manifest and specimen labels. Each carries
 * patients' names and addresses, so each letter or sample printed gets an
 * entry naming its patient, all of a printout's in one transaction. */

#include "harley-audit-print.h"
#include "harley-audit-private.h"

/**
 * harley_audit_add_sample:
 * @store: a #HarleyStore
 * @action: what was done, e.g. %HARLEY_AUDIT_PRINT
 * @sample_id: the sample
 * @what: (nullable): a short description; %NULL for "Sample 12 (biopsy, left cheek)"
 * @details_json: (nullable): a JSON object with anything more
 * @error: where to put a failure
 *
 * harley_audit_add () for a sample: the entry names the sample's patient.
 *
 * Returns: %TRUE when the entry was added
 */
gboolean
harley_audit_add_sample (HarleyStore  *store,
                         const char   *action,
                         gint64        sample_id,
                         const char   *what,
                         const char   *details_json,
                         GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (harley_audit_is_action (action), FALSE);

  return _harley_audit_add_entry (store,
                                  "INSERT INTO audit_entry (action, patient_id, what, details) "
                                  "SELECT ?1, patient_id, coalesce (?3, 'Sample ' || id || ' (' || type "
                                  "|| coalesce (', ' || site, '') || ')'), ?4 FROM sample WHERE id = ?2",
                                  action, sample_id, what, details_json, error);
}

static gboolean
add_one (HarleyStore         *store,
         HarleyAuditSubject   subject,
         gint64               id,
         const char          *details,
         GError             **error)
{
  if (subject == HARLEY_AUDIT_SUBJECT_LETTER)
    return harley_audit_add_letter (store, HARLEY_AUDIT_PRINT, id, NULL, details, error);
  return harley_audit_add_sample (store, HARLEY_AUDIT_PRINT, id, NULL, details, error);
}

/**
 * harley_audit_add_printed:
 * @store: a #HarleyStore
 * @subject: what @ids are
 * @ids: (element-type gint64): the letters or samples printed
 * @printed: what was printed, e.g. "address labels"
 * @file: (nullable): the PDF file printed to, if not a printer
 * @error: where to put a failure
 *
 * Adds a %HARLEY_AUDIT_PRINT entry for each of @ids, all or none.
 *
 * Returns: %TRUE when every entry was added
 */
gboolean
harley_audit_add_printed (HarleyStore         *store,
                          HarleyAuditSubject   subject,
                          GArray              *ids,
                          const char          *printed,
                          const char          *file,
                          GError             **error)
{
  g_autofree char *details = NULL;
  gboolean ok;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL && printed != NULL, FALSE);

  details = file != NULL ? harley_audit_details ("printed", printed, "file", file, NULL)
                         : harley_audit_details ("printed", printed, NULL);
  /* One transaction: a hundred labels are one write. */
  ok = harley_store_begin (store, error);
  for (guint i = 0; ok && i < ids->len; i++)
    ok = add_one (store, subject, g_array_index (ids, gint64, i), details, error);
  if (ok)
    return harley_store_commit (store, error);
  harley_store_rollback (store);
  return FALSE;
}
