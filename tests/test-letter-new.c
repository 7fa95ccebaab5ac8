/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-letter-new"

/* Starting a letter from a template on a real database: the body filled
 * in, the addressee and copies from the patient's record in order, and
 * each refusal leaving nothing written. */

#include <string.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-template.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"

typedef struct
{
  HarleyTestDb  db;
  gint64        gp;
  gint64        referrer;
  gint64        with_gp;      /* a patient whose record names a GP and a referrer */
  gint64        without_gp;
  gint64        clinic;       /* the template "Clinic letter to the GP" */
  gint64        to_patient;   /* "Letter to the patient, copy to the GP" */
} Fixture;

static gint64
add_contact (HarleyStore       *store,
             HarleyContactKind  kind,
             const char        *name)
{
  g_autoptr(HarleyContact) contact = harley_contact_new (kind, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_contact_save (store, contact, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (contact);
}

static gint64
add_patient (HarleyStore *store,
             const char  *family,
             gint64       gp,
             gint64       referrer)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Zoë", family, "1961-03-09", NULL);
  g_autoptr(GError) error = NULL;

  harley_patient_set_link (p, HARLEY_PATIENT_GP, gp);
  harley_patient_set_link (p, HARLEY_PATIENT_REFERRER, referrer);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static gint64
find_template (HarleyStore *store,
               const char  *name)
{
  g_autoptr(HarleyLetterTemplate) template = harley_letter_template_find (store, name, NULL);

  g_assert_nonnull (template);
  return template->id;
}

/* At @place, or at the session's place if 0. */
static gint64
book (Fixture *f,
      gint64   patient,
      gint64   place)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (f->db.store, NULL);
  g_autoptr(GError) error = NULL;
  HarleyBooking b = { 0 };
  HarleyBookFlags flags;
  int minutes;
  gint64 id;

  b.patient_id = patient;
  b.clinician_id = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  b.location_id = place;
  b.type_id = harley_diary_find_type (f->db.store, "New consultation");
  g_assert_true (harley_wall_time_parse ("2030-01-14 09:15", &b.date, &minutes, NULL));
  b.start = minutes;
  b.end = minutes + 30;
  /* Two on one day for the list's order */
  flags = HARLEY_BOOK_ALLOW_OUTSIDE_SESSION | HARLEY_BOOK_OVERBOOK | HARLEY_BOOK_ALLOW_SAME_DAY;
  id = harley_diary_book (f->db.store, &b, flags, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *keys[] = { "name", "phone", "consultant" };
  const char *values[] = { "Harley Street Dermatology", "020 7946 0000", "Dr Eleanor Whitfield" };
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  g_assert_true (harley_store_set_practice_details (f->db.store, keys, values, G_N_ELEMENTS (keys), &error));
  f->gp = add_contact (f->db.store, HARLEY_CONTACT_GP, "Dr Amir Khan");
  f->referrer = add_contact (f->db.store, HARLEY_CONTACT_REFERRER, "Dr Ruth Ng");
  f->with_gp = add_patient (f->db.store, "Brontë", f->gp, f->referrer);
  f->without_gp = add_patient (f->db.store, "Eliot", 0, 0);
  f->clinic = find_template (f->db.store, "Clinic letter to the GP");
  f->to_patient = find_template (f->db.store, "Letter to the patient, copy to the GP");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

/* What a refusal must leave as it was. */
static char *
dup_written (Fixture *f)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " letters, %" G_GINT64_FORMAT " recipients, %" G_GINT64_FORMAT
                          " events, %" G_GINT64_FORMAT " in timelines",
                          harley_test_query_int (f->db.path, "SELECT count(*) FROM letter"),
                          harley_test_query_int (f->db.path, "SELECT count(*) FROM letter_recipient"),
                          harley_test_query_int (f->db.path, "SELECT count(*) FROM letter_event"),
                          harley_test_query_int (f->db.path, "SELECT count(*) FROM patient_event "
                                                             "WHERE kind = 'letter'"));
}

static void
assert_recipient (HarleyLetter        *letter,
                  guint                index,
                  gboolean             copy,
                  HarleyRecipientKind  kind,
                  gint64               contact_id)
{
  const HarleyRecipient *r;

  g_assert_cmpuint (index, <, letter->recipients->len);
  r = g_ptr_array_index (letter->recipients, index);
  g_assert_cmpint (r->copy, ==, copy);
  g_assert_cmpint (r->kind, ==, kind);
  g_assert_cmpint (r->contact_id, ==, contact_id);
}

/* Tests {{{1 */

static void
test_clinic_letter (Fixture       *f,
                    gconstpointer  data)
{
  const HarleyRecipientKind copies[] = { HARLEY_RECIPIENT_PATIENT };
  gint64 place = add_contact (f->db.store, HARLEY_CONTACT_HOSPITAL, "The London Clinic");
  gint64 appointment = book (f, f->with_gp, place);
  g_autoptr(HarleyAppointment) booked = harley_diary_load (f->db.store, appointment, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetter) letter = NULL;
  gint64 id;

  id = harley_letter_new_from_template (f->db.store, f->with_gp, f->clinic, appointment, HARLEY_RECIPIENT_GP, 0,
                                        copies, G_N_ELEMENTS (copies), &problems, &error);
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpint (id, >, 0);

  letter = harley_letter_load (f->db.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (letter->subject, ==, "Clinic letter to the GP");
  g_assert_cmpint (letter->state, ==, HARLEY_LETTER_DRAFT);
  g_assert_cmpint (letter->patient_id, ==, f->with_gp);
  g_assert_cmpint (letter->template_id, ==, f->clinic);
  g_assert_cmpint (letter->appointment_id, ==, appointment);
  g_assert_cmpint (letter->clinician_id, ==, harley_appointment_get_info (booked)->clinician_id);
  g_assert_true (g_str_has_prefix (letter->body, "Dear Dr Amir Khan\n\nThank you for referring Mrs Zoë Brontë, "
                                                 "whom I saw in clinic at The London Clinic on Monday 14 January 2030."));
  g_assert_cmpuint (letter->recipients->len, ==, 2);
  assert_recipient (letter, 0, FALSE, HARLEY_RECIPIENT_GP, f->gp);
  assert_recipient (letter, 1, TRUE, HARLEY_RECIPIENT_PATIENT, 0);
  harley_test_assert_query_text (f->db.path, "SELECT group_concat (summary, '|') FROM patient_event "
                                             "WHERE kind = 'letter'", "Clinic letter to the GP: started");
}

/* Copies in the order given; one to the addressee, a second to the same
 * person, or to the GP who also referred the patient, is left out. */
static void
test_copies_in_order (Fixture       *f,
                      gconstpointer  data)
{
  const HarleyRecipientKind copies[] = {
    HARLEY_RECIPIENT_REFERRER, HARLEY_RECIPIENT_PATIENT, HARLEY_RECIPIENT_GP, HARLEY_RECIPIENT_REFERRER,
  };
  gint64 appointment = book (f, f->with_gp, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetter) letter = NULL;
  g_autoptr(HarleyPatient) patient = harley_register_load (f->db.store, f->with_gp, NULL);
  gint64 id;

  id = harley_letter_new_from_template (f->db.store, f->with_gp, f->to_patient, appointment,
                                        HARLEY_RECIPIENT_PATIENT, 0, copies, G_N_ELEMENTS (copies), NULL, &error);
  g_assert_no_error (error);
  letter = harley_letter_load (f->db.store, id, &error);
  g_assert_true (g_str_has_prefix (letter->body, "Dear Mrs Brontë\n\nIt was good to see you in clinic on "
                                                 "Monday 14 January 2030."));
  g_assert_cmpuint (letter->recipients->len, ==, 3);
  assert_recipient (letter, 0, FALSE, HARLEY_RECIPIENT_PATIENT, 0);
  assert_recipient (letter, 1, TRUE, HARLEY_RECIPIENT_REFERRER, f->referrer);
  assert_recipient (letter, 2, TRUE, HARLEY_RECIPIENT_GP, f->gp);

  /* The GP referred her: one letter to the GP, not a copy as well. */
  harley_patient_set_link (patient, HARLEY_PATIENT_REFERRER, f->gp);
  g_assert_true (harley_register_save (f->db.store, patient, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_clear_pointer (&letter, harley_letter_free);
  id = harley_letter_new_from_template (f->db.store, f->with_gp, f->to_patient, appointment, HARLEY_RECIPIENT_GP, 0,
                                        copies, 1, NULL, &error);
  g_assert_no_error (error);
  letter = harley_letter_load (f->db.store, id, &error);
  g_assert_cmpuint (letter->recipients->len, ==, 1);
  assert_recipient (letter, 0, FALSE, HARLEY_RECIPIENT_GP, f->gp);
}

static void
test_no_gp (Fixture       *f,
            gconstpointer  data)
{
  const HarleyRecipientKind copies[] = { HARLEY_RECIPIENT_GP };
  gint64 appointment = book (f, f->without_gp, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy_error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = dup_written (f);
  g_autofree char *after = NULL;

  g_assert_cmpint (harley_letter_new_from_template (f->db.store, f->without_gp, f->clinic, appointment,
                                                    HARLEY_RECIPIENT_GP, 0, NULL, 0, &problems, &error), ==, 0);
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Mrs Zoë Eliot has no GP in their record: add one to the record, "
                                       "or choose who the letter goes to.");
  g_assert_null (problems);

  /* To the patient is fine, but not with a copy to a GP she does not have. */
  g_assert_cmpint (harley_letter_new_from_template (f->db.store, f->without_gp, f->to_patient, appointment,
                                                    HARLEY_RECIPIENT_PATIENT, 0, copies, 1, NULL, &copy_error),
                   ==, 0);
  g_assert_error (copy_error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID);
  g_assert_cmpstr (copy_error->message, ==, "Mrs Zoë Eliot has no GP in their record: add one to the record, "
                                            "or leave out the copy to the GP.");

  g_assert_false (harley_letter_check_new (f->db.store, f->without_gp, f->clinic, appointment,
                                           HARLEY_RECIPIENT_GP, 0, NULL, 0, NULL, &check_error));
  g_assert_cmpstr (check_error->message, ==, error->message);

  after = dup_written (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (after, ==, "0 letters, 0 recipients, 0 events, 0 in timelines");
}

/* A failure while writing, after the letter's row, takes the letter back
 * with it: one transaction. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  const HarleyRecipientKind copies[] = { HARLEY_RECIPIENT_GP };
  gint64 appointment = book (f, f->with_gp, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (harley_store_exec (f->db.store, "CREATE TEMP TRIGGER no_copies BEFORE INSERT ON letter_recipient "
                                                 "WHEN NEW.role = 'cc' BEGIN SELECT RAISE (ABORT, 'no copies'); END",
                                    &error));
  g_assert_cmpint (harley_letter_new_from_template (f->db.store, f->with_gp, f->to_patient, appointment,
                                                    HARLEY_RECIPIENT_PATIENT, 0, copies, 1, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_false (harley_store_in_transaction (f->db.store));
  after = dup_written (f);
  g_assert_cmpstr (after, ==, "0 letters, 0 recipients, 0 events, 0 in timelines");
}

static void
test_wrong_patient (Fixture       *f,
                    gconstpointer  data)
{
  gint64 hers = book (f, f->without_gp, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (harley_letter_new_from_template (f->db.store, f->with_gp, f->clinic, hers, HARLEY_RECIPIENT_GP,
                                                    0, NULL, 0, NULL, &error), ==, 0);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_WRONG_PATIENT);
  g_assert_nonnull (strstr (error->message, "another patient's"));
  after = dup_written (f);
  g_assert_cmpstr (after, ==, "0 letters, 0 recipients, 0 events, 0 in timelines");
}

static void
assert_problem (GPtrArray  *problems,
                guint       index,
                const char *field,
                guint       line)
{
  const HarleyTemplateProblem *problem = g_ptr_array_index (problems, index);

  g_assert_cmpint (problem->code, ==, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE);
  g_assert_cmpstr (problem->field, ==, field);
  g_assert_cmpuint (problem->line, ==, line);
}

/* Fields left empty: each returned with its place, and one plain
 * sentence for each thing to do. */
static void
test_empty_fields (Fixture       *f,
                   gconstpointer  data)
{
  gint64 nowhere = book (f, f->with_gp, 0);   /* a clinic with no place in the diary */
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) place_problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) place_error = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (harley_letter_new_from_template (f->db.store, f->with_gp, f->clinic, 0, HARLEY_RECIPIENT_GP, 0,
                                                    NULL, 0, &problems, &error), ==, 0);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE);
  g_assert_cmpstr (error->message, ==, "The template needs the appointment's place and the appointment's date: "
                                       "choose the appointment the letter is about.");
  g_assert_cmpuint (problems->len, ==, 2);
  assert_problem (problems, 0, "appointment.location", 3);
  assert_problem (problems, 1, "appointment.date", 3);

  /* With the appointment chosen, only its place is missing. */
  g_assert_false (harley_letter_check_new (f->db.store, f->with_gp, f->clinic, nowhere, HARLEY_RECIPIENT_GP, 0,
                                           NULL, 0, &place_problems, &place_error));
  g_assert_cmpstr (place_error->message, ==, "The template needs the appointment's place: give the "
                                             "appointment's clinic a place in the diary.");
  g_assert_cmpuint (place_problems->len, ==, 1);
  assert_problem (place_problems, 0, "appointment.location", 3);

  after = dup_written (f);
  g_assert_cmpstr (after, ==, "0 letters, 0 recipients, 0 events, 0 in timelines");
}

static void
test_list_for_patient (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hers = NULL;
  g_autoptr(GArray) none = NULL;
  gint64 first, second;

  first = harley_letter_new_from_template (f->db.store, f->with_gp, f->to_patient, book (f, f->with_gp, 0),
                                           HARLEY_RECIPIENT_PATIENT, 0, NULL, 0, NULL, &error);
  second = harley_letter_new_from_template (f->db.store, f->with_gp, f->to_patient, book (f, f->with_gp, 0),
                                            HARLEY_RECIPIENT_PATIENT, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  hers = harley_letter_list_for_patient (f->db.store, f->with_gp, &error);
  g_assert_cmpuint (hers->len, ==, 2);
  g_assert_cmpint (g_array_index (hers, gint64, 0), ==, second);
  g_assert_cmpint (g_array_index (hers, gint64, 1), ==, first);
  none = harley_letter_list_for_patient (f->db.store, f->without_gp, &error);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/letter-new/clinic-letter", test_clinic_letter);
  ADD ("/letter-new/copies-in-order", test_copies_in_order);
  ADD ("/letter-new/no-gp", test_no_gp);
  ADD ("/letter-new/all-or-nothing", test_all_or_nothing);
  ADD ("/letter-new/wrong-patient", test_wrong_patient);
  ADD ("/letter-new/empty-fields", test_empty_fields);
  ADD ("/letter-new/list-for-patient", test_list_for_patient);
#undef ADD

  return g_test_run ();
}
