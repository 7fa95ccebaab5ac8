/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-samples"

/* The patient's samples on the record, the newest first, an overdue one
 * and an abnormal result marked: each opens in the Samples section (the
 * window's win.open-sample action), and "Record a Sample…" starts one
 * for this patient (win.record-sample). */

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "harley-patient-samples.h"
#include "harley-sample.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

struct _HarleyPatientSamples
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  GtkWidget  *record;
  gint64      patient_id;
};

G_DEFINE_FINAL_TYPE (HarleyPatientSamples, harley_patient_samples, GTK_TYPE_WIDGET)

static gboolean
has_abnormal_result (HarleyStore        *store,
                     const HarleySample *sample)
{
  g_autoptr(HarleyResult) result = NULL;

  if (sample->result_id == 0)
    return FALSE;
  result = harley_result_load (store, sample->result_id, NULL);
  return result != NULL && result->abnormal;
}

/* "Histology · left cheek" */
static char *
dup_title (const HarleySample *sample)
{
  const char *type = harley_sample_type_label (sample->type);

  if (sample->site == NULL || *sample->site == '\0')
    return g_strdup (type);
  return g_strdup_printf ("%s · %s", type, sample->site);
}

/* "Taken 12/03/2030 · Sent"; "Taken 12/03/2030, not yet sent" */
static char *
dup_subtitle (const HarleySample *sample)
{
  g_autofree char *taken = harley_format_date (sample->taken_on);
  const char *day = taken != NULL ? taken : sample->taken_on;

  if (sample->state == HARLEY_SAMPLE_TAKEN)
    /* TRANSLATORS: %s is the day a sample was taken, dd/mm/yyyy */
    return g_strdup_printf (_("Taken %s, not yet sent"), day);
  /* TRANSLATORS: %s is the day a sample was taken, dd/mm/yyyy, then what has happened to it */
  return g_strdup_printf (_("Taken %s · %s"), day, harley_sample_state_label (sample->state));
}

/* A word that stands out at the end of the row: "Overdue" */
static void
add_mark (GtkWidget  *row,
          const char *text,
          const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, style);
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static GtkWidget *
sample_row (HarleyStore        *store,
            const HarleySample *sample,
            const GDate        *today)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = dup_title (sample);
  g_autofree char *subtitle = dup_subtitle (sample);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (harley_sample_is_overdue (sample, today))
    add_mark (row, _("Overdue"), "error");
  if (has_abnormal_result (store, sample))
    add_mark (row, _("Abnormal result"), "warning");
  if (sample->state == HARLEY_SAMPLE_CANCELLED || sample->state == HARLEY_SAMPLE_LOST)
    gtk_widget_add_css_class (row, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-sample");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", sample->id);
  return row;
}

static void
add_note_row (HarleyPatientSamples *self,
              const char           *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_list_box_append (self->list, label);
  row = gtk_widget_get_last_child (GTK_WIDGET (self->list));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
}

static void
clear_rows (HarleyPatientSamples *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/* In the core's order: the most recently taken first. */
static GPtrArray *
load_samples (HarleyStore *store,
              gint64       patient_id)
{
  g_autoptr(GArray) ids = harley_sample_list_for_patient (store, patient_id, NULL);
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_sample_free);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      HarleySample *sample = harley_sample_load (store, g_array_index (ids, gint64, i), NULL);

      if (sample != NULL)
        g_ptr_array_add (samples, sample);
    }
  return samples;
}

/**
 * harley_patient_samples_show:
 * @patient_id: the patient, or 0 for a record not yet saved
 */
void
harley_patient_samples_show (HarleyPatientSamples *self,
                             HarleyStore          *store,
                             gint64                patient_id)
{
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate today;
  int minute;

  g_return_if_fail (HARLEY_IS_PATIENT_SAMPLES (self));

  self->patient_id = patient_id;
  clear_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), patient_id != 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->record), "x", patient_id);
  if (patient_id == 0)
    return;
  harley_wall_time_from_utc (now, &today, &minute);
  samples = load_samples (store, patient_id);
  for (guint i = 0; i < samples->len; i++)
    gtk_list_box_append (self->list, sample_row (store, g_ptr_array_index (samples, i), &today));
  if (samples->len == 0)
    add_note_row (self, _("No samples yet."));
}

/**
 * harley_patient_samples_get_list:
 *
 * Returns: (transfer none): the list of samples, one row each
 */
GtkListBox *
harley_patient_samples_get_list (HarleyPatientSamples *self)
{
  return self->list;
}

static void
build (HarleyPatientSamples *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->record = gtk_button_new_with_mnemonic (_("_Record a Sample…"));
  gtk_widget_set_halign (self->record, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->record), "win.record-sample");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->record), "x", (gint64) 0);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Samples"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), self->record);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
harley_patient_samples_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (harley_patient_samples_parent_class)->dispose (object);
}

static void
harley_patient_samples_class_init (HarleyPatientSamplesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = harley_patient_samples_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
harley_patient_samples_init (HarleyPatientSamples *self)
{
  build (self);
}

GtkWidget *
harley_patient_samples_new (void)
{
  return g_object_new (HARLEY_TYPE_PATIENT_SAMPLES, NULL);
}
