/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-samples"

/* harley-cli samples add | send | list | manifest, results add and calls
 * add, run as a script runs them, with what the database holds
 * afterwards: the whole way from taken to a result with its PDF, no step
 * skipped, a forgotten sample listed as overdue, a report that is not a
 * whole PDF refused, and the manifest read back with Poppler. A refusal
 * exits 2 and leaves every row of the database as it was. */

#include <string.h>
#include <cairo-pdf.h>
#include <poppler.h>

#include "harley-cli.h"
#include "harley-contact.h"
#include "harley-register.h"
#include "harley-test-pdf.h"
#include "harley-test-util.h"
#include "harley-validate.h"

typedef struct
{
  HarleyTestDb  db;
  gint64        lab;           /* 5 working days' turnaround */
  gint64        other_lab;
  gint64        patient;       /* Zoë Brontë, no messages */
  gint64        other;         /* Łukasz Kowalski, who agreed to messages */
  char         *today;         /* "YYYY-MM-DD" in London */
  char         *report;        /* a whole PDF, the laboratory's report */
  char         *text;          /* the report's text */
} Fixture;

/* Setting up {{{1 */

static gint64
add_lab (HarleyStore *store,
         const char  *name)
{
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, name);
  g_autoptr(GError) error = NULL;

  g_object_set (lab, "address-lines", "The Halo Building\n1 Mabledon Place", "post-town", "London",
                "postcode", "WC1H 9AX", "phone", "020 7307 7373", NULL);
  harley_contact_set_turnaround_days (lab, 5);
  harley_contact_set_turnaround_working (lab, TRUE);
  g_assert_true (harley_contact_save (store, lab, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (lab);
}

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family,
             const char  *nhs,
             gboolean     messages)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1961-03-09", nhs);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  harley_patient_set_flag (p, HARLEY_PATIENT_CONSENT_PHONE, TRUE);
  harley_patient_set_flag (p, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE, messages);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

/* A one-page PDF as a laboratory might send. */
static void
write_report (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, "Histopathology report: basal cell carcinoma, completely excised.");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
iso_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date), (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

static char *
days_ago (guint days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  g_date_subtract_days (&date, days);
  return iso_day (&date);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *keys[] = { "name", "address", "phone" };
  const char *values[] = { "Harley Street Dermatology", "10 Harley Street\nLondon\nW1G 9PF", "020 7946 0000" };
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  g_assert_true (harley_store_set_practice_details (f->db.store, keys, values, G_N_ELEMENTS (keys), &error));
  g_assert_no_error (error);
  f->lab = add_lab (f->db.store, "The Doctors Laboratory");
  f->other_lab = add_lab (f->db.store, "Northgate Dermatopathology");
  f->patient = add_patient (f->db.store, "Zoë", "Brontë", "9434765919", FALSE);
  f->other = add_patient (f->db.store, "Łukasz", "Kowalski", "9434765870", TRUE);
  f->today = days_ago (0);
  f->report = g_build_filename (f->db.dir, "report.pdf", NULL);
  f->text = g_build_filename (f->db.dir, "report.txt", NULL);
  write_report (f->report);
  g_assert_true (g_file_set_contents (f->text, "Basal cell carcinoma, completely excised.\n\n", -1, NULL));
  g_clear_object (&f->db.store);   /* let go of the lock for the program */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->today);
  g_free (f->report);
  g_free (f->text);
  harley_test_db_tear_down (&f->db, data);
}

/* Running harley-cli {{{1 */

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* "samples add" a sample taken @taken (NULL: today); returns its number. */
static gint64
add_sample (Fixture    *f,
            gint64      patient,
            gint64      lab,
            const char *taken)
{
  g_autofree char *patient_id = id_text (patient);
  g_autofree char *lab_id = id_text (lab);
  g_autofree char *out = NULL;

  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->db.path, "samples", "add", "--patient", patient_id, "--type",
                                    "histology", "--lab", lab_id, "--site", "left cheek", "--description",
                                    "shave biopsy, pigmented lesion", "--taken", taken != NULL ? taken : f->today,
                                    NULL), ==, 0);
  g_assert_true (g_str_has_suffix (out, "\n"));
  return g_ascii_strtoll (out, NULL, 10);
}

static void
send_sample (Fixture    *f,
             gint64      id,
             const char *date)
{
  g_autofree char *sample = id_text (id);
  g_autofree char *out = NULL;

  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->db.path, "samples", "send", sample, "--method", "courier",
                                    "--date", date != NULL ? date : f->today, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Sample "));
}

/* Every row of every table, hashed: what a refusal must leave alone. */
static char *
snapshot (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      g_checksum_update (checksum, sqlite3_column_text (tables, 0), -1);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (rows); i++)
          {
            const void *value = sqlite3_column_blob (rows, i);

            g_checksum_update (checksum, value != NULL ? value : (const guchar *) "\1", value != NULL
                               ? sqlite3_column_bytes (rows, i) : 1);
          }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return harley_test_query_int (f->db.path, sql);
}

/* Tests {{{1 */

/* Taken, sent, its result filed with the laboratory's PDF: the list
 * shows it received, and the database holds the PDF as it was. */
static void
test_whole_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *result = NULL;
  g_autofree char *json = NULL;
  g_autofree char *table = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) pdf = harley_test_read_file (f->report);
  gint64 id = add_sample (f, f->patient, f->lab, NULL);

  g_assert_cmpint (id, ==, 1);
  harley_test_assert_query_text (f->db.path, "SELECT state FROM sample WHERE id = 1", "taken");
  harley_test_assert_query_text (f->db.path, "SELECT site FROM sample WHERE id = 1", "left cheek");
  send_sample (f, id, NULL);
  harley_test_assert_query_text (f->db.path, "SELECT state FROM sample WHERE id = 1", "sent");
  harley_test_assert_query_text (f->db.path, "SELECT sent_method FROM sample WHERE id = 1", "courier");
  g_assert_cmpint (query_int (f, "SELECT expected_by > sent_on FROM sample WHERE id = 1"), ==, 1);

  sample = id_text (id);
  g_assert_cmpint (harley_test_cli (&result, NULL, "-d", f->db.path, "results", "add", "--sample", sample, "--text",
                                    f->text, "--abnormal", "--report", f->report, NULL), ==, 0);
  g_assert_cmpint (g_ascii_strtoll (result, NULL, 10), ==, 1);
  harley_test_assert_query_text (f->db.path, "SELECT report FROM result WHERE sample_id = 1",
                                 "Basal cell carcinoma, completely excised.");
  g_assert_cmpint (query_int (f, "SELECT abnormal FROM result WHERE sample_id = 1"), ==, 1);
  harley_test_assert_query_text (f->db.path, "SELECT attachment_type FROM result", "application/pdf");
  harley_test_assert_query_text (f->db.path, "SELECT attachment_name FROM result", "report.pdf");
  g_assert_cmpint (query_int (f, "SELECT length (attachment) FROM result"), ==, g_bytes_get_size (pdf));
  sha256 = harley_test_query_text (f->db.path, "SELECT attachment_sha256 FROM result");
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_assert_cmpstr (sha256, ==, expected);

  g_assert_cmpint (harley_test_cli (&json, NULL, "-d", f->db.path, "samples", "list", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (json, "[\n  {\"id\": 1, \"patient_id\": 1, \"patient\": \"BRONTË, Zoë\", "
                                         "\"type\": \"histology\", \"state\": \"received\", \"site\": \"left cheek\""));
  g_assert_true (g_str_has_suffix (json, ", \"overdue\": false, \"result_id\": 1}\n]\n"));
  g_assert_cmpuint (harley_test_count (json, "\"sent_method\": \"courier\""), ==, 1);
  g_assert_cmpuint (harley_test_count (json, "\"lab\": \"The Doctors Laboratory\""), ==, 1);

  g_assert_cmpint (harley_test_cli (&table, NULL, "-d", f->db.path, "samples", "list", "--state", "received", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (table, "BRONTË, Zoë  Histology (skin biopsy) · left cheek  Result received  "
                                   "The Doctors Laboratory"));
}

/* A step before its time is refused, exit 2, and nothing is written:
 * no result for a sample not sent, no second sending, no sending of a
 * sample with its result. */
static void
test_no_skipping (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_again = NULL;
  g_autofree char *err_back = NULL;
  g_autofree char *sample = NULL;
  gint64 id = add_sample (f, f->patient, f->lab, NULL);

  sample = id_text (id);
  before = snapshot (f->db.path);
  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->db.path, "results", "add", "--sample", sample, "--text",
                                    f->text, "--report", f->report, NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "This sample has not been sent yet: mark it sent first."));
  after = snapshot (f->db.path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM result"), ==, 0);
  harley_test_assert_query_text (f->db.path, "SELECT state FROM sample", "taken");

  send_sample (f, id, NULL);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = snapshot (f->db.path);
  g_assert_cmpint (harley_test_cli (NULL, &err_again, "-d", f->db.path, "samples", "send", sample, NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_again, "already “Sent”"));
  after = snapshot (f->db.path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->db.path, "results", "add", "--sample", sample, "--text",
                                    f->text, NULL), ==, 0);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = snapshot (f->db.path);
  g_assert_cmpint (harley_test_cli (NULL, &err_back, "-d", f->db.path, "samples", "send", sample, NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  after = snapshot (f->db.path);
  g_assert_cmpstr (after, ==, before);
  harley_test_assert_query_text (f->db.path, "SELECT state FROM sample", "received");
}

/* A sample sent two months ago that nobody chased is listed as overdue;
 * one sent today, or one with its result, is not. */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *long_ago = days_ago (60);
  g_autofree char *json = NULL;
  g_autofree char *table = NULL;
  g_autofree char *none = NULL;
  g_autofree char *err = NULL;
  gint64 forgotten = add_sample (f, f->patient, f->lab, long_ago);
  gint64 recent = add_sample (f, f->other, f->lab, NULL);
  gint64 answered = add_sample (f, f->other, f->other_lab, long_ago);
  g_autofree char *answered_text = id_text (answered);

  send_sample (f, forgotten, long_ago);
  send_sample (f, recent, NULL);
  send_sample (f, answered, long_ago);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->db.path, "results", "add", "--sample", answered_text,
                                    "--text", f->text, NULL), ==, 0);

  g_assert_cmpint (harley_test_cli (&json, NULL, "-d", f->db.path, "samples", "list", "--overdue", "--json", NULL),
                   ==, 0);
  g_assert_cmpuint (harley_test_count (json, "{\"id\": "), ==, 1);
  g_assert_true (g_str_has_prefix (json, "[\n  {\"id\": 1, \"patient_id\": 1, \"patient\": \"BRONTË, Zoë\""));
  g_assert_cmpuint (harley_test_count (json, "\"overdue\": true"), ==, 1);

  g_assert_cmpint (harley_test_cli (&table, NULL, "-d", f->db.path, "samples", "list", "--overdue", NULL), ==, 0);
  g_assert_cmpuint (harley_test_count (table, "\n"), ==, 1);
  g_assert_nonnull (strstr (table, ", OVERDUE"));
  g_assert_nonnull (strstr (table, "BRONTË, Zoë"));

  /* --state and --overdue together */
  g_assert_cmpint (harley_test_cli (&none, &err, "-d", f->db.path, "samples", "list", "--overdue", "--state",
                                    "received", NULL), ==, 0);
  g_assert_cmpstr (none, ==, "");
  g_assert_nonnull (strstr (err, "No samples are overdue."));
}

/* The report must be a whole PDF: one cut short in the post, or a file
 * that is no PDF at all, is refused and nothing is written. */
static void
test_truncated_pdf (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) whole = harley_test_read_file (f->report);
  g_autofree char *cut = g_build_filename (f->db.dir, "cut.pdf", NULL);
  g_autofree char *fake = g_build_filename (f->db.dir, "fake.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->db.dir, "missing.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sample = NULL;
  const char *reports[] = { cut, fake, missing };
  const char *reasons[] = { "is not a PDF, or not the whole of one", "is not a PDF, or not the whole of one",
                            "--report" };
  gint64 id = add_sample (f, f->patient, f->lab, NULL);

  send_sample (f, id, NULL);
  sample = id_text (id);
  g_assert_true (g_file_set_contents (cut, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) * 2 / 3, NULL));
  g_assert_true (g_file_set_contents (fake, "%PDF-1.5 nothing else\n", -1, NULL));
  before = snapshot (f->db.path);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->db.path, "results", "add", "--sample", sample, "--text",
                                        f->text, "--report", reports[i], NULL), ==, HARLEY_CLI_EXIT_USAGE);
      g_assert_nonnull (strstr (err, reasons[i]));
    }
  after = snapshot (f->db.path);
  g_assert_cmpstr (after, ==, before);
  harley_test_assert_query_text (f->db.path, "SELECT state FROM sample", "sent");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM result"), ==, 0);
}

/* The day's samples for one laboratory, on A4, read back. */
static void
test_manifest (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *yesterday = days_ago (1);
  g_autofree char *pdf_path = g_build_filename (f->db.dir, "manifest.pdf", NULL);
  g_autofree char *empty_path = g_build_filename (f->db.dir, "empty.pdf", NULL);
  g_autofree char *lab = id_text (f->lab);
  g_autofree char *other_lab = id_text (f->other_lab);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_empty = NULL;
  g_autofree char *err_db = NULL;
  g_autofree char *err_lab = NULL;
  g_autofree char *sent = NULL;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  gint64 first = add_sample (f, f->patient, f->lab, yesterday);
  gint64 second = add_sample (f, f->other, f->lab, yesterday);
  gint64 elsewhere = add_sample (f, f->other, f->other_lab, yesterday);
  gint64 later = add_sample (f, f->patient, f->lab, yesterday);
  GDate day;

  send_sample (f, first, yesterday);
  send_sample (f, second, yesterday);
  send_sample (f, elsewhere, yesterday);
  send_sample (f, later, NULL);
  g_assert_cmpint (harley_test_cli (&out, &err, "-d", f->db.path, "samples", "manifest", "--lab", lab, "--date",
                                    yesterday, "--output", pdf_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote the manifest of 2 samples sent to The Doctors Laboratory"));

  pdf = harley_test_pdf_open_file (pdf_path);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  g_assert_true (harley_parse_date (yesterday, &day, NULL));
  sent = g_strdup_printf ("Sent %02u/%02u/%04u", g_date_get_day (&day), g_date_get_month (&day),
                          g_date_get_year (&day));
  g_assert_cmpuint (harley_test_pdf_count (pdf, sent), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Harley Street Dermatology"), >=, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "The Doctors Laboratory"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "1 Mabledon Place"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Courier"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Zoë BRONTË"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Łukasz KOWALSKI"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "943 476 5919"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "943 476 5870"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "09/03/1961"), ==, 2);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Histology"), ==, 2);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "shave biopsy, pigmented lesion"), ==, 2);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Packed by"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Page 1 of 1"), ==, 1);
  /* Each sample on it is in the audit trail as printed, with its patient. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit a JOIN sample s ON a.patient_id = s.patient_id "
                                 "WHERE a.action = 'print' AND json_extract (a.details, '$.printed') = "
                                 "'laboratory manifest' AND a.what = 'Sample ' || s.id || ' (histology, "
                                 "' || s.site || ')'"), ==, 2);

  /* A day with nothing sent there, the database as --output, a contact
   * that is not a laboratory: exit 2, no file */
  g_assert_cmpint (harley_test_cli (NULL, &err_empty, "-d", f->db.path, "samples", "manifest", "--lab", other_lab,
                                    "--date", f->today, "--output", empty_path, NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_empty, "No samples were sent to Northgate Dermatopathology on"));
  g_assert_false (g_file_test (empty_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (harley_test_cli (NULL, &err_db, "-d", f->db.path, "samples", "manifest", "--lab", lab, "--date",
                                    yesterday, "--output", f->db.path, NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_db, "would replace the practice database"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sample"), ==, 4);
  g_assert_cmpint (harley_test_cli (NULL, &err_lab, "-d", f->db.path, "samples", "manifest", "--lab", "999", "--date",
                                    yesterday, "--output", empty_path, NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err_lab, "There is no laboratory 999"));
  g_assert_false (g_file_test (empty_path, G_FILE_TEST_EXISTS));
}

/* Bad input exits 2 with what to put right, and writes nothing. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *patient = id_text (f->patient);
  g_autofree char *lab = id_text (f->lab);
  g_autofree char *tomorrow = NULL;
  g_autofree char *before = snapshot (f->db.path);
  g_autofree char *after = NULL;
  GDate date;
  struct
  {
    const char *args[12];
    const char *says;
  } cases[] = {
    { { "samples", "add", "--type", "histology", "--lab", lab }, "Give --patient" },
    { { "samples", "add", "--patient", patient, "--type", "biopsy", "--lab", lab }, "--type must be histology" },
    { { "samples", "add", "--patient", patient, "--type", "blood" }, "Give --lab" },
    { { "samples", "add", "--patient", patient, "--type", "blood", "--lab", "999" }, "Choose a laboratory" },
    { { "samples", "add", "--patient", "999", "--type", "blood", "--lab", lab }, "not in the register" },
    { { "samples", "add", "--patient", patient, "--type", "blood", "--lab", lab, "--taken", "2030-02-30" },
      "--taken “2030-02-30”" },
    { { "samples", "add", "--patient", patient, "--type", "blood", "--lab", lab, "--taken", NULL },
      "in the future" },
    { { "samples", "send", "1", "--method", "pigeon" }, "--method must be courier, post or internal" },
    { { "samples", "send", "7" }, "That sample is not on file." },
    { { "samples", "list", "--state", "forgotten" }, "--state must be taken" },
    { { "results", "add", "--sample", "1" }, "Give --text" },
    { { "calls", "add", "--patient", patient, "--outcome", "hung-up" }, "--outcome must be spoke" },
    { { "calls", "add", "--patient", patient, "--outcome", "message" }, "has not agreed to messages" },
    { { "samples", "frobnicate" }, "not something harley-cli can do with samples" },
  };

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  g_date_add_days (&date, 1);
  tomorrow = iso_day (&date);
  cases[6].args[9] = tomorrow;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *err = NULL;

      g_ptr_array_add (args, (char *) "-d");
      g_ptr_array_add (args, f->db.path);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (char *) cases[i].args[j]);
      g_ptr_array_add (args, NULL);
      g_assert_cmpint (harley_test_run_cli ((const char * const *) args->pdata, NULL, &err), ==,
                       HARLEY_CLI_EXIT_USAGE);
      if (strstr (err, cases[i].says) == NULL)
        g_error ("Case %u says “%s”, not “%s”", i, err, cases[i].says);
    }
  after = snapshot (f->db.path);
  g_assert_cmpstr (after, ==, before);
}

/* Calls are recorded with their outcome, a message where it is allowed. */
static void
test_calls (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *other = id_text (f->other);
  g_autofree char *patient = id_text (f->patient);
  g_autofree char *sample = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_message = NULL;
  gint64 id = add_sample (f, f->patient, f->lab, NULL);

  sample = id_text (id);
  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->db.path, "calls", "add", "--patient", patient, "--outcome",
                                    "no-answer", "--sample", sample, "--note", "rang twice", NULL), ==, 0);
  g_assert_cmpint (g_ascii_strtoll (out, NULL, 10), ==, 1);
  g_assert_cmpint (harley_test_cli (&out_message, NULL, "-d", f->db.path, "calls", "add", "--patient", other,
                                    "--outcome", "message", NULL), ==, 0);
  g_assert_cmpint (g_ascii_strtoll (out_message, NULL, 10), ==, 2);
  harley_test_assert_query_text (f->db.path, "SELECT outcome || ' ' || note FROM call WHERE id = 1",
                                 "no-answer rang twice");
  g_assert_cmpint (query_int (f, "SELECT sample_id FROM call WHERE id = 1"), ==, id);
  harley_test_assert_query_text (f->db.path, "SELECT outcome FROM call WHERE id = 2", "message");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-samples/whole-path", test_whole_path);
  ADD ("/cli-samples/no-skipping", test_no_skipping);
  ADD ("/cli-samples/overdue", test_overdue);
  ADD ("/cli-samples/truncated-pdf", test_truncated_pdf);
  ADD ("/cli-samples/manifest", test_manifest);
  ADD ("/cli-samples/bad-input", test_bad_input);
  ADD ("/cli-samples/calls", test_calls);
#undef ADD

  return g_test_run ();
}
