/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Samples driven as a secretary drives them: the real window on a
 * temporary database with a patient and a laboratory. A biopsy recorded
 * through Record Sample (a day still to come refused first), sent with
 * its manifest and label printed, its result received with the
 * laboratory's PDF, reviewed, a failed call then a successful one, the
 * patient told, closed: each state read from the database, the worklists
 * empty at the end and the patient's timeline complete. Then a message
 * refused for a patient who has not agreed to one, and the results
 * letter suggested after three calls unanswered; a forgotten sample first on
 * Outstanding, counted overdue; and results for no known sample matched
 * and filed, never dropped. */

#include <adwaita.h>
#include <cairo-pdf.h>
#include <poppler.h>
#include <string.h>

#include "harley-application.h"
#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-new-letter-dialog.h"
#include "harley-register.h"
#include "harley-sample-dialog.h"
#include "harley-sample.h"
#include "harley-samples-page.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

typedef struct
{
  char              *dir;
  char              *path;
  gint64             jane;      /* agreed to messages being left */
  gint64             john;      /* did not */
  gint64             lab;
  HarleyApplication *app;
  HarleyWindow      *window;
  HarleySamplesPage *page;
  HarleySamplePane  *pane;
} Desk;

static gint64
add_lab (HarleyStore *store)
{
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, "Leeds Pathology");
  g_autoptr(GError) error = NULL;

  g_object_set (lab, "phone", "0113 496 0000", "turnaround-days", 7, "turnaround-working", TRUE, NULL);
  g_assert_true (harley_contact_save (store, lab, &error));
  return harley_contact_get_id (lab);
}

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family,
             gboolean     messages)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1965-03-07", NULL);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  harley_patient_set_flag (p, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE, messages);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  return harley_patient_get_id (p);
}

static void
get_day (GDate *day,
         int    days_from_today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  if (days_from_today < 0)
    g_date_subtract_days (day, -days_from_today);
  else
    g_date_add_days (day, days_from_today);
}

static char *
day_text (int days_from_today)
{
  GDate day;

  get_day (&day, days_from_today);
  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (&day), g_date_get_month (&day), g_date_get_year (&day));
}

static char *
day_iso (int days_from_today)
{
  GDate day;

  get_day (&day, days_from_today);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
}

/* A sample taken @taken days ago, sent @sent days ago (if @sent >= 0) with
 * its result due @due days from today. */
static gint64
add_sample (HarleyStore *store,
            gint64       patient,
            gint64       lab,
            const char  *site,
            int          taken,
            int          sent,
            int          due)
{
  g_autoptr(GError) error = NULL;
  HarleySampleNew s = { 0 };
  GDate sent_on, expected_by;
  gint64 id;

  s.patient_id = patient;
  s.type = HARLEY_SAMPLE_HISTOLOGY;
  s.site = site;
  s.taken_by = "Dr Eleanor Hartley";
  get_day (&s.taken_on, -taken);
  id = harley_sample_add (store, &s, &error);
  g_assert_no_error (error);
  if (sent < 0)
    return id;
  get_day (&sent_on, -sent);
  get_day (&expected_by, due);
  g_assert_true (harley_sample_send (store, id, lab, &sent_on, HARLEY_SEND_COURIER, NULL, &expected_by, &error));
  g_assert_no_error (error);
  return id;
}

/* Jane's sample with its result reviewed: the patient is to be told. */
static gint64
add_reviewed (HarleyStore *store,
              gint64       patient,
              gint64       lab)
{
  gint64 id = add_sample (store, patient, lab, "right forearm", 10, 9, -2);
  g_autoptr(GError) error = NULL;
  HarleyResultNew r = { 0 };

  r.sample_id = id;
  get_day (&r.received_on, -1);
  r.report = "Seborrhoeic keratosis.";
  g_assert_cmpint (harley_result_add (store, &r, &error), >, 0);
  g_assert_true (harley_sample_review (store, id, HARLEY_REVIEW_LETTER, NULL, "Dr Eleanor Hartley", &error));
  g_assert_no_error (error);
  return id;
}

typedef void (*Fill) (Desk *desk, HarleyStore *store);

static void
desk_open (Desk *desk,
           Fill  fill)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_store_set_practice_detail (store, "consultant", "Dr Eleanor Hartley", &error));
  desk->lab = add_lab (store);
  desk->jane = add_patient (store, "Jane", "Smith", TRUE);
  desk->john = add_patient (store, "John", "Roe", FALSE);
  if (fill != NULL)
    fill (desk, store);
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (200);

  /* Alt+4: Samples */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.section", "i", 4));
  harley_test_iterate (100);
  desk->page = harley_window_get_samples (desk->window);
  desk->pane = harley_samples_page_get_pane (desk->page);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static char *
sample_query (Desk       *desk,
              gint64      id,
              const char *what)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM sample WHERE id = %" G_GINT64_FORMAT, what, id);

  return harley_test_query_text (desk->path, sql);
}

static void
assert_state (Desk       *desk,
              gint64      id,
              const char *state)
{
  g_autofree char *got = sample_query (desk, id, "state");

  g_assert_cmpstr (got, ==, state);
}

static gint64
count (Desk       *desk,
       const char *sql)
{
  return harley_test_query_int (desk->path, sql);
}

/* The laboratory's report: a one-page PDF, as a laboratory sends one. */
static char *
write_report (Desk *desk)
{
  char *path = g_build_filename (desk->dir, "H26-1234 report.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 72, 100);
  cairo_set_font_size (cr, 12);
  cairo_show_text (cr, "Leeds Pathology: histopathology report H26-1234");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GObject) document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_autoptr(GObject) page = NULL;

  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  return poppler_page_get_text (POPPLER_PAGE (page));
}

/* Record Sample, through its window: the patient found by typing, a
 * day still to come refused with the reason, then recorded. */
static gint64
record_through_dialog (Desk *desk)
{
  HarleySampleDialog *dialog;
  GtkWidget *widget;
  g_autofree char *tomorrow = day_text (1);
  g_autofree char *today = day_text (0);

  harley_test_activate (desk->window, "win.record-sample", g_variant_new_int64 (0));
  dialog = harley_test_find_window (HARLEY_TYPE_SAMPLE_DIALOG);
  g_assert_nonnull (dialog);
  widget = GTK_WIDGET (dialog);
  harley_test_type_text (harley_sample_dialog_get_search (dialog), "smi");
  g_signal_emit_by_name (harley_sample_dialog_get_search (dialog), "activate");
  harley_test_iterate (50);
  harley_test_type_text (gtk_widget_get_template_child (widget, HARLEY_TYPE_SAMPLE_DIALOG, "site_row"),
                         "left cheek");
  harley_test_type_text (gtk_widget_get_template_child (widget, HARLEY_TYPE_SAMPLE_DIALOG, "description_row"),
                         "Pearly papule, 6 mm");

  harley_test_type_text (gtk_widget_get_template_child (widget, HARLEY_TYPE_SAMPLE_DIALOG, "taken_row"), tomorrow);
  harley_test_activate (dialog, "record-sample.record", NULL);
  g_assert_cmpstr (harley_sample_dialog_get_problem (dialog), ==,
                   "That day is still to come: type the day the sample was taken.");
  g_assert_nonnull (harley_test_find_window (HARLEY_TYPE_SAMPLE_DIALOG));
  g_assert_cmpint (count (desk, "SELECT count(*) FROM sample"), ==, 0);

  harley_test_type_text (gtk_widget_get_template_child (widget, HARLEY_TYPE_SAMPLE_DIALOG, "taken_row"), today);
  harley_test_activate (dialog, "record-sample.record", NULL);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_SAMPLE_DIALOG));
  g_assert_cmpint (count (desk, "SELECT count(*) FROM sample"), ==, 1);
  return count (desk, "SELECT id FROM sample");
}

static void
send_and_print (Desk   *desk,
                gint64  id)
{
  g_autofree char *manifest = g_build_filename (desk->dir, "manifest.pdf", NULL);
  g_autofree char *labels = g_build_filename (desk->dir, "labels.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  /* Not yet sent: on Outstanding, with its label to print */
  g_assert_cmpint (harley_samples_page_get_shown (desk->page, 0), ==, id);
  harley_test_activate (desk->page, "samples.print-labels", g_variant_new ("(ss)", "taken", labels));
  text = pdf_text (labels);
  g_assert_nonnull (strstr (text, "SMITH"));
  g_assert_cmpint (harley_test_query_int (desk->path, "SELECT count(*) FROM audit WHERE action = 'print' AND "
                                                      "json_extract (details, '$.printed') = 'specimen labels'"), ==, 1);

  harley_test_activate (desk->pane, "sample.send-with",
                        g_variant_new ("(xsss)", desk->lab, "courier", "", "H26-1234"));
  assert_state (desk, id, "sent");
  expected = sample_query (desk, id, "sent_method || ' ' || lab_reference || ' ' || (expected_by > sent_on)");
  g_assert_cmpstr (expected, ==, "courier H26-1234 1");

  harley_test_activate (desk->page, "samples.print-manifest", g_variant_new_string (manifest));
  g_clear_pointer (&text, g_free);
  text = pdf_text (manifest);
  g_assert_nonnull (strstr (text, "H26-1234"));
  g_assert_nonnull (strstr (text, "left cheek"));
  g_assert_cmpint (harley_test_query_int (desk->path, "SELECT count(*) FROM audit WHERE action = 'print' AND "
                                                      "json_extract (details, '$.printed') = 'laboratory manifest'"),
                   ==, 1);
}

static void
receive_and_review (Desk   *desk,
                    gint64  id)
{
  g_autofree char *report = write_report (desk);
  g_autoptr(GBytes) bytes = harley_test_read_file (report);
  g_autofree char *sql = NULL;
  g_autofree char *by = NULL;

  harley_test_activate (desk->pane, "sample.receive-with",
                        g_variant_new ("(ssbs)", "", "Basal cell carcinoma, completely excised.", TRUE, report));
  assert_state (desk, id, "received");
  sql = g_strdup_printf ("SELECT count(*) FROM result WHERE sample_id = %" G_GINT64_FORMAT " AND abnormal = 1 "
                         "AND attachment_type = 'application/pdf' AND length (attachment) = %" G_GSIZE_FORMAT
                         " AND attachment_name = 'H26-1234 report.pdf'", id, g_bytes_get_size (bytes));
  g_assert_cmpint (count (desk, sql), ==, 1);
  /* The laboratory's PDF is shown beside the sample */
  g_assert_cmpstr (harley_sample_pane_get_report_kind (desk->pane), ==, "pdf");
  g_assert_cmpuint (harley_samples_page_get_count (desk->page, HARLEY_SAMPLES_TO_REVIEW), ==, 1);

  harley_test_activate (desk->pane, "sample.review-with", g_variant_new ("(ss)", "letter", "Discuss at follow-up"));
  assert_state (desk, id, "reviewed");
  by = sample_query (desk, id, "review_action || ' ' || reviewed_by");
  g_assert_cmpstr (by, ==, "letter Dr Eleanor Hartley");
  g_assert_cmpuint (harley_samples_page_get_count (desk->page, HARLEY_SAMPLES_TO_REVIEW), ==, 0);
  g_assert_cmpuint (harley_samples_page_get_count (desk->page, HARLEY_SAMPLES_TO_TELL), ==, 1);
}

/* The pane's list of calls, newest first: each row's title, then its
 * subtitle, a line each */
static char *
dup_calls_shown (Desk *desk)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (desk->pane), HARLEY_TYPE_SAMPLE_PANE,
                                                               "calls_list"));
  GString *shown = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (shown, "%s\n%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (shown, FALSE);
}

static void
test_from_taken_to_closed (void)
{
  Desk desk = { 0 };
  gint64 id;
  g_autofree char *taken = NULL;
  g_autofree char *today = day_iso (0);
  g_autofree char *expected = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *by = g_regex_escape_string (harley_diary_user (), -1);
  g_autofree char *pattern = NULL;

  desk_open (&desk, NULL);
  id = record_through_dialog (&desk);
  g_assert_cmpint (harley_sample_pane_get_sample_id (desk.pane), ==, id);
  assert_state (&desk, id, "taken");
  taken = sample_query (&desk, id, "site || ' ' || taken_on || ' ' || taken_by || ' ' || patient_id");
  expected = g_strdup_printf ("left cheek %s Dr Eleanor Hartley %" G_GINT64_FORMAT, today, desk.jane);
  g_assert_cmpstr (taken, ==, expected);

  send_and_print (&desk, id);
  receive_and_review (&desk, id);

  /* A failed call, then a successful one */
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "patient", "no-answer", ""));
  harley_test_activate (desk.pane, "sample.log-call-with",
                        g_variant_new ("(sss)", "patient", "spoke", "Told her; follow-up booked"));
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM call WHERE outcome = 'no-answer'"), ==, 1);
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM call WHERE outcome = 'spoke'"), ==, 1);
  g_assert_false (harley_sample_pane_get_suggests_letter (desk.pane));
  /* Both on the pane, the latest first, each with when and by whom */
  calls = dup_calls_shown (&desk);
  pattern = g_strdup_printf ("^Phoned the patient: spoke to them \\(Told her; follow-up booked\\)\n"
                             "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d, by %s\n"
                             "Phoned the patient: no answer\n"
                             "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d, by %s\n$", by, by);
  g_test_message ("%s", calls);
  g_assert_true (g_regex_match_simple (pattern, calls, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT));

  harley_test_activate (desk.pane, "sample.inform", g_variant_new_string ("phone"));
  assert_state (&desk, id, "informed");
  harley_test_activate (desk.pane, "sample.close", NULL);
  assert_state (&desk, id, "closed");

  /* Nothing is waiting, on screen or in the database */
  for (guint w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
    g_assert_cmpuint (harley_samples_page_get_count (desk.page, w), ==, 0);
  g_assert_cmpuint (harley_samples_page_get_n_shown (desk.page), ==, 0);

  /* The timeline: taken, sent, result, reviewed, two calls, told, closed */
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM patient_event WHERE kind = 'sample'"), >=, 5);
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM patient_event WHERE kind = 'result'"), ==, 1);
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM patient_event WHERE kind = 'call'"), ==, 2);
  g_assert_cmpint (count (&desk, "SELECT count(DISTINCT patient_id) FROM patient_event "
                                 "WHERE kind IN ('sample', 'result', 'call')"), ==, 1);

  desk_close (&desk);
}

/* Test 2 {{{1 */

static gint64 johns_sample;
static gint64 janes_sample;

static void
fill_reviewed (Desk        *desk,
               HarleyStore *store)
{
  johns_sample = add_reviewed (store, desk->john, desk->lab);
  janes_sample = add_reviewed (store, desk->jane, desk->lab);
}

/* The row of the call dialog that says @title */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_message_refused_and_letter_suggested (void)
{
  Desk desk = { 0 };
  AdwMessageDialog *dialog;
  GtkWidget *message_row;
  HarleyNewLetterDialog *letter;
  GObject *template_row;

  desk_open (&desk, fill_reviewed);
  harley_test_activate (desk.window, "win.open-sample", g_variant_new_int64 (johns_sample));
  g_assert_cmpint (harley_sample_pane_get_sample_id (desk.pane), ==, johns_sample);
  g_assert_cmpint (harley_samples_page_get_worklist (desk.page), ==, HARLEY_SAMPLES_TO_TELL);

  /* In the dialog the choice is there, but off, with the reason */
  harley_test_activate (desk.pane, "sample.log-call", g_variant_new_string ("patient"));
  dialog = harley_test_find_dialog ();
  message_row = find_row (GTK_WIDGET (dialog), harley_call_outcome_label (HARLEY_CALL_MESSAGE));
  g_assert_nonnull (message_row);
  g_assert_false (gtk_widget_get_sensitive (message_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (message_row)), ==,
                   "Not allowed: the patient has not agreed to messages being left");
  harley_test_respond (dialog, "cancel");

  /* Asked for all the same, it is refused and nothing is written */
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "patient", "message", ""));
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM call"), ==, 0);
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM patient_event WHERE kind = 'call'"), ==, 0);
  assert_state (&desk, johns_sample, "reviewed");

  /* Jane may have messages; after three failed calls, the letter */
  harley_test_activate (desk.window, "win.open-sample", g_variant_new_int64 (janes_sample));
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "patient", "message", "Rang"));
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM call WHERE outcome = 'message'"), ==, 1);
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "patient", "no-answer", ""));
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "patient", "no-answer", ""));
  g_assert_false (harley_sample_pane_get_suggests_letter (desk.pane));
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "patient", "wrong-number", ""));
  g_assert_true (harley_sample_pane_get_suggests_letter (desk.pane));
  harley_test_activate (desk.pane, "sample.results-letter", NULL);
  letter = harley_test_find_window (HARLEY_TYPE_NEW_LETTER_DIALOG);
  g_assert_nonnull (letter);
  template_row = gtk_widget_get_template_child (GTK_WIDGET (letter), HARLEY_TYPE_NEW_LETTER_DIALOG, "template_row");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (template_row))), ==,
                   "Results letter");
  gtk_window_close (GTK_WINDOW (letter));
  harley_test_iterate (50);

  desk_close (&desk);
}

/* Test 3 {{{1 */

static gint64 forgotten;

static void
fill_outstanding (Desk        *desk,
                  HarleyStore *store)
{
  add_sample (store, desk->jane, desk->lab, "back", 1, 0, 10);             /* sent today */
  add_sample (store, desk->jane, desk->lab, "scalp", 0, -1, 0);            /* not sent yet */
  forgotten = add_sample (store, desk->john, desk->lab, "shin", 40, 39, -5);
}

static void
test_forgotten_sample_is_overdue_first (void)
{
  Desk desk = { 0 };

  desk_open (&desk, fill_outstanding);
  g_assert_cmpint (harley_samples_page_get_worklist (desk.page), ==, HARLEY_SAMPLES_OUTSTANDING);
  g_assert_cmpuint (harley_samples_page_get_n_shown (desk.page), ==, 3);
  g_assert_cmpint (harley_samples_page_get_shown (desk.page, 0), ==, forgotten);
  g_assert_cmpuint (harley_samples_page_get_count (desk.page, HARLEY_SAMPLES_OUTSTANDING), ==, 3);

  harley_test_activate (desk.window, "win.open-sample", g_variant_new_int64 (forgotten));
  g_assert_cmpint (harley_sample_pane_get_sample_id (desk.pane), ==, forgotten);
  /* Chasing it logs a call to the laboratory, about the sample */
  harley_test_activate (desk.pane, "sample.log-call-with", g_variant_new ("(sss)", "lab", "spoke", "Promised Friday"));
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM call WHERE contact_id IS NOT NULL AND patient_id IS NULL"), ==,
                   1);

  /* Open Patient's Record: the record, in the Patients section */
  harley_test_activate (desk.window, "win.open-patient", g_variant_new_int64 (desk.john));
  g_assert_cmpint (harley_patient_editor_get_patient_id (harley_window_get_editor (desk.window)), ==, desk.john);
  desk_close (&desk);
}

/* Test 4 {{{1 */

static gint64 waiting;

static void
fill_unmatched (Desk        *desk,
                HarleyStore *store)
{
  g_autoptr(GError) error = NULL;
  HarleyResultNew r = { 0 };

  waiting = add_sample (store, desk->jane, desk->lab, "left cheek", 8, 7, 0);
  r.lab_id = desk->lab;
  r.patient_details = "SMITH, Jane 07/03/1965";
  r.lab_reference = "H26-9999";
  r.report = "Actinic keratosis.";
  get_day (&r.received_on, 0);
  g_assert_cmpint (harley_result_add (store, &r, &error), >, 0);
  r.patient_details = "ROE J";
  r.lab_reference = "B26-0001";
  r.report = "Full blood count normal.";
  g_assert_cmpint (harley_result_add (store, &r, &error), >, 0);
  g_assert_no_error (error);
}

static void
choose_row (Desk *desk,
            int   index)
{
  GtkListBox *box = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (desk->page), HARLEY_TYPE_SAMPLES_PAGE,
                                                                 "sample_box"));

  gtk_list_box_select_row (box, gtk_list_box_get_row_at_index (box, index));
  harley_test_iterate (50);
}

static void
test_unmatched_results (void)
{
  Desk desk = { 0 };

  desk_open (&desk, fill_unmatched);
  g_assert_cmpuint (harley_samples_page_get_count (desk.page, HARLEY_SAMPLES_UNMATCHED), ==, 2);
  harley_samples_page_show_worklist (desk.page, HARLEY_SAMPLES_UNMATCHED);
  harley_test_iterate (50);
  g_assert_cmpuint (harley_samples_page_get_n_shown (desk.page), ==, 2);

  /* Jane's: to the sample that was waiting for it */
  choose_row (&desk, 0);
  g_assert_cmpint (harley_sample_pane_get_result_id (desk.pane), ==, harley_samples_page_get_shown (desk.page, 0));
  harley_test_activate (desk.pane, "sample.match-result", g_variant_new_int64 (waiting));
  assert_state (&desk, waiting, "received");
  g_assert_cmpint (harley_sample_pane_get_sample_id (desk.pane), ==, waiting);
  g_assert_cmpuint (harley_samples_page_get_count (desk.page, HARLEY_SAMPLES_UNMATCHED), ==, 1);

  /* John's: filed to him, a blood sample of its own */
  harley_samples_page_show_worklist (desk.page, HARLEY_SAMPLES_UNMATCHED);
  choose_row (&desk, 0);
  harley_test_activate (desk.pane, "sample.file-result", g_variant_new ("(xs)", desk.john, "blood"));
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM sample s JOIN result r ON r.sample_id = s.id "
                                 "WHERE s.type = 'blood' AND s.state = 'received'"), ==, 1);
  g_assert_cmpuint (harley_samples_page_get_count (desk.page, HARLEY_SAMPLES_UNMATCHED), ==, 0);
  g_assert_cmpuint (harley_samples_page_get_count (desk.page, HARLEY_SAMPLES_TO_REVIEW), ==, 2);
  g_assert_cmpint (count (&desk, "SELECT count(*) FROM result WHERE sample_id IS NULL"), ==, 0);

  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/samples/from-taken-to-closed", test_from_taken_to_closed,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/samples/message-refused-letter-suggested", test_message_refused_and_letter_suggested,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/samples/forgotten-sample-overdue-first", test_forgotten_sample_is_overdue_first,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/samples/unmatched-results", test_unmatched_results, harley_test_run_in_subprocess);

  return g_test_run ();
}
