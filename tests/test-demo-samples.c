/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo-samples"

/* The demo's samples, results and calls: every state, as the real steps
 * would have written them, dated before the demo's "now". */

#include <string.h>

#include "harley-sample.h"
#include "harley-test-demo.h"

static void
assert_none (HarleyStore *store,
             const char  *what,
             const char  *sql)
{
  g_test_message ("%s", what);
  g_assert_cmpint (query_int (store, sql), ==, 0);
}

/* Samples in every state, a few overdue on the demo's day, a result for
 * no sample on file, and each step on the timeline, dated before now. */
static void
test_samples (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reviewed = NULL;
  gboolean letter_due = FALSE;
  GDate today;

  fill (f->store, N_PATIENTS, SEED);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 14, 10, 2025);

  for (HarleySampleState s = HARLEY_SAMPLE_TAKEN; s < HARLEY_SAMPLE_N_STATES; s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sample WHERE state = '%s'",
                                              harley_sample_state_to_string (s));

      g_test_message ("%s: %" G_GINT64_FORMAT, harley_sample_state_to_string (s), query_int (f->store, sql));
      g_assert_cmpint (query_int (f->store, sql), >, 0);
    }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sample"), ==, 27);
  g_assert_cmpuint (harley_sample_count_overdue (f->store, &today), >=, 2);
  g_assert_cmpuint (harley_sample_count_overdue (f->store, &today), <=, 3);
  g_assert_cmpuint (harley_sample_worklist_count (f->store, HARLEY_SAMPLES_UNMATCHED), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM call WHERE contact_id IS NOT NULL"), ==, 1);

  /* Someone has not answered three times: the results letter is due. */
  reviewed = harley_sample_worklist_list (f->store, HARLEY_SAMPLES_TO_TELL, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reviewed->len; i++)
    letter_due |= harley_sample_suggests_letter (f->store, g_array_index (reviewed, gint64, i));
  g_assert_true (letter_due);

  /* As the app would have written them. */
  assert_none (f->store, "a sample with no history",
               "SELECT count(*) FROM sample s WHERE NOT EXISTS (SELECT 1 FROM sample_event e WHERE e.sample_id = s.id)");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient_event WHERE kind IN ('sample', 'result', "
                                        "'call')"), ==, query_int (f->store, "SELECT count(*) FROM sample_event"));
  assert_none (f->store, "a result for a sample not received",
               "SELECT count(*) FROM result r JOIN sample s ON s.id = r.sample_id "
               "WHERE s.state IN ('taken', 'sent', 'cancelled', 'lost')");
  assert_none (f->store, "a sample received with no result",
               "SELECT count(*) FROM sample s WHERE s.state IN ('received', 'reviewed', 'informed', 'closed') "
               "AND NOT EXISTS (SELECT 1 FROM result r WHERE r.sample_id = s.id)");
  assert_none (f->store, "a step after now",
               "SELECT (SELECT count(*) FROM sample_event WHERE at > '" NOW_UTC "') "
               "+ (SELECT count(*) FROM call WHERE at > '" NOW_UTC "') "
               "+ (SELECT count(*) FROM sample WHERE taken_on > '2025-10-14' OR sent_on > '2025-10-14' "
               "OR updated_at > '" NOW_UTC "') + (SELECT count(*) FROM result WHERE received_on > '2025-10-14')");
  assert_none (f->store, "dates out of order",
               "SELECT count(*) FROM sample s LEFT JOIN result r ON r.sample_id = s.id WHERE s.sent_on < s.taken_on "
               "OR s.expected_by < s.sent_on OR r.received_on < s.sent_on OR s.reviewed_at > s.informed_at");
  assert_none (f->store, "a sample at a laboratory that does not take it",
               "SELECT count(*) FROM sample s JOIN contact l ON l.id = s.lab_id WHERE l.kind <> 'laboratory' "
               "OR (s.type = 'histology') <> (l.turnaround_days = 10)");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE notes LIKE '%result from%'"), ==,
                   query_int (f->store, "SELECT count(*) FROM result WHERE sample_id IS NOT NULL"));

  /* The histology reports read back, checked against their SHA-256. */
  {
    g_autoptr(GArray) unmatched = harley_sample_worklist_list (f->store, HARLEY_SAMPLES_UNMATCHED, &today, &error);
    g_autoptr(GBytes) pdf = harley_result_get_attachment (f->store, g_array_index (unmatched, gint64, 0), &error);

    g_assert_no_error (error);
    g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
    g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM result r JOIN sample s ON s.id = r.sample_id "
                                          "WHERE s.type = 'histology' AND r.attachment IS NULL"), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/demo/samples", Fixture, NULL, fixture_set_up, test_samples, fixture_tear_down);

  return g_test_run ();
}
