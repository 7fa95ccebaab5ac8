/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-pdf-save"

/* Saving a PDF the way every window in Harley does: the file chooser
 * (GTK 4.8 has no GtkFileDialog), then the file written whole or not at
 * all, never over the practice database. */

#include <glib/gi18n-lib.h>

#include "harley-pdf-save.h"
#include "harley-render-util.h"

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        GtkWidget       *widget)
{
  HarleyPdfSaveChosen chosen = g_object_get_data (G_OBJECT (chooser), "harley-chosen");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    chosen (widget, path);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * harley_pdf_save_choose:
 * @widget: the widget whose window the chooser belongs to
 * @title: the chooser's title, "Save Letter as PDF"
 * @suggested_name: the file's name to start with; '/' becomes '-'
 * @chosen: what to do with the file chosen
 *
 * Asks where to save; nothing happens if the user cancels, or if @widget
 * has gone by the time they answer.
 */
void
harley_pdf_save_choose (GtkWidget           *widget,
                        const char          *title,
                        const char          *suggested_name,
                        HarleyPdfSaveChosen  chosen)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = g_strdelimit (g_strdup (suggested_name), "/", '-');
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "harley-chosen", chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * harley_pdf_save_bytes:
 * @store: the open practice database, which is never written over
 * @pdf: the PDF
 * @path: where to write it
 *
 * Returns: %FALSE with @error, a sentence saying what to do, if the file
 *   is the practice database or could not be written whole
 */
gboolean
harley_pdf_save_bytes (HarleyStore  *store,
                       GBytes       *pdf,
                       const char   *path,
                       GError      **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  int saved_errno;

  if (_harley_render_is_database (harley_store_get_path (store), path))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("“%s” holds the practice’s records. Save the PDF as another file."), name);
      return FALSE;
    }
  if ((saved_errno = _harley_render_write_bytes (path, pdf)) == 0)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* TRANSLATORS: %s is a file's name, then why it could not be written */
               _("“%s” could not be saved: %s. Choose another place, or make room, and save again."), name,
               g_strerror (saved_errno));
  return FALSE;
}
