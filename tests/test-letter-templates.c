/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The letter templates changed, added and archived on a real database,
 * the refusals writing nothing; and the envelope's window kept with the
 * practice's details, read back whatever was stored. */

#include <math.h>

#include "harley-letter.h"
#include "harley-test-util.h"

#define COUNT_SQL "SELECT count(*) FROM letter_template"

typedef struct
{
  HarleyTestDb  db;
  gint64        results;    /* the shipped "Results letter" */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HarleyLetterTemplate) results = NULL;
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  results = harley_letter_template_find (f->db.store, "Results letter", &error);
  g_assert_no_error (error);
  f->results = results->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

/* A template's row as one line, to compare before and after */
static char *
row_of (Fixture *f,
        gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name || '|' || coalesce (description, '') || '|' || body "
                                          "|| '|' || default_to || '|' || shipped || '|' || archived || '|' "
                                          "|| updated_at FROM letter_template WHERE id = %" G_GINT64_FORMAT, id);

  return harley_test_query_text (f->db.path, sql);
}

static gboolean
listed (Fixture    *f,
        const char *name)
{
  g_autoptr(GPtrArray) templates = harley_letter_template_list (f->db.store, NULL);

  g_assert_nonnull (templates);
  for (guint i = 0; i < templates->len; i++)
    if (g_strcmp0 (((HarleyLetterTemplate *) g_ptr_array_index (templates, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Templates {{{1 */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetterTemplate) found = NULL;
  g_autofree char *row = NULL;
  gint64 before = harley_test_query_int (f->db.path, COUNT_SQL);
  gint64 id;

  id = harley_letter_template_create (f->db.store, "  Biopsy reminder ", " Before a biopsy ",
                                      "Dear {{patient.title}} {{patient.family_name}}\n\nBorn {{patient.dob?}}",
                                      HARLEY_RECIPIENT_PATIENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (harley_test_query_int (f->db.path, COUNT_SQL), ==, before + 1);

  /* The spaces around the name and description are left out; it is the
   * practice's own, in use. */
  row = row_of (f, id);
  g_assert_true (g_str_has_prefix (row, "Biopsy reminder|Before a biopsy|Dear {{patient.title}} "
                                        "{{patient.family_name}}\n\nBorn {{patient.dob?}}|patient|0|0|"));
  found = harley_letter_template_find (f->db.store, "Biopsy reminder", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, id);
  g_assert_false (found->shipped);
  g_assert_cmpint (found->default_to, ==, HARLEY_RECIPIENT_PATIENT);

  /* No description is none */
  id = harley_letter_template_create (f->db.store, "Short note", "  ", "Dear {{gp.name}}",
                                      HARLEY_RECIPIENT_GP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM letter_template "
                                                      "WHERE name = 'Short note' AND description IS NULL"), ==, 1);
}

static void
test_change_shipped (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetterTemplate) changed = NULL;

  g_assert_true (harley_letter_template_save (f->db.store, f->results, "Results letter to the GP",
                                              "The result, for the GP", "Dear {{gp.name}}\n\n## The result\n",
                                              HARLEY_RECIPIENT_GP, &error));
  g_assert_no_error (error);

  /* Changed, and still marked as having come with Harley */
  changed = harley_letter_template_find (f->db.store, "Results letter to the GP", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed->id, ==, f->results);
  g_assert_true (changed->shipped);
  g_assert_cmpstr (changed->description, ==, "The result, for the GP");
  g_assert_cmpstr (changed->body, ==, "Dear {{gp.name}}\n\n## The result\n");
  g_assert_cmpint (changed->default_to, ==, HARLEY_RECIPIENT_GP);
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT shipped FROM letter_template "
                                                      "WHERE name = 'Results letter to the GP'"), ==, 1);
  g_assert_false (listed (f, "Results letter"));

  /* Its own name in another case is no clash with itself */
  g_assert_true (harley_letter_template_save (f->db.store, f->results, "RESULTS LETTER TO THE GP", NULL,
                                              "Dear {{gp.name}}", HARLEY_RECIPIENT_GP, &error));
  g_assert_no_error (error);
  g_assert_true (listed (f, "RESULTS LETTER TO THE GP"));
}

/* Each refusal says what to do, and writes nothing. */
static void
assert_refused (Fixture    *f,
                GError     *error,
                int         code,
                const char *message,
                const char *row_before,
                gint64      count_before)
{
  g_autofree char *row_after = row_of (f, f->results);

  g_assert_error (error, HARLEY_LETTER_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpstr (row_after, ==, row_before);
  g_assert_cmpint (harley_test_query_int (f->db.path, COUNT_SQL), ==, count_before);
  g_assert_false (harley_store_in_transaction (f->db.store));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = row_of (f, f->results);
  gint64 count = harley_test_query_int (f->db.path, COUNT_SQL);
  const char *bad_body = "Dear {{patient.title}}\n\nBorn on\n  the {{patient.dateofbirth}} and {{gp.name";
  const char *bad_message = "Put the letter text right before saving. Line 4, column 7: "
                            "“{{patient.dateofbirth}}” is not a field Harley knows. Did you mean {{patient.dob}}?";
  GError *error = NULL;

  /* Letter text with problems: the first, with its place */
  g_assert_false (harley_letter_template_save (f->db.store, f->results, "Results letter", NULL, bad_body,
                                               HARLEY_RECIPIENT_PATIENT, &error));
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID, bad_message, before, count);
  g_clear_error (&error);
  g_assert_cmpint (harley_letter_template_create (f->db.store, "New one", NULL, bad_body,
                                                  HARLEY_RECIPIENT_PATIENT, &error), ==, 0);
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID, bad_message, before, count);
  g_clear_error (&error);

  /* No name, or only spaces */
  g_assert_false (harley_letter_template_save (f->db.store, f->results, "  ", NULL, "Dear {{gp.name}}",
                                               HARLEY_RECIPIENT_GP, &error));
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID,
                  "Give the template a name, so that it can be chosen for a letter.", before, count);
  g_clear_error (&error);
  g_assert_cmpint (harley_letter_template_create (f->db.store, NULL, NULL, "", HARLEY_RECIPIENT_GP, &error), ==, 0);
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID,
                  "Give the template a name, so that it can be chosen for a letter.", before, count);
  g_clear_error (&error);

  /* Another template's name, in any case */
  g_assert_false (harley_letter_template_save (f->db.store, f->results, " did not ATTEND ", NULL,
                                               "Dear {{gp.name}}", HARLEY_RECIPIENT_GP, &error));
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID,
                  "There is already a template called “did not ATTEND”. Choose another name.", before, count);
  g_clear_error (&error);
  g_assert_cmpint (harley_letter_template_create (f->db.store, "Appointment confirmation", NULL, "",
                                                  HARLEY_RECIPIENT_PATIENT, &error), ==, 0);
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID,
                  "There is already a template called “Appointment confirmation”. Choose another name.",
                  before, count);
  g_clear_error (&error);
}

static void
test_archive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *archived_row = NULL;
  g_autofree char *row_after = NULL;
  gint64 count;

  g_assert_true (listed (f, "Results letter"));
  g_assert_true (harley_letter_template_archive (f->db.store, f->results, &error));
  g_assert_no_error (error);

  /* Kept, not listed, not found by name */
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT archived FROM letter_template "
                                                      "WHERE name = 'Results letter'"), ==, 1);
  g_assert_false (listed (f, "Results letter"));
  g_assert_null (harley_letter_template_find (f->db.store, "Results letter", &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Archived once; then neither archived again nor changed */
  archived_row = row_of (f, f->results);
  count = harley_test_query_int (f->db.path, COUNT_SQL);
  g_assert_false (harley_letter_template_archive (f->db.store, f->results, &error));
  assert_refused (f, error, HARLEY_LETTER_ERROR_NOT_FOUND,
                  "This template is no longer in use: it has been archived. Close it and choose another.",
                  archived_row, count);
  g_clear_error (&error);
  g_assert_false (harley_letter_template_save (f->db.store, f->results, "Results", NULL, "",
                                               HARLEY_RECIPIENT_GP, &error));
  assert_refused (f, error, HARLEY_LETTER_ERROR_NOT_FOUND,
                  "This template is no longer in use: it has been archived. Close it and choose another.",
                  archived_row, count);
  g_clear_error (&error);

  /* Its name stays its own */
  g_assert_cmpint (harley_letter_template_create (f->db.store, "results letter", NULL, "",
                                                  HARLEY_RECIPIENT_PATIENT, &error), ==, 0);
  assert_refused (f, error, HARLEY_LETTER_ERROR_INVALID,
                  "An archived template is called “results letter”. Choose another name.", archived_row, count);
  row_after = row_of (f, f->results);
  g_assert_cmpstr (row_after, ==, archived_row);
}

/* The envelope's window {{{1 */

static void
assert_box (Fixture *f,
            double   left,
            double   top,
            double   width,
            double   height)
{
  double box[4] = { -1, -1, -1, -1 };

  harley_letter_window_box_load (f->db.store, &box[0], &box[1], &box[2], &box[3]);
  g_assert_cmpfloat (box[0], ==, left);
  g_assert_cmpfloat (box[1], ==, top);
  g_assert_cmpfloat (box[2], ==, width);
  g_assert_cmpfloat (box[3], ==, height);
}

static void
set_detail (Fixture    *f,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_store_set_practice_detail (f->db.store, key, value, &error));
  g_assert_no_error (error);
}

static void
test_window_saved (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing set: the usual window */
  assert_box (f, 20, 45, 85, 40);

  g_assert_true (harley_letter_window_box_save (f->db.store, 25, 47.5, 90.04, 38.96, &error));
  g_assert_no_error (error);
  harley_test_assert_query_text (f->db.path, "SELECT group_concat (key || '=' || value, ';') FROM "
                                             "(SELECT * FROM practice_detail WHERE key LIKE 'window_%' ORDER BY key)",
                                 "window_height_mm=39;window_left_mm=25;window_top_mm=47.5;window_width_mm=90");
  assert_box (f, 25, 47.5, 90, 39);
}

static void
test_window_refused (Fixture       *f,
                     gconstpointer  data)
{
  const double bad[][4] = {
    { 150, 45, 85, 40 },        /* off the right of the sheet */
    { 20, 280, 85, 40 },        /* off the bottom */
    { -1, 45, 85, 40 },
    { 20, 45, 0, 40 },
    { 20, 45, 85, NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_letter_window_box_save (f->db.store, bad[i][0], bad[i][1], bad[i][2], bad[i][3],
                                                     &error));
      g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "The envelope's window must lie on an A4 sheet, 210 by 297 mm: "
                                           "check its place and size.");
      g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM practice_detail "
                                                          "WHERE key LIKE 'window_%'"), ==, 0);
    }
}

/* What another program, or a hand, may have stored */
static void
test_window_unreadable (Fixture       *f,
                        gconstpointer  data)
{
  set_detail (f, "window_left_mm", " 22.5 ");
  set_detail (f, "window_top_mm", "50");
  set_detail (f, "window_width_mm", "80");
  set_detail (f, "window_height_mm", "35");
  assert_box (f, 22.5, 50, 80, 35);

  /* Each value that is not a number of mm on the sheet is the usual one */
  set_detail (f, "window_left_mm", "twenty");
  assert_box (f, 20, 50, 80, 35);
  set_detail (f, "window_left_mm", "22,5");
  assert_box (f, 20, 50, 80, 35);
  set_detail (f, "window_left_mm", "22.5mm");
  assert_box (f, 20, 50, 80, 35);
  set_detail (f, "window_top_mm", "nan");
  assert_box (f, 20, 45, 80, 35);
  set_detail (f, "window_top_mm", "1e999");
  assert_box (f, 20, 45, 80, 35);
  set_detail (f, "window_width_mm", "-80");
  assert_box (f, 20, 45, 85, 35);
  set_detail (f, "window_height_mm", "0");
  assert_box (f, 20, 45, 85, 40);
  set_detail (f, "window_height_mm", "");
  assert_box (f, 20, 45, 85, 40);

  /* Values each on the sheet that put the window off it: the usual window */
  set_detail (f, "window_left_mm", "150");
  set_detail (f, "window_top_mm", "50");
  set_detail (f, "window_width_mm", "80");
  set_detail (f, "window_height_mm", "35");
  assert_box (f, 20, 45, 85, 40);
  set_detail (f, "window_left_mm", "130");
  assert_box (f, 130, 50, 80, 35);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/letter-templates/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("create", test_create);
  ADD ("change-shipped", test_change_shipped);
  ADD ("refusals", test_refusals);
  ADD ("archive", test_archive);
  ADD ("window/saved", test_window_saved);
  ADD ("window/refused", test_window_refused);
  ADD ("window/unreadable", test_window_unreadable);
#undef ADD

  return g_test_run ();
}
