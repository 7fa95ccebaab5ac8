/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-editor"

/* The letter editor's actions: formatting, saving, and each step of a
 * letter's life — typed, for approval, back for correction, approved,
 * printed, sent, filed — with the questions they ask. */

#include <glib/gi18n-lib.h>

#include "harley-audit.h"
#include "harley-letter-draw.h"
#include "harley-letter-editor-private.h"
#include "harley-letter-text.h"
#include "harley-letter-worklists.h"
#include "harley-pdf-print.h"
#include "harley-pdf-save.h"
#include "harley-user.h"

/* Formatting {{{1 */

static void
format_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  if (!gtk_text_view_get_editable (self->text_view))
    return;
  if (g_str_equal (action_name, "letter.bold"))
    harley_letter_text_toggle_wrap (buffer, "**");
  else if (g_str_equal (action_name, "letter.italic"))
    harley_letter_text_toggle_wrap (buffer, "*");
  else if (g_str_equal (action_name, "letter.heading"))
    harley_letter_text_toggle_prefix (buffer, "## ");
  else
    harley_letter_text_toggle_prefix (buffer, "- ");
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!harley_letter_editor_save (self, &error))
    _harley_letter_editor_toast (self, error->message);
}

/* Steps {{{1 */

/* Saves what was typed, then takes the step; says why not if it fails. */
static void
take_step (HarleyLetterEditor *self,
           HarleyLetterState   state,
           const char         *correction,
           const char         *done)
{
  g_autoptr(GError) error = NULL;

  if (!harley_letter_editor_save (self, &error)
      || !harley_letter_set_state (self->store, self->letter->id, state, correction, &error))
    {
      _harley_letter_editor_toast (self, error->message);
      return;
    }
  _harley_letter_editor_step_done (self, done);
}

static void
mark_typed_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  take_step (HARLEY_LETTER_EDITOR (widget), HARLEY_LETTER_TYPED, NULL, _("Marked as typed"));
}

static void
send_for_approval_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  take_step (HARLEY_LETTER_EDITOR (widget), HARLEY_LETTER_AWAITING_APPROVAL, NULL, _("Sent for approval"));
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  take_step (HARLEY_LETTER_EDITOR (widget), HARLEY_LETTER_FILED, NULL, _("Filed away"));
}

/* Back for correction {{{1 */

static void
on_correction_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "send-back", *text != '\0');
}

static void
on_send_back_response_cb (AdwMessageDialog   *dialog,
                          const char         *response,
                          HarleyLetterEditor *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *correction = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  g_signal_handlers_disconnect_by_func (dialog, on_send_back_response_cb, self);
  if (g_strcmp0 (response, "send-back") == 0 && self->letter != NULL)
    take_step (self, HARLEY_LETTER_AWAITING_CORRECTION, correction, _("Sent back for correction"));
}

static void
send_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              _("Send Back for Correction?"),
                                              _("Say what needs correcting; the secretary sees it above the letter."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What needs correcting"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "send-back", _("Send _Back"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send-back", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send-back", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send-back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_correction_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_send_back_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Approval {{{1 */

static void
approve (HarleyLetterEditor *self,
         gboolean            on_behalf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;
  g_autofree char *clinician = harley_letter_dup_clinician_name (self->store, self->letter);
  const HarleyUser *me = harley_user_get_signed_in (self->store);

  /* Approving as the clinician is for a clinician who signed in */
  if (!on_behalf && me != NULL && me->role != HARLEY_ROLE_CLINICIAN)
    {
      _harley_letter_editor_toast (self, _("Only a clinician who has signed in approves as themselves. Approve "
                                           "on the clinician's behalf instead: that is recorded as such."));
      return;
    }
  if (!on_behalf && me != NULL)
    {
      g_free (clinician);
      clinician = g_strdup (me->name);
    }
  if (!harley_letter_editor_save (self, &error)
      || (pdfs = harley_letter_draw_all (self->store, self->letter, &error)) == NULL
      || !harley_letter_approve_all (self->store, self->letter->id, pdfs, clinician, on_behalf, &error))
    {
      _harley_letter_editor_toast (self, error->message);
      return;
    }
  _harley_letter_editor_step_done (self, _("Approved: ready to print"));
}

static void
on_approve_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        HarleyLetterEditor *self)
{
  g_signal_handlers_disconnect_by_func (dialog, on_approve_response_cb, self);
  if (self->letter == NULL || g_strcmp0 (response, "cancel") == 0)
    return;
  approve (self, g_strcmp0 (response, "on-behalf") == 0);
}

/* letter.approve ("on-behalf" | "clinician" | ""): with no answer given,
 * asks who approves */
static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autofree char *clinician = harley_letter_dup_clinician_name (self->store, self->letter);
  g_autofree char *as_clinician = NULL;
  const HarleyUser *me = harley_user_get_signed_in (self->store);
  gboolean clinician_signed_in = me != NULL && me->role == HARLEY_ROLE_CLINICIAN;
  GtkWidget *dialog;

  if (parameter != NULL && *g_variant_get_string (parameter, NULL) != '\0')
    {
      approve (self, g_str_equal (g_variant_get_string (parameter, NULL), "on-behalf"));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Approve This Letter?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Once approved, the letter and each copy are kept exactly as they are now, "
                                    "ready to print. Approving on %s's behalf is recorded as such."), clinician);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (me == NULL || clinician_signed_in)
    {
      /* TRANSLATORS: %s is the clinician's name */
      as_clinician = g_strdup_printf (_("Approve as %s"), me != NULL ? me->name : clinician);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "clinician", as_clinician);
    }
  if (!clinician_signed_in)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "on-behalf", _("Approve on Their _Behalf"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              clinician_signed_in ? "clinician" : "on-behalf",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           clinician_signed_in ? "clinician" : "on-behalf");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Changing an approved letter {{{1 */

static void
on_change_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       HarleyLetterEditor *self)
{
  g_signal_handlers_disconnect_by_func (dialog, on_change_response_cb, self);
  if (g_strcmp0 (response, "change") != 0 || self->letter == NULL)
    return;
  self->unlocked = TRUE;
  _harley_letter_editor_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Change the Approved Letter?"),
                                              _("The approved letter is kept. The changed letter becomes its next "
                                                "version, and needs approval again before it can be printed."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "change", _("_Change"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_change_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Paper {{{1 */

static void ask_sent (HarleyLetterEditor *self);

static char *
dup_job_name (HarleyLetterEditor *self)
{
  g_autofree char *patient = _harley_letter_editor_dup_patient_name (self);

  /* TRANSLATORS: the letter's subject and the patient's name, as the printer's queue shows it */
  return g_strdup_printf (_("%s for %s"), self->letter->subject ? self->letter->subject : _("Letter"), patient);
}

/* A letter printed or saved goes in the audit trail, with its patient. */
static void
note_in_audit (HarleyLetterEditor *self,
               const char         *action,
               const char         *details)
{
  g_autoptr(GError) error = NULL;

  if (!harley_audit_add_letter (self->store, action, self->letter->id, NULL, details, &error))
    _harley_letter_editor_toast (self, error->message);
}

/* Prints the letter and every copy exactly as approved, or the
 * addressee's letter alone; with @export_filename, to that PDF file
 * instead of a printer. */
static gboolean
print_approved (HarleyLetterEditor *self,
                gboolean            copies,
                const char         *export_filename)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdfs = harley_letter_get_approved_pdfs (self->store, self->letter->id, &error);
  g_autofree char *job = dup_job_name (self);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *details = NULL;
  const char *printed;

  if (pdfs != NULL && !copies)
    g_ptr_array_set_size (pdfs, 1);
  if (pdfs == NULL || !harley_pdf_print_run (parent, pdfs, job, export_filename, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _harley_letter_editor_toast (self, error->message);
      return FALSE;
    }
  printed = copies ? "the letter and every copy" : "the letter alone";
  details = export_filename != NULL ? harley_audit_details ("printed", printed, "file", export_filename, NULL)
                                    : harley_audit_details ("printed", printed, NULL);
  note_in_audit (self, HARLEY_AUDIT_PRINT, details);
  return TRUE;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);

  if (print_approved (self, !g_str_equal (action_name, "letter.print-letter-only"), NULL)
      && self->letter->state == HARLEY_LETTER_APPROVED)
    ask_sent (self);
}

/* letter.print-to ("path"), letter.print-letter-only-to ("path"):
 * printing to a PDF file, also for tests */
static void
print_to_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autofree char *name = g_filename_display_basename (g_variant_get_string (parameter, NULL));
  g_autofree char *message = g_strdup_printf (_("Printed to “%s”"), name);

  if (print_approved (self, !g_str_equal (action_name, "letter.print-letter-only-to"),
                      g_variant_get_string (parameter, NULL)))
    _harley_letter_editor_toast (self, message);
}

/* The addressee's letter as a PDF file: as approved once it is, as it
 * stands before. */
static void
save_pdf_to (HarleyLetterEditor *self,
             const char         *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;
  g_autofree char *details = NULL;

  if (self->letter->state >= HARLEY_LETTER_APPROVED && !self->unlocked)
    pdf = harley_letter_get_approved_pdf (self->store, self->letter->id, &error);
  else
    pdf = harley_letter_draw (self->store, self->letter, 0, NULL, &error);
  if (pdf == NULL)
    {
      _harley_letter_editor_toast (self, error->message);
      return;
    }
  if (!harley_pdf_save_bytes (self->store, pdf, path, &error))
    {
      _harley_letter_editor_toast (self, error->message);
      return;
    }
  details = harley_audit_details ("file", path, NULL);
  note_in_audit (self, HARLEY_AUDIT_EXPORT, details);
  message = g_strdup_printf (_("Saved “%s”"), name);
  _harley_letter_editor_toast (self, message);
}

static void
save_pdf_to_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  save_pdf_to (HARLEY_LETTER_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static void
save_chosen_cb (GtkWidget  *widget,
                const char *path)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);

  if (self->letter != NULL)
    save_pdf_to (self, path);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autofree char *patient = _harley_letter_editor_dup_patient_name (self);
  g_autofree char *name = g_strdup_printf ("%s — %s.pdf", patient, self->letter->subject ? self->letter->subject : "");

  harley_pdf_save_choose (widget, _("Save Letter as PDF"), name, save_chosen_cb);
}

/* Sent {{{1 */

static const HarleySentMethod methods[] = { HARLEY_SENT_BY_POST, HARLEY_SENT_BY_EMAIL, HARLEY_SENT_BY_HAND };

static gboolean
record_sent (HarleyLetterEditor *self,
             GPtrArray          *rows)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < self->letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (self->letter->recipients, i);
      guint method = 0;

      if (r->sent_at != NULL)
        continue;
      if (rows != NULL)
        method = adw_combo_row_get_selected (g_ptr_array_index (rows, n));
      n++;
      if (!harley_letter_record_sent (self->store, r->id, methods[MIN (method, 2)], &error))
        {
          _harley_letter_editor_toast (self, error->message);
          _harley_letter_editor_step_done (self, NULL);
          return FALSE;
        }
    }
  _harley_letter_editor_step_done (self, _("Recorded as sent"));
  return TRUE;
}

static void
on_sent_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     HarleyLetterEditor *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "rows");

  g_signal_handlers_disconnect_by_func (dialog, on_sent_response_cb, self);
  if (g_strcmp0 (response, "sent") == 0 && self->letter != NULL)
    record_sent (self, rows);
}

static GtkWidget *
build_sent_rows (HarleyLetterEditor *self,
                 GPtrArray          *rows)
{
  const char * const labels[] = { _("By post"), _("By email"), _("By hand"), NULL };
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < self->letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (self->letter->recipients, i);
      g_autofree char *name = NULL;
      g_autoptr(GtkStringList) model = NULL;
      GtkWidget *row;

      if (r->sent_at != NULL)
        continue;
      name = harley_letter_dup_recipient_name (self->store, self->letter->patient_id, r);
      model = gtk_string_list_new (labels);
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->copy ? _("Copy") : _("Addressee"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (rows, row);
    }
  return list;
}

static void
ask_sent (HarleyLetterEditor *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Record as Sent?"),
                                              _("Record how the letter went to each person, once it has gone. "
                                                "It leaves Ready to Send when everyone has had it."));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_sent_rows (self, rows));
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Not Yet"),
                                    "sent", _("_Record as Sent"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sent", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sent");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* letter.record-sent ("post" | ""): with "post", everyone not yet sent
 * to is recorded as sent by post without asking */
static void
record_sent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);

  if (parameter != NULL && g_str_equal (g_variant_get_string (parameter, NULL), "post"))
    record_sent (self, NULL);
  else
    ask_sent (self);
}

/* Class {{{1 */

void
_harley_letter_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "letter.bold", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "letter.italic", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "letter.heading", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "letter.list", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "letter.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "letter.mark-typed", NULL, mark_typed_action);
  gtk_widget_class_install_action (widget_class, "letter.send-for-approval", NULL, send_for_approval_action);
  gtk_widget_class_install_action (widget_class, "letter.send-back", NULL, send_back_action);
  gtk_widget_class_install_action (widget_class, "letter.approve", "s", approve_action);
  gtk_widget_class_install_action (widget_class, "letter.change", NULL, change_action);
  gtk_widget_class_install_action (widget_class, "letter.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "letter.print-letter-only", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "letter.print-to", "s", print_to_action);
  gtk_widget_class_install_action (widget_class, "letter.print-letter-only-to", "s", print_to_action);
  gtk_widget_class_install_action (widget_class, "letter.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "letter.save-pdf-to", "s", save_pdf_to_action);
  gtk_widget_class_install_action (widget_class, "letter.record-sent", "s", record_sent_action);
  gtk_widget_class_install_action (widget_class, "letter.file", NULL, file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "letter.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "letter.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_ALT_MASK, "letter.heading", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_ALT_MASK, "letter.list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "letter.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letter.print", NULL);
}
