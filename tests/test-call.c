/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Calls about a result: to the patient, or to the laboratory to chase
 * it; a message left only where the patient has agreed to messages; the
 * results letter suggested after three failed calls since the review. */

#include "harley-diary.h"
#include "harley-test-sample.h"

static gint64
call (Fixture           *f,
      gint64             sample,
      HarleyCallOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  HarleyCallNew c = { .patient_id = f->patient, .sample_id = sample, .outcome = outcome };
  gint64 id = harley_call_add (f->db.store, &c, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_calls_consent (Fixture       *f,
                    gconstpointer  data)
{
  gint64 sample = sample_in (f, HARLEY_SAMPLE_REVIEWED);
  HarleyCallNew message = { .patient_id = f->patient, .sample_id = sample, .outcome = HARLEY_CALL_MESSAGE };
  HarleyCallNew nobody = { .outcome = HARLEY_CALL_SPOKE };
  HarleyCallNew wrong_patient = { .patient_id = f->other, .sample_id = sample, .outcome = HARLEY_CALL_SPOKE };
  HarleyCallNew chase = { .contact_id = f->histology, .sample_id = sample, .outcome = HARLEY_CALL_MESSAGE,
                          .note = "Left a message with the office" };
  HarleyCallNew consenting = { .patient_id = f->other, .outcome = HARLEY_CALL_MESSAGE };
  g_autoptr(GError) error = NULL;

  /* This patient has not agreed to messages: refused, nothing written. */
  assert_refused (f, harley_call_add (f->db.store, &message, &refusal), HARLEY_SAMPLE_ERROR_CONSENT,
                  "not agreed to messages");
  assert_refused (f, harley_call_add (f->db.store, &nobody, &refusal), HARLEY_SAMPLE_ERROR_INVALID, "Say who");
  assert_refused (f, harley_call_add (f->db.store, &wrong_patient, &refusal), HARLEY_SAMPLE_ERROR_INVALID,
                  "another patient's");

  /* The laboratory may be left one, and so may a patient who agreed. */
  g_assert_cmpint (harley_call_add (f->db.store, &chase, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (harley_call_add (f->db.store, &consenting, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM call"), ==, 2);
  /* The chase is on the sample's history and its patient's timeline. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM patient_event WHERE kind = 'call' AND patient_id = "
                                 "(SELECT patient_id FROM sample)"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sample_event WHERE summary LIKE '%phoned Northgate%'"), ==, 1);
}

/* After three failed calls since the review, the results letter. */
static void
test_calls_letter (Fixture       *f,
                   gconstpointer  data)
{
  gint64 sample = sample_in (f, HARLEY_SAMPLE_RECEIVED);
  g_autoptr(GError) error = NULL;

  /* A call before the review does not count towards it. */
  call (f, sample, HARLEY_CALL_NO_ANSWER);
  g_assert_true (harley_store_exec (f->db.store, "UPDATE call SET at = '2000-01-01T00:00:00Z'", NULL));
  review (f, sample);
  g_assert_cmpuint (harley_sample_count_failed_calls (f->db.store, sample), ==, 0);

  call (f, sample, HARLEY_CALL_NO_ANSWER);
  call (f, sample, HARLEY_CALL_WRONG_NUMBER);
  g_assert_cmpuint (harley_sample_count_failed_calls (f->db.store, sample), ==, 2);
  g_assert_false (harley_sample_suggests_letter (f->db.store, sample));
  /* Nor does a call to the laboratory. */
  {
    HarleyCallNew lab = { .contact_id = f->histology, .sample_id = sample, .outcome = HARLEY_CALL_NO_ANSWER };

    g_assert_cmpint (harley_call_add (f->db.store, &lab, &error), >, 0);
  }
  g_assert_false (harley_sample_suggests_letter (f->db.store, sample));
  call (f, sample, HARLEY_CALL_NO_ANSWER);
  g_assert_cmpuint (harley_sample_count_failed_calls (f->db.store, sample), ==, 3);
  g_assert_true (harley_sample_suggests_letter (f->db.store, sample));

  /* A practice that writes sooner. */
  g_assert_true (harley_store_set_practice_detail (f->db.store, "calls_before_letter", "5", &error));
  g_assert_false (harley_sample_suggests_letter (f->db.store, sample));
  g_assert_true (harley_store_set_practice_detail (f->db.store, "calls_before_letter", "nonsense", &error));
  g_assert_true (harley_sample_suggests_letter (f->db.store, sample));

  /* Told by letter: nothing more to suggest. */
  g_assert_true (harley_sample_inform (f->db.store, sample, HARLEY_INFORMED_LETTER, NULL, &error));
  g_assert_false (harley_sample_suggests_letter (f->db.store, sample));
}

/* The calls about a sample, oldest first: who made each, whom it was
 * to, what came of it; none about another sample, or about none. */
static void
test_list_calls (Fixture       *f,
                 gconstpointer  data)
{
  gint64 sample = sample_in (f, HARLEY_SAMPLE_REVIEWED);
  gint64 other_sample = sample_in (f, HARLEY_SAMPLE_REVIEWED);
  HarleyCallNew patient = { .patient_id = f->patient, .sample_id = sample, .outcome = HARLEY_CALL_NO_ANSWER,
                            .note = "Rang twice" };
  HarleyCallNew chase = { .contact_id = f->histology, .sample_id = sample, .outcome = HARLEY_CALL_MESSAGE };
  HarleyCallNew about_none = { .patient_id = f->patient, .outcome = HARLEY_CALL_SPOKE };
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  const HarleyCall *first, *second;

  g_assert_cmpint (harley_call_add (f->db.store, &patient, &error), >, 0);
  g_assert_cmpint (harley_call_add (f->db.store, &chase, &error), >, 0);
  g_assert_cmpint (harley_call_add (f->db.store, &about_none, &error), >, 0);
  call (f, other_sample, HARLEY_CALL_SPOKE);
  g_assert_true (harley_store_exec (f->db.store, "UPDATE call SET by = 'Sam Reception' WHERE contact_id IS NOT NULL",
                                    NULL));

  calls = harley_sample_list_calls (f->db.store, sample, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 2);
  first = g_ptr_array_index (calls, 0);
  second = g_ptr_array_index (calls, 1);
  g_assert_cmpint (first->id, <, second->id);
  g_assert_cmpstr (first->at, <=, second->at);
  g_assert_cmpstr (first->by, ==, harley_diary_user ());
  g_assert_cmpint (first->outcome, ==, HARLEY_CALL_NO_ANSWER);
  g_assert_cmpint (first->patient_id, ==, f->patient);
  g_assert_cmpint (first->contact_id, ==, 0);
  g_assert_null (first->contact_name);
  g_assert_cmpstr (first->note, ==, "Rang twice");
  g_assert_cmpstr (second->by, ==, "Sam Reception");
  g_assert_cmpint (second->outcome, ==, HARLEY_CALL_MESSAGE);
  g_assert_cmpint (second->patient_id, ==, 0);
  g_assert_cmpint (second->contact_id, ==, f->histology);
  g_assert_cmpstr (second->contact_name, ==, "Northgate Dermatopathology");
  g_assert_null (second->note);

  none = harley_sample_list_calls (f->db.store, 9999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/call/consent", test_calls_consent);
  ADD ("/call/letter-after-three", test_calls_letter);
  ADD ("/call/list", test_list_calls);
#undef ADD

  return g_test_run ();
}
