/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in and the lock, through the real window: the first run makes
 * the practice's administrator; a wrong passphrase keeps Harley shut and
 * is recorded; Ctrl+L and idle time lock it, hiding every patient's
 * details and Harley's other windows; only the right passphrase brings
 * the work back as it was. */

#include "harley-audit-window.h"
#include "harley-preferences-users-private.h"
#include "harley-preferences-window.h"
#include "harley-privacy.h"
#include "harley-register.h"
#include "harley-test-ui.h"

typedef struct
{
  char              *dir;
  char              *path;
  HarleyApplication *app;
  HarleyWindow      *window;
} Desk;

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static HarleySignInPage *
page_of (Desk *desk)
{
  GtkWidget *page = harley_window_get_sign_in_page (desk->window);

  g_assert_nonnull (page);
  g_assert_true (adw_application_window_get_content (ADW_APPLICATION_WINDOW (desk->window)) == page);
  return HARLEY_SIGN_IN_PAGE (page);
}

static void
type_into (HarleySignInPage *page,
           const char       *which,
           const char       *text)
{
  gtk_editable_set_text (harley_sign_in_page_get_entry (page, which), text);
}

static void
press_go (HarleySignInPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.go", NULL));
  harley_test_iterate (20);
}

/* Whether any label on show in @widget has @text in it */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      g_autofree char *label = g_utf8_casefold (gtk_label_get_text (GTK_LABEL (widget)), -1);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (label, folded) != NULL)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows (child, text))
      return TRUE;
  return FALSE;
}

static void
test_first_run (void)
{
  Desk desk = { 0 };
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk.dir, &desk.path);
  HarleySignInPage *page;

  g_clear_object (&store);
  desk.app = harley_test_start_signed_out (desk.path);
  desk.window = harley_test_main_window (desk.app);
  page = page_of (&desk);
  g_assert_cmpint (harley_sign_in_page_get_mode (page), ==, HARLEY_SIGN_IN_PAGE_FIRST_RUN);

  type_into (page, "name", "Ann Baker");
  type_into (page, "passphrase", "walnut harbour lantern");
  type_into (page, "again", "walnut harbour lanter");
  press_go (page);
  g_assert_true (harley_window_is_locked (desk.window));
  g_assert_cmpstr (harley_sign_in_page_get_message (page), ==, "The two passphrases are not the same. Type them again.");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM user_account"), ==, 0);

  type_into (page, "passphrase", "short");
  type_into (page, "again", "short");
  press_go (page);
  g_assert_true (harley_window_is_locked (desk.window));
  g_assert_nonnull (strstr (harley_sign_in_page_get_message (page), "at least 8 characters"));

  type_into (page, "passphrase", "walnut harbour lantern");
  type_into (page, "again", "walnut harbour lantern");
  press_go (page);
  g_assert_false (harley_window_is_locked (desk.window));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM user_account WHERE name = 'Ann Baker' "
                                          "AND role = 'administrator'"), ==, 1);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'sign-in' "
                                          "AND who = 'Ann Baker'"), ==, 1);
  desk_close (&desk);
}

static void
desk_open_signed_out (Desk *desk)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(HarleyPatient) jane = harley_test_patient ("Jane", "Hollingworth", "1970-05-01", NULL);

  g_assert_true (harley_register_save (store, jane, HARLEY_REGISTER_SAVE_DEFAULT, NULL));
  g_clear_object (&store);
  harley_test_add_user (desk->path);
  desk->app = harley_test_start_signed_out (desk->path);
  desk->window = harley_test_main_window (desk->app);
}

/* Nothing of a patient shows before signing in; a wrong passphrase is
 * said, recorded, and lets nobody in. */
static void
test_sign_in (void)
{
  Desk desk = { 0 };
  HarleySignInPage *page;

  desk_open_signed_out (&desk);
  page = page_of (&desk);
  g_assert_cmpint (harley_sign_in_page_get_mode (page), ==, HARLEY_SIGN_IN_PAGE_SIGN_IN);
  g_assert_false (shows (GTK_WIDGET (desk.window), "Hollingworth"));

  g_assert_true (harley_sign_in_page_choose_user (page, HARLEY_TEST_USER));
  type_into (page, "passphrase", "copper kettle evening");
  press_go (page);
  g_assert_true (harley_window_is_locked (desk.window));
  g_assert_nonnull (strstr (harley_sign_in_page_get_message (page), "not right"));
  g_assert_cmpstr (gtk_editable_get_text (harley_sign_in_page_get_entry (page, "passphrase")), ==, "");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'failed-sign-in'"),
                   ==, 1);

  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
  g_assert_false (harley_window_is_locked (desk.window));
  harley_test_iterate (100);
  g_assert_true (shows (GTK_WIDGET (desk.window), "Hollingworth"));
  desk_close (&desk);
}

/* Ctrl+L hides the record being typed and the audit trail's window; the
 * window's shortcuts do nothing; unlocking brings it all back */
static void
test_lock_and_unlock (void)
{
  Desk desk = { 0 };
  HarleySignInPage *page;
  GtkWindow *trail;
  HarleyPatientEditor *editor;

  desk_open_signed_out (&desk);
  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
  harley_window_open_patient (desk.window, 1);
  harley_test_iterate (50);
  editor = harley_window_get_editor (desk.window);
  g_assert_true (shows (GTK_WIDGET (desk.window), "Hollingworth"));
  harley_test_activate (desk.window, "win.audit-trail", NULL);
  harley_test_iterate (100);
  trail = harley_test_find_window (HARLEY_TYPE_AUDIT_WINDOW);
  g_assert_nonnull (trail);

  harley_test_activate (desk.window, "win.lock", NULL);
  g_assert_true (harley_window_is_locked (desk.window));
  page = page_of (&desk);
  g_assert_cmpint (harley_sign_in_page_get_mode (page), ==, HARLEY_SIGN_IN_PAGE_LOCKED);
  g_assert_false (shows (GTK_WIDGET (desk.window), "Hollingworth"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (trail)));
  /* Ctrl+N while locked makes no new patient */
  gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.new-patient", NULL);
  harley_test_iterate (20);
  g_assert_cmpint (harley_patient_editor_get_patient_id (editor), ==, 1);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'sign-out' "
                                          "AND what = 'Locked Harley' AND who = '" HARLEY_TEST_USER "'"), ==, 1);

  type_into (page, "passphrase", "not the passphrase");
  press_go (page);
  g_assert_true (harley_window_is_locked (desk.window));
  type_into (page, "passphrase", HARLEY_TEST_PASSPHRASE);
  press_go (page);
  g_assert_false (harley_window_is_locked (desk.window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (trail)));
  harley_test_iterate (100);
  g_assert_true (shows (GTK_WIDGET (desk.window), "Hollingworth"));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'sign-in' "
                                          "AND what = 'Unlocked Harley'"), ==, 1);
  gtk_window_destroy (trail);
  desk_close (&desk);
}

/* Five minutes untouched lock Harley; set to 0 it never locks itself */
static void
test_idle_lock (void)
{
  Desk desk = { 0 };
  GSettings *settings;

  desk_open_signed_out (&desk);
  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
  settings = harley_application_get_settings (desk.app);
  g_assert_cmpuint (g_settings_get_uint (settings, "lock-after-minutes"), ==, 5);

  _harley_window_pretend_idle (desk.window, 4 * 60);
  g_assert_false (harley_window_is_locked (desk.window));
  _harley_window_pretend_idle (desk.window, 5 * 60);
  g_assert_true (harley_window_is_locked (desk.window));
  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
  g_assert_false (harley_window_is_locked (desk.window));

  g_settings_set_uint (settings, "lock-after-minutes", 0);
  _harley_window_pretend_idle (desk.window, 24 * 60 * 60);
  g_assert_false (harley_window_is_locked (desk.window));
  g_settings_reset (settings, "lock-after-minutes");
  desk_close (&desk);
}

/* Privacy: the list shows initials and the open record is covered,
 * until it is turned off again */
static void
test_privacy (void)
{
  Desk desk = { 0 };
  HarleyPatientEditor *editor;

  desk_open_signed_out (&desk);
  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
  harley_window_open_patient (desk.window, 1);
  harley_test_iterate (100);
  editor = harley_window_get_editor (desk.window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));

  harley_test_activate (desk.window, "win.privacy", NULL);
  harley_test_iterate (100);
  g_assert_false (shows (GTK_WIDGET (desk.window), "Hollingworth"));
  g_assert_false (shows (GTK_WIDGET (desk.window), "01/05/1970"));
  g_assert_true (shows (GTK_WIDGET (desk.window), "H. J."));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (shows (GTK_WIDGET (desk.window), "Details Hidden"));

  {
    g_autofree char *titled = harley_privacy_mask_name ("Mrs Jane Hollingworth-Smith");
    g_autofree char *listed = harley_privacy_mask_name ("ŻAK, Żaneta");

    g_assert_cmpstr (titled, ==, "J. H.");
    g_assert_cmpstr (listed, ==, "Ż. Ż.");
  }
  harley_test_activate (desk.window, "win.privacy", NULL);
  harley_test_iterate (100);
  g_assert_true (shows (GTK_WIDGET (desk.window), "Hollingworth"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  desk_close (&desk);
}

static GtkWidget *find_type (GtkWidget *widget,
                             GType      type);

/* A secretary may change her own passphrase and the lock, not the
 * practice's preferences or anyone else */
static void
assert_preferences_for_secretary (Desk *desk)
{
  GtkWidget *prefs;
  GtkWidget *users;

  g_action_group_activate_action (G_ACTION_GROUP (desk->app), "preferences", NULL);
  harley_test_iterate (100);
  prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);
  users = find_type (prefs, HARLEY_TYPE_PREFERENCES_USERS);
  g_assert_true (gtk_widget_is_sensitive (users));
  g_assert_false (gtk_widget_is_sensitive (find_type (prefs, ADW_TYPE_PREFERENCES_PAGE)));
  /* the core refuses, whatever the window offers */
  g_assert_cmpint (harley_user_add (harley_window_get_store (desk->window), "Al Tate", HARLEY_ROLE_ADMINISTRATOR,
                                    "cedar fence gate", 0, NULL), ==, 0);
  gtk_widget_activate_action (users, "users.add", NULL);
  harley_test_iterate (20);
  g_assert_null (harley_test_find_dialog ());
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Sign Out lets a second secretary in at the same desk; her name comes
 * first next time */
static void
test_sign_out (void)
{
  Desk desk = { 0 };
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk.dir, &desk.path);
  g_autoptr(GError) error = NULL;
  HarleySignInPage *page;

  harley_user_add (store, "Zoe Wright", HARLEY_ROLE_SECRETARY, "plum orchard rain", 0, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  desk.app = harley_test_start (desk.path);
  desk.window = harley_test_main_window (desk.app);

  harley_test_activate (desk.window, "win.sign-out", NULL);
  page = page_of (&desk);
  g_assert_cmpint (harley_sign_in_page_get_mode (page), ==, HARLEY_SIGN_IN_PAGE_SIGN_IN);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'sign-out' "
                                          "AND what = 'Signed out' AND who = '" HARLEY_TEST_USER "'"), ==, 1);
  harley_test_sign_in_as (desk.window, "Zoe Wright", "plum orchard rain");
  g_assert_false (harley_window_is_locked (desk.window));
  g_assert_cmpstr (harley_store_get_user (harley_window_get_store (desk.window)), ==, "Zoe Wright");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'sign-in' "
                                          "AND who = 'Zoe Wright'"), ==, 1);
  assert_preferences_for_secretary (&desk);

  /* next time, Zoe is chosen first, though her name comes after the tests' user */
  harley_test_activate (desk.window, "win.sign-out", NULL);
  page = page_of (&desk);
  gtk_editable_set_text (harley_sign_in_page_get_entry (page, "passphrase"), "plum orchard rain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.go", NULL));
  g_assert_false (harley_window_is_locked (desk.window));
  g_assert_cmpstr (harley_store_get_user (harley_window_get_store (desk.window)), ==, "Zoe Wright");
  desk_close (&desk);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fill_dialog (AdwMessageDialog *dialog,
             const char       *first,
             ...)
{
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    {
      g_autofree char *key = g_strdup_printf ("row-%u", n++);

      gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), key)), text);
    }
  va_end (args);
}

/* The administrator adds a clinician, who signs in; archives them; and
 * cannot archive the last administrator, herself */
static void
test_users_in_preferences (void)
{
  Desk desk = { 0 };
  GtkWidget *prefs;
  GtkWidget *users;
  AdwMessageDialog *dialog;

  desk_open_signed_out (&desk);
  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
  g_action_group_activate_action (G_ACTION_GROUP (desk.app), "preferences", NULL);
  harley_test_iterate (100);
  prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  users = find_type (prefs, HARLEY_TYPE_PREFERENCES_USERS);
  g_assert_nonnull (users);

  harley_test_activate (users, "users.add", NULL);
  dialog = harley_test_find_dialog ();
  fill_dialog (dialog, "Dr Ray Okafor", "seven green hills", "seven green hills", NULL);
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (dialog), "role"), HARLEY_ROLE_CLINICIAN);
  harley_test_respond (dialog, "go");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM user_account WHERE name = 'Dr Ray Okafor' "
                                          "AND role = 'clinician'"), ==, 1);
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'create' "
                                          "AND what = 'User: Dr Ray Okafor' AND who = '" HARLEY_TEST_USER "'"), ==, 1);

  /* mistyped the second time: nothing changes */
  harley_test_activate (users, "users.add", NULL);
  dialog = harley_test_find_dialog ();
  fill_dialog (dialog, "Bea Cole", "quiet amber river", "quiet amber rivr", NULL);
  harley_test_respond (dialog, "go");
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM user_account"), ==, 2);

  harley_test_activate (users, "users.archive", g_variant_new_int64 (1));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT archived FROM user_account WHERE id = 1"), ==, 0);
  harley_test_activate (users, "users.archive", g_variant_new_int64 (2));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT archived FROM user_account WHERE id = 2"), ==, 1);

  harley_test_activate (users, "users.change-mine", NULL);
  dialog = harley_test_find_dialog ();
  fill_dialog (dialog, HARLEY_TEST_PASSPHRASE, "tin roof sunshine", "tin roof sunshine", NULL);
  harley_test_respond (dialog, "go");
  gtk_window_destroy (GTK_WINDOW (prefs));
  harley_window_lock (desk.window);
  harley_test_sign_in_as (desk.window, HARLEY_TEST_USER, "tin roof sunshine");
  g_assert_false (harley_window_is_locked (desk.window));
  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/sign-in/first-run", test_first_run, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/sign-in/sign-in", test_sign_in, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/sign-in/lock-and-unlock", test_lock_and_unlock, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/sign-in/idle-lock", test_idle_lock, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/sign-in/privacy", test_privacy, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/sign-in/sign-out", test_sign_out, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/sign-in/users-in-preferences", test_users_in_preferences,
                        harley_test_run_in_subprocess);

  return g_test_run ();
}
