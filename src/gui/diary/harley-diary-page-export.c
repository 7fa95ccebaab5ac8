/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary-page"

/* Export to Calendar: a clinician's diary (or everyone's) for a range of
 * dates as an iCalendar file, for the consultant's phone or another
 * calendar. Patients' names go in only when she ticks the box. */

#include <glib/gi18n-lib.h>

#include "harley-diary-page-private.h"
#include "harley-ical.h"
#include "harley-validate.h"

typedef struct
{
  HarleyDiaryPage *page;
  GDate            from;
  GDate            to;
  gint64           clinician_id;
  gboolean         names;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->page);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
export_to (HarleyDiaryPage *self,
           const Export    *export,
           const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;
  guint n = 0;

  if (!harley_ical_export_to_file (self->store, export->clinician_id, &export->from, &export->to,
                                   export->names ? HARLEY_ICAL_INCLUDE_PATIENT_NAMES : HARLEY_ICAL_DEFAULT,
                                   path, &n, &error))
    {
      _harley_diary_page_toast (self, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u appointment exported to “%s”",
                                          "%u appointments exported to “%s”", n), n, name);
  _harley_diary_page_toast (self, message);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         data)
{
  g_autoptr(Export) export = data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    export_to (export->page, export, path);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (Export *export)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (export->page));
  g_autofree char *name = g_strdup_printf (_("Diary %02u-%02u-%04u to %02u-%02u-%04u.ics"),
                                           (guint) g_date_get_day (&export->from),
                                           (guint) g_date_get_month (&export->from),
                                           (guint) g_date_get_year (&export->from),
                                           (guint) g_date_get_day (&export->to),
                                           (guint) g_date_get_month (&export->to),
                                           (guint) g_date_get_year (&export->to));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export the Diary"),
                                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                               _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The question's form {{{1 */

typedef struct
{
  GtkEditable    *from;
  GtkEditable    *to;
  GtkDropDown    *who;
  GtkCheckButton *names;
} Form;

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *field)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return field;
}

static GtkWidget *
build_form (HarleyDiaryPage *self,
            Form            *form)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autoptr(GtkStringList) who = gtk_string_list_new (NULL);
  g_autofree char *from = harley_format_gdate (&self->date);
  GDate end = self->date;
  g_autofree char *to = NULL;

  g_date_add_months (&end, 3);
  to = harley_format_gdate (&end);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_string_list_append (who, _("Everyone"));
  for (guint i = 0; i < self->clinicians->len; i++)
    gtk_string_list_append (who, ((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->name);
  form->who = GTK_DROP_DOWN (add_row (grid, 0, _("_Whose diary"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (who)), NULL)));
  form->from = GTK_EDITABLE (add_row (grid, 1, _("_From"), gtk_entry_new ()));
  form->to = GTK_EDITABLE (add_row (grid, 2, _("_Until"), gtk_entry_new ()));
  form->names = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Include patients' _names: the file will then "
                                                                        "hold patient information")));
  gtk_grid_attach (grid, GTK_WIDGET (form->names), 0, 3, 2, 1);
  gtk_editable_set_text (form->from, from);
  gtk_editable_set_text (form->to, to);
  return GTK_WIDGET (grid);
}

static Export *
read_form (HarleyDiaryPage  *self,
           const Form       *form,
           GError          **error)
{
  g_autoptr(Export) export = g_new0 (Export, 1);
  guint who = gtk_drop_down_get_selected (form->who);

  if (!harley_parse_date (gtk_editable_get_text (form->from), &export->from, error)
      || !harley_parse_date (gtk_editable_get_text (form->to), &export->to, error)
      || !harley_ical_check_range (&export->from, &export->to, error))
    return NULL;
  export->page = g_object_ref (self);
  export->names = gtk_check_button_get_active (form->names);
  if (who > 0 && who <= self->clinicians->len)
    export->clinician_id = ((HarleyClinician *) g_ptr_array_index (self->clinicians, who - 1))->id;
  return g_steal_pointer (&export);
}

static void
on_export_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HarleyDiaryPage  *self)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "harley-form");
  g_autoptr(GError) error = NULL;
  Export *export;

  g_signal_handlers_disconnect_by_func (dialog, on_export_response_cb, self);
  if (g_strcmp0 (response, "export") != 0)
    return;
  if ((export = read_form (self, form, &error)) == NULL)
    {
      _harley_diary_page_toast (self, error->message);
      return;
    }
  choose_file (export);
}

void
_harley_diary_page_export (HarleyDiaryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Form *form = g_new0 (Form, 1);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Export to Calendar"),
                                              _("An iCalendar file of the appointments, for a phone or another "
                                                "calendar. Without names it shows only the type and place."));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_form (self, form));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "harley-form", form, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _harley_diary_page_export_to:
 * @parameter: (path, first day, last day as YYYY-MM-DD, clinician id or
 *   0, whether to include patients' names)
 *
 * What the export question and the file chooser end with: diary.export-to.
 */
void
_harley_diary_page_export_to (HarleyDiaryPage *self,
                              GVariant        *parameter)
{
  g_autoptr(Export) export = g_new0 (Export, 1);
  g_autoptr(GError) error = NULL;
  const char *path, *from, *to;

  g_variant_get (parameter, "(&s&s&sxb)", &path, &from, &to, &export->clinician_id, &export->names);
  if (!harley_parse_date (from, &export->from, &error) || !harley_parse_date (to, &export->to, &error))
    {
      _harley_diary_page_toast (self, error->message);
      return;
    }
  export->page = g_object_ref (self);
  export_to (self, export, path);
}
