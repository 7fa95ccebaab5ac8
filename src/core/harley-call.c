/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample"

/* Calls: every attempt to phone a patient about a result, or a
 * laboratory to chase one, with what came of it. A message is left only
 * where the patient has agreed to it: a result is private, and a
 * message can be heard by anyone at home. After a set number of failed
 * attempts since the result was reviewed, Harley suggests the results
 * letter instead. */

#include <glib/gi18n-lib.h>

#include "harley-diary.h"
#include "harley-sample-private.h"

#define DEFAULT_CALLS_BEFORE_LETTER 3
#define MAX_CALLS_BEFORE_LETTER     20

static gboolean
check_contact (HarleyStore  *store,
               gint64        contact_id,
               GError      **error)
{
  return _harley_sample_check_exists (store, "SELECT 1 FROM contact WHERE id = ?", contact_id,
                                      HARLEY_SAMPLE_ERROR_NOT_FOUND,
                                      _("That laboratory is not in the address book: choose it again."), error);
}

static gboolean
check_consent (HarleyStore  *store,
               gint64        patient_id,
               GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT consent_leave_message FROM patient WHERE id = ?", error);
  gboolean consents;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  if (!_harley_sample_step_row (store, stmt, HARLEY_SAMPLE_ERROR_NOT_FOUND,
                                _("That patient is not in the register: find the patient again."), error))
    return FALSE;
  consents = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (!consents)
    g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_CONSENT,
                         _("This patient has not agreed to messages being left, so no message may be left about "
                           "their result. Record the call as not answered and try again later, or write to them."));
  return consents;
}

/* Who was phoned, about what, and whether a message may be left. */
static gboolean
check_call (HarleyStore          *store,
            const HarleyCallNew  *call,
            HarleySample        **sample,
            GError              **error)
{
  if (call->outcome >= HARLEY_CALL_N_OUTCOMES)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose what came of the call: spoke to them, left a message, no answer or wrong number."));
      return FALSE;
    }
  if (call->patient_id == 0 && call->contact_id == 0)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Say who was phoned: the patient, or the laboratory."));
      return FALSE;
    }
  if (call->sample_id != 0 && (*sample = harley_sample_load (store, call->sample_id, error)) == NULL)
    return FALSE;
  if (*sample != NULL && call->patient_id != 0 && (*sample)->patient_id != call->patient_id)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("That sample is another patient's: check the patient, and the sample."));
      return FALSE;
    }
  if ((call->patient_id != 0 && !_harley_sample_check_patient (store, call->patient_id, error))
      || (call->contact_id != 0 && !check_contact (store, call->contact_id, error)))
    return FALSE;
  /* A call to a laboratory (or a GP) about the patient may leave one. */
  return call->outcome != HARLEY_CALL_MESSAGE || call->contact_id != 0
         || check_consent (store, call->patient_id, error);
}

static gint64
insert_call (HarleyStore          *store,
             const HarleyCallNew  *call,
             const char           *now,
             GError              **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO call (patient_id, contact_id, sample_id, at, by, outcome, note) "
    "VALUES (nullif (?, 0), nullif (?, 0), nullif (?, 0), ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, call->patient_id);
  sqlite3_bind_int64 (stmt, 2, call->contact_id);
  sqlite3_bind_int64 (stmt, 3, call->sample_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, harley_diary_user (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, _harley_call_outcome_to_string (call->outcome), -1, SQLITE_STATIC);
  harley_bind_text (stmt, 7, call->note);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

/* "Histology, left cheek: phoned the patient: No answer (note)" */
static char *
describe_call (HarleyStore          *store,
               const HarleyCallNew  *call,
               const HarleySample   *sample)
{
  g_autofree char *whom = call->contact_id != 0 ? _harley_sample_dup_contact_name (store, call->contact_id)
                                                : g_strdup (_("the patient"));
  g_autofree char *outcome = g_utf8_strdown (harley_call_outcome_label (call->outcome), -1);
  g_autofree char *what = call->note != NULL && *call->note != '\0'
                            ? g_strdup_printf (_("phoned %s: %s (%s)"), whom, outcome, call->note)
                            : g_strdup_printf (_("phoned %s: %s"), whom, outcome);

  if (sample != NULL)
    return _harley_sample_describe (sample, what);
  return g_strdup_printf ("%c%s", g_ascii_toupper (*what), what + 1);
}

gint64
_harley_call_add_at (HarleyStore          *store,
                     const HarleyCallNew  *call,
                     const char           *now,
                     GError              **error)
{
  g_autoptr(HarleySample) sample = NULL;
  g_autofree char *summary = NULL;
  gint64 patient_id;
  gint64 id;

  if (!check_call (store, call, &sample, error) || (id = insert_call (store, call, now, error)) == 0)
    return 0;
  patient_id = call->patient_id != 0 ? call->patient_id : (sample != NULL ? sample->patient_id : 0);
  summary = describe_call (store, call, sample);
  return _harley_sample_add_event (store, call->sample_id, patient_id, now, "call", summary, error) ? id : 0;
}

/**
 * harley_call_add:
 * @call: who was phoned, about which sample, and what came of it
 *
 * Logs a call, now, by the person using Harley, in the sample's history
 * and the patient's timeline. A message left for a patient who has not
 * agreed to messages is refused with %HARLEY_SAMPLE_ERROR_CONSENT.
 *
 * Returns: the call's id, or 0
 */
gint64
harley_call_add (HarleyStore          *store,
                 const HarleyCallNew  *call,
                 GError              **error)
{
  g_autofree char *now = harley_store_now ();
  gint64 id;

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);
  g_return_val_if_fail (call != NULL, 0);

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_call_add_at (store, call, now, error);
  return _harley_sample_finish (store, id != 0, error) ? id : 0;
}

/**
 * harley_sample_count_failed_calls:
 *
 * Returns: how many times the patient has been phoned about @sample's
 *   result since it was reviewed without an answer, or at a wrong number
 */
guint
harley_sample_count_failed_calls (HarleyStore *store,
                                  gint64       sample_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT count(*) FROM call c JOIN sample s ON s.id = c.sample_id WHERE c.sample_id = ? "
    "AND c.contact_id IS NULL AND c.outcome IN ('no-answer', 'wrong-number') AND c.at >= s.reviewed_at", NULL);
  guint n = 0;

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, sample_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
harley_call_free (HarleyCall *call)
{
  g_free (call->at);
  g_free (call->by);
  g_free (call->contact_name);
  g_free (call->note);
  g_free (call);
}

/* The columns call_from_row () reads */
#define CALL_SELECT \
  "SELECT c.id, c.at, c.by, c.outcome, coalesce (c.patient_id, 0), coalesce (c.contact_id, 0), k.name, c.note " \
  "FROM call c LEFT JOIN contact k ON k.id = c.contact_id "

static gpointer
call_from_row (sqlite3_stmt *stmt)
{
  HarleyCall *call = g_new0 (HarleyCall, 1);

  call->id = sqlite3_column_int64 (stmt, 0);
  call->at = harley_column_dup (stmt, 1);
  call->by = harley_column_dup (stmt, 2);
  harley_call_outcome_from_string ((const char *) sqlite3_column_text (stmt, 3), &call->outcome);
  call->patient_id = sqlite3_column_int64 (stmt, 4);
  call->contact_id = sqlite3_column_int64 (stmt, 5);
  call->contact_name = harley_column_dup (stmt, 6);
  call->note = harley_column_dup (stmt, 7);
  return call;
}

/**
 * harley_sample_list_calls:
 *
 * Returns: (transfer container) (element-type HarleyCall): the calls
 *   about @sample_id, to its patient or to a laboratory, oldest first
 */
GPtrArray *
harley_sample_list_calls (HarleyStore  *store,
                          gint64        sample_id,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store,
    CALL_SELECT "WHERE c.sample_id = ? ORDER BY c.at, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sample_id);
  return _harley_sample_read_rows (store, stmt, call_from_row, (GDestroyNotify) harley_call_free, error);
}

/**
 * harley_sample_list_patient_calls:
 *
 * Returns: (transfer container) (element-type HarleyCall): every call
 *   about @patient_id: to the patient, or to a laboratory about one of
 *   the patient's samples; oldest first
 */
GPtrArray *
harley_sample_list_patient_calls (HarleyStore  *store,
                                  gint64        patient_id,
                                  GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  /* Two ranges of indexes, call_patient and call_sample through the
   * patient's samples, rather than a walk of every call. */
  stmt = harley_store_prepare (store,
    CALL_SELECT "WHERE c.id IN ("
    "SELECT id FROM call WHERE patient_id = ?1 UNION "
    "SELECT c2.id FROM sample s JOIN call c2 ON c2.sample_id = s.id WHERE s.patient_id = ?1) "
    "ORDER BY c.at, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  return _harley_sample_read_rows (store, stmt, call_from_row, (GDestroyNotify) harley_call_free, error);
}

/* The practice's "calls_before_letter", or 3. */
static guint
calls_before_letter (HarleyStore *store)
{
  g_autofree char *text = harley_store_get_practice_detail (store, "calls_before_letter");
  guint64 n;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, 1, MAX_CALLS_BEFORE_LETTER, &n, NULL))
    return DEFAULT_CALLS_BEFORE_LETTER;
  return (guint) n;
}

/**
 * harley_sample_suggests_letter:
 *
 * Returns: %TRUE when the patient still has to be told @sample's result
 *   and as many calls have failed as the practice allows (its detail
 *   "calls_before_letter", 3 if it has none): time for the results letter
 */
gboolean
harley_sample_suggests_letter (HarleyStore *store,
                               gint64       sample_id)
{
  g_autoptr(HarleySample) sample = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  sample = harley_sample_load (store, sample_id, NULL);
  return sample != NULL && sample->state == HARLEY_SAMPLE_REVIEWED
         && harley_sample_count_failed_calls (store, sample_id) >= calls_before_letter (store);
}
