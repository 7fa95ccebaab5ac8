/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A sample's life on a real database: taken → sent → result received →
 * reviewed → patient informed → closed, no step skipped and a refused
 * step writing nothing; the worklists and their order; a forgotten
 * sample surfacing as overdue; results for no sample on file matched
 * and filed, never lost; the laboratory's report kept with its SHA-256.
 * Calls are in test-call.c. */

#include "harley-diary.h"
#include "harley-test-sample.h"

/* The life {{{1 */

static void
test_life (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(HarleySample) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *today = iso (&f->today);
  gint64 id = take (f, 3);
  gint64 result;

  g_assert_cmpint (state_of (f, id), ==, HARLEY_SAMPLE_TAKEN);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_OUTSTANDING), ==, 1);
  send_on (f, id, 2, NULL);
  sample = harley_sample_load (f->db.store, id, &error);
  g_assert_cmpint (sample->state, ==, HARLEY_SAMPLE_SENT);
  g_assert_cmpint (sample->lab_id, ==, f->histology);
  g_assert_cmpint (sample->sent_method, ==, HARLEY_SEND_COURIER);
  g_assert_cmpstr (sample->lab_reference, ==, "NDP-25-0417");
  g_assert_nonnull (sample->expected_by);
  g_assert_cmpstr (sample->expected_by, >, today);
  g_clear_pointer (&sample, harley_sample_free);

  result = receive (f, id);
  g_assert_cmpint (state_of (f, id), ==, HARLEY_SAMPLE_RECEIVED);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_OUTSTANDING), ==, 0);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_REVIEW), ==, 1);
  sample = harley_sample_load (f->db.store, id, &error);
  g_assert_cmpint (sample->result_id, ==, result);
  g_clear_pointer (&sample, harley_sample_free);
  /* Receiving a result adds it to the patient's notes. */
  notes = harley_test_query_text (f->db.path, "SELECT notes FROM patient WHERE given_name = 'Grace'");
  g_assert_nonnull (strstr (notes, "Seborrhoeic keratosis. No dysplasia."));
  g_assert_nonnull (strstr (notes, "Northgate Dermatopathology"));
  g_assert_null (strstr (notes, "Reported by"));

  review (f, id);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_REVIEW), ==, 0);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_TELL), ==, 1);
  inform (f, id);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_TELL), ==, 0);
  close_sample (f, id);

  sample = harley_sample_load (f->db.store, id, &error);
  g_assert_cmpint (sample->state, ==, HARLEY_SAMPLE_CLOSED);
  g_assert_cmpint (sample->review_action, ==, HARLEY_REVIEW_LETTER);
  g_assert_cmpstr (sample->reviewed_by, ==, "Dr Eleanor Hartley");
  g_assert_nonnull (sample->reviewed_at);
  g_assert_cmpint (sample->informed_how, ==, HARLEY_INFORMED_PHONE);
  g_assert_nonnull (sample->informed_by);
  g_assert_nonnull (sample->informed_at);
  /* Each of the six steps is in the sample's history and on the
   * patient's timeline. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sample_event"), ==, 6);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM patient_event WHERE kind = 'sample'"), ==, 5);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM patient_event WHERE kind = 'result'"), ==, 1);
  for (HarleySampleWorklist w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
    g_assert_cmpuint (harley_sample_worklist_count (f->db.store, w), ==, 0);
}

/* No skipping {{{1 */

typedef enum
{
  STEP_SEND,
  STEP_RESULT,
  STEP_REVIEW,
  STEP_INFORM,
  STEP_CLOSE,
  STEP_CANCEL,
  STEP_LOSE,
  N_STEPS,
} Step;

static gboolean
try_step (Fixture  *f,
          gint64    id,
          Step      step,
          GError  **error)
{
  HarleyResultNew r = result_for (f, id);
  GDate sent = days_ago (f, 1);

  switch (step)
    {
    case STEP_SEND:
      return harley_sample_send (f->db.store, id, f->histology, &sent, HARLEY_SEND_POST, NULL, NULL, error);
    case STEP_RESULT:
      return harley_result_add (f->db.store, &r, error) != 0;
    case STEP_REVIEW:
      return harley_sample_review (f->db.store, id, HARLEY_REVIEW_NO_ACTION, NULL, "Dr Hartley", error);
    case STEP_INFORM:
      return harley_sample_inform (f->db.store, id, HARLEY_INFORMED_LETTER, "Sarah", error);
    case STEP_CLOSE:
      return harley_sample_close (f->db.store, id, error);
    case STEP_CANCEL:
      return harley_sample_cancel (f->db.store, id, FALSE, "Not needed after all", error);
    case STEP_LOSE:
      return harley_sample_cancel (f->db.store, id, TRUE, "Never arrived at the laboratory", error);
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
allowed (HarleySampleState state,
         Step              step)
{
  switch (state)
    {
    case HARLEY_SAMPLE_TAKEN:
      return step == STEP_SEND || step == STEP_CANCEL || step == STEP_LOSE;
    case HARLEY_SAMPLE_SENT:
      return step == STEP_RESULT || step == STEP_CANCEL || step == STEP_LOSE;
    case HARLEY_SAMPLE_RECEIVED:
      return step == STEP_REVIEW;
    case HARLEY_SAMPLE_REVIEWED:
      return step == STEP_INFORM;
    case HARLEY_SAMPLE_INFORMED:
      return step == STEP_CLOSE;
    case HARLEY_SAMPLE_CLOSED:
    case HARLEY_SAMPLE_CANCELLED:
    case HARLEY_SAMPLE_LOST:
    case HARLEY_SAMPLE_N_STATES:
    default:
      return FALSE;
    }
}

/* From every state, every step but the next is refused with a message
 * and writes nothing; the next one goes through. */
static void
test_no_skipping (Fixture       *f,
                  gconstpointer  data)
{
  for (HarleySampleState state = HARLEY_SAMPLE_TAKEN; state < HARLEY_SAMPLE_N_STATES; state++)
    for (Step step = STEP_SEND; step < N_STEPS; step++)
      {
        gint64 id = sample_in (f, state);
        g_autoptr(GError) error = NULL;

        g_test_message ("%s, step %d", harley_sample_state_to_string (state), step);
        if (allowed (state, step))
          {
            g_assert_true (try_step (f, id, step, &error));
            g_assert_no_error (error);
            g_assert_cmpint (state_of (f, id), !=, state);
          }
        else
          assert_refused (f, try_step (f, id, step, &refusal), HARLEY_SAMPLE_ERROR_STATE, " ");
      }
}

/* The messages say what to do. */
static void
test_refusals_say_what_to_do (Fixture       *f,
                              gconstpointer  data)
{
  gint64 taken = sample_in (f, HARLEY_SAMPLE_TAKEN);
  gint64 sent = sample_in (f, HARLEY_SAMPLE_SENT);
  gint64 received = sample_in (f, HARLEY_SAMPLE_RECEIVED);
  gint64 lost = sample_in (f, HARLEY_SAMPLE_LOST);
  gint64 closed = sample_in (f, HARLEY_SAMPLE_CLOSED);

  /* A result for a sample not marked sent: strict, and says so. */
  assert_refused (f, try_step (f, taken, STEP_RESULT, &refusal), HARLEY_SAMPLE_ERROR_STATE, "mark it sent first");
  assert_refused (f, try_step (f, sent, STEP_REVIEW, &refusal), HARLEY_SAMPLE_ERROR_STATE, "add its result first");
  assert_refused (f, try_step (f, received, STEP_INFORM, &refusal), HARLEY_SAMPLE_ERROR_STATE,
                  "the clinician reviews it first");
  assert_refused (f, try_step (f, received, STEP_CANCEL, &refusal), HARLEY_SAMPLE_ERROR_STATE,
                  "can no longer be cancelled");
  /* A result for a lost sample is kept another way. */
  assert_refused (f, try_step (f, lost, STEP_RESULT, &refusal), HARLEY_SAMPLE_ERROR_STATE,
                  "Add the result without a sample");
  assert_refused (f, try_step (f, closed, STEP_SEND, &refusal), HARLEY_SAMPLE_ERROR_STATE, "already “Closed”");
  assert_refused (f, harley_sample_close (f->db.store, 999, &refusal), HARLEY_SAMPLE_ERROR_NOT_FOUND, "not on file");
}

/* Bad input {{{1 */

static void
test_bad_sample (Fixture       *f,
                 gconstpointer  data)
{
  HarleySampleNew s = { .patient_id = f->patient, .type = HARLEY_SAMPLE_BLOOD };
  HarleySampleNew wrong;

  /* No date, a date to come, no such kind, nobody, an appointment that
   * is not the patient's, a GP for a laboratory. */
  assert_refused (f, harley_sample_add (f->db.store, &s, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "date the sample was taken");
  s.taken_on = days_ago (f, -1);
  assert_refused (f, harley_sample_add (f->db.store, &s, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "in the future");
  s.taken_on = f->today;
  wrong = s;
  wrong.type = HARLEY_SAMPLE_N_TYPES;
  assert_refused (f, harley_sample_add (f->db.store, &wrong, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "what kind");
  wrong = s;
  wrong.patient_id = 999;
  assert_refused (f, harley_sample_add (f->db.store, &wrong, &refusal), HARLEY_SAMPLE_ERROR_NOT_FOUND, "register");
  wrong = s;
  wrong.appointment_id = 42;
  assert_refused (f, harley_sample_add (f->db.store, &wrong, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "appointment");
  wrong = s;
  wrong.lab_id = f->gp;
  assert_refused (f, harley_sample_add (f->db.store, &wrong, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "laboratory");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sample"), ==, 0);
}

static void
test_bad_dates (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = take_for (f, f->patient, 5, 0);
  GDate before = days_ago (f, 6);
  GDate future = days_ago (f, -1);
  GDate sent = days_ago (f, 4);
  GDate early = days_ago (f, 5);
  GDate invalid;
  HarleyResultNew r;

  g_date_clear (&invalid, 1);
  assert_refused (f, harley_sample_send (f->db.store, id, 0, &sent, HARLEY_SEND_POST, NULL, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "Choose the laboratory");
  assert_refused (f, harley_sample_send (f->db.store, id, f->gp, &sent, HARLEY_SEND_POST, NULL, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "laboratory");
  assert_refused (f, harley_sample_send (f->db.store, id, f->bloods, &before, HARLEY_SEND_POST, NULL, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "before it was taken");
  assert_refused (f, harley_sample_send (f->db.store, id, f->bloods, &future, HARLEY_SEND_POST, NULL, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "in the future");
  assert_refused (f, harley_sample_send (f->db.store, id, f->bloods, &invalid, HARLEY_SEND_POST, NULL, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "Enter the date");
  assert_refused (f, harley_sample_send (f->db.store, id, f->bloods, &sent, HARLEY_SEND_N_METHODS, NULL, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "courier");
  assert_refused (f, harley_sample_send (f->db.store, id, f->bloods, &sent, HARLEY_SEND_POST, NULL, &early, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "before the sample is sent");
  g_assert_cmpint (state_of (f, id), ==, HARLEY_SAMPLE_TAKEN);

  g_assert_true (harley_sample_send (f->db.store, id, f->bloods, &sent, HARLEY_SEND_POST, NULL, NULL, NULL));
  r = result_for (f, id);
  r.received_on = early;
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "right sample");
  r.received_on = future;
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "in the future");
  r.received_on = invalid;
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "date the result");
  r = result_for (f, id);
  r.report = "";
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "Type the report");
  g_assert_cmpint (state_of (f, id), ==, HARLEY_SAMPLE_SENT);
}

static void
test_bad_steps (Fixture       *f,
                gconstpointer  data)
{
  gint64 received = sample_in (f, HARLEY_SAMPLE_RECEIVED);
  gint64 taken = sample_in (f, HARLEY_SAMPLE_TAKEN);

  assert_refused (f, harley_sample_review (f->db.store, received, HARLEY_REVIEW_LETTER, NULL, "  ", &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "which clinician");
  assert_refused (f, harley_sample_review (f->db.store, received, HARLEY_REVIEW_N_ACTIONS, NULL, "Dr H", &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "decided");
  assert_refused (f, harley_sample_cancel (f->db.store, taken, FALSE, "", &refusal), HARLEY_SAMPLE_ERROR_INVALID,
                  "why");
  assert_refused (f, harley_sample_cancel (f->db.store, taken, TRUE, NULL, &refusal), HARLEY_SAMPLE_ERROR_INVALID,
                  "lost");
  review (f, received);
  assert_refused (f, harley_sample_inform (f->db.store, received, HARLEY_INFORMED_N_WAYS, NULL, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "how the patient was told");
}

/* Overdue and the worklists {{{1 */

static GArray *
list (Fixture              *f,
      HarleySampleWorklist  worklist)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = harley_sample_worklist_list (f->db.store, worklist, &f->today, &error);

  g_assert_no_error (error);
  return ids;
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n)
{
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

/* The danger in this job: a sample sent, its result never back, and
 * nobody noticing. Its day due passes; from the next day it is overdue,
 * counted, and first on the outstanding list. */
static void
test_forgotten_sample_surfaces (Fixture       *f,
                                gconstpointer  data)
{
  gint64 recent = take (f, 0);
  gint64 forgotten = take (f, 40);
  g_autoptr(HarleySample) sample = NULL;
  g_autoptr(GArray) ids = NULL;
  GDate due, day_after;

  send_on (f, forgotten, 39, NULL);
  send_on (f, recent, 0, NULL);
  sample = harley_sample_load (f->db.store, forgotten, NULL);

  /* Until its day due it is not overdue: the day after, it is. */
  g_date_clear (&due, 1);
  {
    guint y = 0, m = 0, d = 0;

    g_assert_cmpint (sscanf (sample->expected_by, "%u-%u-%u", &y, &m, &d), ==, 3);
    g_date_set_dmy (&due, d, m, y);
  }
  day_after = due;
  g_date_add_days (&day_after, 1);
  g_assert_false (harley_sample_is_overdue (sample, &due));
  g_assert_true (harley_sample_is_overdue (sample, &day_after));
  g_assert_cmpuint (harley_sample_count_overdue (f->db.store, &due), ==, 0);
  g_assert_cmpuint (harley_sample_count_overdue (f->db.store, &day_after), ==, 1);

  /* Today, forty days on, nobody has to remember it. */
  g_assert_true (harley_sample_is_overdue (sample, &f->today));
  g_assert_cmpuint (harley_sample_count_overdue (f->db.store, &f->today), ==, 1);
  g_assert_cmpuint (harley_sample_count_overdue (f->db.store, NULL), ==, 1);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_OUTSTANDING), ==, 2);
  ids = list (f, HARLEY_SAMPLES_OUTSTANDING);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, forgotten);

  /* Its result comes at last: it leaves the list. */
  receive (f, forgotten);
  g_assert_cmpuint (harley_sample_count_overdue (f->db.store, &f->today), ==, 0);
}

static void
test_worklists (Fixture       *f,
                gconstpointer  data)
{
  GDate yesterday = days_ago (f, 1);
  gint64 taken_recently = take (f, 10);
  gint64 taken_long_ago = take (f, 20);
  gint64 overdue_most = take (f, 31);
  gint64 overdue = take (f, 7);
  gint64 due_later = take (f, 1);
  gint64 due_today = take (f, 1);
  gint64 review_second, review_first, tell, cancelled;
  g_autoptr(GArray) outstanding = NULL;
  g_autoptr(GArray) to_review = NULL;
  g_autoptr(GArray) to_tell = NULL;
  g_autofree char *sql = NULL;

  send_on (f, overdue_most, 30, NULL);
  send_on (f, overdue, 6, &yesterday);
  send_on (f, due_later, 0, NULL);
  send_on (f, due_today, 0, &f->today);
  review_second = sample_in (f, HARLEY_SAMPLE_RECEIVED);
  review_first = sample_in (f, HARLEY_SAMPLE_RECEIVED);
  tell = sample_in (f, HARLEY_SAMPLE_REVIEWED);
  cancelled = sample_in (f, HARLEY_SAMPLE_CANCELLED);
  sample_in (f, HARLEY_SAMPLE_CLOSED);
  sample_in (f, HARLEY_SAMPLE_LOST);
  /* The one received first waits longest. */
  sql = g_strdup_printf ("UPDATE sample SET updated_at = '2020-01-01T09:00:00Z' WHERE id = %" G_GINT64_FORMAT,
                         review_first);
  g_assert_true (harley_store_exec (f->db.store, sql, NULL));

  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_OUTSTANDING), ==, 6);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_REVIEW), ==, 2);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_TELL), ==, 1);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_UNMATCHED), ==, 0);
  g_assert_cmpuint (harley_sample_count_overdue (f->db.store, &f->today), ==, 2);

  /* Overdue first, the most overdue first; then the others sent, by the
   * day due; then those not yet sent, the longest waiting first. */
  outstanding = list (f, HARLEY_SAMPLES_OUTSTANDING);
  assert_ids (outstanding, (gint64[]) { overdue_most, overdue, due_today, due_later, taken_long_ago, taken_recently }, 6);
  to_review = list (f, HARLEY_SAMPLES_TO_REVIEW);
  assert_ids (to_review, (gint64[]) { review_first, review_second }, 2);
  to_tell = list (f, HARLEY_SAMPLES_TO_TELL);
  assert_ids (to_tell, (gint64[]) { tell }, 1);
  g_assert_cmpint (state_of (f, cancelled), ==, HARLEY_SAMPLE_CANCELLED);
  g_assert_cmpstr (harley_sample_worklist_label (HARLEY_SAMPLES_TO_REVIEW), ==, "To Review");
}

/* What EXPLAIN QUERY PLAN says of @sql, one line a step. */
static char *
plan_of (Fixture    *f,
         const char *sql)
{
  g_autofree char *explain = g_strdup_printf ("EXPLAIN QUERY PLAN %s", sql);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (f->db.store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

/* Each worklist's count and list is one range of an index, never a scan
 * of the table, and needs no sort. */
static void
test_worklist_plans (Fixture       *f,
                     gconstpointer  data)
{
  for (HarleySampleWorklist w = 0; w <= HARLEY_SAMPLES_N_WORKLISTS; w++)
    for (int count = 0; count <= 1; count++)
      {
        const char *sql = _harley_sample_worklist_sql (w, count);
        g_autofree char *plan = plan_of (f, sql);

        g_test_message ("%s\n%s", sql, plan);
        g_assert_nonnull (strstr (plan, "SEARCH "));
        g_assert_nonnull (strstr (plan, "USING COVERING INDEX"));
        g_assert_null (strstr (plan, "SCAN "));
        g_assert_null (strstr (plan, "TEMP B-TREE"));
      }
}

/* Unmatched results {{{1 */

static gint64
add_unmatched (Fixture    *f,
               const char *details)
{
  g_autoptr(GError) error = NULL;
  HarleyResultNew r = result_for (f, 0);
  gint64 id;

  r.patient_details = details;
  r.lab_id = f->histology;
  r.abnormal = TRUE;
  r.report = "Basal cell carcinoma, nodular type, completely excised.";
  id = harley_result_add (f->db.store, &r, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_unmatched_matched (Fixture       *f,
                        gconstpointer  data)
{
  gint64 result = add_unmatched (f, "OKAFOR, G 12/03/1961");
  gint64 taken = sample_in (f, HARLEY_SAMPLE_TAKEN);
  gint64 sent = sample_in (f, HARLEY_SAMPLE_SENT);
  g_autoptr(GArray) unmatched = list (f, HARLEY_SAMPLES_UNMATCHED);
  g_autoptr(HarleyResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  /* Kept, on its list, on nobody's timeline yet. */
  assert_ids (unmatched, &result, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM patient_event WHERE kind = 'result'"), ==, 0);

  /* Strict: a sample not marked sent cannot take it; nor one of the
   * wrong date; nor can a filed result be matched again. */
  assert_refused (f, harley_result_match (f->db.store, result, taken, &refusal), HARLEY_SAMPLE_ERROR_STATE,
                  "mark it sent first");
  g_assert_true (harley_result_match (f->db.store, result, sent, &error));
  g_assert_no_error (error);
  assert_refused (f, harley_result_match (f->db.store, result, sent, &refusal), HARLEY_SAMPLE_ERROR_STATE,
                  "already filed");

  g_assert_cmpint (state_of (f, sent), ==, HARLEY_SAMPLE_RECEIVED);
  r = harley_result_load (f->db.store, result, &error);
  g_assert_cmpint (r->sample_id, ==, sent);
  g_assert_cmpint (r->lab_id, ==, f->histology);
  g_assert_true (r->abnormal);
  g_assert_cmpstr (r->patient_details, ==, "OKAFOR, G 12/03/1961");
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_UNMATCHED), ==, 0);
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_TO_REVIEW), ==, 1);
  notes = harley_test_query_text (f->db.path, "SELECT notes FROM patient WHERE given_name = 'Grace'");
  g_assert_nonnull (strstr (notes, "Basal cell carcinoma"));
  g_assert_nonnull (strstr (notes, "abnormal"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM patient_event WHERE kind = 'result'"), ==, 1);
}

static void
test_unmatched_mismatched_date (Fixture       *f,
                                gconstpointer  data)
{
  HarleyResultNew r = result_for (f, 0);
  gint64 sample = take (f, 1);
  gint64 result;

  r.received_on = days_ago (f, 3);
  result = harley_result_add (f->db.store, &r, NULL);
  send_on (f, sample, 1, NULL);
  /* It came before the sample went: the wrong sample. */
  assert_refused (f, harley_result_match (f->db.store, result, sample, &refusal), HARLEY_SAMPLE_ERROR_INVALID,
                  "right sample");
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_UNMATCHED), ==, 1);
}

/* A result with no sample on file, filed to the patient: a sample is
 * made for it, received, and goes on to be reviewed and told. */
static void
test_unmatched_filed (Fixture       *f,
                      gconstpointer  data)
{
  gint64 result = add_unmatched (f, "T OKAFOR");
  g_autoptr(HarleySample) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  assert_refused (f, harley_result_file_to_patient (f->db.store, result, 999, HARLEY_SAMPLE_N_TYPES, &refusal),
                  HARLEY_SAMPLE_ERROR_INVALID, "what kind");
  assert_refused (f, harley_result_file_to_patient (f->db.store, result, 999, HARLEY_SAMPLE_SWAB, &refusal),
                  HARLEY_SAMPLE_ERROR_NOT_FOUND, "register");
  id = harley_result_file_to_patient (f->db.store, result, f->other, HARLEY_SAMPLE_SWAB, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  sample = harley_sample_load (f->db.store, id, &error);
  g_assert_cmpint (sample->patient_id, ==, f->other);
  g_assert_cmpint (sample->state, ==, HARLEY_SAMPLE_RECEIVED);
  g_assert_cmpint (sample->type, ==, HARLEY_SAMPLE_SWAB);
  g_assert_cmpint (sample->result_id, ==, result);
  g_assert_cmpint (sample->lab_id, ==, f->histology);
  g_assert_cmpstr (sample->description, ==, "Result that arrived with no sample on file");
  g_assert_cmpuint (harley_sample_worklist_count (f->db.store, HARLEY_SAMPLES_UNMATCHED), ==, 0);
  assert_refused (f, harley_result_file_to_patient (f->db.store, result, f->other, HARLEY_SAMPLE_SWAB, &refusal),
                  HARLEY_SAMPLE_ERROR_STATE, "already filed");

  review (f, id);
  inform (f, id);
  close_sample (f, id);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM result"), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM patient_event WHERE kind = 'result' AND patient_id = %" G_GINT64_FORMAT,
                         f->other);
  g_assert_cmpint (query_int (f, sql), ==, 1);
}

/* Attachments {{{1 */

static void
test_attachment (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static (PDF_REPORT, strlen (PDF_REPORT));
  g_autoptr(GBytes) got = NULL;
  g_autoptr(HarleyResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sample = sample_in (f, HARLEY_SAMPLE_SENT);
  gint64 plain = sample_in (f, HARLEY_SAMPLE_SENT);
  HarleyResultNew r = result_for (f, sample);
  g_autofree char *sql = NULL;
  gint64 id;

  r.attachment = pdf;
  r.attachment_type = "application/pdf";
  r.attachment_name = "NDP-25-0417.pdf";
  id = harley_result_add (f->db.store, &r, &error);
  g_assert_no_error (error);

  /* Stored, and read back as it came. */
  got = harley_result_get_attachment (f->db.store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, pdf));
  loaded = harley_result_load (f->db.store, id, &error);
  g_assert_true (loaded->has_attachment);
  g_assert_cmpstr (loaded->attachment_type, ==, "application/pdf");
  g_assert_cmpstr (loaded->attachment_name, ==, "NDP-25-0417.pdf");
  g_assert_cmpint (query_int (f, "SELECT length (attachment_sha256) FROM result"), ==, 64);

  /* Changed behind Harley's back: refused. */
  sql = g_strdup_printf ("UPDATE result SET attachment = CAST ('%%PDF-1.4 a different report' AS BLOB) "
                         "WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (harley_store_exec (f->db.store, sql, &error));
  g_clear_pointer (&got, g_bytes_unref);
  got = harley_result_get_attachment (f->db.store, id, &error);
  g_assert_null (got);
  g_assert_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_TAMPERED);
  g_clear_error (&error);

  /* A result without one says so. */
  r = result_for (f, plain);
  id = harley_result_add (f->db.store, &r, &error);
  g_assert_null (harley_result_get_attachment (f->db.store, id, &error));
  g_assert_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_NOT_FOUND);
}

static void
test_bad_attachment (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static (PDF_REPORT, strlen (PDF_REPORT));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  gint64 sample = sample_in (f, HARLEY_SAMPLE_SENT);
  HarleyResultNew r = result_for (f, sample);

  r.attachment = pdf;
  r.attachment_type = "application/msword";
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "PDF, PNG or JPEG");
  r.attachment_type = "image/png";
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "not the PDF or image");
  r.attachment = empty;
  r.attachment_type = "application/pdf";
  assert_refused (f, harley_result_add (f->db.store, &r, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "empty");
  g_assert_cmpint (state_of (f, sample), ==, HARLEY_SAMPLE_SENT);
}

/* The rest {{{1 */

static void
test_list_for_patient (Fixture       *f,
                       gconstpointer  data)
{
  gint64 old = take (f, 30);
  gint64 recent = take (f, 2);
  gint64 middle = take (f, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = harley_sample_list_for_patient (f->db.store, f->patient, &error);
  g_autoptr(GArray) none = harley_sample_list_for_patient (f->db.store, f->other, &error);

  g_assert_no_error (error);
  assert_ids (ids, (gint64[]) { recent, middle, old }, 3);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Each sample's own history, oldest first, apart from another of the
 * same kind taken from the same site. */
static void
test_list_events (Fixture       *f,
                  gconstpointer  data)
{
  const char *first[] = { "taken on ", "sent to Northgate Dermatopathology (courier)", "result received on ",
                          "result reviewed by Dr Eleanor Hartley: letter (Benign: reassure)",
                          "phoned the patient: no answer" };
  gint64 id = sample_in (f, HARLEY_SAMPLE_REVIEWED);
  gint64 twin = take (f, 3);
  HarleyCallNew call = { .patient_id = f->patient, .sample_id = id, .outcome = HARLEY_CALL_NO_ANSWER };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) twin_events = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpint (harley_call_add (f->db.store, &call, &error), >, 0);
  cancel (f, twin, FALSE);
  events = harley_sample_list_events (f->db.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (first));
  for (guint i = 0; i < events->len; i++)
    {
      const HarleySampleEvent *event = g_ptr_array_index (events, i);
      g_autofree char *expected = g_strconcat ("Histology (skin biopsy), left cheek: ", first[i], NULL);

      g_test_message ("%s  %s  %s", event->at, event->by, event->summary);
      g_assert_true (g_str_has_prefix (event->summary, expected));
      g_assert_cmpstr (event->by, ==, harley_diary_user ());
      if (i > 0)
        g_assert_cmpstr (event->at, >=, ((const HarleySampleEvent *) g_ptr_array_index (events, i - 1))->at);
    }

  twin_events = harley_sample_list_events (f->db.store, twin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (twin_events->len, ==, 2);
  g_assert_cmpstr (((const HarleySampleEvent *) g_ptr_array_index (twin_events, 1))->summary, ==,
                   "Histology (skin biopsy), left cheek: cancelled: The pot was not labelled");

  none = harley_sample_list_events (f->db.store, 9999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Every code reads back as what it was written for. */
static void
test_codes (void)
{
  guint back = G_MAXUINT;

  for (HarleySampleType t = 0; t < HARLEY_SAMPLE_N_TYPES; t++)
    g_assert_true (harley_sample_type_from_string (harley_sample_type_to_string (t), (HarleySampleType *) &back)
                   && back == t);
  for (HarleySampleState s = 0; s < HARLEY_SAMPLE_N_STATES; s++)
    g_assert_true (harley_sample_state_from_string (harley_sample_state_to_string (s), (HarleySampleState *) &back)
                   && back == s);
  for (HarleySendMethod m = 0; m < HARLEY_SEND_N_METHODS; m++)
    g_assert_true (harley_send_method_from_string (_harley_send_method_to_string (m), (HarleySendMethod *) &back)
                   && back == m);
  for (HarleyCallOutcome o = 0; o < HARLEY_CALL_N_OUTCOMES; o++)
    g_assert_true (harley_call_outcome_from_string (_harley_call_outcome_to_string (o), (HarleyCallOutcome *) &back)
                   && back == o);
  g_assert_false (harley_sample_type_from_string ("biopsy", (HarleySampleType *) &back));
  g_assert_false (harley_sample_state_from_string (NULL, (HarleySampleState *) &back));
  g_assert_cmpstr (harley_sample_state_label (HARLEY_SAMPLE_RECEIVED), ==, "Result received");
  g_assert_cmpstr (harley_review_action_label (HARLEY_REVIEW_REFER), ==, "Refer");
  g_assert_cmpstr (harley_informed_how_label (HARLEY_INFORMED_IN_PERSON), ==, "In person");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sample/life", test_life);
  ADD ("/sample/no-skipping", test_no_skipping);
  ADD ("/sample/refusals-say-what-to-do", test_refusals_say_what_to_do);
  ADD ("/sample/bad-sample", test_bad_sample);
  ADD ("/sample/bad-dates", test_bad_dates);
  ADD ("/sample/bad-steps", test_bad_steps);
  ADD ("/sample/forgotten-sample-surfaces-as-overdue", test_forgotten_sample_surfaces);
  ADD ("/sample/worklists", test_worklists);
  ADD ("/sample/worklist-plans", test_worklist_plans);
  ADD ("/sample/unmatched/matched", test_unmatched_matched);
  ADD ("/sample/unmatched/mismatched-date", test_unmatched_mismatched_date);
  ADD ("/sample/unmatched/filed", test_unmatched_filed);
  ADD ("/sample/attachment", test_attachment);
  ADD ("/sample/bad-attachment", test_bad_attachment);
  ADD ("/sample/list-for-patient", test_list_for_patient);
  ADD ("/sample/list-events", test_list_events);
#undef ADD
  g_test_add_func ("/sample/codes", test_codes);

  return g_test_run ();
}
