/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A new letter started as a secretary starts one: from the patient's
 * record ("Write a Letter…") or the window's action, the template
 * chosen, Ctrl+Enter; then the database is read. A patient with no GP
 * is told so before anything is written. */

#include <adwaita.h>
#include <string.h>

#include "harley-application.h"
#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-new-letter-dialog.h"
#include "harley-patient-letters.h"
#include "harley-register.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"
#include "harley-window.h"

typedef struct
{
  char              *dir;
  char              *path;
  gint64             gp;
  gint64             jane;      /* has a GP, and was seen last week */
  gint64             john;      /* has no GP, and no appointment */
  gint64             seen;      /* Jane's appointment */
  gint64             clinic;    /* the template "Clinic letter to the GP" */
  HarleyApplication *app;
  HarleyWindow      *window;
} Desk;

static gint64
add_contact (HarleyStore       *store,
             HarleyContactKind  kind,
             const char        *name,
             gint64             organisation)
{
  g_autoptr(HarleyContact) contact = harley_contact_new (kind, name);
  g_autoptr(GError) error = NULL;

  harley_contact_set_organisation_id (contact, organisation);
  g_assert_true (harley_contact_save (store, contact, &error));
  return harley_contact_get_id (contact);
}

static gint64
add_patient (HarleyStore *store,
             const char  *title,
             const char  *given,
             const char  *family,
             gint64       gp)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1965-03-07", NULL);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_TITLE, title);
  harley_patient_set_text (p, HARLEY_PATIENT_ADDRESS_LINE1, "12 Royal Crescent");
  harley_patient_set_text (p, HARLEY_PATIENT_POST_TOWN, "Bath");
  harley_patient_set_link (p, HARLEY_PATIENT_GP, gp);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  return harley_patient_get_id (p);
}

/* Seen a week ago at the London Clinic, as the demo's patients are. */
static gint64
add_seen_appointment (HarleyStore *store,
                      gint64       patient)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (store, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  HarleyBooking b = { 0 };
  int minute;
  gint64 id;

  b.patient_id = patient;
  b.clinician_id = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  b.location_id = add_contact (store, HARLEY_CONTACT_HOSPITAL, "The London Clinic", 0);
  b.type_id = harley_diary_find_type (store, "New consultation");
  g_assert_true (harley_wall_time_from_utc (now, &b.date, &minute));
  g_date_subtract_days (&b.date, 7);
  b.start = 9 * 60 + 15;
  b.end = b.start + 30;
  id = harley_diary_book (store, &b, HARLEY_BOOK_ALLOW_PAST | HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error);
  g_assert_no_error (error);
  g_assert_true (harley_diary_set_status (store, id, HARLEY_APPOINTMENT_ARRIVED, NULL, &error));
  g_assert_true (harley_diary_set_status (store, id, HARLEY_APPOINTMENT_SEEN, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
desk_open (Desk *desk)
{
  const char *keys[] = { "name", "phone", "consultant" };
  const char *values[] = { "Harley Street Dermatology", "020 7946 0000", "Dr Eleanor Whitfield" };
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(HarleyLetterTemplate) clinic = NULL;
  g_autoptr(GError) error = NULL;
  gint64 surgery;

  g_assert_true (harley_store_set_practice_details (store, keys, values, G_N_ELEMENTS (keys), &error));
  surgery = add_contact (store, HARLEY_CONTACT_GP_PRACTICE, "Abbey Surgery", 0);
  desk->gp = add_contact (store, HARLEY_CONTACT_GP, "Dr Amir Khan", surgery);
  desk->jane = add_patient (store, "Ms", "Jane", "Smith", desk->gp);
  desk->john = add_patient (store, "Mr", "John", "Roe", 0);
  desk->seen = add_seen_appointment (store, desk->jane);
  clinic = harley_letter_template_find (store, "Clinic letter to the GP", &error);
  g_assert_no_error (error);
  desk->clinic = clinic->id;
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (200);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

/* The first widget of @type under @widget, depth first (transfer none). */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The letters on the open record, as their rows' titles. */
static char *
dup_record_letters (GtkWidget *letters)
{
  GtkWidget *list = find_descendant (letters, GTK_TYPE_LIST_BOX);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* Whether @widget's class installs @name, taking @type */
static gboolean
has_action (gpointer    widget,
            const char *name,
            const char *type)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  const GVariantType *parameter_type = NULL;
  const char *action = NULL;
  const char *property = NULL;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action, &parameter_type, &property); i++)
    if (g_strcmp0 (action, name) == 0)
      return parameter_type != NULL && g_variant_type_equal (parameter_type, G_VARIANT_TYPE (type));
  return FALSE;
}

static gint64
count (Desk       *desk,
       const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return harley_test_query_int (desk->path, sql);
}

static void
test_clinic_letter_from_the_record (void)
{
  Desk desk = { 0 };
  GtkWidget *letters;
  HarleyNewLetterDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *body_test = NULL;

  desk_open (&desk);
  g_assert_true (has_action (desk.window, "win.new-letter", "x"));
  g_assert_true (has_action (desk.window, "win.open-letter", "x"));
  harley_window_open_patient (desk.window, desk.jane);
  harley_test_iterate (100);
  letters = find_descendant (GTK_WIDGET (harley_window_get_editor (desk.window)), HARLEY_TYPE_PATIENT_LETTERS);
  g_assert_nonnull (letters);
  before = dup_record_letters (letters);
  g_assert_cmpstr (before, ==, "");

  /* "Write a Letter…" on the record */
  g_signal_emit_by_name (find_descendant (letters, GTK_TYPE_BUTTON), "clicked");
  harley_test_iterate (100);
  dialog = harley_test_find_window (HARLEY_TYPE_NEW_LETTER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (desk.window));

  harley_new_letter_dialog_set_template (dialog, desk.clinic);
  harley_test_iterate (50);
  g_assert_null (harley_new_letter_dialog_get_problem (dialog));
  /* Ctrl+Enter */
  harley_test_activate (dialog, "new-letter.create", NULL);
  harley_test_iterate (100);

  g_assert_null (harley_test_find_window (HARLEY_TYPE_NEW_LETTER_DIALOG));
  g_assert_cmpint (count (&desk, "letter"), ==, 1);
  body_test = g_strdup_printf ("SELECT patient_id || '|' || appointment_id || '|' || template_id || '|' || state "
                               "|| '|' || subject || '|' || (instr (body, 'Thank you for referring Ms Jane Smith') "
                               "> 0) FROM letter");
  after = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                           "|draft|Clinic letter to the GP|1", desk.jane, desk.seen, desk.clinic);
  harley_test_assert_query_text (desk.path, body_test, after);
  g_clear_pointer (&after, g_free);
  after = g_strdup_printf ("to:gp:%" G_GINT64_FORMAT "|cc:patient:", desk.gp);
  harley_test_assert_query_text (desk.path, "SELECT group_concat (role || ':' || kind || ':' || "
                                            "coalesce (contact_id, ''), '|') FROM (SELECT * FROM letter_recipient "
                                            "ORDER BY position)", after);

  /* The record lists it once it is read again. */
  harley_window_open_patient (desk.window, desk.jane);
  harley_patient_editor_refresh_history (harley_window_get_editor (desk.window));
  harley_test_iterate (50);
  g_clear_pointer (&after, g_free);
  after = dup_record_letters (letters);
  g_assert_cmpstr (after, ==, "Clinic letter to the GP");

  desk_close (&desk);
}

static void
test_no_gp_refused (void)
{
  Desk desk = { 0 };
  HarleyNewLetterDialog *dialog;

  desk_open (&desk);
  /* Ctrl+Shift+N with no record open: the patient is found by typing. */
  harley_test_activate (desk.window, "win.new-letter", g_variant_new_int64 (0));
  dialog = harley_test_find_window (HARLEY_TYPE_NEW_LETTER_DIALOG);
  g_assert_nonnull (dialog);
  harley_test_type_text (harley_new_letter_dialog_get_search (dialog), "roe");
  g_signal_emit_by_name (harley_new_letter_dialog_get_search (dialog), "activate");
  harley_test_iterate (50);

  harley_new_letter_dialog_set_template (dialog, desk.clinic);
  harley_test_iterate (50);
  g_assert_cmpstr (harley_new_letter_dialog_get_problem (dialog), ==,
                   "Mr John Roe has no GP in their record: add one to the record, or choose who the letter goes to.");
  harley_test_activate (dialog, "new-letter.create", NULL);
  g_assert_nonnull (harley_test_find_window (HARLEY_TYPE_NEW_LETTER_DIALOG));
  g_assert_cmpint (count (&desk, "letter"), ==, 0);
  g_assert_cmpint (count (&desk, "letter_recipient"), ==, 0);
  g_assert_cmpint (count (&desk, "letter_event"), ==, 0);

  /* To the patient instead: the clinic letter still names the GP, and
   * he has had no appointment. */
  harley_new_letter_dialog_set_to (dialog, HARLEY_RECIPIENT_PATIENT);
  harley_test_iterate (50);
  g_assert_cmpstr (harley_new_letter_dialog_get_problem (dialog), ==,
                   "The template needs the GP's name: add the GP to the record. The template needs the "
                   "appointment's place and the appointment's date: choose the appointment the letter is about.");
  harley_test_activate (dialog, "new-letter.create", NULL);
  g_assert_cmpint (count (&desk, "letter"), ==, 0);

  /* Escape */
  gtk_window_close (GTK_WINDOW (dialog));
  harley_test_iterate (50);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_NEW_LETTER_DIALOG));
  desk_close (&desk);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/new-letter/clinic-letter-from-the-record", test_clinic_letter_from_the_record,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/new-letter/no-gp-refused", test_no_gp_refused, harley_test_run_in_subprocess);
  return g_test_run ();
}
