/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample"

/* A sample sent away for testing: taken → sent → result received →
 * reviewed → patient informed → closed, or cancelled or lost with a
 * reason from taken or sent. No step is skipped, so that every sample
 * is on some list until the patient has been told. Each step is one
 * transaction that also writes the sample's history and the patient's
 * timeline; a refused step writes nothing.
 *
 * This file holds the codes and labels, reading, the checks the steps
 * share, and the first step: recording a sample taken. The other steps
 * are in harley-sample-steps.c, results in harley-sample-results.c. */

#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-diary.h"
#include "harley-register-private.h"
#include "harley-sample-private.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

G_DEFINE_QUARK (harley-sample-error-quark, harley_sample_error)

/* Codes and labels {{{1 */

typedef struct
{
  const char *code;    /* as stored, from migration 005 */
  const char *label;
} Code;

static const Code types[HARLEY_SAMPLE_N_TYPES] = {
  [HARLEY_SAMPLE_HISTOLOGY] = { "histology", N_("Histology (skin biopsy)") },
  [HARLEY_SAMPLE_BLOOD] = { "blood", N_("Blood") },
  [HARLEY_SAMPLE_SWAB] = { "swab", N_("Swab") },
  [HARLEY_SAMPLE_SCRAPINGS] = { "scrapings", N_("Skin scrapings") },
  [HARLEY_SAMPLE_OTHER] = { "other", N_("Other") },
};

static const Code states[HARLEY_SAMPLE_N_STATES] = {
  [HARLEY_SAMPLE_TAKEN] = { "taken", N_("Taken") },
  [HARLEY_SAMPLE_SENT] = { "sent", N_("Sent") },
  [HARLEY_SAMPLE_RECEIVED] = { "received", N_("Result received") },
  [HARLEY_SAMPLE_REVIEWED] = { "reviewed", N_("Reviewed") },
  [HARLEY_SAMPLE_INFORMED] = { "informed", N_("Patient informed") },
  [HARLEY_SAMPLE_CLOSED] = { "closed", N_("Closed") },
  [HARLEY_SAMPLE_CANCELLED] = { "cancelled", N_("Cancelled") },
  [HARLEY_SAMPLE_LOST] = { "lost", N_("Lost") },
};

static const Code send_methods[HARLEY_SEND_N_METHODS] = {
  [HARLEY_SEND_COURIER] = { "courier", N_("Courier") },
  [HARLEY_SEND_POST] = { "post", N_("Post") },
  [HARLEY_SEND_INTERNAL] = { "internal", N_("Internal") },
};

static const Code review_actions[HARLEY_REVIEW_N_ACTIONS] = {
  [HARLEY_REVIEW_NO_ACTION] = { "none", N_("No action") },
  [HARLEY_REVIEW_LETTER] = { "letter", N_("Letter") },
  [HARLEY_REVIEW_APPOINTMENT] = { "appointment", N_("Appointment") },
  [HARLEY_REVIEW_PROCEDURE] = { "procedure", N_("Procedure") },
  [HARLEY_REVIEW_REFER] = { "refer", N_("Refer") },
};

static const Code informed_ways[HARLEY_INFORMED_N_WAYS] = {
  [HARLEY_INFORMED_PHONE] = { "phone", N_("By phone") },
  [HARLEY_INFORMED_LETTER] = { "letter", N_("By letter") },
  [HARLEY_INFORMED_IN_PERSON] = { "in-person", N_("In person") },
  [HARLEY_INFORMED_EMAIL] = { "email", N_("By email") },
};

static const Code call_outcomes[HARLEY_CALL_N_OUTCOMES] = {
  [HARLEY_CALL_SPOKE] = { "spoke", N_("Spoke to them") },
  [HARLEY_CALL_MESSAGE] = { "message", N_("Left a message") },
  [HARLEY_CALL_NO_ANSWER] = { "no-answer", N_("No answer") },
  [HARLEY_CALL_WRONG_NUMBER] = { "wrong-number", N_("Wrong number") },
};

static gboolean
find_code (const Code *codes,
           guint       n,
           const char *text,
           guint      *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (text, codes[i].code) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/* The ways into a table of Code, one function each: the code stored for
 * a value, the value of a stored code, and the value's label. */
#define DEFINE_TO_STRING(func, Type, codes)                     \
  const char *                                                  \
  func (Type value)                                             \
  {                                                             \
    g_return_val_if_fail (value < G_N_ELEMENTS (codes), NULL);  \
    return codes[value].code;                                   \
  }

#define DEFINE_FROM_STRING(func, Type, codes)                   \
  gboolean                                                      \
  func (const char *text,                                       \
        Type       *value)                                      \
  {                                                             \
    guint i;                                                    \
                                                                \
    if (!find_code (codes, G_N_ELEMENTS (codes), text, &i))     \
      return FALSE;                                             \
    *value = i;                                                 \
    return TRUE;                                                \
  }

#define DEFINE_LABEL(func, Type, codes)                         \
  const char *                                                  \
  func (Type value)                                             \
  {                                                             \
    g_return_val_if_fail (value < G_N_ELEMENTS (codes), NULL);  \
    return _(codes[value].label);                               \
  }

DEFINE_TO_STRING (harley_sample_type_to_string, HarleySampleType, types)
DEFINE_FROM_STRING (harley_sample_type_from_string, HarleySampleType, types)
DEFINE_LABEL (harley_sample_type_label, HarleySampleType, types)
DEFINE_TO_STRING (harley_sample_state_to_string, HarleySampleState, states)
DEFINE_FROM_STRING (harley_sample_state_from_string, HarleySampleState, states)
DEFINE_LABEL (harley_sample_state_label, HarleySampleState, states)
DEFINE_TO_STRING (_harley_send_method_to_string, HarleySendMethod, send_methods)
DEFINE_FROM_STRING (harley_send_method_from_string, HarleySendMethod, send_methods)
DEFINE_LABEL (harley_send_method_label, HarleySendMethod, send_methods)
DEFINE_TO_STRING (_harley_review_action_to_string, HarleyReviewAction, review_actions)
DEFINE_LABEL (harley_review_action_label, HarleyReviewAction, review_actions)
DEFINE_TO_STRING (_harley_informed_how_to_string, HarleyInformedHow, informed_ways)
DEFINE_LABEL (harley_informed_how_label, HarleyInformedHow, informed_ways)
DEFINE_TO_STRING (_harley_call_outcome_to_string, HarleyCallOutcome, call_outcomes)
DEFINE_FROM_STRING (harley_call_outcome_from_string, HarleyCallOutcome, call_outcomes)
DEFINE_LABEL (harley_call_outcome_label, HarleyCallOutcome, call_outcomes)

void
harley_sample_free (HarleySample *sample)
{
  g_free (sample->site);
  g_free (sample->description);
  g_free (sample->taken_on);
  g_free (sample->taken_by);
  g_free (sample->lab_reference);
  g_free (sample->sent_on);
  g_free (sample->expected_by);
  g_free (sample->review_note);
  g_free (sample->reviewed_by);
  g_free (sample->reviewed_at);
  g_free (sample->informed_by);
  g_free (sample->informed_at);
  g_free (sample->reason);
  g_free (sample->notes);
  g_free (sample->created_at);
  g_free (sample->updated_at);
  g_free (sample);
}

void
harley_sample_event_free (HarleySampleEvent *event)
{
  g_free (event->at);
  g_free (event->by);
  g_free (event->summary);
  g_free (event);
}

/* What the steps share {{{1 */

/* The day in London of @now, a stored time stamp: what "today" is for a
 * step taken at @now. */
void
_harley_sample_today_of (const char *now,
                         GDate      *today)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (now, NULL);
  int minutes;

  g_date_clear (today, 1);
  if (utc == NULL || !harley_wall_time_from_utc (utc, today, &minutes))
    {
      g_autoptr(GDateTime) clock = g_date_time_new_now_utc ();

      harley_wall_time_from_utc (clock, today, &minutes);
    }
}

/* "Histology (skin biopsy), left cheek: what", for the history and the
 * timeline, where the patient may have several samples at once. */
char *
_harley_sample_describe (const HarleySample *sample,
                         const char         *what)
{
  const char *type = harley_sample_type_label (sample->type);

  if (sample->site != NULL && *sample->site != '\0')
    return g_strdup_printf ("%s, %s: %s", type, sample->site, what);
  return g_strdup_printf ("%s: %s", type, what);
}

char *
_harley_sample_dup_contact_name (HarleyStore *store,
                                 gint64       contact_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT name FROM contact WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup (_("the laboratory"));
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = harley_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name != NULL ? name : g_strdup (_("the laboratory"));
}

/**
 * _harley_sample_add_event:
 * @sample_id: the sample, or 0 for a step that has none (a call not
 *   about one sample)
 * @patient_id: the patient, or 0 for a result not yet matched to anyone
 * @kind: the timeline's kind: "sample", "result" or "call"
 *
 * Records a step in the sample's history and the patient's timeline, in
 * the caller's transaction.
 */
gboolean
_harley_sample_add_event (HarleyStore  *store,
                          gint64        sample_id,
                          gint64        patient_id,
                          const char   *now,
                          const char   *kind,
                          const char   *summary,
                          GError      **error)
{
  if (sample_id > 0)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store, "INSERT INTO sample_event (sample_id, at, by, summary) "
                                                        "VALUES (?, ?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sample_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, harley_diary_user (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_TRANSIENT);
      if (!harley_store_step_done (store, stmt, error))
        return FALSE;
    }
  return patient_id <= 0 || _harley_register_add_event (store, patient_id, now, kind, summary, error);
}

/**
 * _harley_sample_step_row:
 * @store: the store @stmt is of
 * @stmt: a statement that reads one row, its values bound
 * @code: the error when there is no such row
 * @missing: what to say then
 * @error: where to put a failure
 *
 * Steps to the row, left for the caller to read and reset. A read that
 * fails (short of memory, a disk error) is the database's error, told as
 * such, and not a row missing.
 *
 * Returns: whether @stmt is on its row; if not, it has been reset
 */
gboolean
_harley_sample_step_row (HarleyStore        *store,
                         sqlite3_stmt       *stmt,
                         HarleySampleError   code,
                         const char         *missing,
                         GError            **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, HARLEY_SAMPLE_ERROR, code, missing);
  else
    harley_store_set_error (store, error);
  return FALSE;
}

/* Whether @sql, given @id, finds a row; if not, @code and @missing, or
 * the database's error when the read failed. */
gboolean
_harley_sample_check_exists (HarleyStore        *store,
                             const char         *sql,
                             gint64              id,
                             HarleySampleError   code,
                             const char         *missing,
                             GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_harley_sample_step_row (store, stmt, code, missing, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_harley_sample_check_patient (HarleyStore  *store,
                              gint64        patient_id,
                              GError      **error)
{
  const char *missing = _("That patient is not in the register: find the patient again.");

  if (patient_id > 0)
    return _harley_sample_check_exists (store, "SELECT 1 FROM patient WHERE id = ?", patient_id,
                                        HARLEY_SAMPLE_ERROR_NOT_FOUND, missing, error);
  g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_NOT_FOUND, missing);
  return FALSE;
}

/* Samples go to a laboratory, or to a hospital's department. */
gboolean
_harley_sample_check_lab (HarleyStore  *store,
                          gint64        lab_id,
                          GError      **error)
{
  return _harley_sample_check_exists (store, "SELECT 1 FROM contact WHERE id = ? AND kind IN ('laboratory', 'hospital')",
                                      lab_id, HARLEY_SAMPLE_ERROR_INVALID,
                                      _("Choose a laboratory, or a hospital department, from the address book."),
                                      error);
}

/**
 * _harley_sample_check_date:
 * @date: (nullable): a date entered
 * @missing: the message when there is none
 * @future: the message when it is after @today
 */
gboolean
_harley_sample_check_date (const GDate  *date,
                           const GDate  *today,
                           const char   *missing,
                           const char   *future,
                           GError      **error)
{
  if (date == NULL || !g_date_valid (date))
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID, missing);
      return FALSE;
    }
  if (g_date_compare (date, today) > 0)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID, future);
      return FALSE;
    }
  return TRUE;
}

static void
set_order_error (HarleySampleDateOrder   order,
                 const char             *date,
                 const char             *earliest,
                 GError                **error)
{
  switch (order)
    {
    case HARLEY_SAMPLE_SENT_AFTER_TAKEN:
      g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                   _("The sample cannot have been sent on %s, before it was taken on %s: check the dates."),
                   date, earliest);
      break;
    case HARLEY_SAMPLE_DUE_AFTER_SENT:
      g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                   _("The result cannot be expected by %s, before the sample is sent on %s: check the dates."),
                   date, earliest);
      break;
    case HARLEY_SAMPLE_RESULT_AFTER_SENT:
    default:
      g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                   _("A result that arrived on %s cannot be for a sample sent on %s: check the date, and that "
                     "it is the right sample."), date, earliest);
      break;
    }
}

/**
 * _harley_sample_check_order:
 * @earliest_iso: (nullable): a stored date; %NULL lets any date through
 * @order: which two dates these are, for the message
 *
 * Returns: %TRUE unless @date is before @earliest_iso
 */
gboolean
_harley_sample_check_order (const GDate            *date,
                            const char             *earliest_iso,
                            HarleySampleDateOrder   order,
                            GError                **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *earliest_shown = NULL;
  GDate earliest;

  if (!_harley_diary_date_parse (earliest_iso, &earliest) || g_date_compare (date, &earliest) >= 0)
    return TRUE;
  shown = harley_format_gdate (date);
  earliest_shown = harley_format_gdate (&earliest);
  set_order_error (order, shown, earliest_shown, error);
  return FALSE;
}

/* Commits a step that went through, or rolls back one that did not. */
gboolean
_harley_sample_finish (HarleyStore  *store,
                       gboolean      done,
                       GError      **error)
{
  if (!done)
    {
      harley_store_rollback (store);
      return FALSE;
    }
  return harley_store_commit (store, error);
}

/* Reading {{{1 */

#define SELECT_SAMPLE \
  "SELECT s.id, s.patient_id, coalesce (s.appointment_id, 0), coalesce (s.lab_id, 0), " \
  "coalesce ((SELECT r.id FROM result r WHERE r.sample_id = s.id), 0), s.type, s.state, s.site, " \
  "s.description, s.taken_on, s.taken_by, s.lab_reference, s.sent_on, s.sent_method, s.expected_by, " \
  "s.review_action, s.review_note, s.reviewed_by, s.reviewed_at, s.informed_how, s.informed_by, " \
  "s.informed_at, s.reason, s.notes, s.created_at, s.updated_at FROM sample s "

/* Steps @stmt, bound and ready, to its end, and resets it; returns what
 * @from_row makes of each row, freed with @free_func, or NULL with @error. */
GPtrArray *
_harley_sample_read_rows (HarleyStore          *store,
                          sqlite3_stmt         *stmt,
                          HarleySampleFromRow   from_row,
                          GDestroyNotify        free_func,
                          GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static guint
column_code (sqlite3_stmt *stmt,
             int           column,
             const Code   *codes,
             guint         n)
{
  guint i = 0;

  find_code (codes, n, (const char *) sqlite3_column_text (stmt, column), &i);
  return i;
}

static HarleySample *
sample_from_row (sqlite3_stmt *stmt)
{
  HarleySample *s = g_new0 (HarleySample, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->patient_id = sqlite3_column_int64 (stmt, 1);
  s->appointment_id = sqlite3_column_int64 (stmt, 2);
  s->lab_id = sqlite3_column_int64 (stmt, 3);
  s->result_id = sqlite3_column_int64 (stmt, 4);
  s->type = column_code (stmt, 5, types, G_N_ELEMENTS (types));
  s->state = column_code (stmt, 6, states, G_N_ELEMENTS (states));
  s->site = harley_column_dup (stmt, 7);
  s->description = harley_column_dup (stmt, 8);
  s->taken_on = harley_column_dup (stmt, 9);
  s->taken_by = harley_column_dup (stmt, 10);
  s->lab_reference = harley_column_dup (stmt, 11);
  s->sent_on = harley_column_dup (stmt, 12);
  s->sent_method = column_code (stmt, 13, send_methods, G_N_ELEMENTS (send_methods));
  s->expected_by = harley_column_dup (stmt, 14);
  s->review_action = column_code (stmt, 15, review_actions, G_N_ELEMENTS (review_actions));
  s->review_note = harley_column_dup (stmt, 16);
  s->reviewed_by = harley_column_dup (stmt, 17);
  s->reviewed_at = harley_column_dup (stmt, 18);
  s->informed_how = column_code (stmt, 19, informed_ways, G_N_ELEMENTS (informed_ways));
  s->informed_by = harley_column_dup (stmt, 20);
  s->informed_at = harley_column_dup (stmt, 21);
  s->reason = harley_column_dup (stmt, 22);
  s->notes = harley_column_dup (stmt, 23);
  s->created_at = harley_column_dup (stmt, 24);
  s->updated_at = harley_column_dup (stmt, 25);
  return s;
}

/**
 * harley_sample_load:
 *
 * Returns: (transfer full): the sample, or %NULL with
 *   %HARLEY_SAMPLE_ERROR_NOT_FOUND
 */
HarleySample *
harley_sample_load (HarleyStore  *store,
                    gint64        id,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  HarleySample *sample = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  if ((stmt = harley_store_prepare (store, SELECT_SAMPLE "WHERE s.id = ?", error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_harley_sample_step_row (store, stmt, HARLEY_SAMPLE_ERROR_NOT_FOUND, _("That sample is not on file."), error))
    return NULL;
  sample = sample_from_row (stmt);
  sqlite3_reset (stmt);
  return sample;
}

/* The step before @to on the way from taken to closed. */
static gboolean
can_become (HarleySampleState from,
            HarleySampleState to)
{
  if (to == HARLEY_SAMPLE_CANCELLED || to == HARLEY_SAMPLE_LOST)
    return from == HARLEY_SAMPLE_TAKEN || from == HARLEY_SAMPLE_SENT;
  return to <= HARLEY_SAMPLE_CLOSED && to > HARLEY_SAMPLE_TAKEN && from == to - 1;
}

/* What to do first, when a step comes before its time. */
static const char *
what_first (HarleySampleState state)
{
  switch (state)
    {
    case HARLEY_SAMPLE_TAKEN:
      return _("This sample has not been sent yet: mark it sent first.");
    case HARLEY_SAMPLE_SENT:
      return _("This sample has no result yet: add its result first.");
    case HARLEY_SAMPLE_RECEIVED:
      return _("This sample's result has not been reviewed yet: the clinician reviews it first.");
    case HARLEY_SAMPLE_REVIEWED:
      return _("The patient has not been told this result yet: record how they were told first.");
    case HARLEY_SAMPLE_INFORMED:
    case HARLEY_SAMPLE_CLOSED:
    case HARLEY_SAMPLE_CANCELLED:
    case HARLEY_SAMPLE_LOST:
    case HARLEY_SAMPLE_N_STATES:
    default:
      return NULL;
    }
}

static void
set_state_error (const HarleySample  *sample,
                 HarleySampleState    to,
                 GError             **error)
{
  const char *label = harley_sample_state_label (sample->state);

  if (sample->state == HARLEY_SAMPLE_CANCELLED || sample->state == HARLEY_SAMPLE_LOST)
    g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_STATE,
                 to == HARLEY_SAMPLE_RECEIVED
                 ? _("This sample is marked “%s”, so a result cannot be filed to it. Add the result without "
                     "a sample, then file it to the patient.")
                 : _("This sample is marked “%s”: nothing more can be recorded for it."), label);
  else if ((to == HARLEY_SAMPLE_CANCELLED || to == HARLEY_SAMPLE_LOST) && sample->state > HARLEY_SAMPLE_SENT)
    g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_STATE,
                         _("This sample already has its result, so it can no longer be cancelled or marked lost."));
  else if (sample->state < to && what_first (sample->state) != NULL)
    g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_STATE, what_first (sample->state));
  else
    g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_STATE,
                 _("This sample is already “%s”: that step has been recorded."), label);
}

/**
 * _harley_sample_load_for_step:
 * @to: the state the step leads to
 *
 * Returns: (transfer full): the sample, when it may take the step to @to
 *   now; else %NULL with %HARLEY_SAMPLE_ERROR_STATE saying what to do
 */
HarleySample *
_harley_sample_load_for_step (HarleyStore        *store,
                              gint64              id,
                              HarleySampleState   to,
                              GError            **error)
{
  g_autoptr(HarleySample) sample = harley_sample_load (store, id, error);

  if (sample == NULL)
    return NULL;
  if (!can_become (sample->state, to))
    {
      set_state_error (sample, to, error);
      return NULL;
    }
  return g_steal_pointer (&sample);
}

/**
 * harley_sample_list_for_patient:
 *
 * Returns: (transfer full) (element-type gint64): the patient's samples,
 *   the most recently taken first
 */
GArray *
harley_sample_list_for_patient (HarleyStore  *store,
                                gint64        patient_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store, "SELECT id FROM sample WHERE patient_id = ? "
                                      "ORDER BY taken_on DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  return harley_store_read_ids (store, stmt, error);
}

static gpointer
event_from_row (sqlite3_stmt *stmt)
{
  HarleySampleEvent *event = g_new0 (HarleySampleEvent, 1);

  event->at = harley_column_dup (stmt, 0);
  event->by = harley_column_dup (stmt, 1);
  event->summary = harley_column_dup (stmt, 2);
  return event;
}

/**
 * harley_sample_list_events:
 *
 * Returns: (transfer container) (element-type HarleySampleEvent): the
 *   sample's history, oldest first: each step, result and call about
 *   it, as it was recorded; none for a sample not on file
 */
GPtrArray *
harley_sample_list_events (HarleyStore  *store,
                           gint64        sample_id,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store, "SELECT at, by, summary FROM sample_event WHERE sample_id = ? "
                                      "ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sample_id);
  return _harley_sample_read_rows (store, stmt, event_from_row, (GDestroyNotify) harley_sample_event_free, error);
}

/* Taken {{{1 */

static gboolean
check_new (HarleyStore            *store,
           const HarleySampleNew  *s,
           const GDate            *today,
           GError                **error)
{
  if (s->type >= HARLEY_SAMPLE_N_TYPES)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose what kind of sample it is: histology, blood, swab, skin scrapings or other."));
      return FALSE;
    }
  if (!_harley_sample_check_date (&s->taken_on, today, _("Enter the date the sample was taken."),
                                  _("The date the sample was taken is in the future: enter the day it was taken."),
                                  error)
      || !_harley_sample_check_patient (store, s->patient_id, error)
      || (s->lab_id != 0 && !_harley_sample_check_lab (store, s->lab_id, error)))
    return FALSE;
  return TRUE;
}

static gboolean
check_appointment (HarleyStore            *store,
                   const HarleySampleNew  *s,
                   GError                **error)
{
  sqlite3_stmt *stmt;

  if (s->appointment_id == 0)
    return TRUE;
  if ((stmt = harley_store_prepare (store, "SELECT 1 FROM appointment WHERE id = ? AND patient_id = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->appointment_id);
  sqlite3_bind_int64 (stmt, 2, s->patient_id);
  if (!_harley_sample_step_row (store, stmt, HARLEY_SAMPLE_ERROR_INVALID,
                                _("That appointment is not this patient's: choose one of the patient's "
                                  "appointments, or none."), error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
insert_sample (HarleyStore            *store,
               const HarleySampleNew  *s,
               const char             *now,
               GError                **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO sample (patient_id, appointment_id, type, site, description, taken_on, taken_by, lab_id, "
    "notes, created_at, updated_at) VALUES (?, nullif (?, 0), ?, ?, ?, ?, ?, nullif (?, 0), ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, s->patient_id);
  sqlite3_bind_int64 (stmt, 2, s->appointment_id);
  sqlite3_bind_text (stmt, 3, types[s->type].code, -1, SQLITE_STATIC);
  harley_bind_text (stmt, 4, s->site);
  harley_bind_text (stmt, 5, s->description);
  sqlite3_bind_text (stmt, 6, _harley_diary_date_iso (&s->taken_on), -1, g_free);
  harley_bind_text (stmt, 7, s->taken_by);
  sqlite3_bind_int64 (stmt, 8, s->lab_id);
  harley_bind_text (stmt, 9, s->notes);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

gint64
_harley_sample_add_at (HarleyStore            *store,
                       const HarleySampleNew  *sample,
                       const char             *now,
                       GError                **error)
{
  g_autoptr(HarleySample) added = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *what = NULL;
  GDate today;
  gint64 id;

  _harley_sample_today_of (now, &today);
  if (!check_new (store, sample, &today, error) || !check_appointment (store, sample, error)
      || (id = insert_sample (store, sample, now, error)) == 0
      || (added = harley_sample_load (store, id, error)) == NULL)
    return 0;
  taken = harley_format_date (added->taken_on);
  what = g_strdup_printf (_("taken on %s"), taken);
  summary = _harley_sample_describe (added, what);
  return _harley_sample_add_event (store, id, added->patient_id, now, "sample", summary, error) ? id : 0;
}

/**
 * harley_sample_add:
 * @sample: what is known when it is taken
 *
 * Records a sample taken: the first step of its life.
 *
 * Returns: the new sample's id, or 0 with %HARLEY_SAMPLE_ERROR_INVALID
 *   (nothing written) or %HARLEY_SAMPLE_ERROR_NOT_FOUND
 */
gint64
harley_sample_add (HarleyStore            *store,
                   const HarleySampleNew  *sample,
                   GError                **error)
{
  g_autofree char *now = harley_store_now ();
  gint64 id;

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);
  g_return_val_if_fail (sample != NULL, 0);

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_sample_add_at (store, sample, now, error);
  return _harley_sample_finish (store, id != 0, error) ? id : 0;
}
