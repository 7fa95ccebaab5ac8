/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The diary driven as a secretary drives it: the real window on a
 * temporary database with a Monday clinic, appointments booked through
 * the booking window with the type-ahead search, moved (what a drag
 * asks for), refused and overbooked, cancelled with a reason, and taken
 * through arrived and seen; then the database is read. */

#include <adwaita.h>
#include <string.h>

#include "harley-application.h"
#include "harley-booking-dialog.h"
#include "harley-clinic-list-window.h"
#include "harley-clinics-window.h"
#include "harley-diary.h"
#include "harley-find-slot-dialog.h"
#include "harley-register.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

#define MONDAY "2030-01-14"

typedef struct
{
  char              *dir;
  char              *path;
  gint64             jane;
  gint64             john;
  gint64             clinician;
  HarleyApplication *app;
  HarleyWindow      *window;
  HarleyDiaryPage   *diary;
} Desk;

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family,
             const char  *dob)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, dob, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  return harley_patient_get_id (p);
}

static void
add_monday_clinic (HarleyStore *store,
                   gint64       clinician)
{
  g_autoptr(GError) error = NULL;
  HarleySession s = { 0 };
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 7, G_DATE_JANUARY, 2030);
  s.clinician_id = clinician;
  s.recurrence = harley_recurrence_new_weekly (&first, 1);
  s.start = 9 * 60;
  s.end = 12 * 60;
  s.slot_minutes = 15;
  g_assert_cmpint (harley_diary_add_session (store, &s, &error), >, 0);
  harley_recurrence_free (s.recurrence);
}

static void
desk_open (Desk *desk)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autoptr(GError) error = NULL;
  GDate monday;

  desk->jane = add_patient (store, "Jane", "Smith", "1965-03-07");
  desk->john = add_patient (store, "John", "Roe", "1972-11-30");
  clinicians = harley_diary_list_clinicians (store, &error);
  desk->clinician = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  add_monday_clinic (store, desk->clinician);
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (200);

  /* Alt+2: the Diary */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.section", "i", 2));
  harley_test_iterate (100);
  desk->diary = harley_window_get_diary (desk->window);
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 14, G_DATE_JANUARY, 2030);
  harley_diary_page_go_to (desk->diary, &monday);
  harley_test_iterate (100);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static gint64
book_directly (Desk   *desk,
               gint64  patient,
               int     start)
{
  HarleyStore *store = harley_window_get_store (desk->window);
  g_autoptr(GError) error = NULL;
  HarleyBooking b = { 0 };
  gint64 id;

  b.patient_id = patient;
  b.clinician_id = desk->clinician;
  b.type_id = harley_diary_find_type (store, "Follow-up");
  g_date_clear (&b.date, 1);
  g_date_set_dmy (&b.date, 14, G_DATE_JANUARY, 2030);
  b.start = start;
  b.end = start + 15;
  id = harley_diary_book (store, &b, 0, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_book_through_the_window (void)
{
  Desk desk = { 0 };
  HarleyBookingDialog *dialog;

  desk_open (&desk);

  /* Enter on the free 09:30 slot, as the cursor keys choose it. */
  harley_diary_grid_set_cursor (harley_diary_page_get_grid (desk.diary), 0, 9 * 60 + 30);
  harley_test_activate (desk.diary, "diary.book", NULL);
  dialog = harley_test_find_window (HARLEY_TYPE_BOOKING_DIALOG);
  g_assert_nonnull (dialog);

  /* Book with no patient chosen: refused, nothing written. */
  harley_test_activate (dialog, "booking.book", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM appointment"), ==, 0);

  harley_test_type_text (harley_booking_dialog_get_search (dialog), "smi");
  g_signal_emit_by_name (harley_booking_dialog_get_search (dialog), "activate");
  harley_test_iterate (50);
  harley_test_activate (dialog, "booking.book", NULL);
  harley_test_iterate (100);

  g_assert_null (harley_test_find_window (HARLEY_TYPE_BOOKING_DIALOG));
  harley_test_assert_query_text (desk.path, "SELECT a.patient_id || '|' || a.starts || '|' || a.ends || '|' || t.name "
                                            "FROM appointment a JOIN appointment_type t ON t.id = a.type_id",
                                 "1|2030-01-14 09:30|2030-01-14 10:00|New consultation");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient_event "
                                                     "WHERE kind = 'appointment' AND patient_id = 1"), ==, 1);
  /* The grid shows it, chosen. */
  g_assert_cmpint (harley_diary_grid_get_selected (harley_diary_page_get_grid (desk.diary)), ==, 1);

  desk_close (&desk);
}

static void
test_move_and_overbook (void)
{
  Desk desk = { 0 };
  gint64 jane, john;
  AdwMessageDialog *question;

  desk_open (&desk);
  jane = book_directly (&desk, desk.jane, 9 * 60);
  john = book_directly (&desk, desk.john, 10 * 60);
  harley_diary_page_reload (desk.diary);

  /* A drag to 11:00 */
  harley_test_activate (desk.diary, "diary.move", g_variant_new ("(xxsii)", jane, desk.clinician, MONDAY, 11 * 60, 11 * 60 + 15));
  g_assert_null (harley_test_find_dialog ());
  harley_test_assert_query_text (desk.path, "SELECT starts FROM appointment WHERE id = 1", "2030-01-14 11:00");

  /* Onto John: asked; No leaves it where it was. */
  harley_test_activate (desk.diary, "diary.move", g_variant_new ("(xxsii)", jane, desk.clinician, MONDAY, 10 * 60, 10 * 60 + 15));
  question = harley_test_find_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Overbook?");
  harley_test_respond (question, "cancel");
  harley_test_assert_query_text (desk.path, "SELECT starts FROM appointment WHERE id = 1", "2030-01-14 11:00");

  /* And yes: overbooked, and shown as such. */
  harley_test_activate (desk.diary, "diary.move", g_variant_new ("(xxsii)", jane, desk.clinician, MONDAY, 10 * 60, 10 * 60 + 15));
  harley_test_respond (harley_test_find_dialog (), "go");
  harley_test_assert_query_text (desk.path, "SELECT starts || '|' || overbooked FROM appointment WHERE id = 1", "2030-01-14 10:00|1");
  harley_test_assert_query_text (desk.path, "SELECT starts || '|' || overbooked FROM appointment WHERE id = 2", "2030-01-14 10:00|0");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM appointment_event "
                                                     "WHERE appointment_id = 1"), ==, 3);
  (void) john;

  /* A longer appointment: its lower edge dragged to 10:45; still over
   * John's, so asked again. */
  harley_test_activate (desk.diary, "diary.move", g_variant_new ("(xxsii)", jane, desk.clinician, MONDAY, 10 * 60, 10 * 60 + 45));
  harley_test_respond (harley_test_find_dialog (), "go");
  harley_test_assert_query_text (desk.path, "SELECT ends FROM appointment WHERE id = 1", "2030-01-14 10:45");

  desk_close (&desk);
}

static void
test_cancel_with_reason (void)
{
  Desk desk = { 0 };
  AdwMessageDialog *question;
  GtkEditable *reason;
  gint64 id;

  desk_open (&desk);
  id = book_directly (&desk, desk.jane, 9 * 60);
  harley_diary_page_reload (desk.diary);
  harley_diary_grid_select (harley_diary_page_get_grid (desk.diary), id);
  harley_test_iterate (20);

  harley_test_activate (desk.diary, "diary.cancel", NULL);
  question = harley_test_find_dialog ();
  g_assert_nonnull (question);
  /* No reason, no cancelling. */
  g_assert_false (adw_message_dialog_get_response_enabled (question, "patient"));
  reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (question));
  harley_test_type_text (reason, "Unwell");
  g_assert_true (adw_message_dialog_get_response_enabled (question, "patient"));
  harley_test_respond (question, "patient");

  harley_test_assert_query_text (desk.path, "SELECT status || '|' || cancel_reason FROM appointment", "cancelled-by-patient|Unwell");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient_event "
                                                     "WHERE summary LIKE 'Cancelled by the patient%Unwell%'"), ==, 1);
  /* The time is free again: the grid no longer shows it. */
  g_assert_cmpint (harley_diary_grid_get_selected (harley_diary_page_get_grid (desk.diary)), ==, 0);

  desk_close (&desk);
}

static void
test_notes_are_kept (void)
{
  Desk desk = { 0 };
  HarleyDiaryGrid *grid;
  GtkEditable *notes;
  gint64 jane, john;

  desk_open (&desk);
  jane = book_directly (&desk, desk.jane, 9 * 60);
  john = book_directly (&desk, desk.john, 10 * 60);
  harley_diary_page_reload (desk.diary);
  grid = harley_diary_page_get_grid (desk.diary);
  harley_diary_grid_select (grid, jane);
  harley_test_iterate (20);
  notes = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (desk.diary), HARLEY_TYPE_DIARY_PAGE,
                                                       "notes_entry"));
  /* Typed, then straight on to the next appointment, without Enter */
  harley_test_type_text (notes, "Bring previous biopsy results");
  harley_diary_grid_select (grid, john);
  harley_test_iterate (20);
  harley_test_assert_query_text (desk.path, "SELECT notes FROM appointment WHERE id = 1",
                                 "Bring previous biopsy results");
  g_assert_cmpstr (gtk_editable_get_text (notes), ==, "");

  desk_close (&desk);
}

static void
test_arrived_and_seen (void)
{
  Desk desk = { 0 };
  gint64 id;

  desk_open (&desk);
  id = book_directly (&desk, desk.jane, 9 * 60);
  harley_diary_page_reload (desk.diary);
  harley_diary_grid_set_cursor (harley_diary_page_get_grid (desk.diary), 0, 9 * 60);
  g_assert_cmpint (harley_diary_grid_get_selected (harley_diary_page_get_grid (desk.diary)), ==, id);

  /* Seen before arrived is not offered: nothing happens. */
  harley_test_activate (desk.diary, "diary.seen", NULL);
  harley_test_assert_query_text (desk.path, "SELECT status FROM appointment", "booked");
  harley_test_activate (desk.diary, "diary.arrived", NULL);
  harley_test_assert_query_text (desk.path, "SELECT status FROM appointment", "arrived");
  harley_test_activate (desk.diary, "diary.seen", NULL);
  harley_test_assert_query_text (desk.path, "SELECT status FROM appointment", "seen");
  harley_test_activate (desk.diary, "diary.cancel", NULL);
  g_assert_null (harley_test_find_dialog ());
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM appointment_event"), ==, 3);

  /* Seen by mistake: Undo Seen, then Undo Arrived */
  harley_test_activate (desk.diary, "diary.undo-status", NULL);
  harley_test_assert_query_text (desk.path, "SELECT status FROM appointment", "arrived");
  harley_test_activate (desk.diary, "diary.undo-status", NULL);
  harley_test_assert_query_text (desk.path, "SELECT status FROM appointment", "booked");
  /* Nothing to undo now */
  harley_test_activate (desk.diary, "diary.undo-status", NULL);
  harley_test_assert_query_text (desk.path, "SELECT status FROM appointment", "booked");

  desk_close (&desk);
}

static void
test_find_free_slot (void)
{
  Desk desk = { 0 };
  HarleyFindSlotDialog *finder;
  HarleyBookingDialog *booking;
  GtkListBox *results;
  GtkListBoxRow *first;

  desk_open (&desk);
  book_directly (&desk, desk.jane, 9 * 60);
  harley_test_activate (desk.diary, "diary.find-slot", NULL);
  finder = harley_test_find_window (HARLEY_TYPE_FIND_SLOT_DIALOG);
  g_assert_nonnull (finder);
  results = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (finder), HARLEY_TYPE_FIND_SLOT_DIALOG,
                                                         "results"));
  first = gtk_list_box_get_row_at_index (results, 0);
  g_assert_nonnull (first);
  g_assert_nonnull (gtk_list_box_get_row_at_index (results, 9));
  g_assert_null (gtk_list_box_get_row_at_index (results, 10));
  /* 09:00 is taken; a 30-minute new consultation fits first at 09:15. */
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "14/01/2030  09:15"));

  /* Enter on it: the booking window opens at that time. */
  g_signal_emit_by_name (results, "row-activated", first);
  harley_test_iterate (100);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_FIND_SLOT_DIALOG));
  booking = harley_test_find_window (HARLEY_TYPE_BOOKING_DIALOG);
  g_assert_nonnull (booking);
  harley_test_type_text (harley_booking_dialog_get_search (booking), "roe");
  g_signal_emit_by_name (harley_booking_dialog_get_search (booking), "activate");
  harley_test_activate (booking, "booking.book", NULL);
  harley_test_assert_query_text (desk.path, "SELECT starts FROM appointment WHERE patient_id = 2", "2030-01-14 09:15");

  desk_close (&desk);
}

static void
test_clinic_list_preview_and_save (void)
{
  Desk desk = { 0 };
  HarleyClinicListWindow *preview;
  g_autofree char *pdf = NULL;
  g_autoptr(GBytes) bytes = NULL;

  desk_open (&desk);
  book_directly (&desk, desk.jane, 9 * 60);
  harley_test_activate (desk.diary, "diary.print-clinic-list", NULL);
  preview = harley_test_find_window (HARLEY_TYPE_CLINIC_LIST_WINDOW);
  g_assert_nonnull (preview);

  /* What the file chooser does with the name she gives */
  pdf = g_build_filename (desk.dir, "clinic.pdf", NULL);
  harley_test_activate (preview, "preview.save-to", g_variant_new_string (pdf));
  bytes = harley_test_read_file (pdf);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpint (memcmp (g_bytes_get_data (bytes, NULL), "%PDF", 4), ==, 0);
  gtk_window_destroy (GTK_WINDOW (preview));

  desk_close (&desk);
}

static void
test_follow_up_from_the_record (void)
{
  Desk desk = { 0 };
  HarleyFindSlotDialog *finder;
  HarleyBookingDialog *booking;
  GtkListBox *results;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) six_weeks = g_date_time_add_weeks (now, 6);
  g_autofree char *earliest = g_date_time_format (six_weeks, "%Y-%m-%d");
  g_autofree char *sql = NULL;
  HarleySession s = { 0 };
  GDate first;

  desk_open (&desk);
  /* Mondays all year round, from long ago */
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 5, G_DATE_JANUARY, 2026);
  s.clinician_id = desk.clinician;
  s.recurrence = harley_recurrence_new_weekly (&first, 1);
  s.start = 14 * 60;
  s.end = 17 * 60;
  s.slot_minutes = 15;
  g_assert_cmpint (harley_diary_add_session (harley_window_get_store (desk.window), &s, NULL), >, 0);
  harley_recurrence_free (s.recurrence);

  /* On Jane's record: "Book a follow-up in 6 weeks", Find a Time */
  harley_window_open_patient (desk.window, desk.jane);
  harley_test_activate (desk.window, "win.book-follow-up", g_variant_new ("(xi)", desk.jane, 6));
  finder = harley_test_find_window (HARLEY_TYPE_FIND_SLOT_DIALOG);
  g_assert_nonnull (finder);
  results = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (finder), HARLEY_TYPE_FIND_SLOT_DIALOG,
                                                         "results"));
  g_signal_emit_by_name (results, "row-activated", gtk_list_box_get_row_at_index (results, 0));
  harley_test_iterate (100);
  booking = harley_test_find_window (HARLEY_TYPE_BOOKING_DIALOG);
  g_assert_nonnull (booking);
  /* Jane is already chosen. */
  harley_test_activate (booking, "booking.book", NULL);

  sql = g_strdup_printf ("SELECT count(*) FROM appointment WHERE patient_id = %" G_GINT64_FORMAT
                         " AND starts >= '%s' AND starts < date ('%s', '+7 days')", desk.jane, earliest, earliest);
  g_assert_cmpint (harley_test_query_int (desk.path, sql), ==, 1);

  desk_close (&desk);
}

static gpointer
clinics_field (HarleyClinicsWindow *window,
               const char          *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), HARLEY_TYPE_CLINICS_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static void
test_clinics_and_time_off (void)
{
  Desk desk = { 0 };
  HarleyClinicsWindow *clinics;
  AdwMessageDialog *told;
  gint64 early;

  desk_open (&desk);
  /* Booked at 09:00 on Monday 14/01/2030, in the Monday clinic */
  early = book_directly (&desk, desk.jane, 9 * 60);
  harley_test_activate (desk.diary, "diary.edit-clinics", NULL);
  clinics = harley_test_find_window (HARLEY_TYPE_CLINICS_WINDOW);
  g_assert_nonnull (clinics);

  /* A fortnightly Wednesday afternoon clinic */
  harley_test_activate (clinics, "clinics.add-clinic", NULL);
  adw_combo_row_set_selected (clinics_field (clinics, "repeat_row"), 1);
  harley_test_type_text (clinics_field (clinics, "first_row"), "16/01/2030");
  harley_test_type_text (clinics_field (clinics, "start_row"), "14:00");
  harley_test_type_text (clinics_field (clinics, "end_row"), "25:00");
  harley_test_activate (clinics, "clinics.save-clinic", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM clinic_session"), ==, 1);
  harley_test_type_text (clinics_field (clinics, "end_row"), "17:30");
  harley_test_activate (clinics, "clinics.save-clinic", NULL);
  harley_test_assert_query_text (desk.path, "SELECT rule || ' ' || first_date || ' ' || start_minute || ' ' || end_minute "
                                   "FROM clinic_session WHERE id = 2", "weekly:2 2030-01-16 840 1050");

  /* Only the start changed: the fortnightly Wednesdays go on as they were. */
  harley_test_activate (clinics, "clinics.change-clinic", g_variant_new_int64 (2));
  harley_test_type_text (clinics_field (clinics, "start_row"), "15:00");
  harley_test_activate (clinics, "clinics.save-clinic", NULL);
  harley_test_assert_query_text (desk.path, "SELECT rule || ' ' || first_date || ' ' || start_minute "
                                            "FROM clinic_session WHERE id = 2", "weekly:2 2030-01-16 900");

  /* Half term, for everyone */
  harley_test_activate (clinics, "clinics.add-blocked", NULL);
  harley_test_type_text (clinics_field (clinics, "note_row"), "Half term");
  harley_test_type_text (clinics_field (clinics, "from_row"), "11/02/2030 00:00");
  harley_test_type_text (clinics_field (clinics, "to_row"), "31/02/2030 23:59");
  harley_test_activate (clinics, "clinics.save-blocked", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM blocked_time"), ==, 0);
  harley_test_type_text (clinics_field (clinics, "to_row"), "15/02/2030 23:59");
  harley_test_activate (clinics, "clinics.save-blocked", NULL);
  harley_test_assert_query_text (desk.path, "SELECT reason || '|' || note || '|' || starts || '|' || ends || '|' || "
                                   "coalesce (clinician_id, 'everyone') FROM blocked_time", "holiday|Half term|2030-02-11 00:00|2030-02-15 23:59|everyone");

  /* From 14/01/2030 the Monday clinic starts at 10:00: Jane's 09:00 is
   * kept, and said to be outside the clinic. */
  harley_test_activate (clinics, "clinics.change-clinic", g_variant_new_int64 (1));
  harley_test_type_text (clinics_field (clinics, "change_from_row"), "14/01/2030");
  harley_test_type_text (clinics_field (clinics, "first_row"), "14/01/2030");
  harley_test_type_text (clinics_field (clinics, "start_row"), "10:00");
  harley_test_activate (clinics, "clinics.save-clinic", NULL);
  told = harley_test_find_dialog ();
  g_assert_nonnull (told);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (told), "Jane Smith"));
  harley_test_respond (told, "close");
  /* The past stays: the old pattern ends the day before, a new one goes on. */
  harley_test_assert_query_text (desk.path, "SELECT last_date FROM clinic_session WHERE id = 1", "2030-01-13");
  harley_test_assert_query_text (desk.path, "SELECT first_date || ' ' || start_minute FROM clinic_session WHERE id = 3", "2030-01-14 600");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM appointment WHERE status = 'booked'"),
                   ==, 1);
  (void) early;

  gtk_window_destroy (GTK_WINDOW (clinics));
  desk_close (&desk);
}

static gboolean
file_has (GBytes     *bytes,
          const char *text)
{
  return g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text) != NULL;
}

static void
test_export_to_calendar (void)
{
  Desk desk = { 0 };
  g_autofree char *ics = NULL;
  g_autofree char *named = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) with_names = NULL;

  desk_open (&desk);
  book_directly (&desk, desk.jane, 9 * 60);
  ics = g_build_filename (desk.dir, "diary.ics", NULL);
  named = g_build_filename (desk.dir, "named.ics", NULL);
  /* What the question and the file chooser end with */
  harley_test_activate (desk.diary, "diary.export-to",
                        g_variant_new ("(sssxb)", ics, "2030-01-01", "2030-01-31", (gint64) 0, FALSE));
  harley_test_activate (desk.diary, "diary.export-to",
                        g_variant_new ("(sssxb)", named, "2030-01-01", "2030-01-31", (gint64) 0, TRUE));
  plain = harley_test_read_file (ics);
  with_names = harley_test_read_file (named);
  g_assert_true (file_has (plain, "BEGIN:VEVENT"));
  g_assert_true (file_has (plain, "TZID=Europe/London:20300114T090000"));
  g_assert_false (file_has (plain, "Smith"));
  g_assert_true (file_has (with_names, "Jane Smith"));

  /* The question itself opens, and Cancel writes nothing more. */
  harley_test_activate (desk.diary, "diary.export", NULL);
  g_assert_nonnull (harley_test_find_dialog ());
  harley_test_respond (harley_test_find_dialog (), "cancel");

  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/diary/book-through-the-window", test_book_through_the_window,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/move-and-overbook", test_move_and_overbook, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/cancel-with-reason", test_cancel_with_reason, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/arrived-and-seen", test_arrived_and_seen, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/notes-are-kept", test_notes_are_kept, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/find-free-slot", test_find_free_slot, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/clinic-list-preview-and-save", test_clinic_list_preview_and_save,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/follow-up-from-the-record", test_follow_up_from_the_record,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/clinics-and-time-off", test_clinics_and_time_off, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/diary/export-to-calendar", test_export_to_calendar, harley_test_run_in_subprocess);

  return g_test_run ();
}
