/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-letters"

/* harley-cli templates list and letters new | list | render, run as a
 * script runs them, with what the database holds afterwards. */

#include <string.h>

#include "harley-cli.h"
#include "harley-contact.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-test-util.h"

typedef struct
{
  HarleyTestDb  db;
  gint64        gp;
  gint64        with_gp;      /* a patient whose record names a GP */
  gint64        without_gp;
  char         *pdf;
} Fixture;

static gint64
add_contact (HarleyStore       *store,
             HarleyContactKind  kind,
             const char        *name,
             gint64             organisation,
             const char        *address)
{
  g_autoptr(HarleyContact) contact = harley_contact_new (kind, name);
  g_autoptr(GError) error = NULL;

  g_object_set (contact, "address-lines", address, "post-town", address ? "Bath" : NULL,
                "postcode", address ? "BA1 1AA" : NULL, NULL);
  harley_contact_set_organisation_id (contact, organisation);
  g_assert_true (harley_contact_save (store, contact, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (contact);
}

static gint64
add_patient (HarleyStore *store,
             const char  *family,
             const char  *nhs,
             gint64       gp)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Zoë", family, "1961-03-09", nhs);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_ADDRESS_LINE1, "12 Royal Crescent");
  harley_patient_set_text (p, HARLEY_PATIENT_POST_TOWN, "Bath");
  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "BA1 2LR");
  harley_patient_set_link (p, HARLEY_PATIENT_GP, gp);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *keys[] = { "name", "address", "phone", "consultant" };
  const char *values[] = { "Harley Street Dermatology", "10 Harley Street\nLondon\nW1G 9PF", "020 7946 0000",
                           "Dr Eleanor Whitfield" };
  g_autoptr(GError) error = NULL;
  gint64 surgery;

  harley_test_db_set_up (&f->db, data);
  g_assert_true (harley_store_set_practice_details (f->db.store, keys, values, G_N_ELEMENTS (keys), &error));
  g_assert_no_error (error);
  surgery = add_contact (f->db.store, HARLEY_CONTACT_GP_PRACTICE, "Abbey Surgery", 0, "1 Abbey Green");
  f->gp = add_contact (f->db.store, HARLEY_CONTACT_GP, "Dr Amir Khan", surgery, NULL);
  f->with_gp = add_patient (f->db.store, "Brontë", "9434765919", f->gp);
  f->without_gp = add_patient (f->db.store, "Eliot", "9434765870", 0);
  f->pdf = g_build_filename (f->db.dir, "letter.pdf", NULL);
  g_clear_object (&f->db.store);   /* let go of the lock for the program */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->pdf);
  harley_test_db_tear_down (&f->db, data);
}

static gint64
count_letters (Fixture *f)
{
  return harley_test_query_int (f->db.path, "SELECT count(*) FROM letter");
}

/* Makes a letter with the CLI and returns its number. */
static gint64
new_letter (Fixture    *f,
            gint64      patient,
            const char *template,
            const char *to)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, patient);
  g_autofree char *out = NULL;

  if (to != NULL)
    g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->db.path, "letters", "new", "--patient", id, "--template",
                                      template, "--to", to, NULL), ==, 0);
  else
    g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->db.path, "letters", "new", "--patient", id, "--template",
                                      template, NULL), ==, 0);
  g_assert_true (g_str_has_suffix (out, "\n"));
  return g_ascii_strtoll (out, NULL, 10);
}

/* Tests {{{1 */

static void
test_templates_list (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *table = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (harley_test_cli (&table, NULL, "-d", f->db.path, "templates", "list", NULL), ==, 0);
  g_assert_cmpuint (harley_test_count (table, "came with Harley"), ==, 6);
  g_assert_nonnull (strstr (table, "Clinic letter to the GP  (to: gp)"));

  g_assert_cmpint (harley_test_cli (&json, NULL, "-d", f->db.path, "templates", "list", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (json, "[\n  {\"id\": "));
  g_assert_true (g_str_has_suffix (json, "}\n]\n"));
  g_assert_cmpuint (harley_test_count (json, "{\"id\": "), ==, 6);
  g_assert_cmpuint (harley_test_count (json, "\"shipped\": true"), ==, 6);
  g_assert_nonnull (strstr (json, "\"name\": \"Clinic letter to the GP\""));
  g_assert_nonnull (strstr (json, "\"default_to\": \"gp\""));
  /* The description's “Please, write to me” keeps its quotes as UTF-8 */
  g_assert_nonnull (strstr (json, "“Please, write to me”"));
}

static void
test_new_for_gp (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *where = NULL;
  gint64 to_gp = new_letter (f, f->with_gp, "Results letter", "gp");
  gint64 to_patient = new_letter (f, f->with_gp, "Results letter", NULL);

  g_assert_cmpint (to_gp, ==, 1);
  g_assert_cmpint (to_patient, ==, 2);
  g_assert_cmpint (count_letters (f), ==, 2);
  where = g_strdup_printf ("SELECT contact_id FROM letter_recipient WHERE letter_id = 1 AND kind = 'gp' "
                           "AND role = 'to'");
  g_assert_cmpint (harley_test_query_int (f->db.path, where), ==, f->gp);
  /* the template's own recipient, the patient, when --to is not given */
  harley_test_assert_query_text (f->db.path, "SELECT kind FROM letter_recipient WHERE letter_id = 2", "patient");
  harley_test_assert_query_text (f->db.path, "SELECT subject FROM letter WHERE id = 1", "Results letter");
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT instr (body, 'Dear Mrs Brontë') = 1 AND "
                                                      "instr (body, '020 7946 0000') > 0 FROM letter WHERE id = 1"),
                   ==, 1);
}

static void
test_new_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *patient = g_strdup_printf ("%" G_GINT64_FORMAT, f->without_gp);
  g_autofree char *with_gp = g_strdup_printf ("%" G_GINT64_FORMAT, f->with_gp);
  g_autofree char *err = NULL;
  g_autofree char *err_template = NULL;
  g_autofree char *err_merge = NULL;
  g_autofree char *err_to = NULL;

  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->db.path, "letters", "new", "--patient", patient,
                                    "--template", "Clinic letter to the GP", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "Mrs Zoë Eliot has no GP in their record"));

  g_assert_cmpint (harley_test_cli (NULL, &err_template, "-d", f->db.path, "letters", "new", "--patient", patient,
                                    "--template", "Thank-you note", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_template, "There is no letter template called “Thank-you note”."));

  /* The clinic letter needs an appointment's date and place */
  g_assert_cmpint (harley_test_cli (NULL, &err_merge, "-d", f->db.path, "letters", "new", "--patient", with_gp,
                                    "--template", "Clinic letter to the GP", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_merge, "line 3, column 100"));
  g_assert_nonnull (strstr (err_merge, "{{appointment.date}}"));

  g_assert_cmpint (harley_test_cli (NULL, &err_to, "-d", f->db.path, "letters", "new", "--patient", with_gp,
                                    "--template", "Results letter", "--to", "contact:x", NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_to, "--to must be"));

  g_assert_cmpint (count_letters (f), ==, 0);
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM letter_recipient"), ==, 0);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;

  new_letter (f, f->with_gp, "Results letter", "gp");
  new_letter (f, f->without_gp, "Results letter", "patient");

  g_assert_cmpint (harley_test_cli (&json, NULL, "-d", f->db.path, "letters", "list", "--state", "draft", "--json",
                                    NULL), ==, 0);
  g_assert_cmpuint (harley_test_count (json, "\"state\": \"draft\", \"version\": 1"), ==, 2);
  g_assert_nonnull (strstr (json, "{\"id\": 1, \"patient_id\": 1, \"patient\": \"Mrs Zoë Brontë\", "
                                  "\"subject\": \"Results letter\""));
  g_assert_nonnull (strstr (json, "{\"id\": 2, \"patient_id\": 2, \"patient\": \"Mrs Zoë Eliot\""));

  g_assert_cmpint (harley_test_cli (&typed, NULL, "-d", f->db.path, "letters", "list", "--state", "typed", "--json",
                                    NULL), ==, 0);
  g_assert_cmpstr (typed, ==, "[]\n");

  g_assert_cmpint (harley_test_cli (&table, NULL, "-d", f->db.path, "letters", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (table, "Mrs Zoë Brontë  Results letter  Draft, version 1"));

  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->db.path, "letters", "list", "--state", "lost", NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "--state must be"));
}

static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) db = NULL;
  g_autofree char *err = NULL;
  gsize length = 0;
  const char *bytes;

  new_letter (f, f->with_gp, "Results letter", "gp");
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->db.path, "letters", "render", "1", "--output", f->pdf, NULL),
                   ==, 0);
  pdf = harley_test_read_file (f->pdf);
  bytes = g_bytes_get_data (pdf, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);

  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->db.path, "letters", "render", "1", "--output", f->db.path,
                                    NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "would replace the practice database"));
  db = harley_test_read_file (f->db.path);
  g_assert_cmpmem (g_bytes_get_data (db, NULL), 15, "SQLite format 3", 15);
  g_assert_cmpint (count_letters (f), ==, 1);

  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->db.path, "letters", "render", "7", "--output", f->pdf, NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
}

/* An approved letter is written byte for byte as approved, not redrawn. */
static void
test_render_approved (Fixture       *f,
                      gconstpointer  data)
{
  static const char approved[] = "%PDF-1.5 as approved";
  g_autoptr(GBytes) frozen = g_bytes_new_static (approved, sizeof approved - 1);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = new_letter (f, f->with_gp, "Results letter", "gp");

  store = harley_store_open (f->db.path, &error);
  g_assert_no_error (error);
  g_assert_true (harley_letter_set_state (store, id, HARLEY_LETTER_TYPED, NULL, &error));
  g_assert_true (harley_letter_set_state (store, id, HARLEY_LETTER_AWAITING_APPROVAL, NULL, &error));
  g_assert_true (harley_letter_approve (store, id, frozen, "Dr Eleanor Whitfield", FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->db.path, "letters", "render", "1", "--output", f->pdf, NULL),
                   ==, 0);
  written = harley_test_read_file (f->pdf);
  g_assert_true (g_bytes_equal (written, frozen));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-letters/templates-list", test_templates_list);
  ADD ("/cli-letters/new-for-gp", test_new_for_gp);
  ADD ("/cli-letters/new-refused", test_new_refused);
  ADD ("/cli-letters/list", test_list);
  ADD ("/cli-letters/render", test_render);
  ADD ("/cli-letters/render-approved", test_render_approved);
#undef ADD

  return g_test_run ();
}
