/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-editor"

/* "Export Everything Held…" on the patient's record: a subject access
 * request (src/core/harley-subject-access*.c).
 *
 *   editor.export          → the folder chooser
 *   harley_patient_editor_export_to ()
 *     collect              on the main thread, which owns the store (a
 *                          patient's rows: milliseconds)
 *     write                on a worker thread (GTask): summary.pdf, the
 *                          letters and reports, record.json, the rename
 *     record               back on the main thread: the audit trail
 *   a toast with "Show Folder", or a dialog saying what went wrong. */

#include <glib/gi18n-lib.h>

#include "harley-patient-editor-private.h"
#include "harley-subject-access-pdf.h"

typedef struct
{
  HarleySubjectAccess *access;
  char                *parent;
  guint                n_files;
} Export;

static void
export_free (Export *export)
{
  harley_subject_access_free (export->access);
  g_free (export->parent);
  g_free (export);
}

static void
set_exporting (HarleyPatientEditor *self,
               gboolean             exporting)
{
  self->exporting = exporting;
  _harley_patient_editor_update_actions (self);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;
  char *folder = harley_subject_access_write (export->access, export->parent, harley_subject_access_pdf_render,
                                              &export->n_files, &error);

  if (folder != NULL)
    g_task_return_pointer (task, folder, g_free);
  else
    g_task_return_error (task, error);
}

static void
on_show_folder_clicked_cb (AdwToast   *toast,
                           const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not show %s: %s", uri, error->message);
}

static void
show_done (HarleyPatientEditor       *self,
           const HarleySubjectAccess *access,
           const char                *folder)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *name = g_filename_display_basename (folder);
  guint problems = harley_subject_access_count_problems (access);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (problems > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported to “%s”; %u stored file was left out: "
                                          "summary.pdf says why",
                                          "Exported to “%s”; %u stored files were left out: summary.pdf says why",
                                          problems), name, problems);
  else
    /* TRANSLATORS: %s is the export's folder */
    title = g_strdup_printf (_("Exported to “%s”"), name);
  if (overlay == NULL)
    return;
  /* libadwaita 1.2 reads a toast's title as markup */
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Show Folder"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_show_folder_clicked_cb),
                         g_filename_to_uri (folder, NULL, NULL), (GClosureNotify) (void (*) (void)) g_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (source);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_task_propagate_pointer (G_TASK (result), &error);

  set_exporting (self, FALSE);
  if (folder != NULL && self->store == NULL)
    {
      /* The window closed while it was written: it cannot be recorded */
      harley_subject_access_remove_folder (folder);
      return;
    }
  if (folder == NULL
      || !harley_subject_access_record (self->store, export->access, folder, export->n_files, &error))
    {
      _harley_patient_editor_show_error (self, _("Nothing Was Exported"), error->message);
      return;
    }
  show_done (self, export->access, folder);
}

/**
 * harley_patient_editor_export_to:
 * @self: a #HarleyPatientEditor with a saved record open
 * @parent: the folder chosen; the export is a new folder inside it
 *
 * Exports everything held about the open patient into @parent, writing
 * off the main thread; says when it is done, or what went wrong. What
 * "Export Everything Held…" does with the folder chosen.
 */
void
harley_patient_editor_export_to (HarleyPatientEditor *self,
                                 const char          *parent)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Export *export;
  gint64 id;

  g_return_if_fail (HARLEY_IS_PATIENT_EDITOR (self));
  g_return_if_fail (parent != NULL);

  if (self->exporting || self->patient == NULL || (id = harley_patient_get_id (self->patient)) == 0)
    return;
  export = g_new0 (Export, 1);
  export->parent = g_strdup (parent);
  if ((export->access = harley_subject_access_collect (self->store, id, &error)) == NULL)
    {
      export_free (export);
      _harley_patient_editor_show_error (self, _("Nothing Was Exported"), error->message);
      return;
    }
  set_exporting (self, TRUE);
  task = g_task_new (self, NULL, written_cb, NULL);
  g_task_set_source_tag (task, harley_patient_editor_export_to);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, write_in_thread);
}

/**
 * harley_patient_editor_get_exporting:
 *
 * Returns: whether an export is being written
 */
gboolean
harley_patient_editor_get_exporting (HarleyPatientEditor *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT_EDITOR (self), FALSE);
  return self->exporting;
}

static void
on_chooser_response_cb (GtkNativeDialog     *chooser,
                        int                  response,
                        HarleyPatientEditor *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && (path = g_file_get_path (folder)) != NULL)
    harley_patient_editor_export_to (self, path);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* editor.export: asks where, a folder or a USB drive. */
void
_harley_patient_editor_export_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  /* TRANSLATORS: the title of the folder chooser of a subject access export */
  chooser = gtk_file_chooser_native_new (_("Export Everything Held to a Folder"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
