/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sign-in-page"

/* What the window shows before anyone has signed in, and while it is
 * locked: no patient's name or detail, only who may come in.
 *
 * On a new practice database it makes the first user, the practice's
 * administrator. Otherwise the secretary chooses her name and types her
 * passphrase; when locked, only the user who was signed in can unlock
 * (the work on screen is theirs). Each try is checked and recorded by
 * harley_user_sign_in (), which also slows down guessing; the page says
 * what went wrong and empties the passphrase. "signed-in" is emitted when
 * the store acts for a user again. */

#include <glib/gi18n-lib.h>

#include "harley-sign-in-page.h"

struct _HarleySignInPage
{
  GtkBox                parent_instance;

  /* Template widgets */
  AdwAvatar            *avatar;
  GtkLabel             *title;
  GtkLabel             *description;
  AdwComboRow          *user_row;
  AdwEntryRow          *name_row;
  AdwPasswordEntryRow  *passphrase_row;
  AdwPasswordEntryRow  *again_row;
  GtkLabel             *message;
  GtkButton            *go_button;

  HarleyStore          *store;
  HarleySignInPageMode  mode;
  GArray               *user_ids;     /* gint64, in the order of user_row's names */
};

G_DEFINE_FINAL_TYPE (HarleySignInPage, harley_sign_in_page, GTK_TYPE_BOX)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
say (HarleySignInPage *self,
     const char       *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

static void
clear_passphrases (HarleySignInPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static gint64
chosen_user (HarleySignInPage *self)
{
  guint i = adw_combo_row_get_selected (self->user_row);

  return i < self->user_ids->len ? g_array_index (self->user_ids, gint64, i) : 0;
}

/* Makes the practice's first user, its administrator, and signs them in */
static gint64
make_first_user (HarleySignInPage  *self,
                 const char        *passphrase,
                 GError           **error)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (g_strcmp0 (passphrase, gtk_editable_get_text (GTK_EDITABLE (self->again_row))) != 0)
    {
      g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE,
                           _("The two passphrases are not the same. Type them again."));
      return 0;
    }
  return harley_user_add (self->store, name, HARLEY_ROLE_ADMINISTRATOR, passphrase, 0, error);
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  HarleySignInPage *self = HARLEY_SIGN_IN_PAGE (widget);
  g_autofree char *passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  g_autoptr(HarleyUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  HarleySignIn why = HARLEY_SIGN_IN_START;

  switch (self->mode)
    {
    case HARLEY_SIGN_IN_PAGE_FIRST_RUN:
      id = make_first_user (self, passphrase, &error);
      break;
    case HARLEY_SIGN_IN_PAGE_SIGN_IN:
      id = chosen_user (self);
      break;
    case HARLEY_SIGN_IN_PAGE_LOCKED:
    default:
      id = harley_user_get_signed_in (self->store) != NULL ? harley_user_get_signed_in (self->store)->id : 0;
      why = HARLEY_SIGN_IN_UNLOCK;
      break;
    }
  if (id != 0)
    user = harley_user_sign_in (self->store, id, passphrase, why, &error);
  g_free (g_steal_pointer (&passphrase));
  if (user == NULL)
    {
      say (self, error != NULL ? error->message : _("Choose your name first."));
      clear_passphrases (self);
      return;
    }
  say (self, NULL);
  clear_passphrases (self);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
on_entry_activated_cb (HarleySignInPage *self,
                       AdwEntryRow      *row)
{
  if (self->mode == HARLEY_SIGN_IN_PAGE_FIRST_RUN && row != ADW_ENTRY_ROW (self->again_row))
    gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.go", NULL);
}

/* Modes {{{1 */

static void
load_users (HarleySignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = harley_user_list (self->store, FALSE, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->user_ids, 0);
  if (users == NULL)
    {
      say (self, error->message);
      return;
    }
  for (guint i = 0; i < users->len; i++)
    {
      const HarleyUser *user = g_ptr_array_index (users, i);

      gtk_string_list_append (names, user->name);
      g_array_append_val (self->user_ids, user->id);
    }
  adw_combo_row_set_model (self->user_row, G_LIST_MODEL (names));
}

static void
show_mode (HarleySignInPage *self)
{
  const HarleyUser *user = harley_user_get_signed_in (self->store);
  g_autofree char *practice = harley_store_get_practice_detail (self->store, "name");
  g_autofree char *locked = NULL;
  gboolean first = self->mode == HARLEY_SIGN_IN_PAGE_FIRST_RUN;

  gtk_widget_set_visible (GTK_WIDGET (self->user_row), self->mode == HARLEY_SIGN_IN_PAGE_SIGN_IN);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), first);
  gtk_widget_set_visible (GTK_WIDGET (self->again_row), first);
  switch (self->mode)
    {
    case HARLEY_SIGN_IN_PAGE_FIRST_RUN:
      gtk_label_set_text (self->title, _("Welcome to Harley"));
      gtk_label_set_text (self->description,
                          _("First, who are you? You will be this practice's administrator, and can add "
                            "everyone else who uses Harley in Preferences. Choose a passphrase of a few "
                            "words that mean something only to you."));
      gtk_button_set_label (self->go_button, _("_Start Using Harley"));
      adw_avatar_set_icon_name (self->avatar, "avatar-default-symbolic");
      break;
    case HARLEY_SIGN_IN_PAGE_SIGN_IN:
      load_users (self);
      gtk_label_set_text (self->title, _("Sign In"));
      gtk_label_set_text (self->description, practice != NULL ? practice : "");
      gtk_button_set_label (self->go_button, _("_Sign In"));
      adw_avatar_set_icon_name (self->avatar, "avatar-default-symbolic");
      break;
    case HARLEY_SIGN_IN_PAGE_LOCKED:
    default:
      locked = g_strdup_printf (_("Only %s can unlock it."), user != NULL ? user->name : "");
      gtk_label_set_text (self->title, _("Harley Is Locked"));
      gtk_label_set_text (self->description, locked);
      gtk_button_set_label (self->go_button, _("_Unlock"));
      adw_avatar_set_text (self->avatar, user != NULL ? user->name : NULL);
      break;
    }
}

/* GObject {{{1 */

static void
harley_sign_in_page_map (GtkWidget *widget)
{
  HarleySignInPage *self = HARLEY_SIGN_IN_PAGE (widget);

  GTK_WIDGET_CLASS (harley_sign_in_page_parent_class)->map (widget);
  gtk_widget_grab_focus (self->mode == HARLEY_SIGN_IN_PAGE_FIRST_RUN ? GTK_WIDGET (self->name_row)
                                                                     : GTK_WIDGET (self->passphrase_row));
}

static void
harley_sign_in_page_dispose (GObject *object)
{
  HarleySignInPage *self = HARLEY_SIGN_IN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->user_ids, g_array_unref);

  G_OBJECT_CLASS (harley_sign_in_page_parent_class)->dispose (object);
}

static void
harley_sign_in_page_class_init (HarleySignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_sign_in_page_dispose;
  widget_class->map = harley_sign_in_page_map;

  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/users/harley-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, title);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, description);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, again_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, message);
  gtk_widget_class_bind_template_child (widget_class, HarleySignInPage, go_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "sign-in.go", NULL, go_action);
}

static void
harley_sign_in_page_init (HarleySignInPage *self)
{
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * harley_sign_in_page_new:
 * @store: the practice database
 * @mode: what the page is for
 *
 * Returns: (transfer floating): a new page
 */
HarleySignInPage *
harley_sign_in_page_new (HarleyStore          *store,
                         HarleySignInPageMode  mode)
{
  HarleySignInPage *self = g_object_new (HARLEY_TYPE_SIGN_IN_PAGE, NULL);

  self->store = g_object_ref (store);
  self->mode = mode;
  show_mode (self);
  return self;
}

HarleySignInPageMode
harley_sign_in_page_get_mode (HarleySignInPage *self)
{
  return self->mode;
}

/* Chooses @name in the list of users, as picking it from the list does */
gboolean
harley_sign_in_page_choose_user (HarleySignInPage *self,
                                 const char       *name)
{
  GListModel *names = adw_combo_row_get_model (self->user_row);

  for (guint i = 0; names != NULL && i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      {
        adw_combo_row_set_selected (self->user_row, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * harley_sign_in_page_get_entry:
 * @which: "name", "passphrase" or "again"
 *
 * Returns: (transfer none): where that is typed
 */
GtkEditable *
harley_sign_in_page_get_entry (HarleySignInPage *self,
                               const char       *which)
{
  if (g_str_equal (which, "name"))
    return GTK_EDITABLE (self->name_row);
  if (g_str_equal (which, "again"))
    return GTK_EDITABLE (self->again_row);
  return GTK_EDITABLE (self->passphrase_row);
}

/* What the page last said went wrong, or "" */
const char *
harley_sign_in_page_get_message (HarleySignInPage *self)
{
  return gtk_label_get_text (self->message);
}
