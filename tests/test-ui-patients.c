/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The patient register driven as a secretary drives it: the real window on
 * a temporary database, text typed into the search and the form, actions
 * activated as the shortcuts do, and the database read afterwards. */

#include <adwaita.h>
#include <string.h>

#include "harley-application.h"
#include "harley-contact.h"
#include "harley-register.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

typedef struct
{
  char              *dir;
  char              *path;
  gint64             jane;
  gint64             john;
  HarleyApplication *app;
  HarleyWindow      *window;
  HarleyPatientEditor *editor;
} Desk;

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family,
             const char  *dob,
             const char  *nhs)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, dob, nhs);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  return harley_patient_get_id (p);
}

static void
desk_open (Desk *desk)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);

  desk->jane = add_patient (store, "Jane", "Smith", "1965-03-07", "9434765919");
  desk->john = add_patient (store, "John", "Smithers", "1972-11-30", NULL);
  add_patient (store, "Ahmed", "Khan", "1988-08-08", NULL);
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  desk->editor = harley_window_get_editor (desk->window);
  harley_test_iterate (300);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static GtkEditable *
field (Desk              *desk,
       HarleyPatientText  which)
{
  GtkEditable *editable = harley_patient_editor_get_entry (desk->editor, which);

  g_assert_nonnull (editable);
  return editable;
}

static void
test_find_edit_save (void)
{
  Desk desk = { 0 };
  GListModel *list;
  g_autofree char *sql = NULL;

  desk_open (&desk);
  list = harley_window_get_patient_list (desk.window);

  harley_test_activate (desk.window, "win.search", NULL);
  harley_test_type_text (harley_window_get_search_entry (desk.window), "smi");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  harley_test_type_text (harley_window_get_search_entry (desk.window), "943 476 5919");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  harley_test_type_text (harley_window_get_search_entry (desk.window), "07/03/1965");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* Enter opens the first match */
  g_signal_emit_by_name (harley_window_get_search_entry (desk.window), "activate");
  harley_test_iterate (50);
  g_assert_cmpint (harley_patient_editor_get_patient_id (desk.editor), ==, desk.jane);
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_NHS_NUMBER)), ==, "943 476 5919");
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_DATE_OF_BIRTH)), ==, "07/03/1965");

  harley_test_type_text (field (&desk, HARLEY_PATIENT_PHONE_MOBILE), "+44 7700 900456");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_POSTCODE), "sw1a 2aa");
  g_assert_true (harley_patient_editor_get_dirty (desk.editor));
  harley_test_activate (desk.editor, "editor.save", NULL);
  g_assert_false (harley_patient_editor_get_dirty (desk.editor));

  sql = g_strdup_printf ("SELECT phone_mobile || '|' || postcode FROM patient WHERE id = %" G_GINT64_FORMAT, desk.jane);
  harley_test_assert_query_text (desk.path, sql, "07700 900456|SW1A 2AA");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient_event WHERE kind = 'changed'"), ==, 1);
  /* the form shows the saved, tidied values */
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_POSTCODE)), ==, "SW1A 2AA");
  desk_close (&desk);
}

static void
test_bad_nhs_number_refused (void)
{
  Desk desk = { 0 };
  const char *problem;
  gint64 before;

  desk_open (&desk);
  before = harley_test_query_int (desk.path, "SELECT count(*) FROM patient");
  harley_test_activate (desk.window, "win.new-patient", NULL);
  g_assert_cmpint (harley_patient_editor_get_patient_id (desk.editor), ==, 0);
  harley_test_type_text (field (&desk, HARLEY_PATIENT_GIVEN_NAME), "Łukasz");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_FAMILY_NAME), "Nowak");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_DATE_OF_BIRTH), "04/04/1985");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_NHS_NUMBER), "943 476 5918");

  /* The message shows as she types, beside the field */
  problem = harley_patient_editor_get_problem (desk.editor, HARLEY_PATIENT_NHS_NUMBER);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "not valid"));

  harley_test_activate (desk.editor, "editor.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient"), ==, before);
  g_assert_true (harley_patient_editor_get_dirty (desk.editor));
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_GIVEN_NAME)), ==, "Łukasz");

  /* an impossible date is refused the same way */
  harley_test_type_text (field (&desk, HARLEY_PATIENT_NHS_NUMBER), "");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_DATE_OF_BIRTH), "31/02/2025");
  problem = harley_patient_editor_get_problem (desk.editor, HARLEY_PATIENT_DATE_OF_BIRTH);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "31/02/2025"));
  harley_test_activate (desk.editor, "editor.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient"), ==, before);

  /* put right, it saves */
  harley_test_type_text (field (&desk, HARLEY_PATIENT_DATE_OF_BIRTH), "04/04/1985");
  g_assert_null (harley_patient_editor_get_problem (desk.editor, HARLEY_PATIENT_DATE_OF_BIRTH));
  harley_test_activate (desk.editor, "editor.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient"), ==, before + 1);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient WHERE family_name = 'Nowak' "
                                                     "AND date_of_birth = '1985-04-04'"), ==, 1);
  desk_close (&desk);
}

static void
test_unsaved_changes_guard (void)
{
  Desk desk = { 0 };
  AdwMessageDialog *dialog;

  desk_open (&desk);
  harley_window_open_patient (desk.window, desk.jane);
  harley_test_type_text (field (&desk, HARLEY_PATIENT_ALERTS), "Hard of hearing: phone daughter");

  /* Opening another patient asks first; Cancel keeps her work. */
  harley_window_open_patient (desk.window, desk.john);
  harley_test_iterate (50);
  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  harley_test_respond (dialog, "cancel");
  harley_test_iterate (50);
  g_assert_cmpint (harley_patient_editor_get_patient_id (desk.editor), ==, desk.jane);
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_ALERTS)), ==, "Hard of hearing: phone daughter");

  /* Save from the question saves, then opens the other patient. */
  harley_window_open_patient (desk.window, desk.john);
  harley_test_iterate (50);
  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  harley_test_respond (dialog, "save");
  harley_test_iterate (50);
  g_assert_cmpint (harley_patient_editor_get_patient_id (desk.editor), ==, desk.john);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient WHERE alerts = "
                                                     "'Hard of hearing: phone daughter'"), ==, 1);

  /* Escape asks, then puts back what is saved */
  harley_test_type_text (field (&desk, HARLEY_PATIENT_GIVEN_NAME), "Jonathan");
  harley_test_activate (desk.editor, "editor.cancel", NULL);
  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  harley_test_respond (dialog, "keep");
  harley_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_GIVEN_NAME)), ==, "Jonathan");
  harley_test_activate (desk.editor, "editor.cancel", NULL);
  harley_test_respond (harley_test_find_dialog (), "discard");
  harley_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (field (&desk, HARLEY_PATIENT_GIVEN_NAME)), ==, "John");
  g_assert_false (harley_patient_editor_get_dirty (desk.editor));
  desk_close (&desk);
}

static void
test_archive_and_duplicate (void)
{
  Desk desk = { 0 };
  AdwMessageDialog *dialog;
  g_autofree char *sql = NULL;

  desk_open (&desk);
  harley_window_open_patient (desk.window, desk.john);
  harley_test_activate (desk.editor, "editor.archive", NULL);
  sql = g_strdup_printf ("SELECT archived FROM patient WHERE id = %" G_GINT64_FORMAT, desk.john);
  g_assert_cmpint (harley_test_query_int (desk.path, sql), ==, 1);
  harley_test_type_text (harley_window_get_search_entry (desk.window), "smithers");
  g_assert_cmpuint (g_list_model_get_n_items (harley_window_get_patient_list (desk.window)), ==, 0);

  /* A second Jane Smith born the same day is questioned, then allowed. */
  harley_test_activate (desk.window, "win.new-patient", NULL);
  harley_test_type_text (field (&desk, HARLEY_PATIENT_GIVEN_NAME), "Jane");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_FAMILY_NAME), "Smith");
  harley_test_type_text (field (&desk, HARLEY_PATIENT_DATE_OF_BIRTH), "7/3/1965");
  harley_test_activate (desk.editor, "editor.save", NULL);
  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient WHERE family_name = 'Smith'"), ==, 1);
  harley_test_respond (dialog, "save");
  harley_test_iterate (50);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient WHERE family_name = 'Smith'"), ==, 2);
  desk_close (&desk);
}

static void
test_new_gp_in_address_book (void)
{
  Desk desk = { 0 };
  HarleyAddressBook *book;
  GtkEditable *postcode;
  g_autofree char *sql = NULL;
  gint64 gp, practice;

  desk_open (&desk);
  book = harley_window_get_address_book (desk.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.section", "i", 2));
  harley_address_book_show_kind (book, HARLEY_CONTACT_GP_PRACTICE);
  harley_test_activate (book, "book.new", NULL);
  harley_test_type_text (harley_address_book_get_row (book, "name"), "Riverside Surgery");
  harley_test_activate (book, "book.save", NULL);
  practice = harley_test_query_int (desk.path, "SELECT id FROM contact WHERE kind = 'gp-practice'");
  g_assert_cmpint (practice, >, 0);

  harley_address_book_show_kind (book, HARLEY_CONTACT_GP);
  harley_test_activate (book, "book.new", NULL);
  harley_test_type_text (harley_address_book_get_row (book, "name"), "Dr Chidi Okafor");
  g_assert_true (harley_address_book_choose_practice (book, practice));
  /* leaving typing unsaved asks first */
  harley_test_activate (book, "book.new", NULL);
  harley_test_respond (harley_test_find_dialog (), "keep");
  g_assert_cmpstr (gtk_editable_get_text (harley_address_book_get_row (book, "name")), ==, "Dr Chidi Okafor");
  harley_test_type_text (harley_address_book_get_row (book, "address-lines"), "Riverside Surgery, 1 Mill Lane");
  harley_test_type_text (harley_address_book_get_row (book, "post-town"), "Leeds");
  postcode = harley_address_book_get_row (book, "postcode");
  harley_test_type_text (postcode, "LS1 99");
  harley_test_activate (book, "book.save", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (postcode), "error"));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM contact WHERE kind = 'gp'"), ==, 0);

  harley_test_type_text (postcode, "ls14ap");
  harley_test_activate (book, "book.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM contact WHERE kind = 'gp' "
                                                     "AND postcode = 'LS1 4AP' AND post_town = 'Leeds'"), ==, 1);
  gp = harley_test_query_int (desk.path, "SELECT id FROM contact WHERE kind = 'gp'");
  sql = g_strdup_printf ("SELECT organisation_id FROM contact WHERE id = %" G_GINT64_FORMAT, gp);
  g_assert_cmpint (harley_test_query_int (desk.path, sql), ==, practice);
  g_clear_pointer (&sql, g_free);
  /* once saved, nothing is left to ask about */
  harley_test_activate (book, "book.new", NULL);
  harley_test_iterate (50);
  g_assert_null (harley_test_find_dialog ());

  /* The new GP can be chosen on a record straight away. */
  harley_window_open_patient (desk.window, desk.jane);
  g_assert_true (harley_patient_editor_choose_contact (desk.editor, HARLEY_PATIENT_GP, gp));
  harley_test_activate (desk.editor, "editor.save", NULL);
  sql = g_strdup_printf ("SELECT gp_id FROM patient WHERE id = %" G_GINT64_FORMAT, desk.jane);
  g_assert_cmpint (harley_test_query_int (desk.path, sql), ==, gp);

  /* Mid-edit, a referrer is added to the address book: the record keeps
   * its GP and the change being typed. */
  harley_test_type_text (field (&desk, HARLEY_PATIENT_ALERTS), "Wheelchair user");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.section", "i", 2));
  harley_address_book_show_kind (book, HARLEY_CONTACT_REFERRER);
  harley_test_activate (book, "book.new", NULL);
  harley_test_type_text (harley_address_book_get_row (book, "name"), "Mr Tomasz Kowalski");
  harley_test_activate (book, "book.save", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.section", "i", 1));
  g_assert_true (harley_patient_editor_get_dirty (desk.editor));
  harley_test_activate (desk.editor, "editor.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, sql), ==, gp);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM patient WHERE alerts = 'Wheelchair user'"), ==, 1);

  /* The referrer shown in the address book is archived from there */
  harley_test_activate (book, "book.archive", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT archived FROM contact "
                                                     "WHERE name = 'Mr Tomasz Kowalski'"), ==, 1);

  /* The GP retires: archived, Jane's record still names her GP */
  g_assert_true (harley_contact_set_archived (harley_application_get_store (desk.app), gp, TRUE, NULL));
  harley_patient_editor_reload_address_book (desk.editor);
  harley_test_type_text (field (&desk, HARLEY_PATIENT_ALERTS), "Wheelchair user; hard of hearing");
  harley_test_activate (desk.editor, "editor.save", NULL);
  g_assert_cmpint (harley_test_query_int (desk.path, sql), ==, gp);
  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/patients/find-edit-save", test_find_edit_save, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/patients/bad-nhs-number-refused", test_bad_nhs_number_refused, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/patients/unsaved-changes-guard", test_unsaved_changes_guard, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/patients/archive-and-duplicate", test_archive_and_duplicate, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/patients/new-gp-in-address-book", test_new_gp_in_address_book, harley_test_run_in_subprocess);

  return g_test_run ();
}
