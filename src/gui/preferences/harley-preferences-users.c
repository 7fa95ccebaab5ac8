/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-preferences"

/* The Users page of Preferences: everyone's own passphrase and the idle
 * lock; and, for an administrator, everyone who uses Harley: add a user,
 * set a forgotten passphrase, archive someone who has left (never
 * deleted: the records and the audit trail keep their name). Each change
 * is made by harley-user.c, which refuses what would leave the practice
 * without an administrator, and enters the audit trail. */

#include <glib/gi18n-lib.h>

#include "harley-application.h"
#include "harley-preferences-users-private.h"
#include "harley-user.h"

struct _HarleyPreferencesUsers
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwActionRow       *me_row;
  GtkSpinButton      *lock_spin;
  AdwPreferencesGroup *users_group;
  GtkButton          *add_button;
  GtkListBox         *user_list;

  HarleyStore        *store;
};

G_DEFINE_FINAL_TYPE (HarleyPreferencesUsers, harley_preferences_users, ADW_TYPE_PREFERENCES_PAGE)

static void
toast (HarleyPreferencesUsers *self,
       const char             *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static gboolean
is_administrator (HarleyPreferencesUsers *self)
{
  const HarleyUser *me = harley_user_get_signed_in (self->store);

  return me == NULL || me->role == HARLEY_ROLE_ADMINISTRATOR;
}

/* The list {{{1 */

static GtkWidget *
make_user_row (HarleyPreferencesUsers *self,
               const HarleyUser       *user)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = user->archived ? g_strdup_printf (_("%s · archived"), harley_role_label (user->role))
                                             : g_strdup (harley_role_label (user->role));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (is_administrator (self))
    {
      GtkWidget *passphrase = gtk_button_new_with_mnemonic (_("Set _Passphrase…"));
      GtkWidget *archive = gtk_button_new_with_mnemonic (user->archived ? _("_Restore") : _("_Archive"));

      for (GtkWidget *button = passphrase; button != NULL; button = button == passphrase ? archive : NULL)
        {
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_actionable_set_action_target (GTK_ACTIONABLE (passphrase), "x", user->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (passphrase), "users.set-passphrase");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (archive), "x", user->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (archive), user->archived ? "users.restore" : "users.archive");
      gtk_widget_set_visible (passphrase, !user->archived);
    }
  return row;
}

static void
reload (HarleyPreferencesUsers *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = harley_user_list (self->store, TRUE, &error);
  const HarleyUser *me = harley_user_get_signed_in (self->store);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->user_list))) != NULL)
    gtk_list_box_remove (self->user_list, child);
  if (users == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < users->len; i++)
    gtk_list_box_append (self->user_list, make_user_row (self, g_ptr_array_index (users, i)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->me_row), me != NULL ? me->name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->me_row), me != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.add", is_administrator (self));
  adw_preferences_group_set_description (self->users_group,
                                         is_administrator (self) ? NULL
                                         : _("Only an administrator can add users or change them."));
}

/* Asking {{{1 */

/* A question with entry rows under it; @rows are NULL-terminated
 * (title, is-passphrase) pairs, kept on the dialog as "row-0", "row-1"… */
static AdwMessageDialog *
ask (HarleyPreferencesUsers *self,
     const char             *heading,
     const char             *body,
     const char             *go,
     ...)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  GtkWidget *list = gtk_list_box_new ();
  const char *title;
  va_list args;
  guint n = 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  va_start (args, go);
  while ((title = va_arg (args, const char *)) != NULL)
    {
      gboolean secret = va_arg (args, gboolean);
      GtkWidget *row = secret ? adw_password_entry_row_new () : adw_entry_row_new ();
      g_autofree char *key = g_strdup_printf ("row-%u", n++);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_object_set_data (G_OBJECT (dialog), key, row);
    }
  va_end (args);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "go", go, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "go");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return ADW_MESSAGE_DIALOG (dialog);
}

static const char *
answer (AdwMessageDialog *dialog,
        guint             n)
{
  g_autofree char *key = g_strdup_printf ("row-%u", n);

  return gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), key)));
}

static gboolean
check_again (const char  *passphrase,
             const char  *again,
             GError     **error)
{
  if (g_strcmp0 (passphrase, again) == 0)
    return TRUE;
  g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE,
                       _("The two passphrases are not the same, so nothing was changed. Try again."));
  return FALSE;
}

/* Says how it went: the error, or @done */
static void
report (HarleyPreferencesUsers *self,
        gboolean                ok,
        GError                 *error,
        const char             *done)
{
  toast (self, ok ? done : error->message);
  reload (self);
}

/* Actions {{{1 */

static void
on_add_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    HarleyPreferencesUsers *self)
{
  g_autoptr(GError) error = NULL;
  HarleyRole role = (HarleyRole) adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "role"));
  gboolean ok;

  g_signal_handlers_disconnect_by_func (dialog, on_add_response_cb, self);
  if (!g_str_equal (response, "go"))
    return;
  ok = check_again (answer (dialog, 1), answer (dialog, 2), &error)
       && harley_user_add (self->store, answer (dialog, 0), role, answer (dialog, 1), 0, &error) != 0;
  report (self, ok, error, _("User added: they can sign in now"));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  HarleyPreferencesUsers *self = HARLEY_PREFERENCES_USERS (widget);
  const char *roles[] = { harley_role_label (HARLEY_ROLE_SECRETARY), harley_role_label (HARLEY_ROLE_CLINICIAN),
                          harley_role_label (HARLEY_ROLE_ADMINISTRATOR), NULL };
  AdwMessageDialog *dialog = ask (self, _("Add a User"),
                                  _("A secretary keeps the records, diary, letters and samples; a clinician also "
                                    "approves letters and reviews results; an administrator also looks after "
                                    "users, backups and preferences. They can change the passphrase when they "
                                    "first sign in."),
                                  _("_Add"), _("Name"), FALSE, _("Passphrase"), TRUE, _("Passphrase Again"), TRUE,
                                  NULL);
  GtkWidget *role = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (roles);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role), _("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (role), G_LIST_MODEL (labels));
  gtk_list_box_append (GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog)), role);
  g_object_set_data (G_OBJECT (dialog), "role", role);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_set_passphrase_response_cb (AdwMessageDialog       *dialog,
                               const char             *response,
                               HarleyPreferencesUsers *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "user-id"));
  gboolean mine = g_object_get_data (G_OBJECT (dialog), "mine") != NULL;
  g_autoptr(HarleyUser) checked = NULL;
  guint first = mine ? 1 : 0;
  gboolean ok;

  g_signal_handlers_disconnect_by_func (dialog, on_set_passphrase_response_cb, self);
  if (!g_str_equal (response, "go"))
    return;
  ok = check_again (answer (dialog, first), answer (dialog, first + 1), &error)
       && (!mine || (checked = harley_user_sign_in (self->store, id, answer (dialog, 0), HARLEY_SIGN_IN_CONFIRM,
                                                    &error)) != NULL)
       && harley_user_set_passphrase (self->store, id, answer (dialog, first), &error);
  report (self, ok, error, _("Passphrase changed"));
}

static void
ask_passphrase (HarleyPreferencesUsers *self,
                gint64                  id,
                gboolean                mine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) user = harley_user_get (self->store, id, &error);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (user == NULL)
    {
      toast (self, error->message);
      return;
    }
  heading = g_strdup_printf (_("A New Passphrase for %s"), user->name);
  if (mine)
    dialog = ask (self, heading, _("Type your passphrase as it is now, then the new one twice."), _("_Change"),
                  _("Passphrase Now"), TRUE, _("New Passphrase"), TRUE, _("New Passphrase Again"), TRUE, NULL);
  else
    dialog = ask (self, heading, _("For someone who has forgotten theirs: tell them the new one in person, "
                                   "and ask them to change it."), _("_Set"),
                  _("New Passphrase"), TRUE, _("New Passphrase Again"), TRUE, NULL);
  g_object_set_data (G_OBJECT (dialog), "user-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (dialog), "mine", mine ? GINT_TO_POINTER (1) : NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_set_passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_mine_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyPreferencesUsers *self = HARLEY_PREFERENCES_USERS (widget);
  const HarleyUser *me = harley_user_get_signed_in (self->store);

  if (me != NULL)
    ask_passphrase (self, me->id, TRUE);
}

static void
set_passphrase_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ask_passphrase (HARLEY_PREFERENCES_USERS (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarleyPreferencesUsers *self = HARLEY_PREFERENCES_USERS (widget);
  gboolean archive = g_str_equal (action_name, "users.archive");
  g_autoptr(GError) error = NULL;
  gboolean ok = harley_user_set_archived (self->store, g_variant_get_int64 (parameter), archive, &error);

  report (self, ok, error, archive ? _("User archived: they can no longer sign in") : _("User restored"));
}

/* GObject {{{1 */

static void
harley_preferences_users_dispose (GObject *object)
{
  HarleyPreferencesUsers *self = HARLEY_PREFERENCES_USERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PREFERENCES_USERS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_preferences_users_parent_class)->dispose (object);
}

static void
harley_preferences_users_class_init (HarleyPreferencesUsersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_preferences_users_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/preferences/harley-preferences-users.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesUsers, me_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesUsers, lock_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesUsers, users_group);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesUsers, add_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesUsers, user_list);
  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.change-mine", NULL, change_mine_action);
  gtk_widget_class_install_action (widget_class, "users.set-passphrase", "x", set_passphrase_action);
  gtk_widget_class_install_action (widget_class, "users.archive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "users.restore", "x", archive_action);
}

static void
harley_preferences_users_init (HarleyPreferencesUsers *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HarleyPreferencesUsers *
_harley_preferences_users_new (HarleyStore *store)
{
  HarleyPreferencesUsers *self = g_object_new (HARLEY_TYPE_PREFERENCES_USERS, NULL);
  GApplication *app = g_application_get_default ();
  GSettings *settings = HARLEY_IS_APPLICATION (app) ? harley_application_get_settings (HARLEY_APPLICATION (app))
                                                    : NULL;

  self->store = g_object_ref (store);
  if (settings != NULL)
    g_settings_bind (settings, "lock-after-minutes", gtk_spin_button_get_adjustment (self->lock_spin), "value",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->lock_spin), FALSE);
  reload (self);
  return self;
}
