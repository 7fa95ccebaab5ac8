/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Laboratories in the address book, driven as a secretary drives it: the
 * usual turnaround typed into the editor and read back from the database;
 * a GP has none to type. And the samples sent to them, listed on the
 * patient's record. */

#include <adwaita.h>

#include "harley-contact.h"
#include "harley-patient-samples.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

typedef struct
{
  char              *dir;
  char              *path;
  gint64             patient;
  HarleyApplication *app;
  HarleyWindow      *window;
  HarleyAddressBook *book;
} Desk;

static void
desk_open (Desk *desk)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(HarleyPatient) p = harley_test_patient ("Jane", "Smith", "1965-03-07", "9434765919");
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  desk->patient = harley_patient_get_id (p);
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  desk->book = harley_window_get_address_book (desk->window);
  harley_test_iterate (300);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

/* The address book's list row titled @title, if listed (transfer none). */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_laboratory_turnaround (void)
{
  Desk desk = { 0 };
  g_autoptr(GError) error = NULL;
  GtkEditable *days;
  GtkWidget *turnaround;
  AdwActionRow *row;

  desk_open (&desk);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.section", "i", 2));
  turnaround = harley_address_book_get_turnaround_row (desk.book);
  days = harley_address_book_get_row (desk.book, "turnaround-days");
  g_assert_nonnull (days);

  harley_address_book_show_kind (desk.book, HARLEY_CONTACT_LABORATORY);
  harley_test_activate (desk.book, "book.new", NULL);
  g_assert_true (gtk_widget_get_visible (turnaround));
  harley_test_type_text (harley_address_book_get_row (desk.book, "name"), "Leeds Pathology");
  harley_test_type_text (harley_address_book_get_row (desk.book, "phone"), "0113 496 0000");

  /* over a year, or not a number: refused, nothing written */
  harley_test_type_text (days, "400");
  g_assert_false (harley_address_book_save (desk.book, &error));
  g_assert_cmpstr (error->message, ==, "Enter the usual turnaround as a number of days from 0 to 365, "
                                       "or leave it empty.");
  g_clear_error (&error);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (days), "error"));
  harley_test_type_text (days, "ten");
  harley_test_activate (desk.book, "book.save", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (days), "error"));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM contact"), ==, 0);

  /* ten working days, the way a new entry counts them */
  harley_test_type_text (days, "10");
  harley_test_activate (desk.book, "book.save", NULL);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (days), "error"));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM contact WHERE kind = 'laboratory' "
                                                     "AND name = 'Leeds Pathology' AND turnaround_days = 10 "
                                                     "AND turnaround_working = 1"), ==, 1);
  harley_test_iterate (100);
  row = find_row (GTK_WIDGET (desk.book), "Leeds Pathology");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "0113 496 0000 · 10 working days");
  /* what was saved is what the editor shows again */
  g_assert_cmpstr (gtk_editable_get_text (days), ==, "10");

  /* counted in calendar days instead */
  harley_address_book_count_working_days (desk.book, FALSE);
  harley_test_activate (desk.book, "book.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT turnaround_working FROM contact "
                                                     "WHERE name = 'Leeds Pathology'"), ==, 0);
  harley_test_iterate (100);
  row = find_row (GTK_WIDGET (desk.book), "Leeds Pathology");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "0113 496 0000 · 10 calendar days");

  /* a hospital department returns results too */
  harley_address_book_show_kind (desk.book, HARLEY_CONTACT_HOSPITAL);
  harley_test_activate (desk.book, "book.new", NULL);
  g_assert_true (gtk_widget_get_visible (turnaround));
  g_assert_cmpstr (gtk_editable_get_text (days), ==, "");

  /* A GP has no turnaround to show, and none is saved. */
  harley_address_book_show_kind (desk.book, HARLEY_CONTACT_GP);
  harley_test_activate (desk.book, "book.new", NULL);
  g_assert_false (gtk_widget_get_visible (turnaround));
  harley_test_type_text (harley_address_book_get_row (desk.book, "name"), "Dr Chidi Okafor");
  harley_test_activate (desk.book, "book.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM contact WHERE kind = 'gp' "
                                                     "AND turnaround_days IS NULL"), ==, 1);
  row = find_row (GTK_WIDGET (desk.book), "Dr Chidi Okafor");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (turnaround));
  desk_close (&desk);
}

/* A day @days before today, as the practice's clock has it */
static void
days_ago (GDate *date,
          int    days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_subtract_days (date, days);
}

static gint64
take_sample (HarleyStore      *store,
             gint64            patient,
             gint64            lab,
             HarleySampleType  type,
             const char       *site,
             int               taken_days_ago)
{
  HarleySampleNew sample = { .patient_id = patient, .type = type, .site = site,
                             .taken_by = "Dr Eleanor Hartley", .lab_id = lab };
  g_autoptr(GError) error = NULL;
  gint64 id;

  days_ago (&sample.taken_on, taken_days_ago);
  id = harley_sample_add (store, &sample, &error);
  g_assert_no_error (error);
  return id;
}

static void
send_sample (HarleyStore *store,
             gint64       id,
             int          sent_days_ago,
             int          due_days_ago)
{
  g_autoptr(GError) error = NULL;
  GDate sent, due;

  days_ago (&sent, sent_days_ago);
  days_ago (&due, due_days_ago);
  g_assert_true (harley_sample_send (store, id, 0, &sent, HARLEY_SEND_COURIER, NULL, &due, &error));
  g_assert_no_error (error);
}

/* The mark at the end of a row, "Overdue", if it has it */
static gboolean
row_has_mark (GtkWidget  *widget,
              const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_has_mark (child, text))
      return TRUE;
  return FALSE;
}

static HarleyPatientSamples *
find_samples (GtkWidget *widget)
{
  if (HARLEY_IS_PATIENT_SAMPLES (widget))
    return HARLEY_PATIENT_SAMPLES (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HarleyPatientSamples *found = find_samples (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A row opens its sample in the Samples section. */
static void
assert_opens (GtkListBoxRow *row,
              gint64         sample)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));

  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-sample");
  g_assert_nonnull (target);
  g_assert_cmpint (g_variant_get_int64 (target), ==, sample);
}

static void
test_record_lists_samples (void)
{
  Desk desk = { 0 };
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk.dir, &desk.path);
  g_autoptr(HarleyPatient) p = harley_test_patient ("Jane", "Smith", "1965-03-07", "9434765919");
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, "Leeds Pathology");
  HarleyResultNew result = { .report = "Basal cell carcinoma, completely excised.", .abnormal = TRUE };
  g_autofree char *biopsy_title = g_strdup_printf ("%s · left cheek", harley_sample_type_label (HARLEY_SAMPLE_HISTOLOGY));
  g_autoptr(GError) error = NULL;
  HarleyPatientSamples *samples;
  GtkListBox *list;
  gint64 biopsy, blood;

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  harley_contact_set_turnaround_days (lab, 10);
  g_assert_true (harley_contact_save (store, lab, &error));
  /* a blood test whose result is long overdue, and a biopsy taken since,
   * back and abnormal */
  blood = take_sample (store, harley_patient_get_id (p), harley_contact_get_id (lab),
                       HARLEY_SAMPLE_BLOOD, NULL, 60);
  send_sample (store, blood, 59, 45);
  biopsy = take_sample (store, harley_patient_get_id (p), harley_contact_get_id (lab),
                        HARLEY_SAMPLE_HISTOLOGY, "left cheek", 10);
  send_sample (store, biopsy, 9, 1);
  result.sample_id = biopsy;
  days_ago (&result.received_on, 2);
  g_assert_cmpint (harley_result_add (store, &result, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);

  desk.app = harley_test_start (desk.path);
  desk.window = harley_test_main_window (desk.app);
  harley_test_iterate (300);
  harley_window_open_patient (desk.window, harley_patient_get_id (p));
  harley_test_iterate (100);
  samples = find_samples (GTK_WIDGET (harley_window_get_editor (desk.window)));
  g_assert_nonnull (samples);
  list = harley_patient_samples_get_list (samples);

  /* the newest first, each marked for what needs seeing to */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))),
                   ==, biopsy_title);
  assert_opens (gtk_list_box_get_row_at_index (list, 0), biopsy);
  g_assert_true (row_has_mark (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "Abnormal result"));
  g_assert_false (row_has_mark (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "Overdue"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 1))),
                   ==, harley_sample_type_label (HARLEY_SAMPLE_BLOOD));
  assert_opens (gtk_list_box_get_row_at_index (list, 1), blood);
  g_assert_true (row_has_mark (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)), "Overdue"));
  g_assert_false (row_has_mark (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)), "Abnormal result"));
  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/address-book/laboratory-turnaround", test_laboratory_turnaround,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/address-book/record-lists-samples", test_record_lists_samples,
                        harley_test_run_in_subprocess);

  return g_test_run ();
}
