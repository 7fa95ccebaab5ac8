/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-window"

/* The window's actions and shortcuts, and the unsaved-changes question. */

#include <glib/gi18n-lib.h>

#include "harley-audit-window.h"
#include "harley-new-letter-dialog.h"
#include "harley-retention-window.h"
#include "harley-sample-dialog.h"
#include "harley-window-private.h"

static void
go_on_after_question (HarleyWindow *self)
{
  if (self->closing)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->pending_new)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      harley_patient_editor_new_patient (self->editor);
    }
  else if (self->pending_id != 0)
    harley_window_open_patient (self, self->pending_id);
}

static void
on_unsaved_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        HarleyWindow     *self)
{
  if (g_strcmp0 (response, "save") == 0 && !harley_patient_editor_save (self->editor))
    response = "cancel";   /* the form shows what to put right */
  else if (g_strcmp0 (response, "discard") == 0)
    harley_patient_editor_revert (self->editor);

  if (g_strcmp0 (response, "cancel") == 0)
    {
      gint64 current = harley_patient_editor_get_patient_id (self->editor);
      guint position = current ? harley_patient_list_find (self->patients, current) : G_MAXUINT;

      self->closing = FALSE;
      g_signal_handlers_block_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_single_selection_set_selected (self->selection, position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
      g_signal_handlers_unblock_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      return;
    }
  go_on_after_question (self);
}

/**
 * _harley_window_guard_unsaved:
 * @self: a #HarleyWindow
 * @id: the patient to open next, or 0
 * @new_patient: whether a new record comes next
 *
 * Asks whether to save the open record's changes before going on.
 */
void
_harley_window_guard_unsaved (HarleyWindow *self,
                              gint64        id,
                              gboolean      new_patient)
{
  HarleyPatient *patient = harley_patient_editor_get_patient (self->editor);
  g_autofree char *name = harley_patient_get_id (patient) ? harley_patient_dup_display_name (patient)
                                                          : g_strdup (_("the new patient"));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);

  self->pending_id = id;
  self->pending_new = new_patient;
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The record of %s has changes that are not saved yet."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "patients");
  if (harley_patient_editor_get_dirty (self->editor))
    {
      _harley_window_guard_unsaved (self, 0, TRUE);
      return;
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  harley_patient_editor_new_patient (self->editor);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "patients");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
section_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);
  int wanted = g_variant_get_int32 (parameter);
  int n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL; child = gtk_widget_get_next_sibling (child), n++)
    if (n == wanted)
      {
        gtk_stack_set_visible_child (self->stack, child);
        return;
      }
}

/* win.book-follow-up (patient id, weeks): the diary's free-slot finder
 * from that many weeks ahead, for that patient */
static void
book_follow_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 patient_id;
  int weeks;
  GDate from;

  g_variant_get (parameter, "(xi)", &patient_id, &weeks);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_add_days (&from, 7 * CLAMP (weeks, 0, 104));
  gtk_stack_set_visible_child_name (self->stack, "diary");
  harley_diary_page_book_for (harley_window_get_diary (self), patient_id, &from);
}

static void
on_letter_created_cb (HarleyNewLetterDialog *dialog,
                      gint64                 letter_id,
                      HarleyWindow          *self)
{
  harley_patient_editor_refresh_history (self->editor);
  gtk_stack_set_visible_child_name (self->stack, "letters");
  harley_letters_page_open_letter (harley_window_get_letters (self), letter_id);
  gtk_widget_grab_focus (GTK_WIDGET (harley_letter_editor_get_text_view (
    harley_letters_page_get_editor (harley_window_get_letters (self)))));
}

/* win.new-letter (patient id, 0 to choose one); win.new-results-letter
 * (patient id): the same, with the results letter chosen */
static void
new_letter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);
  HarleyNewLetterDialog *dialog = harley_new_letter_dialog_new (GTK_WINDOW (self), self->store,
                                                                g_variant_get_int64 (parameter));
  g_autoptr(HarleyLetterTemplate) results = NULL;

  if (g_str_equal (action_name, "win.new-results-letter")
      && (results = harley_letter_template_find (self->store, "Results letter", NULL)) != NULL)
    harley_new_letter_dialog_set_template (dialog, results->id);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_letter_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.open-letter (letter id): the letter in the Letters section */
static void
open_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "letters");
  harley_letters_page_open_letter (harley_window_get_letters (self), g_variant_get_int64 (parameter));
}

/* win.open-sample (sample id): the sample in the Samples section */
static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "samples");
  harley_samples_page_open_sample (harley_window_get_samples (self), g_variant_get_int64 (parameter));
}

static void
on_sample_recorded_cb (HarleySampleDialog *dialog,
                       gint64              sample_id,
                       HarleyWindow       *self)
{
  gtk_stack_set_visible_child_name (self->stack, "samples");
  harley_samples_page_open_sample (harley_window_get_samples (self), sample_id);
}

/* win.record-sample (patient id, 0 to choose one) */
static void
record_sample_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);
  HarleySampleDialog *dialog = harley_sample_dialog_new (GTK_WINDOW (self), self->store,
                                                         g_variant_get_int64 (parameter));

  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_sample_recorded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.open-patient (patient id): the patient's record, as the diary opens it */
static void
open_patient_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "patients");
  harley_window_open_patient (self, g_variant_get_int64 (parameter));
}

/* win.audit-trail: the whole audit trail, with its check */
static void
audit_trail_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (harley_audit_window_new (GTK_WINDOW (self), self->store)));
}

/* win.retention-report: the records past their retention period */
static void
retention_report_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  HarleyWindow *self = HARLEY_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (harley_retention_window_new (GTK_WINDOW (self), self->store, NULL)));
}

void
_harley_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.section", "i", section_action);
  gtk_widget_class_install_action (widget_class, "win.book-follow-up", "(xi)", book_follow_up_action);
  gtk_widget_class_install_action (widget_class, "win.new-letter", "x", new_letter_action);
  gtk_widget_class_install_action (widget_class, "win.open-letter", "x", open_letter_action);
  gtk_widget_class_install_action (widget_class, "win.new-results-letter", "x", new_letter_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "x", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.record-sample", "x", record_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-patient", "x", open_patient_action);
  gtk_widget_class_install_action (widget_class, "win.audit-trail", NULL, audit_trail_action);
  gtk_widget_class_install_action (widget_class, "win.retention-report", NULL, retention_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-patient", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-letter", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.record-sample", "x", (gint64) 0);
  for (guint i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK, "win.section", "i", (int) i);
}
