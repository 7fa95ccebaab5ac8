/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-pane"

/* A result that arrived for no known sample is kept, never dropped, until
 * it is matched: to one of the patient's samples still waiting for a
 * result ("Match to a Sample…"), or filed to the patient as a sample of
 * its own ("File to Patient…"). Either way the patient is chosen with
 * the register's own search, beside what the laboratory wrote. */

#include <glib/gi18n-lib.h>

#include "harley-patient-picker.h"
#include "harley-sample-pane-private.h"
#include "harley-validate.h"

typedef struct
{
  HarleyStore         *store;
  HarleyPatientPicker *picker;
  GtkListBox          *samples;   /* matching: the patient's samples waiting for a result */
  GtkWidget           *type_row;  /* filing: what kind of sample it was */
  GtkLabel            *chosen;
  gboolean             matching;
} MatchForm;

static void
match_form_free (MatchForm *form)
{
  g_clear_object (&form->store);
  g_free (form);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gint64
chosen_sample (MatchForm *form)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (form->samples);

  return row != NULL ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "sample-id")) : 0;
}

static GtkWidget *
build_sample_row (const HarleySample *sample)
{
  g_autofree char *taken = harley_format_date (sample->taken_on);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  title = sample->site != NULL && *sample->site != '\0'
          ? g_strdup_printf ("%s, %s", harley_sample_type_label (sample->type), sample->site)
          : g_strdup (harley_sample_type_label (sample->type));
  /* TRANSLATORS: when the sample was taken, its state, and the laboratory's reference */
  subtitle = g_strdup_printf (_("taken %s · %s%s%s"), taken, harley_sample_state_label (sample->state),
                              sample->lab_reference ? " · " : "", sample->lab_reference ? sample->lab_reference : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "sample-id", GSIZE_TO_POINTER ((gsize) sample->id));
  return row;
}

/* The patient's samples a result may still belong to: taken or sent. */
static guint
fill_samples (MatchForm *form,
              gint64     patient_id)
{
  g_autoptr(GArray) ids = patient_id > 0 ? harley_sample_list_for_patient (form->store, patient_id, NULL) : NULL;
  guint n = 0;

  clear_list (form->samples);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(HarleySample) sample = harley_sample_load (form->store, g_array_index (ids, gint64, i), NULL);

      if (sample != NULL && sample->state <= HARLEY_SAMPLE_SENT && sample->result_id == 0)
        {
          gtk_list_box_append (form->samples, build_sample_row (sample));
          n++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (form->samples), n > 0);
  return n;
}

static void
update_choice (GtkWidget *dialog)
{
  MatchForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  gint64 patient_id = harley_patient_picker_get_patient_id (form->picker);
  g_autoptr(HarleyPatient) patient = patient_id > 0 ? harley_register_load (form->store, patient_id, NULL) : NULL;
  g_autofree char *name = patient != NULL ? harley_patient_dup_full_name (patient) : NULL;
  g_autofree char *text = NULL;
  gboolean ready = patient != NULL && (!form->matching || chosen_sample (form) != 0);

  if (patient == NULL)
    text = g_strdup (_("Find the patient the laboratory means."));
  else if (form->matching && gtk_widget_get_first_child (GTK_WIDGET (form->samples)) == NULL)
    text = g_strdup_printf (_("%s has no sample waiting for a result: file the result to the patient instead."),
                            name);
  else if (form->matching)
    text = g_strdup_printf (_("Choose which of %s’s samples the result is for."), name);
  else
    text = g_strdup_printf (_("The result is filed to %s as a sample of its own."), name);
  gtk_label_set_text (form->chosen, text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "match", ready);
}

static void
on_patient_changed_cb (GtkWidget *dialog)
{
  MatchForm *form = g_object_get_data (G_OBJECT (dialog), "form");

  if (form->matching)
    fill_samples (form, harley_patient_picker_get_patient_id (form->picker));
  update_choice (dialog);
}

static GtkWidget *
build_form (HarleySamplePane *self,
            MatchForm        *form)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *type_list = gtk_list_box_new ();

  form->picker = g_object_new (HARLEY_TYPE_PATIENT_PICKER, NULL);
  harley_patient_picker_set_store (form->picker, self->store);
  form->chosen = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->chosen, TRUE);
  gtk_label_set_xalign (form->chosen, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->chosen), "heading");
  form->samples = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (form->samples), "boxed-list");
  for (guint i = 0; i < HARLEY_SAMPLE_N_TYPES; i++)
    gtk_string_list_append (types, harley_sample_type_label (i));
  form->type_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->type_row), _("Type of sample"));
  adw_combo_row_set_model (ADW_COMBO_ROW (form->type_row), G_LIST_MODEL (types));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (type_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (type_list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (type_list), form->type_row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->picker));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->chosen));
  gtk_box_append (GTK_BOX (box), form->matching ? GTK_WIDGET (form->samples) : type_list);
  return box;
}

static void
matched (HarleySamplePane *self,
         gint64            sample_id,
         const char       *message)
{
  g_autoptr(GError) error = NULL;

  /* The result now belongs to the sample: show that, then the lists */
  if (!harley_sample_pane_open (self, sample_id, &error))
    _harley_sample_pane_toast (self, error->message);
  _harley_sample_pane_step_done (self, message);
}

static void
match (HarleySamplePane *self,
       gint64            sample_id)
{
  g_autoptr(GError) error = NULL;

  if (!harley_result_match (self->store, self->result->id, sample_id, &error))
    _harley_sample_pane_toast (self, error->message);
  else
    matched (self, sample_id, _("Matched: the result waits on To Review"));
}

static void
file_to_patient (HarleySamplePane *self,
                 gint64            patient_id,
                 HarleySampleType  type)
{
  g_autoptr(GError) error = NULL;
  gint64 sample_id = harley_result_file_to_patient (self->store, self->result->id, patient_id, type, &error);

  if (sample_id == 0)
    _harley_sample_pane_toast (self, error->message);
  else
    matched (self, sample_id, _("Filed to the patient: the result waits on To Review"));
}

static void
on_match_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      HarleySamplePane *self)
{
  MatchForm *form = g_object_get_data (G_OBJECT (dialog), "form");

  if (g_strcmp0 (response, "match") != 0 || self->result == NULL || self->sample != NULL)
    return;
  if (form->matching)
    match (self, chosen_sample (form));
  else
    file_to_patient (self, harley_patient_picker_get_patient_id (form->picker),
                     adw_combo_row_get_selected (ADW_COMBO_ROW (form->type_row)));
}

static void
ask (HarleySamplePane *self,
     gboolean          matching)
{
  MatchForm *form = g_new0 (MatchForm, 1);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  form->matching = matching;
  form->store = g_object_ref (self->store);
  body = g_strdup_printf (_("The laboratory wrote: “%s”."), self->result->patient_details ? self->result->patient_details
                                                                                         : _("no patient details"));
  dialog = _harley_sample_pane_question (self, matching ? _("Match the Result to a Sample?")
                                                        : _("File the Result to a Patient?"),
                                         body, "match", matching ? _("_Match") : _("_File"),
                                         build_form (self, form));
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) match_form_free);
  g_signal_connect_object (form->picker, "notify::patient-id", G_CALLBACK (on_patient_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (form->samples, "selected-rows-changed", G_CALLBACK (update_choice), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_match_response_cb), self, 0);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, -1);
  update_choice (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (harley_patient_picker_get_search (form->picker)));
}

/* sample.match-result (sample id, or 0 to choose the patient and then
 * one of their samples waiting for a result) */
static void
match_result_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  gint64 sample_id = g_variant_get_int64 (parameter);

  if (sample_id > 0)
    match (self, sample_id);
  else
    ask (self, TRUE);
}

/* sample.file-result (patient id and the type of sample, or 0 and "" to
 * ask): the result becomes a sample of the patient's of its own */
static void
file_result_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  HarleySampleType type = HARLEY_SAMPLE_OTHER;
  const char *word;
  gint64 patient_id;

  g_variant_get (parameter, "(x&s)", &patient_id, &word);
  if (patient_id == 0)
    ask (self, FALSE);
  else if (!harley_sample_type_from_string (word, &type))
    _harley_sample_pane_toast (self, _("Say what kind of sample the result is for."));
  else
    file_to_patient (self, patient_id, type);
}

void
_harley_sample_pane_class_match_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sample.match-result", "x", match_result_action);
  gtk_widget_class_install_action (widget_class, "sample.file-result", "(xs)", file_result_action);
}
