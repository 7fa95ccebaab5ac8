/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit trail in the real window: opening a record is noted, the
 * record's "Who Has Seen or Changed This Record" lists it, and the main
 * menu's Audit Trail shows the log by user and patient and checks it. */

#include <adwaita.h>
#include <string.h>

#include "harley-audit-entry.h"
#include "harley-audit-record-window.h"
#include "harley-audit-window.h"
#include "harley-clinic-list-window.h"
#include "harley-register.h"
#include "harley-test-ui.h"

typedef struct
{
  char              *dir;
  char              *path;
  gint64             ann;
  gint64             bea;
  HarleyApplication *app;
  HarleyWindow      *window;
} Desk;

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1961-03-12", NULL);

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, NULL));
  return harley_patient_get_id (p);
}

static void
desk_open (Desk *desk)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(HarleyPatient) ann = NULL;

  /* Written before by someone else, at another desk */
  harley_store_set_user (store, "reception");
  desk->ann = add_patient (store, "Ann", "Lee");
  desk->bea = add_patient (store, "Bea", "Moss");
  ann = harley_register_load (store, desk->ann, NULL);
  harley_patient_set_text (ann, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  g_assert_true (harley_register_save (store, ann, HARLEY_REGISTER_SAVE_DEFAULT, NULL));
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (300);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static gint64
count_views (Desk   *desk,
             gint64  patient)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'view' AND who = '%s' "
                                          "AND patient_id = %" G_GINT64_FORMAT, HARLEY_TEST_USER, patient);

  return harley_test_query_int (desk->path, sql);
}

/* Whether a label under @widget shows @text, or a line of it */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      g_auto(GStrv) lines = g_strsplit (gtk_label_get_text (GTK_LABEL (widget)), "\n", -1);

      if (g_strv_contains ((const char * const *) lines, text))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static const char *
action_at (GListModel *entries,
           guint       position)
{
  g_autoptr(HarleyAuditEntry) entry = g_list_model_get_item (entries, position);

  g_assert_nonnull (entry);
  /* the action strings are static to the entry's life: keep a copy */
  return g_intern_string (harley_audit_entry_get_action (entry));
}

static void
test_open_record (void)
{
  Desk desk = { 0 };
  HarleyPatientEditor *editor;
  HarleyAuditRecordWindow *record;
  GListModel *entries;

  desk_open (&desk);
  editor = harley_window_get_editor (desk.window);
  g_assert_cmpint (count_views (&desk, desk.ann), ==, 0);

  harley_window_open_patient (desk.window, desk.ann);
  harley_test_iterate (100);
  g_assert_cmpint (count_views (&desk, desk.ann), ==, 1);
  /* the same record again is not opened again */
  harley_window_open_patient (desk.window, desk.ann);
  harley_test_iterate (50);
  g_assert_cmpint (count_views (&desk, desk.ann), ==, 1);

  harley_test_activate (editor, "editor.audit", NULL);
  harley_test_iterate (200);
  record = harley_test_find_window (HARLEY_TYPE_AUDIT_RECORD_WINDOW);
  g_assert_nonnull (record);
  entries = harley_audit_record_window_get_entries (record);
  /* newest first: her opening it, then what reception did */
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  g_assert_cmpstr (action_at (entries, 0), ==, "view");
  g_assert_cmpstr (action_at (entries, 1), ==, "change");
  g_assert_cmpstr (action_at (entries, 2), ==, "create");
  g_assert_true (shows_text (GTK_WIDGET (record), "Viewed"));
  g_assert_true (shows_text (GTK_WIDGET (record), "reception"));
  g_assert_true (shows_text (GTK_WIDGET (record), "Record of Ann Lee"));
  g_assert_true (shows_text (GTK_WIDGET (record), "phone mobile: — → 07700 900123"));
  g_assert_true (shows_text (GTK_WIDGET (record), "3 entries"));
  gtk_window_close (GTK_WINDOW (record));
  harley_test_iterate (50);
  desk_close (&desk);
}

static void
test_trail_window (void)
{
  Desk desk = { 0 };
  HarleyAuditWindow *trail;
  AdwMessageDialog *dialog;
  g_autofree char *message = NULL;
  GListModel *entries;
  gint64 total;

  desk_open (&desk);
  harley_window_open_patient (desk.window, desk.bea);
  harley_test_iterate (100);
  total = harley_test_query_int (desk.path, "SELECT count(*) FROM audit");

  harley_test_activate (desk.window, "win.audit-trail", NULL);
  harley_test_iterate (200);
  trail = harley_test_find_window (HARLEY_TYPE_AUDIT_WINDOW);
  g_assert_nonnull (trail);
  entries = harley_audit_window_get_entries (trail);
  g_assert_cmpint (g_list_model_get_n_items (entries), ==, total);
  g_assert_cmpstr (action_at (entries, 0), ==, "view");

  harley_audit_window_set_user (trail, "reception");
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  g_assert_cmpstr (action_at (entries, 0), ==, "change");
  harley_audit_window_set_user (trail, NULL);
  harley_audit_window_set_patient (trail, desk.bea);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  harley_test_iterate (100);
  g_assert_true (shows_text (GTK_WIDGET (trail), "Bea Moss"));

  g_assert_true (harley_audit_window_check (trail, &message));
  g_assert_nonnull (strstr (message, "entries were checked"));
  harley_test_activate (trail, "audit.check", NULL);
  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Audit Trail Is Whole");
  harley_test_respond (dialog, "close");
  gtk_window_close (GTK_WINDOW (trail));
  harley_test_iterate (50);
  desk_close (&desk);
}

/* The day's clinic list names every patient on it: saving it as a PDF
 * is noted, with the file. */
static void
test_clinic_list_saved (void)
{
  Desk desk = { 0 };
  HarleyClinicListWindow *preview;
  g_autofree char *pdf = NULL;
  g_autofree char *details = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *noted = NULL;

  desk_open (&desk);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.section", "i", 2));
  harley_test_iterate (100);
  harley_test_activate (harley_window_get_diary (desk.window), "diary.print-clinic-list", NULL);
  preview = harley_test_find_window (HARLEY_TYPE_CLINIC_LIST_WINDOW);
  g_assert_nonnull (preview);
  pdf = g_build_filename (desk.dir, "clinic.pdf", NULL);
  harley_test_activate (preview, "preview.save-to", g_variant_new_string (pdf));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));

  noted = g_strconcat ("export ", HARLEY_TEST_USER, NULL);
  harley_test_assert_query_text (desk.path, "SELECT action || ' ' || who FROM audit ORDER BY id DESC LIMIT 1", noted);
  details = harley_test_query_text (desk.path, "SELECT details FROM audit ORDER BY id DESC LIMIT 1");
  expected = g_strdup_printf ("{\"file\":\"%s\"}", pdf);
  g_assert_cmpstr (details, ==, expected);
  gtk_window_destroy (GTK_WINDOW (preview));
  desk_close (&desk);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/audit/open-record", test_open_record, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/audit/trail-window", test_trail_window, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/audit/clinic-list-saved", test_clinic_list_saved, harley_test_run_in_subprocess);

  return g_test_run ();
}
