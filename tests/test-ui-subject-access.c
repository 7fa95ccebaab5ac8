/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The subject access export and the retention report in the real window:
 * "Export Everything Held…" on a record opens the folder chooser, and the
 * folder chosen gets the export, written off the main thread, with a
 * toast and the audit entry; a folder that is not there says so and
 * leaves nothing. "Retention Report…" on a demo practice lists the
 * patient last seen long ago, opens the record and saves the list. */

#include <adwaita.h>
#include <string.h>

#include "harley-demo.h"
#include "harley-diary.h"
#include "harley-retention-window.h"
#include "harley-test-ui.h"

typedef struct
{
  char              *dir;
  char              *path;
  char              *usb;      /* a folder to export into */
  gint64             patient;
  HarleyApplication *app;
  HarleyWindow      *window;
} Desk;

/* A patient last seen on 09/05/2011, with nothing since */
static gint64
add_old_patient (HarleyStore *store)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (store, NULL);
  gint64 id = harley_test_add_patient (store, "Margaret", "Thornbury", "1938-04-12");
  HarleyBooking b = { .patient_id = id, .type_id = harley_diary_find_type (store, "Follow-up"),
                      .start = 10 * 60, .end = 10 * 60 + 15 };
  g_autoptr(GError) error = NULL;

  b.clinician_id = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  g_date_clear (&b.date, 1);
  g_date_set_dmy (&b.date, 9, 5, 2011);
  g_assert_cmpint (harley_diary_book (store, &b, HARLEY_BOOK_ALLOW_PAST | HARLEY_BOOK_ALLOW_OUTSIDE_SESSION,
                                      &error), >, 0);
  g_assert_no_error (error);
  return id;
}

static void
desk_open (Desk     *desk,
           gboolean  demo)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(GError) error = NULL;

  if (demo)
    g_assert_true (harley_demo_fill (store, 200, 1, &error));
  g_assert_no_error (error);
  desk->patient = add_old_patient (store);
  g_clear_object (&store);
  desk->usb = g_build_filename (desk->dir, "usb", NULL);
  g_assert_cmpint (g_mkdir (desk->usb, 0700), ==, 0);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (300);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  g_free (desk->usb);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static gint64
count_exports (Desk *desk)
{
  return harley_test_query_int (desk->path, "SELECT count(*) FROM audit WHERE action = 'export' "
                                            "AND what = 'Subject access request'");
}

/* Waits for the worker thread to finish the export, at most 20 s. */
static void
wait_for_export (HarleyPatientEditor *editor)
{
  for (guint i = 0; i < 400 && harley_patient_editor_get_exporting (editor); i++)
    harley_test_iterate (50);
  g_assert_false (harley_patient_editor_get_exporting (editor));
  harley_test_iterate (50);
}

/* Whether a mapped label under @widget shows text starting with @start */
static gboolean
shows_text (GtkWidget  *widget,
            const char *start)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), start))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, start))
      return TRUE;
  return FALSE;
}

/* The export {{{1 */

static void
test_export (void)
{
  Desk desk = { 0 };
  HarleyPatientEditor *editor;
  GtkWindow *chooser;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *summary = NULL;

  desk_open (&desk, FALSE);
  editor = harley_window_get_editor (desk.window);
  /* Nothing to export until a saved record is open: no chooser */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.export", NULL);
  harley_test_iterate (200);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_null (harley_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  G_GNUC_END_IGNORE_DEPRECATIONS
  harley_window_open_patient (desk.window, desk.patient);
  harley_test_iterate (100);

  /* The menu's item asks for a folder */
  harley_test_activate (editor, "editor.export", NULL);
  harley_test_iterate (300);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = harley_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export Everything Held to a Folder");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  harley_test_iterate (100);
  g_assert_cmpuint (harley_test_count_entries (desk.usb), ==, 0);

  /* ... and the folder chosen gets the export */
  harley_patient_editor_export_to (editor, desk.usb);
  g_assert_true (harley_patient_editor_get_exporting (editor));
  wait_for_export (editor);
  dir = g_dir_open (desk.usb, 0, NULL);
  folder = g_build_filename (desk.usb, g_dir_read_name (dir), NULL);
  g_assert_true (g_str_has_prefix (folder + strlen (desk.usb), "/Subject access – Margaret Thornbury – "));
  g_assert_cmpuint (harley_test_count_entries (desk.usb), ==, 1);
  summary = g_build_filename (folder, "summary.pdf", NULL);
  g_assert_true (g_file_test (summary, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_exports (&desk), ==, 1);
  g_assert_true (shows_text (GTK_WIDGET (desk.window), "Exported to “Subject access – Margaret Thornbury – "));
  desk_close (&desk);
}

static void
test_export_refused (void)
{
  Desk desk = { 0 };
  HarleyPatientEditor *editor;
  AdwMessageDialog *dialog;
  g_autofree char *missing = NULL;

  desk_open (&desk, FALSE);
  editor = harley_window_get_editor (desk.window);
  harley_window_open_patient (desk.window, desk.patient);
  harley_test_iterate (100);
  missing = g_build_filename (desk.usb, "unplugged", NULL);
  harley_patient_editor_export_to (editor, missing);
  wait_for_export (editor);
  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing Was Exported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "plug the USB drive in"));
  harley_test_respond (dialog, "close");
  g_assert_cmpuint (harley_test_count_entries (desk.usb), ==, 0);
  g_assert_cmpint (count_exports (&desk), ==, 0);
  desk_close (&desk);
}

/* The retention report {{{1 */

static void
test_retention (void)
{
  Desk desk = { 0 };
  HarleyRetentionWindow *report;
  GListModel *patients;
  g_autofree char *pdf = NULL;
  g_autofree char *contents = NULL;

  desk_open (&desk, TRUE);
  /* Closed before the list is read: nothing comes of the reading */
  harley_test_activate (desk.window, "win.retention-report", NULL);
  gtk_window_destroy (harley_test_find_window (HARLEY_TYPE_RETENTION_WINDOW));
  harley_test_iterate (300);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_RETENTION_WINDOW));

  harley_test_activate (desk.window, "win.retention-report", NULL);
  harley_test_iterate (200);
  report = harley_test_find_window (HARLEY_TYPE_RETENTION_WINDOW);
  g_assert_nonnull (report);
  for (guint i = 0; i < 200 && harley_retention_window_get_loading (report); i++)
    harley_test_iterate (50);
  g_assert_false (harley_retention_window_get_loading (report));
  /* The demo's patients were all seen within the last year or so */
  patients = harley_retention_window_get_patients (report);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  g_assert_cmpint (harley_retention_window_get_patient_id (report, 0), ==, desk.patient);
  g_assert_true (shows_text (GTK_WIDGET (report), "Margaret Thornbury"));
  g_assert_true (shows_text (GTK_WIDGET (report), "09/05/2019"));

  /* Open Record opens it in the main window */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (patients), 0, TRUE);
  harley_test_activate (report, "retention.open", NULL);
  harley_test_iterate (100);
  g_assert_cmpint (harley_patient_editor_get_patient_id (harley_window_get_editor (desk.window)), ==, desk.patient);

  /* Saved as a PDF, which the audit trail notes */
  pdf = g_build_filename (desk.dir, "retention.pdf", NULL);
  g_assert_true (harley_retention_window_save_to (report, pdf));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'export' "
                                                     "AND what = 'Retention report'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (report));
  desk_close (&desk);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/subject-access/export", test_export, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/subject-access/export-refused", test_export_refused, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/subject-access/retention", test_retention, harley_test_run_in_subprocess);

  return g_test_run ();
}
