/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "harley-contact.h"
#include "harley-register.h"
#include "harley-test-util.h"
#include "harley-validate.h"

typedef HarleyTestDb Fixture;

#define fixture_set_up harley_test_db_set_up
#define fixture_tear_down harley_test_db_tear_down

static void
test_save_and_load (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Siobhán", "Ó Dúbhghaill", "1965-03-07", "943 476 5919");
  g_autoptr(HarleyContact) gp = harley_contact_new (HARLEY_CONTACT_GP, "Dr A Patel");
  g_autoptr(HarleyContact) hospital = harley_contact_new (HARLEY_CONTACT_HOSPITAL, "St Anne's");
  g_autoptr(HarleyPatient) back = NULL;
  g_autoptr(GError) error = NULL;
  HarleyHospitalNumber *number;

  g_assert_true (harley_contact_save (f->store, gp, &error));
  g_assert_true (harley_contact_save (f->store, hospital, &error));
  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "sw1a1aa");
  harley_patient_set_text (p, HARLEY_PATIENT_ALERTS, "Hard of hearing: phone daughter");
  harley_patient_set_flag (p, HARLEY_PATIENT_CONSENT_SMS, TRUE);
  harley_patient_set_link (p, HARLEY_PATIENT_GP, harley_contact_get_id (gp));
  harley_patient_add_hospital_number (p, harley_contact_get_id (hospital), NULL, "SA123456");

  g_assert_true (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harley_patient_get_id (p), >, 0);

  back = harley_register_load (f->store, harley_patient_get_id (p), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (harley_patient_get_text (back, HARLEY_PATIENT_FAMILY_NAME), ==, "Ó Dúbhghaill");
  g_assert_cmpstr (harley_patient_get_text (back, HARLEY_PATIENT_NHS_NUMBER), ==, "9434765919");
  g_assert_cmpstr (harley_patient_get_text (back, HARLEY_PATIENT_POSTCODE), ==, "SW1A 1AA");
  g_assert_cmpstr (harley_patient_get_text (back, HARLEY_PATIENT_ALERTS), ==, "Hard of hearing: phone daughter");
  g_assert_true (harley_patient_get_flag (back, HARLEY_PATIENT_CONSENT_SMS));
  g_assert_true (harley_patient_get_flag (back, HARLEY_PATIENT_CONSENT_POST));
  g_assert_cmpint (harley_patient_get_link (back, HARLEY_PATIENT_GP), ==, harley_contact_get_id (gp));
  g_assert_nonnull (harley_patient_get_text (back, HARLEY_PATIENT_CREATED_AT));
  g_assert_cmpuint (harley_patient_get_hospital_numbers (back)->len, ==, 1);
  number = g_ptr_array_index (harley_patient_get_hospital_numbers (back), 0);
  g_assert_cmpstr (number->number, ==, "SA123456");
  g_assert_cmpstr (number->hospital_name, ==, "St Anne's");
}

static void
test_invalid_refused (Fixture       *f,
                      gconstpointer  data)
{
  struct {
    const char *given, *family, *dob, *nhs;
  } bad[] = {
    { "Ann", "Bad", "1970-01-01", "9434765918" },    /* check digit */
    { "Ann", "Bad", "2025-02-31", NULL },            /* no such day */
    { "Ann", "Bad", "2999-01-01", NULL },            /* future */
    { NULL, "Bad", "1970-01-01", NULL },             /* no first name */
    { "Ann", NULL, "1970-01-01", NULL },             /* no surname */
    { "Ann", "Bad", NULL, NULL },                    /* no birth date */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HarleyPatient) p = harley_test_patient (bad[i].given, bad[i].family, bad[i].dob, bad[i].nhs);
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT count(*) FROM patient"), ==, 0);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT count(*) FROM patient_event"), ==, 0);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HarleyPatient) a = harley_test_patient ("Jane", "Smith", "1965-03-07", "9434765919");
  g_autoptr(HarleyPatient) b = harley_test_patient ("Joan", "Jones", "1950-01-01", "943 476 5919");
  g_autoptr(HarleyPatient) c = harley_test_patient ("jane", "SMITH", "1965-03-07", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (f->store, a, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  /* The same NHS number is refused, overridable or not. */
  g_assert_false (harley_register_save (f->store, b, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_error (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_DUPLICATE_NHS);
  g_assert_nonnull (strstr (error->message, "943 476 5919"));
  g_assert_nonnull (strstr (error->message, "Jane Smith"));
  g_clear_error (&error);

  /* Same name and birthday: a warning she can override. */
  g_assert_false (harley_register_save (f->store, c, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_error (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_POSSIBLE_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "07/03/1965"));
  g_clear_error (&error);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT count(*) FROM patient"), ==, 1);
  g_assert_true (harley_register_save (f->store, c, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT count(*) FROM patient"), ==, 2);
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Zoë", "Brontë", "1999-12-31", NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  HarleyPatientEvent *latest;

  g_assert_true (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "LS1 4AP");
  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  g_assert_true (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  /* Saving with nothing changed writes nothing. */
  g_assert_true (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_true (harley_register_set_archived (f->store, harley_patient_get_id (p), TRUE, &error));
  g_assert_no_error (error);

  events = harley_register_list_events (f->store, harley_patient_get_id (p), &error);
  g_assert_cmpuint (events->len, ==, 3);
  latest = g_ptr_array_index (events, 0);
  g_assert_cmpstr (latest->kind, ==, "archived");
  latest = g_ptr_array_index (events, 1);
  g_assert_cmpstr (latest->kind, ==, "changed");
  g_assert_nonnull (strstr (latest->summary, "Postcode"));
  g_assert_nonnull (strstr (latest->summary, "Mobile"));
  g_assert_null (strstr (latest->summary, "Surname"));
  g_assert_cmpstr (((HarleyPatientEvent *) g_ptr_array_index (events, 2))->kind, ==, "created");
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT archived FROM patient"), ==, 1);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HarleyContact) practice = harley_contact_new (HARLEY_CONTACT_GP_PRACTICE, "Riverside Surgery");
  g_autoptr(HarleyContact) gp = harley_contact_new (HARLEY_CONTACT_GP, "Dr B Okafor");
  g_autoptr(HarleyContact) insurer = harley_contact_new (HARLEY_CONTACT_INSURER, "Bupa");
  g_autoptr(GListModel) gps = NULL;
  g_autoptr(HarleyContact) first = NULL;
  g_autoptr(HarleyContact) loaded = NULL;
  HarleyContactKind kind;

  g_assert_true (harley_contact_save (f->store, practice, NULL));
  harley_contact_set_organisation_id (gp, harley_contact_get_id (practice));
  g_object_set (gp, "phone", "0113 496 0000", NULL);
  g_assert_true (harley_contact_save (f->store, gp, NULL));
  g_assert_true (harley_contact_save (f->store, insurer, NULL));

  gps = harley_contact_list (f->store, HARLEY_CONTACT_GP, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gps), ==, 1);
  first = g_list_model_get_item (gps, 0);
  g_assert_cmpstr (harley_contact_get_name (first), ==, "Dr B Okafor");
  g_assert_cmpstr (harley_contact_get_phone (first), ==, "0113 496 0000");
  g_assert_cmpint (harley_contact_get_organisation_id (first), ==, harley_contact_get_id (practice));
  loaded = harley_contact_load (f->store, harley_contact_get_id (insurer), NULL);
  g_assert_cmpint (harley_contact_get_kind (loaded), ==, HARLEY_CONTACT_INSURER);
  /* archived, an entry leaves the list but is still there to load */
  g_assert_true (harley_contact_set_archived (f->store, harley_contact_get_id (gp), TRUE, NULL));
  g_clear_object (&gps);
  gps = harley_contact_list (f->store, HARLEY_CONTACT_GP, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gps), ==, 0);
  g_clear_object (&loaded);
  loaded = harley_contact_load (f->store, harley_contact_get_id (gp), NULL);
  g_assert_nonnull (loaded);
  g_assert_true (harley_contact_kind_from_string ("laboratory", &kind));
  g_assert_cmpint (kind, ==, HARLEY_CONTACT_LABORATORY);
  g_assert_false (harley_contact_kind_from_string ("entity", &kind));
}

/* A laboratory's usual turnaround: kept, read back by load and list, and
 * refused over a year with nothing written. */
static void
test_contact_turnaround (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, "Leeds Pathology");
  g_autoptr(HarleyContact) gp = harley_contact_new (HARLEY_CONTACT_GP, "Dr C Ng");
  g_autoptr(HarleyContact) loaded = NULL;
  g_autoptr(HarleyContact) listed = NULL;
  g_autoptr(HarleyContact) back = NULL;
  g_autoptr(GListModel) labs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  int days = 0;
  gboolean working = FALSE;

  /* not known until set, and counted in working days */
  g_assert_cmpint (harley_contact_get_turnaround_days (gp), ==, -1);
  g_assert_true (harley_contact_get_turnaround_working (gp));
  g_assert_true (harley_contact_save (f->store, gp, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT turnaround_days IS NULL FROM contact "
                                                   "WHERE name = 'Dr C Ng'"), ==, 1);
  back = harley_contact_load (f->store, harley_contact_get_id (gp), NULL);
  g_assert_cmpint (harley_contact_get_turnaround_days (back), ==, -1);
  g_assert_true (harley_contact_get_turnaround_working (back));

  g_object_set (lab, "turnaround-days", 7, "turnaround-working", FALSE, NULL);
  g_assert_true (harley_contact_save (f->store, lab, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT turnaround_days FROM contact WHERE kind = 'laboratory'"), ==, 7);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT turnaround_working FROM contact WHERE kind = 'laboratory'"), ==, 0);
  loaded = harley_contact_load (f->store, harley_contact_get_id (lab), NULL);
  g_object_get (loaded, "turnaround-days", &days, "turnaround-working", &working, NULL);
  g_assert_cmpint (days, ==, 7);
  g_assert_false (working);

  /* changed and saved again, the change is what the list shows */
  harley_contact_set_turnaround_days (loaded, 10);
  harley_contact_set_turnaround_working (loaded, TRUE);
  g_assert_true (harley_contact_save (f->store, loaded, &error));
  labs = harley_contact_list (f->store, HARLEY_CONTACT_LABORATORY, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (labs), ==, 1);
  listed = g_list_model_get_item (labs, 0);
  g_assert_cmpint (harley_contact_get_turnaround_days (listed), ==, 10);
  g_assert_true (harley_contact_get_turnaround_working (listed));

  /* over a year: refused with a sentence, and the stored entry unchanged */
  harley_contact_set_turnaround_days (listed, 400);
  g_assert_false (harley_contact_save (f->store, listed, &error));
  g_assert_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The usual turnaround must be from 0 to 365 days.");
  g_clear_error (&error);
  sql = g_strdup_printf ("SELECT turnaround_days FROM contact WHERE id = %" G_GINT64_FORMAT,
                         harley_contact_get_id (lab));
  g_assert_cmpint (harley_test_query_int (f->path, sql), ==, 10);
  /* and a new entry with one is not written at all */
  g_object_set (gp, "id", (gint64) 0, "name", "Slow Labs", "turnaround-days", 400, NULL);
  g_assert_false (harley_contact_save (f->store, gp, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT count(*) FROM contact"), ==, 2);

  /* the boundaries are allowed, and -1 clears it */
  harley_contact_set_turnaround_days (listed, 365);
  g_assert_true (harley_contact_save (f->store, listed, NULL));
  g_assert_cmpint (harley_test_query_int (f->path, sql), ==, 365);
  harley_contact_set_turnaround_days (listed, 0);
  g_assert_true (harley_contact_save (f->store, listed, NULL));
  g_assert_cmpint (harley_test_query_int (f->path, sql), ==, 0);
  harley_contact_set_turnaround_days (listed, -1);
  g_assert_true (harley_contact_save (f->store, listed, NULL));
  g_assert_cmpint (harley_test_query_int (f->path, "SELECT count(*) FROM contact "
                                                   "WHERE kind = 'laboratory' AND turnaround_days IS NULL"), ==, 1);
}

/* A line added to the notes while the record is open on screen (a result
 * arriving) survives the screen's save; a line the user takes out of
 * notes nobody else touched stays out. */
static void
test_notes_written_meanwhile (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Jane", "Smith", "1965-03-07", NULL);
  g_autoptr(HarleyPatient) on_screen = NULL;
  g_autoptr(HarleyPatient) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *notes = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_NOTES, "Prefers mornings");
  g_assert_true (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  on_screen = harley_register_load (f->store, harley_patient_get_id (p), &error);

  /* A result arrives: a line at the end, and the record's time moves on. */
  g_assert_true (harley_store_exec (f->store, "UPDATE patient SET notes = notes || char (10) || "
                                              "'24/11/2026 Skin biopsy: result from Northgate, normal', "
                                              "updated_at = '2099-01-01T00:00:00Z'", &error));
  harley_patient_set_text (on_screen, HARLEY_PATIENT_NOTES, "Prefers mornings\nHard of hearing");
  g_assert_true (harley_register_save (f->store, on_screen, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  notes = harley_test_query_text (f->path, "SELECT notes FROM patient");
  g_assert_cmpstr (notes, ==, "Prefers mornings\nHard of hearing\n24/11/2026 Skin biopsy: result from Northgate, normal");

  /* Opened afresh, a line taken out stays out. */
  again = harley_register_load (f->store, harley_patient_get_id (p), &error);
  harley_patient_set_text (again, HARLEY_PATIENT_NOTES, "Hard of hearing");
  g_assert_true (harley_register_save (f->store, again, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_clear_pointer (&notes, g_free);
  notes = harley_test_query_text (f->path, "SELECT notes FROM patient");
  g_assert_cmpstr (notes, ==, "Hard of hearing");
}

static void
test_properties (void)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Jane", "Smith", "1965-03-07", "9434765919");
  g_autofree char *display = NULL;
  g_autofree char *summary = NULL;
  gboolean has_alerts = TRUE;
  guint notified = 0;

  harley_patient_set_text (p, HARLEY_PATIENT_PREFERRED_NAME, "Janey");
  g_object_get (p, "display-name", &display, "summary", &summary, "has-alerts", &has_alerts, NULL);
  g_assert_cmpstr (display, ==, "SMITH, Jane (Janey)");
  g_assert_cmpstr (summary, ==, "07/03/1965  ·  943 476 5919");
  g_assert_false (has_alerts);

  g_signal_connect_swapped (p, "notify::family-name", G_CALLBACK (g_atomic_int_inc), &notified);
  g_object_set (p, "family-name", "Smythe", NULL);
  g_object_set (p, "family-name", "Smythe", NULL);   /* unchanged: no notify */
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/register/save-and-load", Fixture, NULL, fixture_set_up, test_save_and_load, fixture_tear_down);
  g_test_add ("/register/invalid-refused", Fixture, NULL, fixture_set_up, test_invalid_refused, fixture_tear_down);
  g_test_add ("/register/duplicates", Fixture, NULL, fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/register/timeline", Fixture, NULL, fixture_set_up, test_timeline, fixture_tear_down);
  g_test_add ("/register/contacts", Fixture, NULL, fixture_set_up, test_contacts, fixture_tear_down);
  g_test_add ("/register/contact-turnaround", Fixture, NULL, fixture_set_up, test_contact_turnaround, fixture_tear_down);
  g_test_add ("/register/notes-written-meanwhile", Fixture, NULL, fixture_set_up, test_notes_written_meanwhile,
              fixture_tear_down);
  g_test_add_func ("/register/properties", test_properties);

  return g_test_run ();
}
