/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-subject-access"

/* A subject access export of a patient with an appointment, an approved
 * letter with a copy, a draft, a sample with its result and the
 * laboratory's PDF, and a call: every file is there with the bytes
 * stored, record.json is JSON (read by Python's parser) with the counts,
 * summary.pdf opens in Poppler with the patient's name in it, the folder
 * is 0700 and the files 0600, and the audit trail records the export. A
 * letter changed behind Harley's back is named, not included. A patient
 * not there, a folder that cannot be written to, or a write that fails
 * part way leaves nothing behind and nothing in the trail. harley-cli
 * subject-access too. */

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <poppler.h>

#include "harley-audit.h"
#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-subject-access-pdf.h"
#include "harley-test-util.h"
#include "harley-validate.h"

#define LETTER_PDF "%PDF-1.4\n% the letter to the GP, as approved\n%%EOF\n"
#define COPY_PDF   "%PDF-1.4\n% the patient's copy\n%%EOF\n"
#define REPORT_PDF "%PDF-1.4\n% the laboratory's report\n%%EOF\n"
#define DRAFT      "Dear Dr Khan\n\nAnn Lee came back today.\n"

typedef struct
{
  HarleyTestDb  db;
  char         *parent;     /* where exports go */
  char         *today;      /* "YYYY-MM-DD" in London, as files are named */
  gint64        patient;
  gint64        letter;
  gint64        draft;
} Fixture;

/* Setting up {{{1 */

static gint64
add_contact (Fixture           *f,
             HarleyContactKind  kind,
             const char        *name)
{
  g_autoptr(HarleyContact) c = harley_contact_new (kind, name);

  g_assert_true (harley_contact_save (f->db.store, c, NULL));
  return harley_contact_get_id (c);
}

static void
add_appointment (Fixture *f)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (f->db.store, NULL);
  HarleyBooking b = { .patient_id = f->patient, .type_id = harley_diary_find_type (f->db.store, "Follow-up"),
                      .start = 9 * 60 + 15, .end = 9 * 60 + 30, .notes = "Check the scar" };
  g_autoptr(GError) error = NULL;

  b.clinician_id = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  g_date_clear (&b.date, 1);
  g_date_set_dmy (&b.date, 14, 1, 2030);
  g_assert_cmpint (harley_diary_book (f->db.store, &b, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error), >, 0);
  g_assert_no_error (error);
}

static void
add_letters (Fixture *f,
             gint64   gp)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetter) letter = NULL;

  f->letter = harley_letter_create (f->db.store, f->patient, 0, 0, 0, "Clinic letter", "Dear Dr Khan", &error);
  g_assert_cmpint (harley_letter_add_recipient (f->db.store, f->letter, FALSE, HARLEY_RECIPIENT_GP, gp, &error), >, 0);
  g_assert_cmpint (harley_letter_add_recipient (f->db.store, f->letter, TRUE, HARLEY_RECIPIENT_PATIENT, 0, &error),
                   >, 0);
  g_assert_true (harley_letter_set_state (f->db.store, f->letter, HARLEY_LETTER_TYPED, NULL, &error));
  g_assert_true (harley_letter_set_state (f->db.store, f->letter, HARLEY_LETTER_AWAITING_APPROVAL, NULL, &error));
  g_ptr_array_add (pdfs, g_bytes_new_static (LETTER_PDF, strlen (LETTER_PDF)));
  g_ptr_array_add (pdfs, g_bytes_new_static (COPY_PDF, strlen (COPY_PDF)));
  g_assert_true (harley_letter_approve_all (f->db.store, f->letter, pdfs, "Dr Eleanor Hartley", FALSE, &error));
  letter = harley_letter_load (f->db.store, f->letter, &error);
  g_assert_true (harley_letter_record_sent (f->db.store, ((HarleyRecipient *) g_ptr_array_index (letter->recipients,
                                                                                                 0))->id,
                                            HARLEY_SENT_BY_POST, &error));
  f->draft = harley_letter_create (f->db.store, f->patient, 0, 0, 0, "Follow-up", DRAFT, &error);
  g_assert_cmpint (harley_letter_add_recipient (f->db.store, f->draft, FALSE, HARLEY_RECIPIENT_GP, gp, &error), >, 0);
  g_assert_no_error (error);
}

static void
add_sample (Fixture *f,
            gint64   lab)
{
  g_autoptr(GBytes) report = g_bytes_new_static (REPORT_PDF, strlen (REPORT_PDF));
  g_autoptr(GError) error = NULL;
  HarleySampleNew s = { .patient_id = f->patient, .type = HARLEY_SAMPLE_HISTOLOGY, .site = "left cheek",
                        .lab_id = lab };
  HarleyResultNew r = { .report = "Basal cell carcinoma, completely excised.", .abnormal = TRUE,
                        .attachment = report, .attachment_type = "application/pdf",
                        .attachment_name = "NDP-30-0001.pdf" };
  HarleyCallNew call = { .patient_id = f->patient, .outcome = HARLEY_CALL_NO_ANSWER, .note = "Rang the mobile" };
  GDate when;

  g_date_clear (&when, 1);
  g_date_set_dmy (&when, 2, 11, 2026);
  s.taken_on = when;
  r.sample_id = harley_sample_add (f->db.store, &s, &error);
  g_assert_true (harley_sample_send (f->db.store, r.sample_id, 0, &when, HARLEY_SEND_COURIER, "NDP-30-0001", &when,
                                     &error));
  g_date_set_dmy (&when, 9, 11, 2026);
  r.received_on = when;
  g_assert_cmpint (harley_result_add (f->db.store, &r, &error), >, 0);
  call.sample_id = r.sample_id;
  g_assert_cmpint (harley_call_add (f->db.store, &call, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Ann", "Lee", "1980-04-02", "9434765919");
  g_autoptr(GError) error = NULL;
  gint64 gp, lab;
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());

  harley_test_db_set_up (&f->db, data);
  f->today = g_date_time_format (now, "%Y-%m-%d");
  f->parent = g_build_filename (f->db.dir, "usb", NULL);
  g_assert_cmpint (g_mkdir (f->parent, 0755), ==, 0);
  gp = add_contact (f, HARLEY_CONTACT_GP, "Dr Amir Khan");
  lab = add_contact (f, HARLEY_CONTACT_LABORATORY, "Northgate Dermatopathology");
  harley_patient_set_link (p, HARLEY_PATIENT_GP, gp);
  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  f->patient = harley_patient_get_id (p);
  g_assert_true (harley_audit_add (f->db.store, "view", f->patient, NULL, NULL, &error));
  add_appointment (f);
  add_letters (f, gp);
  add_sample (f, lab);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->parent);
  g_free (f->today);
  harley_test_db_tear_down (&f->db, data);
}

/* Reading back {{{1 */

/* @name after "letters/" and today's date */
static void
assert_file (Fixture    *f,
             const char *folder,
             const char *name,
             const char *expected)
{
  g_autofree char *dated = g_str_has_prefix (name, "letters/") ? g_strdup_printf ("letters/%s %s", f->today, name + 8)
                                                                : g_strdup (name);
  g_autofree char *path = g_build_filename (folder, dated, NULL);
  g_autoptr(GBytes) bytes = harley_test_read_file (path);
  struct stat st;

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, strlen (expected));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
assert_mode (const char *folder,
             const char *name,
             int         mode)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, mode);
}

/* What Python's own JSON parser makes of record.json. */
static char *
read_json (const char *folder,
           const char *expression)
{
  g_autofree char *path = g_build_filename (folder, "record.json", NULL);
  g_autofree char *script = g_strdup_printf ("import json, sys\nd = json.load (open (sys.argv[1], encoding='utf-8'))\n"
                                             "print (%s)\n", expression);
  const char *argv[] = { "python3", "-c", script, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (out);
}

static void
assert_json (const char *folder,
             const char *expression,
             const char *expected)
{
  g_autofree char *got = read_json (folder, expression);

  g_assert_cmpstr (got, ==, expected);
}

static char *
pdf_text (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "summary.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
export (Fixture  *f,
        guint    *n_files,
        guint    *n_problems,
        GError  **error)
{
  return harley_subject_access_pdf_export (f->db.store, f->patient, f->parent, n_files, n_problems, error);
}

static gint64
count_exports (Fixture *f)
{
  return harley_test_query_int (f->db.path, "SELECT count(*) FROM audit WHERE action = 'export'");
}

/* The export {{{1 */

static void
test_export_whole (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());
  g_autofree char *today = g_date_time_format (now, "%d-%m-%Y");
  g_autofree char *expected = g_strdup_printf ("Subject access – Ann Lee – %s", today);
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  /* Every entry that names Ann Lee until now: the export's own comes after */
  g_autofree char *counts = g_strdup_printf ("[('appointments', 1), ('audit', %" G_GINT64_FORMAT "), ('calls', 1), "
                                             "('files', 6), ('letters', 2), ('not_included', 0), ('results', 1), "
                                             "('samples', 1)]",
                                             harley_test_query_int (f->db.path, "SELECT count(*) FROM audit "
                                                                                "WHERE patient_id = 1"));
  guint n_files = 0, n_problems = 9;

  folder = export (f, &n_files, &n_problems, &error);
  g_assert_no_error (error);
  name = g_path_get_basename (folder);
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpuint (n_files, ==, 6);
  g_assert_cmpuint (n_problems, ==, 0);
  /* Only the export in the folder chosen: no temporary folder left */
  g_assert_cmpuint (harley_test_count_entries (f->parent), ==, 1);
  g_assert_cmpuint (harley_test_count_entries (folder), ==, 4);
  assert_mode (f->parent, name, 0700);
  assert_mode (folder, "letters", 0700);
  assert_mode (folder, "summary.pdf", 0600);
  assert_mode (folder, "record.json", 0600);

  assert_file (f, folder, "letters/Letter 1 v1 to Dr Amir Khan.pdf", LETTER_PDF);
  assert_file (f, folder, "letters/Letter 1 v1 copy to Ann Lee.pdf", COPY_PDF);
  assert_file (f, folder, "letters/Letter 2 Draft to Dr Amir Khan.txt", DRAFT);
  assert_file (f, folder, "results/2026-11-09 Result 1 NDP-30-0001.pdf", REPORT_PDF);

  assert_json (folder, "d['format'], d['version'], d['patient']['family_name'], d['patient']['nhs_number']",
               "harley-subject-access 1 Lee 9434765919");
  assert_json (folder, "sorted (d['counts'].items ())", counts);
  assert_json (folder, "d['letters'][0]['recipients'][0]['name'], d['letters'][0]['recipients'][0]['sent_method'], "
                       "d['letters'][1]['state'], d['letters'][1]['body'].count ('\\n')",
               "Dr Amir Khan post draft 3");
  assert_json (folder, "d['samples'][0]['result']['report'], d['calls'][0]['outcome'], d['appointments'][0]['starts']",
               "Basal cell carcinoma, completely excised. no-answer 2030-01-14 09:15");
  assert_json (folder, "[e['action'] for e in d['audit']].count ('view'), d['patient']['gp']", "1 Dr Amir Khan");

  text = pdf_text (folder);
  g_assert_nonnull (strstr (text, "Ann Lee"));
  g_assert_nonnull (strstr (text, "Basal cell carcinoma, completely excised."));
  g_assert_nonnull (strstr (text, "14/01/2030"));
  g_assert_nonnull (strstr (text, "Who has seen or changed the record"));

  g_assert_cmpint (count_exports (f), ==, 1);
  details = harley_test_query_text (f->db.path, "SELECT patient_id || ' ' || what || ' ' || details FROM audit "
                                                "WHERE action = 'export'");
  g_assert_true (g_str_has_prefix (details, "1 Subject access request {\"files\":6,\"not_included\":0,"));
}

static void
test_export_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = export (f, NULL, NULL, NULL);
  g_autofree char *second = export (f, NULL, NULL, NULL);

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_true (g_str_has_suffix (second, " (2)"));
  g_assert_cmpuint (harley_test_count_entries (f->parent), ==, 2);
  g_assert_cmpint (count_exports (f), ==, 2);
}

static void
test_export_tampered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  guint n_files = 0, n_problems = 0;

  g_assert_true (harley_store_exec (f->db.store, "UPDATE letter_copy SET pdf = CAST ('%PDF altered' AS BLOB)",
                                    &error));
  folder = export (f, &n_files, &n_problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 5);
  g_assert_cmpuint (n_problems, ==, 1);
  assert_file (f, folder, "letters/Letter 1 v1 to Dr Amir Khan.pdf", LETTER_PDF);
  assert_json (folder, "[(f['name'][19:], f['included'], f['problem'][:36]) for f in d['files'] "
                       "if not f['included']], d['counts']['not_included']",
               "[('Letter 1 v1 copy to Ann Lee.pdf', False, 'The approved letter has been changed')] 1");
  text = pdf_text (folder);
  g_assert_nonnull (strstr (text, "1 stored file could not be included"));
  g_assert_nonnull (strstr (text, "Letter 1 v1 copy to Ann Lee.pdf"));
  g_assert_nonnull (strstr (text, "Not included:"));
}

/* Refusals and failures {{{1 */

static void
assert_nothing_left (Fixture *f,
                     gint64   exports)
{
  g_assert_cmpuint (harley_test_count_entries (f->parent), ==, 0);
  g_assert_cmpint (count_exports (f), ==, exports);
}

static void
test_export_not_found (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = harley_subject_access_pdf_export (f->db.store, 99, f->parent, NULL, NULL, &error);

  g_assert_null (folder);
  g_assert_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no patient 99. Find the patient first and use the number shown.");
  assert_nothing_left (f, 0);
}

static void
test_export_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *missing = g_build_filename (f->parent, "unplugged", NULL);

  /* A folder that is not there: a USB drive pulled out */
  g_assert_null (harley_subject_access_pdf_export (f->db.store, f->patient, missing, NULL, NULL, &error));
  g_assert_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, "plug the USB drive in"));
  g_clear_error (&error);
  assert_nothing_left (f, 0);

  if (geteuid () == 0)
    {
      g_test_skip ("The superuser may write to a read-only folder");
      return;
    }
  g_assert_cmpint (g_chmod (f->parent, 0555), ==, 0);
  folder = export (f, NULL, NULL, &error);
  g_assert_cmpint (g_chmod (f->parent, 0755), ==, 0);
  g_assert_null (folder);
  g_assert_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, "cannot be written to. Choose another folder"));
  assert_nothing_left (f, 0);
}

/* A summary that fails as a full disk would, after the letters and
 * results are written. */
static GBytes *
failing_summary (const HarleySubjectAccess  *access,
                 GError                    **error)
{
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, g_strerror (ENOSPC));
  return NULL;
}

static void
test_export_fails_part_way (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = harley_subject_access_export (f->db.store, f->patient, f->parent, failing_summary, NULL,
                                                          NULL, &error);

  g_assert_null (folder);
  g_assert_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "No space left on device. Nothing was left there"));
  assert_nothing_left (f, 0);
}

static void
test_export_cannot_make_folder (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 exports = count_exports (f);

  /* /proc takes no new folders, not even from the superuser */
  g_assert_null (harley_subject_access_pdf_export (f->db.store, f->patient, "/proc", NULL, NULL, &error));
  g_assert_true (g_error_matches (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_FAILED)
                 || g_error_matches (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_NOT_WRITABLE));
  g_assert_cmpint (count_exports (f), ==, exports);
}

/* harley-cli subject-access {{{1 */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->patient);

  g_clear_object (&f->db.store);
  g_assert_cmpint (harley_test_cli (&out, NULL, "--database", f->db.path, "subject-access", id, "--to", f->parent,
                                    NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Wrote 6 files to “"));
  g_assert_nonnull (strstr (out, "/usb/Subject access – Ann Lee – "));
  g_assert_cmpuint (harley_test_count_entries (f->parent), ==, 1);
  g_assert_cmpint (count_exports (f), ==, 1);
}

static void
cli_refuses (Fixture    *f,
             const char *expected,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) "--database");
  g_ptr_array_add (args, f->db.path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (harley_test_run_cli ((const char * const *) args->pdata, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpstr (out, ==, "");
  assert_nothing_left (f, 0);
}

static void
test_cli_refuses (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->parent, "unplugged", NULL);

  g_clear_object (&f->db.store);
  cli_refuses (f, "There is no patient 99.", "subject-access", "99", "--to", f->parent, NULL);
  cli_refuses (f, "The patient’s number is a whole number", "subject-access", "Lee", "--to", f->parent, NULL);
  cli_refuses (f, "Give --to", "subject-access", "1", NULL);
  cli_refuses (f, "Give the patient’s number, and only that.", "subject-access", "--to", f->parent, NULL);
  cli_refuses (f, "There is no folder", "subject-access", "1", "--to", missing, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, test) g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)
  ADD ("/subject-access/export/whole", test_export_whole);
  ADD ("/subject-access/export/twice", test_export_twice);
  ADD ("/subject-access/export/tampered", test_export_tampered);
  ADD ("/subject-access/export/not-found", test_export_not_found);
  ADD ("/subject-access/export/read-only", test_export_read_only);
  ADD ("/subject-access/export/fails-part-way", test_export_fails_part_way);
  ADD ("/subject-access/export/cannot-make-folder", test_export_cannot_make_folder);
  ADD ("/subject-access/cli", test_cli);
  ADD ("/subject-access/cli/refuses", test_cli_refuses);
#undef ADD

  return g_test_run ();
}
