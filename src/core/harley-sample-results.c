/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample"

/* Results: the step from sent to received. A result arrives for a sample
 * on file, or for none that Harley knows; then it is kept, never
 * dropped, on the unmatched list until it is matched to the sample it
 * belongs to or filed to a patient. Either way the sample ends up
 * received, the result goes into the patient's notes and timeline, and
 * the clinician reviews it.
 *
 * The laboratory's report (a PDF or an image) is kept in the result's
 * row with its SHA-256, and checked against it whenever it is read: a
 * clinician must never act on a report that has changed since it came. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-diary-private.h"
#include "harley-sample-private.h"
#include "harley-validate.h"

#define NOTES_REPORT_CHARS 200   /* of the report, in the patient's notes */

/* Attachments {{{1 */

static const struct
{
  const char *type;
  const char *magic;   /* the file's first bytes */
  gsize       length;
} attachment_types[] = {
  { "application/pdf", "%PDF-", 5 },
  { "image/png", "\x89PNG\r\n\x1a\n", 8 },
  { "image/jpeg", "\xff\xd8\xff", 3 },
};

/* A report that is not what it says it is would show the clinician
 * nothing, or the wrong thing, when she opens it. */
static gboolean
check_attachment (const HarleyResultNew  *r,
                  GError                **error)
{
  gsize size = 0;
  const guint8 *data;

  if (r->attachment == NULL)
    return TRUE;
  data = g_bytes_get_data (r->attachment, &size);
  if (size == 0)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("The report's file is empty: attach the laboratory's report again."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (attachment_types); i++)
    if (g_strcmp0 (r->attachment_type, attachment_types[i].type) == 0)
      {
        if (size >= attachment_types[i].length && memcmp (data, attachment_types[i].magic, attachment_types[i].length) == 0)
          return TRUE;
        g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                             _("The attached file is not the PDF or image it says it is: attach the laboratory's "
                               "report again."));
        return FALSE;
      }
  g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                       _("Attach the laboratory's report as a PDF, PNG or JPEG file."));
  return FALSE;
}

static void
bind_attachment (sqlite3_stmt           *stmt,
                 int                     column,
                 const HarleyResultNew  *r)
{
  g_autofree char *sha256 = NULL;
  gconstpointer data;
  gsize size = 0;

  if (r->attachment == NULL)
    return;   /* the four columns stay NULL */
  data = g_bytes_get_data (r->attachment, &size);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, r->attachment);
  sqlite3_bind_blob64 (stmt, column, data, size, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, column + 1, r->attachment_type, -1, SQLITE_TRANSIENT);
  harley_bind_text (stmt, column + 2, r->attachment_name);
  sqlite3_bind_text (stmt, column + 3, sha256, -1, SQLITE_TRANSIENT);
}

/**
 * harley_result_get_attachment:
 *
 * Returns: (transfer full): the laboratory's report as it was filed; or
 *   %NULL with %HARLEY_SAMPLE_ERROR_TAMPERED when it no longer matches
 *   its SHA-256, or %HARLEY_SAMPLE_ERROR_NOT_FOUND when there is none
 */
GBytes *
harley_result_get_attachment (HarleyStore  *store,
                              gint64        result_id,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *stored = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store, "SELECT attachment, attachment_sha256 FROM result "
                                      "WHERE id = ? AND attachment IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, result_id);
  if (!_harley_sample_step_row (store, stmt, HARLEY_SAMPLE_ERROR_NOT_FOUND,
                                _("This result has no report from the laboratory attached."), error))
    return NULL;
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  stored = harley_column_dup (stmt, 1);
  sqlite3_reset (stmt);
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, stored) != 0)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_TAMPERED,
                           _("The laboratory's report kept with this result has changed since it was filed: do not "
                             "act on it. Ask the laboratory for the report again."));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* Reading {{{1 */

void
harley_result_free (HarleyResult *result)
{
  g_free (result->lab_reference);
  g_free (result->patient_details);
  g_free (result->received_on);
  g_free (result->report);
  g_free (result->attachment_type);
  g_free (result->attachment_name);
  g_free (result->created_at);
  g_free (result);
}

/**
 * harley_result_load:
 *
 * Returns: (transfer full): the result, without its attachment (see
 *   harley_result_get_attachment()); or %NULL with
 *   %HARLEY_SAMPLE_ERROR_NOT_FOUND
 */
HarleyResult *
harley_result_load (HarleyStore  *store,
                    gint64        id,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  HarleyResult *r;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store,
    "SELECT id, coalesce (sample_id, 0), coalesce (lab_id, 0), lab_reference, patient_details, received_on, "
    "report, abnormal, attachment IS NOT NULL, attachment_type, attachment_name, created_at FROM result "
    "WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_harley_sample_step_row (store, stmt, HARLEY_SAMPLE_ERROR_NOT_FOUND, _("That result is not on file."), error))
    return NULL;
  r = g_new0 (HarleyResult, 1);
  r->id = sqlite3_column_int64 (stmt, 0);
  r->sample_id = sqlite3_column_int64 (stmt, 1);
  r->lab_id = sqlite3_column_int64 (stmt, 2);
  r->lab_reference = harley_column_dup (stmt, 3);
  r->patient_details = harley_column_dup (stmt, 4);
  r->received_on = harley_column_dup (stmt, 5);
  r->report = harley_column_dup (stmt, 6);
  r->abnormal = sqlite3_column_int (stmt, 7) != 0;
  r->has_attachment = sqlite3_column_int (stmt, 8) != 0;
  r->attachment_type = harley_column_dup (stmt, 9);
  r->attachment_name = harley_column_dup (stmt, 10);
  r->created_at = harley_column_dup (stmt, 11);
  sqlite3_reset (stmt);
  return r;
}

/* Received: the sample, the notes, the timeline {{{1 */

/* The report's first line, cut short, for a line of the notes. */
static char *
report_gist (const char *report)
{
  g_autofree char *line = NULL;
  const char *end;

  if (report == NULL || *report == '\0')
    return g_strdup (_("the report is attached"));
  end = strchr (report, '\n');
  line = g_strstrip (g_strndup (report, end != NULL ? (gsize) (end - report) : strlen (report)));
  if (g_utf8_strlen (line, -1) > NOTES_REPORT_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, NOTES_REPORT_CHARS);

      g_free (line);
      line = g_strdup_printf ("%s…", cut);
    }
  return g_steal_pointer (&line);
}

/* "Receiving a result adds it to the patient's notes": a dated line at
 * the end of them, so that whoever opens the record sees it. */
static gboolean
add_to_notes (HarleyStore         *store,
              const HarleySample  *sample,
              const HarleyResult  *result,
              const char          *lab,
              const char          *now,
              GError             **error)
{
  g_autofree char *date = harley_format_date (result->received_on);
  g_autofree char *gist = report_gist (result->report);
  g_autofree char *what = g_strdup_printf (_("result from %s, %s: %s"), lab,
                                           result->abnormal ? _("abnormal") : _("normal"), gist);
  g_autofree char *line = _harley_sample_describe (sample, what);
  g_autofree char *dated = g_strdup_printf ("%s %s", date, line);
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "UPDATE patient SET notes = CASE WHEN coalesce (notes, '') = '' THEN ?1 ELSE notes || char (10) || ?1 END, "
    "updated_at = ?2 WHERE id = ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dated, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, sample->patient_id);
  return harley_store_step_done (store, stmt, error);
}

/* The sample, now with @result_id filed to it, goes to received: on the
 * clinician's list to review, in the notes and on the timeline. */
static gboolean
receive (HarleyStore  *store,
         gint64        sample_id,
         gint64        result_id,
         const char   *now,
         GError      **error)
{
  g_autoptr(HarleySample) sample = harley_sample_load (store, sample_id, error);
  g_autoptr(HarleyResult) result = NULL;
  g_autofree char *lab = NULL;
  g_autofree char *date = NULL;
  g_autofree char *what = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;

  if (sample == NULL || (result = harley_result_load (store, result_id, error)) == NULL)
    return FALSE;
  stmt = harley_store_prepare (store, "UPDATE sample SET state = 'received', lab_reference = coalesce (lab_reference, ?), "
                                      "updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  harley_bind_text (stmt, 1, result->lab_reference);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, sample_id);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  lab = _harley_sample_dup_contact_name (store, result->lab_id != 0 ? result->lab_id : sample->lab_id);
  date = harley_format_date (result->received_on);
  what = g_strdup_printf (result->abnormal ? _("abnormal result received on %s from %s")
                                           : _("result received on %s from %s"), date, lab);
  summary = _harley_sample_describe (sample, what);
  return _harley_sample_add_event (store, sample_id, sample->patient_id, now, "result", summary, error)
         && add_to_notes (store, sample, result, lab, now, error);
}

/* Adding {{{1 */

static gboolean
check_result (HarleyStore            *store,
              const HarleyResultNew  *r,
              const GDate            *today,
              GError                **error)
{
  if ((r->report == NULL || *r->report == '\0') && r->attachment == NULL)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Type the report, or attach the laboratory's report, or both."));
      return FALSE;
    }
  return _harley_sample_check_date (&r->received_on, today, _("Enter the date the result arrived."),
                                    _("The date the result arrived is in the future: enter the day it came."), error)
         && (r->lab_id == 0 || _harley_sample_check_lab (store, r->lab_id, error))
         && check_attachment (r, error);
}

static gboolean
check_arrived_after_sent (const GDate         *received_on,
                          const HarleySample  *sample,
                          GError             **error)
{
  return _harley_sample_check_order (received_on, sample->sent_on, HARLEY_SAMPLE_RESULT_AFTER_SENT, error);
}

static gint64
insert_result (HarleyStore            *store,
               const HarleyResultNew  *r,
               gint64                  lab_id,
               const char             *now,
               GError                **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO result (sample_id, lab_id, lab_reference, patient_details, received_on, report, abnormal, "
    "attachment, attachment_type, attachment_name, attachment_sha256, created_at) "
    "VALUES (nullif (?, 0), nullif (?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, r->sample_id);
  sqlite3_bind_int64 (stmt, 2, lab_id);
  harley_bind_text (stmt, 3, r->lab_reference);
  harley_bind_text (stmt, 4, r->patient_details);
  sqlite3_bind_text (stmt, 5, _harley_diary_date_iso (&r->received_on), -1, g_free);
  harley_bind_text (stmt, 6, r->report);
  sqlite3_bind_int (stmt, 7, r->abnormal ? 1 : 0);
  bind_attachment (stmt, 8, r);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

gint64
_harley_result_add_at (HarleyStore            *store,
                       const HarleyResultNew  *result,
                       const char             *now,
                       GError                **error)
{
  g_autoptr(HarleySample) sample = NULL;
  gint64 lab_id = result->lab_id;
  GDate today;
  gint64 id;

  _harley_sample_today_of (now, &today);
  if (!check_result (store, result, &today, error))
    return 0;
  if (result->sample_id != 0)
    {
      if ((sample = _harley_sample_load_for_step (store, result->sample_id, HARLEY_SAMPLE_RECEIVED, error)) == NULL
          || !check_arrived_after_sent (&result->received_on, sample, error))
        return 0;
      if (lab_id == 0)
        lab_id = sample->lab_id;
    }
  if ((id = insert_result (store, result, lab_id, now, error)) == 0)
    return 0;
  /* One for no known sample waits, unmatched, with no one's timeline to go on. */
  return sample == NULL || receive (store, sample->id, id, now, error) ? id : 0;
}

/**
 * harley_result_add:
 * @result: the result as it arrived; sample_id 0 for one that came for no
 *   sample on file, kept on the unmatched list
 *
 * Files a result. For a sample, the sample must have been sent (a taken
 * one is refused: mark it sent first), and it goes to received, in the
 * patient's notes and timeline.
 *
 * Returns: the result's id, or 0
 */
gint64
harley_result_add (HarleyStore            *store,
                   const HarleyResultNew  *result,
                   GError                **error)
{
  g_autofree char *now = harley_store_now ();
  gint64 id;

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);
  g_return_val_if_fail (result != NULL, 0);

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_result_add_at (store, result, now, error);
  return _harley_sample_finish (store, id != 0, error) ? id : 0;
}

/* Unmatched results {{{1 */

static HarleyResult *
load_unmatched (HarleyStore  *store,
                gint64        result_id,
                GError      **error)
{
  g_autoptr(HarleyResult) result = harley_result_load (store, result_id, error);

  if (result != NULL && result->sample_id != 0)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_STATE,
                           _("This result is already filed with a sample."));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
file_result (HarleyStore  *store,
             gint64        result_id,
             gint64        sample_id,
             gint64        lab_id,
             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "UPDATE result SET sample_id = ?, lab_id = coalesce (lab_id, "
                                                    "nullif (?, 0)) WHERE id = ? AND sample_id IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sample_id);
  sqlite3_bind_int64 (stmt, 2, lab_id);
  sqlite3_bind_int64 (stmt, 3, result_id);
  return harley_store_step_done (store, stmt, error);
}

gboolean
_harley_result_match_at (HarleyStore  *store,
                         gint64        result_id,
                         gint64        sample_id,
                         const char   *now,
                         GError      **error)
{
  g_autoptr(HarleyResult) result = NULL;
  g_autoptr(HarleySample) sample = NULL;
  GDate received_on;

  if ((result = load_unmatched (store, result_id, error)) == NULL
      || (sample = _harley_sample_load_for_step (store, sample_id, HARLEY_SAMPLE_RECEIVED, error)) == NULL)
    return FALSE;
  _harley_diary_date_parse (result->received_on, &received_on);
  return check_arrived_after_sent (&received_on, sample, error)
         && file_result (store, result_id, sample_id, sample->lab_id, error)
         && receive (store, sample_id, result_id, now, error);
}

/**
 * harley_result_match:
 * @result_id: a result that came for no sample on file
 * @sample_id: the sent sample it turns out to be for
 *
 * Files an unmatched result with its sample, which goes to received.
 */
gboolean
harley_result_match (HarleyStore  *store,
                     gint64        result_id,
                     gint64        sample_id,
                     GError      **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  if (!harley_store_begin (store, error))
    return FALSE;
  return _harley_sample_finish (store, _harley_result_match_at (store, result_id, sample_id, now, error), error);
}

/* The sample the practice never recorded. Its taken date is not known;
 * the column needs one, so it is the day the result arrived, and its
 * notes say so. */
static gint64
insert_sample_for (HarleyStore         *store,
                   const HarleyResult  *result,
                   gint64               patient_id,
                   HarleySampleType     type,
                   const char          *now,
                   GError             **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO sample (patient_id, type, description, taken_on, lab_id, lab_reference, state, notes, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, nullif (?5, 0), ?6, 'received', ?7, ?8, ?8)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  sqlite3_bind_text (stmt, 2, harley_sample_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, _("Result that arrived with no sample on file"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, result->received_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, result->lab_id);
  harley_bind_text (stmt, 6, result->lab_reference);
  sqlite3_bind_text (stmt, 7, _("The day it was taken is not known: the day shown is the day its result arrived."),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

gint64
_harley_result_file_to_patient_at (HarleyStore       *store,
                                   gint64             result_id,
                                   gint64             patient_id,
                                   HarleySampleType   type,
                                   const char        *now,
                                   GError           **error)
{
  g_autoptr(HarleyResult) result = NULL;
  gint64 sample_id;

  if (type >= HARLEY_SAMPLE_N_TYPES)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose what kind of sample the result is for."));
      return 0;
    }
  if ((result = load_unmatched (store, result_id, error)) == NULL
      || !_harley_sample_check_patient (store, patient_id, error)
      || (sample_id = insert_sample_for (store, result, patient_id, type, now, error)) == 0
      || !_harley_sample_add_event (store, sample_id, patient_id, now, "sample",
                                    _("A result that arrived with no sample on file was filed to the patient"), error)
      || !file_result (store, result_id, sample_id, 0, error)
      || !receive (store, sample_id, result_id, now, error))
    return 0;
  return sample_id;
}

/**
 * harley_result_file_to_patient:
 * @result_id: a result that came for no sample on file
 * @patient_id: the patient it turns out to be for
 * @type: the kind of sample it was
 *
 * Files an unmatched result to a patient with no sample on file for it:
 * a sample is made for it, received, so that it is still reviewed and
 * the patient told.
 *
 * Returns: the new sample's id, or 0
 */
gint64
harley_result_file_to_patient (HarleyStore       *store,
                               gint64             result_id,
                               gint64             patient_id,
                               HarleySampleType   type,
                               GError           **error)
{
  g_autofree char *now = harley_store_now ();
  gint64 id;

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_result_file_to_patient_at (store, result_id, patient_id, type, now, error);
  return _harley_sample_finish (store, id != 0, error) ? id : 0;
}
