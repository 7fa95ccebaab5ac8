/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-pane"

/* The steps after the result: the clinician's review, the calls to the
 * patient (and to the laboratory, to chase), telling the patient,
 * closing; cancelling or recording a sample as lost; saving the
 * laboratory's report; and the results letter when calls fail. As in
 * harley-sample-pane-send.c, each question has a "-with" form taking its
 * answers as the parameter. */

#include <glib/gi18n-lib.h>

#include "harley-diary.h"
#include "harley-pdf-save.h"
#include "harley-sample-pane-private.h"

/* The words stored for each choice, in the order of their enums */
static const char * const review_actions[] = { "none", "letter", "appointment", "procedure", "refer" };
static const char * const informed_ways[] = { "phone", "letter", "in-person", "email" };

G_STATIC_ASSERT (G_N_ELEMENTS (review_actions) == HARLEY_REVIEW_N_ACTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (informed_ways) == HARLEY_INFORMED_N_WAYS);

static gboolean
find_word (const char * const *words,
           guint               n,
           const char         *word,
           guint              *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (words[i], word) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

static GtkWidget *
new_combo (const char *title,
           const char *(*label) (int),
           guint       n)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, label (i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  return row;
}

static GtkWidget *
new_form (GtkWidget *first,
          GtkWidget *second)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  if (second != NULL)
    gtk_list_box_append (GTK_LIST_BOX (list), second);
  return list;
}

static GtkWidget *
new_entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  return row;
}

static void
take_step (HarleySamplePane *self,
           gboolean          done,
           const GError     *error,
           const char       *message)
{
  if (!done)
    {
      _harley_sample_pane_toast (self, error->message);
      return;
    }
  _harley_sample_pane_step_done (self, message);
}

/* Review {{{1 */

static void
review (HarleySamplePane   *self,
        HarleyReviewAction  action,
        const char         *note)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clinician = _harley_sample_pane_dup_clinician (self);

  take_step (self, harley_sample_review (self->store, self->sample->id, action, note, clinician, &error), error,
             _("Reviewed: the patient is on To Tell"));
}

static void
on_review_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HarleySamplePane *self)
{
  AdwComboRow *action_row = g_object_get_data (G_OBJECT (dialog), "action-row");
  GtkEditable *note_row = g_object_get_data (G_OBJECT (dialog), "note-row");

  if (g_strcmp0 (response, "review") == 0 && self->sample != NULL)
    review (self, adw_combo_row_get_selected (action_row), gtk_editable_get_text (note_row));
}

/* sample.review: asks what the clinician decided */
static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  g_autofree char *clinician = _harley_sample_pane_dup_clinician (self);
  g_autofree char *body = g_strdup_printf (_("Recorded as reviewed by %s, with what is to be done next. The "
                                             "patient then goes on To Tell."), clinician);
  GtkWidget *action_row = new_combo (_("What next"), (const char *(*) (int)) harley_review_action_label,
                                     HARLEY_REVIEW_N_ACTIONS);
  GtkWidget *note_row = new_entry_row (_("The clinician’s note"));
  GtkWidget *dialog = _harley_sample_pane_question (self, _("Review the Result?"), body, "review", _("_Reviewed"),
                                                    new_form (action_row, note_row));

  g_object_set_data (G_OBJECT (dialog), "action-row", action_row);
  g_object_set_data (G_OBJECT (dialog), "note-row", note_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_review_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (action_row);
}

/* sample.review-with ("none" | "letter" | "appointment" | "procedure" |
 * "refer", the clinician's note) */
static void
review_with_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  const char *word, *note;
  guint action;

  g_variant_get (parameter, "(&s&s)", &word, &note);
  if (!find_word (review_actions, HARLEY_REVIEW_N_ACTIONS, word, &action))
    {
      _harley_sample_pane_toast (self, _("Say what is to be done next: no action, a letter, an appointment, "
                                         "a procedure, or a referral."));
      return;
    }
  review (self, action, note);
}

/* Calls {{{1 */

/* Why a message may not be left, or NULL if it may. */
static const char *
message_refusal (HarleySamplePane *self,
                 gboolean          to_lab)
{
  if (to_lab || (self->patient != NULL
                 && harley_patient_get_flag (self->patient, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE)))
    return NULL;
  return _("Not allowed: the patient has not agreed to messages being left");
}

static void
log_call (HarleySamplePane  *self,
          gboolean           to_lab,
          HarleyCallOutcome  outcome,
          const char        *note)
{
  g_autoptr(GError) error = NULL;
  HarleyCallNew call = { 0 };
  gint64 id;

  call.patient_id = to_lab ? 0 : self->sample->patient_id;
  call.contact_id = to_lab ? self->sample->lab_id : 0;
  call.sample_id = self->sample->id;
  call.outcome = outcome;
  call.note = note;
  if (to_lab && call.contact_id == 0)
    g_set_error (&error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                 _("No laboratory has been chosen for this sample yet."));
  id = error == NULL ? harley_call_add (self->store, &call, &error) : 0;
  take_step (self, id != 0, error, _("Call logged"));
}

static GtkWidget *
build_outcomes (HarleySamplePane  *self,
                gboolean           to_lab,
                GtkCheckButton   **checks)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < HARLEY_CALL_N_OUTCOMES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *refusal = i == HARLEY_CALL_MESSAGE ? message_refusal (self, to_lab) : NULL;

      checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new ());
      if (i > 0)
        gtk_check_button_set_group (checks[i], checks[0]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), harley_call_outcome_label (i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (checks[i]));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (checks[i]));
      if (refusal != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), refusal);
          gtk_widget_set_sensitive (row, FALSE);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_check_button_set_active (checks[to_lab ? HARLEY_CALL_SPOKE : HARLEY_CALL_NO_ANSWER], TRUE);
  return list;
}

static void
on_call_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     HarleySamplePane *self)
{
  GtkCheckButton **checks = g_object_get_data (G_OBJECT (dialog), "checks");
  GtkEditable *note_row = g_object_get_data (G_OBJECT (dialog), "note-row");
  gboolean to_lab = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "to-lab"));

  if (g_strcmp0 (response, "log") != 0 || self->sample == NULL)
    return;
  for (guint i = 0; i < HARLEY_CALL_N_OUTCOMES; i++)
    if (gtk_check_button_get_active (checks[i]))
      log_call (self, to_lab, i, gtk_editable_get_text (note_row));
}

static const char *
call_heading (HarleySamplePane *self,
                  gboolean          to_lab,
                  char            **body)
{
  g_autofree char *lab = to_lab ? _harley_sample_pane_dup_lab_name (self, self->sample->lab_id) : NULL;
  g_autofree char *patient = _harley_sample_pane_dup_patient_name (self);

  /* TRANSLATORS: %s is a laboratory's or a patient's name */
  *body = g_strdup_printf (_("How did the call to %s go?"), to_lab ? (lab ? lab : _("the laboratory")) : patient);
  return to_lab ? _("Log a Call to the Laboratory") : _("Log a Call to the Patient");
}

/* sample.log-call ("patient" | "lab"): asks how the call went */
static void
log_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  gboolean to_lab = g_str_equal (g_variant_get_string (parameter, NULL), "lab");
  GtkCheckButton **checks = g_new0 (GtkCheckButton *, HARLEY_CALL_N_OUTCOMES);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *note_row = new_entry_row (_("Note: what was said"));
  g_autofree char *body = NULL;
  const char *heading = call_heading (self, to_lab, &body);
  GtkWidget *dialog;

  gtk_box_append (GTK_BOX (box), build_outcomes (self, to_lab, checks));
  gtk_box_append (GTK_BOX (box), new_form (note_row, NULL));
  dialog = _harley_sample_pane_question (self, heading, body, "log", _("_Log Call"), box);
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, g_free);
  g_object_set_data (G_OBJECT (dialog), "note-row", note_row);
  g_object_set_data (G_OBJECT (dialog), "to-lab", GINT_TO_POINTER (to_lab));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_call_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (note_row);
}

/* sample.log-call-with ("patient" | "lab", "spoke" | "message" |
 * "no-answer" | "wrong-number", a note): a message left without the
 * patient's consent is refused and nothing written */
static void
log_call_with_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  const char *who, *word, *note;
  HarleyCallOutcome outcome;

  g_variant_get (parameter, "(&s&s&s)", &who, &word, &note);
  if (!harley_call_outcome_from_string (word, &outcome))
    {
      _harley_sample_pane_toast (self, _("Say how the call went: spoke to them, left a message, no answer, or "
                                         "a wrong number."));
      return;
    }
  log_call (self, g_str_equal (who, "lab"), outcome, note);
}

/* Telling the patient, closing {{{1 */

static void
inform (HarleySamplePane  *self,
        HarleyInformedHow  how)
{
  g_autoptr(GError) error = NULL;
  const char *by = harley_diary_user ();

  take_step (self, harley_sample_inform (self->store, self->sample->id, how, by, &error), error,
             _("The patient has been told: close the sample when nothing else is to be done"));
}

static void
on_inform_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HarleySamplePane *self)
{
  AdwComboRow *how_row = g_object_get_data (G_OBJECT (dialog), "how-row");

  if (g_strcmp0 (response, "inform") == 0 && self->sample != NULL)
    inform (self, adw_combo_row_get_selected (how_row));
}

/* sample.inform ("phone" | "letter" | "in-person" | "email" | ""): with
 * no answer given, asks how the patient was told */
static void
inform_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  const char *word = g_variant_get_string (parameter, NULL);
  GtkWidget *how_row;
  GtkWidget *dialog;
  guint how;

  if (*word != '\0')
    {
      if (find_word (informed_ways, HARLEY_INFORMED_N_WAYS, word, &how))
        inform (self, how);
      else
        _harley_sample_pane_toast (self, _("Say how the patient was told: by phone, letter, in person or email."));
      return;
    }
  how_row = new_combo (_("How"), (const char *(*) (int)) harley_informed_how_label, HARLEY_INFORMED_N_WAYS);
  dialog = _harley_sample_pane_question (self, _("Patient Told?"),
                                         _("Record that the patient has been told the result, and how."),
                                         "inform", _("_Patient Told"), new_form (how_row, NULL));
  g_object_set_data (G_OBJECT (dialog), "how-row", how_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_inform_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  g_autoptr(GError) error = NULL;

  take_step (self, harley_sample_close (self->store, self->sample->id, &error), error,
             _("Closed: nothing more is waiting on this sample"));
}

/* Cancelled or lost {{{1 */

static void
cancel (HarleySamplePane *self,
        gboolean          lost,
        const char       *reason)
{
  g_autoptr(GError) error = NULL;

  take_step (self, harley_sample_cancel (self->store, self->sample->id, lost, reason, &error), error,
             lost ? _("Recorded as lost") : _("Cancelled"));
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HarleySamplePane *self)
{
  AdwComboRow *what_row = g_object_get_data (G_OBJECT (dialog), "what-row");
  GtkEditable *reason_row = g_object_get_data (G_OBJECT (dialog), "reason-row");

  if (g_strcmp0 (response, "record") == 0 && self->sample != NULL)
    cancel (self, adw_combo_row_get_selected (what_row) == 1, gtk_editable_get_text (reason_row));
}

static void
on_reason_changed_cb (GtkEditable      *reason_row,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason_row)));

  adw_message_dialog_set_response_enabled (dialog, "record", *text != '\0');
}

/* sample.cancel: asks whether cancelled or lost, and why */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  const char * const choices[] = { _("Cancelled: it will not be sent"), _("Lost: it never arrived"), NULL };
  g_autoptr(GtkStringList) labels = gtk_string_list_new (choices);
  GtkWidget *what_row = adw_combo_row_new ();
  GtkWidget *reason_row = new_entry_row (_("Why"));
  GtkWidget *dialog;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (what_row), _("The sample was"));
  adw_combo_row_set_model (ADW_COMBO_ROW (what_row), G_LIST_MODEL (labels));
  dialog = _harley_sample_pane_question (self, _("Cancel the Sample, or Record It as Lost?"),
                                         _("It leaves the worklists; the reason stays in its history. A lost "
                                           "sample may need taking again: tell the clinician."),
                                         "record", _("_Record"), new_form (what_row, reason_row));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record", FALSE);
  g_object_set_data (G_OBJECT (dialog), "what-row", what_row);
  g_object_set_data (G_OBJECT (dialog), "reason-row", reason_row);
  g_signal_connect (reason_row, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason_row);
}

/* sample.cancel-with (lost, the reason) */
static void
cancel_with_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gboolean lost;
  const char *reason;

  g_variant_get (parameter, "(b&s)", &lost, &reason);
  cancel (HARLEY_SAMPLE_PANE (widget), lost, reason);
}

/* The laboratory's report, and the results letter {{{1 */

static void
save_report_to (HarleySamplePane *self,
                const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;

  if (self->report == NULL || !harley_pdf_save_bytes (self->store, self->report, path, &error))
    {
      _harley_sample_pane_toast (self, error != NULL ? error->message : _("There is no report to save."));
      return;
    }
  message = g_strdup_printf (_("Saved “%s”"), name);
  _harley_sample_pane_toast (self, message);
}

static void
save_chosen_cb (GtkWidget  *widget,
                const char *path)
{
  save_report_to (HARLEY_SAMPLE_PANE (widget), path);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  const char *name = self->result->attachment_name;

  harley_pdf_save_choose (widget, _("Save the Laboratory’s Report"),
                          name != NULL && *name != '\0' ? name : _("Report.pdf"), save_chosen_cb);
}

static void
save_report_to_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  save_report_to (HARLEY_SAMPLE_PANE (widget), g_variant_get_string (parameter, NULL));
}

/* New Letter for the patient, with the results letter chosen */
static void
results_letter_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);

  gtk_widget_activate_action (widget, "win.new-results-letter", "x", self->sample->patient_id);
}

void
_harley_sample_pane_class_steps_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sample.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "sample.review-with", "(ss)", review_with_action);
  gtk_widget_class_install_action (widget_class, "sample.log-call", "s", log_call_action);
  gtk_widget_class_install_action (widget_class, "sample.log-call-with", "(sss)", log_call_with_action);
  gtk_widget_class_install_action (widget_class, "sample.inform", "s", inform_action);
  gtk_widget_class_install_action (widget_class, "sample.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "sample.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "sample.cancel-with", "(bs)", cancel_with_action);
  gtk_widget_class_install_action (widget_class, "sample.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "sample.save-report-to", "s", save_report_to_action);
  gtk_widget_class_install_action (widget_class, "sample.results-letter", NULL, results_letter_action);
}
