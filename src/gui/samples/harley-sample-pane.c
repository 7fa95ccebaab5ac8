/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-pane"

/* One sample, from the day it was taken to the day the patient was told:
 * who and what it is, where it went and when it is due back, the result
 * with the laboratory's report beside it (a PDF as it prints, or the
 * picture), the clinician's review, every call, and its history. Below,
 * the steps its state allows. An unmatched result is shown here too, with
 * what the laboratory wrote about the patient, to be matched or filed. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-sample-pane-private.h"
#include "harley-user.h"
#include "harley-validate.h"
#include "harley-window.h"

G_DEFINE_FINAL_TYPE (HarleySamplePane, harley_sample_pane, ADW_TYPE_BIN)

guint _harley_sample_pane_signals[N_SIGNALS];

/* Helpers {{{1 */

void
_harley_sample_pane_toast (HarleySamplePane *self,
                           const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HARLEY_IS_WINDOW (root))
    harley_window_toast (HARLEY_WINDOW (root), message);
  else
    g_message ("%s", message);
}

void
_harley_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

char *
_harley_sample_pane_dup_patient_name (HarleySamplePane *self)
{
  return self->patient != NULL ? harley_patient_dup_full_name (self->patient)
                               : g_strdup (_("A patient no longer on file"));
}

char *
_harley_sample_pane_dup_lab_name (HarleySamplePane *self,
                                  gint64            lab_id)
{
  g_autoptr(HarleyContact) lab = lab_id > 0 ? harley_contact_load (self->store, lab_id, NULL) : NULL;

  return lab != NULL ? g_strdup (harley_contact_get_name (lab)) : NULL;
}

/* Who reviews a result: the practice's consultant, as letters are approved. */
char *
_harley_sample_pane_dup_clinician (HarleySamplePane *self)
{
  const HarleyUser *me = harley_user_get_signed_in (self->store);
  char *name;

  /* A clinician who signed in reviews as themselves; anyone else records
   * the consultant's review (and the audit trail says who did) */
  if (me != NULL && me->role == HARLEY_ROLE_CLINICIAN)
    return g_strdup (me->name);
  name = harley_store_get_practice_detail (self->store, "consultant");
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (_("the clinician"));
    }
  return name;
}

static char *
format_moment (const char *iso)
{
  g_autoptr(GDateTime) at = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return harley_format_date_time (at);
}

/* A question with one way forward and Cancel; @extra holds the form. */
GtkWidget *
_harley_sample_pane_question (HarleySamplePane *self,
                              const char       *heading,
                              const char       *body,
                              const char       *response,
                              const char       *response_label,
                              GtkWidget        *extra)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  if (extra != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    response, response_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* Facts {{{1 */

void
_harley_sample_pane_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row "title / value"; nothing when there is no value. */
static GtkWidget *
add_fact (GtkListBox *list,
          const char *title,
          const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
  return row;
}

static void
add_dated_fact (GtkListBox *list,
                const char *title,
                const char *iso,
                const char *how)
{
  g_autofree char *day = harley_format_date (iso);
  g_autofree char *text = NULL;

  if (day != NULL && how != NULL && *how != '\0')
    /* TRANSLATORS: a day, then by whom or how: "12/11/2026 · Dr Hartley" */
    text = g_strdup_printf (_("%s · %s"), day, how);
  add_fact (list, title, text != NULL ? text : day);
}

/* A long text, such as the report, shown whole. */
static void
add_text (GtkListBox *list,
          const char *text)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return;
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_list_box_append (list, label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
}

/* The numbers to ring, and whether a message may be left. */
static char *
dup_phones (HarleyPatient *patient)
{
  static const struct { HarleyPatientText field; const char *label; } phones[] = {
    { HARLEY_PATIENT_PHONE_MOBILE, N_("mobile") },
    { HARLEY_PATIENT_PHONE_HOME, N_("home") },
    { HARLEY_PATIENT_PHONE_WORK, N_("work") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      const char *number = harley_patient_get_text (patient, phones[i].field);

      if (number != NULL && *number != '\0')
        g_string_append_printf (text, "%s%s %s", text->len ? " · " : "", _(phones[i].label), number);
    }
  if (text->len == 0)
    g_string_append (text, _("No phone number on the record"));
  g_string_append (text, " · ");
  g_string_append (text, harley_patient_get_flag (patient, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE)
                         ? _("messages may be left") : _("no messages may be left"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_patient_row (HarleySamplePane *self)
{
  g_autofree char *name = _harley_sample_pane_dup_patient_name (self);
  g_autofree char *phones = self->patient != NULL ? dup_phones (self->patient) : NULL;
  GtkWidget *row = add_fact (self->sample_list, name, phones != NULL ? phones : " ");
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Patient’s Record"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-patient");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", self->sample->patient_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
fill_sample (HarleySamplePane *self)
{
  const HarleySample *s = self->sample;

  _harley_sample_pane_clear_list (self->sample_list);
  add_patient_row (self);
  add_fact (self->sample_list, _("Type"), harley_sample_type_label (s->type));
  add_fact (self->sample_list, _("Site"), s->site);
  add_fact (self->sample_list, _("Description"), s->description);
  add_dated_fact (self->sample_list, _("Taken"), s->taken_on, s->taken_by);
  add_fact (self->sample_list, _("Notes"), s->notes);
}

static void
add_lab_row (HarleySamplePane *self,
             gint64            lab_id)
{
  g_autoptr(HarleyContact) lab = lab_id > 0 ? harley_contact_load (self->store, lab_id, NULL) : NULL;
  const char *phone = lab != NULL ? harley_contact_get_phone (lab) : NULL;
  g_autofree char *text = NULL;

  if (lab == NULL)
    {
      add_fact (self->lab_list, _("Laboratory"), _("Not chosen yet: chosen when the sample is sent"));
      return;
    }
  if (phone != NULL && *phone != '\0')
    /* TRANSLATORS: the laboratory's name and its phone number */
    text = g_strdup_printf (_("%s · phone %s"), harley_contact_get_name (lab), phone);
  add_fact (self->lab_list, _("Laboratory"), text != NULL ? text : harley_contact_get_name (lab));
}

static void
fill_lab (HarleySamplePane *self)
{
  const HarleySample *s = self->sample;

  _harley_sample_pane_clear_list (self->lab_list);
  add_lab_row (self, s->lab_id);
  add_fact (self->lab_list, _("Laboratory’s reference"), s->lab_reference);
  add_dated_fact (self->lab_list, _("Sent"), s->sent_on,
                  s->sent_on != NULL ? harley_send_method_label (s->sent_method) : NULL);
  add_dated_fact (self->lab_list, _("Result expected by"), s->expected_by, NULL);
}

static void
fill_result (HarleySamplePane *self)
{
  const HarleyResult *r = self->result;

  _harley_sample_pane_clear_list (self->result_list);
  gtk_widget_set_visible (self->result_group, r != NULL);
  if (r == NULL)
    return;
  if (r->sample_id == 0)
    {
      add_lab_row (self, r->lab_id);
      add_fact (self->result_list, _("The patient, as the laboratory wrote"), r->patient_details);
      add_fact (self->result_list, _("Laboratory’s reference"), r->lab_reference);
    }
  add_dated_fact (self->result_list, _("Received"), r->received_on, NULL);
  add_fact (self->result_list, _("Finding"), r->abnormal ? _("ABNORMAL") : _("Normal"));
  if (r->abnormal)
    gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (self->result_list)), "harley-abnormal");
  add_text (self->result_list, r->report);
  add_fact (self->result_list, _("The laboratory’s report"), r->attachment_name);
  gtk_widget_set_visible (self->save_report_button, r->has_attachment);
}

static void
fill_review (HarleySamplePane *self)
{
  const HarleySample *s = self->sample;
  g_autofree char *reviewed = format_moment (s->reviewed_at);
  g_autofree char *informed = format_moment (s->informed_at);
  g_autofree char *review = NULL;
  g_autofree char *told = NULL;

  _harley_sample_pane_clear_list (self->review_list);
  if (s->reviewed_at != NULL)
    /* TRANSLATORS: what the clinician decided, who, and when */
    review = g_strdup_printf (_("%s · %s, %s"), harley_review_action_label (s->review_action),
                              s->reviewed_by ? s->reviewed_by : "", reviewed ? reviewed : "");
  if (s->informed_at != NULL)
    /* TRANSLATORS: how the patient was told, by whom, and when */
    told = g_strdup_printf (_("%s · %s, %s"), harley_informed_how_label (s->informed_how),
                            s->informed_by ? s->informed_by : "", informed ? informed : "");
  add_fact (self->review_list, _("Reviewed"), review);
  add_fact (self->review_list, _("Clinician’s note"), s->review_note);
  add_fact (self->review_list, _("Patient told"), told);
  add_fact (self->review_list, s->state == HARLEY_SAMPLE_LOST ? _("Lost") : _("Cancelled"), s->reason);
  gtk_widget_set_visible (self->review_group, gtk_widget_get_first_child (GTK_WIDGET (self->review_list)) != NULL);
}

/* The heading and the steps {{{1 */

static char *
dup_notice (HarleySamplePane *self)
{
  const HarleySample *s = self->sample;
  GDate today, due;

  _harley_today (&today);
  if (harley_sample_is_overdue (s, &today) && s->expected_by != NULL)
    {
      g_date_clear (&due, 1);
      g_date_set_parse (&due, s->expected_by);
      if (g_date_valid (&due))
        {
          int days = g_date_days_between (&due, &today);

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "OVERDUE by %d day: ring the laboratory to chase the result.",
                                               "OVERDUE by %d days: ring the laboratory to chase the result.",
                                               days), days);
        }
    }
  if (self->result != NULL && self->result->abnormal && s->state < HARLEY_SAMPLE_INFORMED)
    return g_strdup (_("The result is ABNORMAL."));
  return NULL;
}

static void
show_heading (HarleySamplePane *self)
{
  g_autofree char *patient = _harley_sample_pane_dup_patient_name (self);
  g_autofree char *title = g_strdup_printf ("%s — %s", patient, harley_sample_type_label (self->sample->type));
  g_autofree char *notice = dup_notice (self);
  g_autofree char *details = NULL;

  if (self->sample->site != NULL && *self->sample->site != '\0')
    /* TRANSLATORS: the sample's state, then its body site */
    details = g_strdup_printf (_("%s · %s"), harley_sample_state_label (self->sample->state), self->sample->site);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->details_label, details != NULL ? details
                                                           : harley_sample_state_label (self->sample->state));
  gtk_label_set_text (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}

static void
show_suggestion (HarleySamplePane *self)
{
  guint failed;
  g_autofree char *text = NULL;

  self->suggests_letter = self->sample != NULL && self->sample->state == HARLEY_SAMPLE_REVIEWED
                          && harley_sample_suggests_letter (self->store, self->sample->id);
  gtk_widget_set_visible (self->suggestion_box, self->suggests_letter);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sample.results-letter", self->sample != NULL);
  if (!self->suggests_letter)
    return;
  failed = harley_sample_count_failed_calls (self->store, self->sample->id);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u call without reaching the patient: send the results letter.",
                                       "%u calls without reaching the patient: send the results letter.",
                                       failed), failed);
  gtk_label_set_text (self->suggestion_label, text);
}

typedef struct
{
  GtkWidget  *button;
  const char *actions[2];
  gboolean    shown;
} Step;

static void
show_steps (HarleySamplePane *self,
            const Step       *steps,
            guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      gtk_widget_set_visible (steps[i].button, steps[i].shown);
      for (guint a = 0; a < G_N_ELEMENTS (steps[i].actions) && steps[i].actions[a] != NULL; a++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), steps[i].actions[a], steps[i].shown);
    }
}

/* Only the steps the state allows are offered; the core refuses the rest. */
static void
show_state (HarleySamplePane *self)
{
  HarleySampleState state = self->sample != NULL ? self->sample->state : HARLEY_SAMPLE_N_STATES;
  gboolean unmatched = self->sample == NULL && self->result != NULL;
  gboolean open = state <= HARLEY_SAMPLE_SENT;
  Step steps[] = {
    { self->send_button, { "sample.send", "sample.send-with" }, state == HARLEY_SAMPLE_TAKEN },
    { self->receive_button, { "sample.receive", "sample.receive-with" }, state == HARLEY_SAMPLE_SENT },
    { self->chase_button, { NULL }, state == HARLEY_SAMPLE_SENT },
    { self->review_button, { "sample.review", "sample.review-with" }, state == HARLEY_SAMPLE_RECEIVED },
    { self->call_button, { NULL }, state >= HARLEY_SAMPLE_RECEIVED && state <= HARLEY_SAMPLE_INFORMED },
    { self->inform_button, { "sample.inform" }, state == HARLEY_SAMPLE_REVIEWED },
    { self->close_button, { "sample.close" }, state == HARLEY_SAMPLE_INFORMED },
    { self->cancel_button, { "sample.cancel", "sample.cancel-with" }, open },
    { self->match_button, { "sample.match-result" }, unmatched },
    { self->file_button, { "sample.file-result" }, unmatched },
  };

  show_steps (self, steps, G_N_ELEMENTS (steps));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sample.log-call",
                                 self->sample != NULL && state <= HARLEY_SAMPLE_INFORMED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sample.log-call-with",
                                 self->sample != NULL && state <= HARLEY_SAMPLE_INFORMED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sample.save-report",
                                 self->result != NULL && self->result->has_attachment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sample.save-report-to",
                                 self->result != NULL && self->result->has_attachment);
}

/* The laboratory's report {{{1 */

static void
show_report (HarleySamplePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean pdf;

  g_clear_pointer (&self->report, g_bytes_unref);
  if (self->result != NULL && self->result->has_attachment
      && (self->report = harley_result_get_attachment (self->store, self->result->id, &error)) == NULL)
    _harley_sample_pane_toast (self, error->message);
  pdf = self->report != NULL && g_strcmp0 (self->result->attachment_type, "application/pdf") == 0;
  harley_letter_preview_set_pdf (self->preview, pdf ? self->report : NULL);
  if (self->report != NULL && !pdf && (texture = gdk_texture_new_from_bytes (self->report, &error)) == NULL)
    _harley_sample_pane_toast (self, _("The laboratory’s picture could not be shown: it may be damaged."));
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->report_stack, pdf ? "pdf" : "image");
  /* The report is a page of its own beside the details, to read it whole */
  gtk_widget_set_visible (GTK_WIDGET (self->report_stack), pdf || texture != NULL);
  gtk_widget_set_visible (self->view_switcher, pdf || texture != NULL);
}

/**
 * harley_sample_pane_get_report_kind:
 *
 * Returns: (nullable): "pdf" or "image" as the laboratory's report is
 *   shown beside the sample, or %NULL when none is
 */
const char *
harley_sample_pane_get_report_kind (HarleySamplePane *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_PANE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->report_stack)) || self->report == NULL)
    return NULL;
  return gtk_stack_get_visible_child_name (self->report_stack);
}

/* Showing a sample {{{1 */

static void
show_sample (HarleySamplePane *self)
{
  show_heading (self);
  fill_sample (self);
  fill_lab (self);
  fill_result (self);
  fill_review (self);
  _harley_sample_pane_fill_calls (self);
  _harley_sample_pane_fill_history (self);
  gtk_widget_set_visible (self->sample_group, TRUE);
  gtk_widget_set_visible (self->lab_group, TRUE);
  show_suggestion (self);
  show_state (self);
}

static void
show_unmatched (HarleySamplePane *self)
{
  g_autofree char *received = harley_format_date (self->result->received_on);
  g_autofree char *details = g_strdup_printf (_("Received %s for no known sample: match it to one, or file it "
                                                "to the patient, so that it is seen."), received);

  gtk_label_set_text (self->title_label, _("A Result for No Known Sample"));
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  fill_result (self);
  _harley_sample_pane_clear_list (self->calls_list);
  _harley_sample_pane_clear_list (self->history_list);
  gtk_widget_set_visible (self->sample_group, FALSE);
  gtk_widget_set_visible (self->lab_group, FALSE);
  gtk_widget_set_visible (self->review_group, FALSE);
  gtk_widget_set_visible (self->calls_group, FALSE);
  gtk_widget_set_visible (self->history_group, FALSE);
  show_suggestion (self);
  show_state (self);
}

static void
forget (HarleySamplePane *self)
{
  g_clear_pointer (&self->sample, harley_sample_free);
  g_clear_pointer (&self->result, harley_result_free);
  g_clear_object (&self->patient);
}

/* Reads what is shown again, after a step or when opened. */
static gboolean
load (HarleySamplePane  *self,
      gint64             sample_id,
      gint64             result_id,
      GError           **error)
{
  g_autoptr(HarleySample) sample = NULL;
  g_autoptr(HarleyResult) result = NULL;

  if (sample_id > 0 && (sample = harley_sample_load (self->store, sample_id, error)) == NULL)
    return FALSE;
  if (sample != NULL)
    result_id = sample->result_id;
  if (result_id > 0 && (result = harley_result_load (self->store, result_id, error)) == NULL)
    return FALSE;
  if (self->sample == NULL || sample == NULL || self->sample->id != sample->id)
    gtk_stack_set_visible_child_name (self->view_stack, "details");
  forget (self);
  if (sample != NULL)
    self->patient = harley_register_load (self->store, sample->patient_id, NULL);
  self->sample = g_steal_pointer (&sample);
  self->result = g_steal_pointer (&result);
  gtk_stack_set_visible_child_name (self->stack, self->sample != NULL || self->result != NULL ? "sample" : "empty");
  if (self->sample != NULL)
    show_sample (self);
  else if (self->result != NULL)
    show_unmatched (self);
  else
    show_state (self);
  show_report (self);
  return TRUE;
}

/* After a step of the sample's life: show it, say so, tell the page. */
void
_harley_sample_pane_step_done (HarleySamplePane *self,
                               const char       *message)
{
  g_autoptr(GError) error = NULL;

  if (!load (self, self->sample != NULL ? self->sample->id : 0,
             self->sample == NULL && self->result != NULL ? self->result->id : 0, &error))
    _harley_sample_pane_toast (self, error->message);
  if (message != NULL)
    _harley_sample_pane_toast (self, message);
  g_signal_emit (self, _harley_sample_pane_signals[SIGNAL_CHANGED], 0);
}

/**
 * harley_sample_pane_open:
 * @sample_id: the sample to show, or 0 for none
 *
 * Returns: %FALSE with @error if it could not be read; what was shown stays
 */
gboolean
harley_sample_pane_open (HarleySamplePane  *self,
                         gint64             sample_id,
                         GError           **error)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_PANE (self), FALSE);

  return load (self, sample_id, 0, error);
}

/**
 * harley_sample_pane_open_result:
 * @result_id: a result that arrived for no known sample
 *
 * Shows it, with what the laboratory wrote about the patient, to match.
 */
gboolean
harley_sample_pane_open_result (HarleySamplePane  *self,
                                gint64             result_id,
                                GError           **error)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_PANE (self), FALSE);

  return load (self, 0, result_id, error);
}

gint64
harley_sample_pane_get_sample_id (HarleySamplePane *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_PANE (self), 0);

  return self->sample != NULL ? self->sample->id : 0;
}

/* The result shown: the sample's, or one for no known sample. */
gint64
harley_sample_pane_get_result_id (HarleySamplePane *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_PANE (self), 0);

  return self->result != NULL ? self->result->id : 0;
}

gboolean
harley_sample_pane_get_suggests_letter (HarleySamplePane *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_PANE (self), FALSE);

  return self->suggests_letter;
}

void
harley_sample_pane_set_store (HarleySamplePane *self,
                              HarleyStore      *store)
{
  g_return_if_fail (HARLEY_IS_SAMPLE_PANE (self));

  g_set_object (&self->store, store);
}

/* GObject {{{1 */

static void
harley_sample_pane_dispose (GObject *object)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (object);

  forget (self);
  g_clear_pointer (&self->report, g_bytes_unref);
  g_clear_object (&self->store);
  /* AdwBin unparents its child itself, which the template then must not */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_SAMPLE_PANE);
  G_OBJECT_CLASS (harley_sample_pane_parent_class)->dispose (object);
}

static void
harley_sample_pane_class_init (HarleySamplePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_sample_pane_dispose;

  /**
   * HarleySamplePane::changed:
   *
   * The sample took a step (sent, result received, reviewed…) or a call
   * was logged, so the worklists change.
   */
  _harley_sample_pane_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HARLEY_TYPE_LETTER_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/samples/harley-sample-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, title_label);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, details_label);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, sample_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, sample_list);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, lab_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, lab_list);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, result_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, result_list);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, review_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, review_list);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, calls_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, calls_list);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, history_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, history_list);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, report_stack);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, preview);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, picture);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, save_report_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, send_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, receive_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, review_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, call_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, chase_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, inform_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, close_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, match_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplePane, file_button);
  _harley_sample_pane_class_send_init (widget_class);
  _harley_sample_pane_class_steps_init (widget_class);
  _harley_sample_pane_class_match_init (widget_class);
}

static void
harley_sample_pane_init (HarleySamplePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* An A4 page's width across the pane, on a laptop's screen */
  harley_letter_preview_set_zoom (self->preview, 0.75);
  show_state (self);
}
