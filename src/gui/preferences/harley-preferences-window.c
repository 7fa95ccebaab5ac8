/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-preferences"

#include <glib/gi18n-lib.h>

#include "harley-preferences-window.h"
#include "harley-question.h"

#define N_DETAILS 7

struct _HarleyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *consultant_row;
  AdwEntryRow          *qualifications_row;
  AdwEntryRow          *gmc_row;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkWidget            *remove_logo_button;

  /* Owned references */
  HarleyStore          *store;
  GtkFileChooserNative *chooser;
  char                 *loaded[N_DETAILS];   /* as saved, to write only changes */

  guint                 discard : 1;
};

G_DEFINE_FINAL_TYPE (HarleyPreferencesWindow, harley_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The practice details, as stored: key → row. */
static const char *detail_keys[N_DETAILS] = {
  "name", "address", "phone", "email", "consultant", "qualifications", "gmc"
};

static AdwEntryRow *
row_for (HarleyPreferencesWindow *self,
         guint                    i)
{
  AdwEntryRow *rows[] = {
    self->name_row, self->address_row, self->phone_row, self->email_row,
    self->consultant_row, self->qualifications_row, self->gmc_row,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (detail_keys));
  return rows[i];
}

static void
show_logo (HarleyPreferencesWindow *self)
{
  g_autoptr(GBytes) bytes = harley_store_get_practice_logo (self->store, NULL);
  g_autoptr(GdkTexture) texture = bytes ? gdk_texture_new_from_bytes (bytes, NULL) : NULL;

  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->remove_logo_button, texture != NULL);
  adw_action_row_set_subtitle (self->logo_row, texture ? _("Shown at the top of every letter")
                                                       : _("No logo: letters are headed with the practice name"));
}

/* An address is stored a line a row, and shown with commas. */
static char *
row_value (HarleyPreferencesWindow *self,
           guint                    i)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row_for (self, i))), ",", -1);

  for (guint p = 0; parts[p] != NULL; p++)
    g_strstrip (parts[p]);
  return g_strjoinv ("\n", parts);
}

static void
load_details (HarleyPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (detail_keys); i++)
    {
      g_autofree char *value = harley_store_get_practice_detail (self->store, detail_keys[i]);
      g_auto(GStrv) lines = g_strsplit (value ? value : "", "\n", -1);
      g_autofree char *shown = g_strjoinv (", ", lines);

      gtk_editable_set_text (GTK_EDITABLE (row_for (self, i)), shown);
      self->loaded[i] = row_value (self, i);
    }
  show_logo (self);
}

/**
 * harley_preferences_window_save:
 * @self: a #HarleyPreferencesWindow
 * @error: where to put a failure
 *
 * Writes the practice details that changed, all in one transaction.
 */
gboolean
harley_preferences_window_save (HarleyPreferencesWindow  *self,
                                GError                  **error)
{
  const char *keys[G_N_ELEMENTS (detail_keys)];
  char *values[G_N_ELEMENTS (detail_keys)];
  guint n = 0;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (detail_keys); i++)
    {
      char *value = row_value (self, i);

      if (g_strcmp0 (value, self->loaded[i]) == 0)
        {
          g_free (value);
          continue;
        }
      keys[n] = detail_keys[i];
      values[n++] = value;
    }
  ok = n == 0 || harley_store_set_practice_details (self->store, keys, (const char * const *) values, n, error);
  for (guint i = 0; i < n; i++)
    g_free (values[i]);
  if (ok)
    {
      for (guint i = 0; i < G_N_ELEMENTS (detail_keys); i++)
        {
          g_free (self->loaded[i]);
          self->loaded[i] = row_value (self, i);
        }
    }
  return ok;
}

static void
on_unsaved_close_cb (AdwMessageDialog        *dialog,
                     const char              *response,
                     HarleyPreferencesWindow *self)
{
  if (g_strcmp0 (response, HARLEY_ANSWER_DISCARD) == 0)
    {
      self->discard = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Saving on close can fail (a full disk, a damaged file): she is told,
 * and may go back or close without the changes. */
static gboolean
harley_preferences_window_close_request (GtkWindow *window)
{
  HarleyPreferencesWindow *self = HARLEY_PREFERENCES_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (self->discard || harley_preferences_window_save (self, &error))
    return GTK_WINDOW_CLASS (harley_preferences_window_parent_class)->close_request (window);
  harley_ask_before_losing (GTK_WIDGET (window), _("The Practice Details Were Not Saved"), error->message,
                            _("_Go Back"), _("_Close Without Saving"),
                            G_CALLBACK (on_unsaved_close_cb), self);
  return TRUE;
}

static void
on_logo_chosen_cb (GtkNativeDialog         *chooser,
                   int                      response,
                   HarleyPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture != NULL)
    {
      type = g_content_type_guess (NULL, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
      harley_store_set_practice_logo (self->store, bytes, type, &error);
    }
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("That picture cannot be used as a logo: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }
  show_logo (self);
}

static void
on_choose_logo_clicked_cb (HarleyPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Practice Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_logo_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_remove_logo_clicked_cb (HarleyPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!harley_store_set_practice_logo (self->store, NULL, NULL, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  show_logo (self);
}

static void
harley_preferences_window_dispose (GObject *object)
{
  HarleyPreferencesWindow *self = HARLEY_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PREFERENCES_WINDOW);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (self->loaded); i++)
    g_clear_pointer (&self->loaded[i], g_free);

  G_OBJECT_CLASS (harley_preferences_window_parent_class)->dispose (object);
}

static void
harley_preferences_window_class_init (HarleyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = harley_preferences_window_dispose;
  window_class->close_request = harley_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/preferences/harley-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, consultant_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, qualifications_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, gmc_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, remove_logo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_logo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_logo_clicked_cb);
}

static void
harley_preferences_window_init (HarleyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * harley_preferences_window_new:
 * @parent: (nullable): the main window
 * @store: the practice database
 *
 * Returns: (transfer full): the preferences, holding the practice's details
 */
HarleyPreferencesWindow *
harley_preferences_window_new (GtkWindow   *parent,
                               HarleyStore *store)
{
  HarleyPreferencesWindow *self = g_object_new (HARLEY_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  load_details (self);
  return self;
}
