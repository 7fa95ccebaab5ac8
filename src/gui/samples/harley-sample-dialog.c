/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-dialog"

/* Record Sample: the patient, chosen with the register's own type-ahead
 * search; what was taken, from where, when (today unless changed, never
 * in the future, the reason said beside it as it is typed) and by whom;
 * and the laboratory it goes to, if known yet. Ctrl+Enter records. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-patient-picker.h"
#include "harley-sample-dialog.h"
#include "harley-sample.h"
#include "harley-validate.h"

struct _HarleySampleDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  HarleyPatientPicker *picker;
  AdwComboRow         *type_row;
  AdwEntryRow         *site_row;
  AdwEntryRow         *description_row;
  AdwEntryRow         *taken_row;
  AdwEntryRow         *taken_by_row;
  GtkLabel            *taken_problem;
  AdwPreferencesGroup *lab_group;
  AdwEntryRow         *notes_row;
  GtkLabel            *problem_label;

  AdwComboRow         *lab_row;      /* "when it is sent", then labs */

  /* Owned references */
  HarleyStore         *store;
  GPtrArray           *labs;         /* HarleyContact, as lab_row lists them after the first */
};

G_DEFINE_FINAL_TYPE (HarleySampleDialog, harley_sample_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (HarleySampleDialog *self,
              const char         *problem)
{
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* Laboratories {{{1 */

static void
append_contacts (GPtrArray         *labs,
                 HarleyStore       *store,
                 HarleyContactKind  kind)
{
  g_autoptr(GListModel) contacts = harley_contact_list (store, kind, NULL);

  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    g_ptr_array_add (labs, g_list_model_get_item (contacts, i));
}

/**
 * harley_sample_dialog_list_labs:
 *
 * Returns: (transfer container) (element-type HarleyContact): the
 *   address book's laboratories, then its hospitals and departments
 */
GPtrArray *
harley_sample_dialog_list_labs (HarleyStore *store)
{
  GPtrArray *labs = g_ptr_array_new_with_free_func (g_object_unref);

  append_contacts (labs, store, HARLEY_CONTACT_LABORATORY);
  append_contacts (labs, store, HARLEY_CONTACT_HOSPITAL);
  return labs;
}

/**
 * harley_sample_dialog_new_lab_row:
 * @labs: (element-type HarleyContact): from harley_sample_dialog_list_labs()
 * @chosen_id: the laboratory to choose, or 0
 * @with_none: whether the first choice is "not yet", for a sample whose
 *   laboratory is chosen when it is sent
 *
 * Returns: (transfer floating): an #AdwComboRow of @labs by name
 */
GtkWidget *
harley_sample_dialog_new_lab_row (GPtrArray *labs,
                                  gint64     chosen_id,
                                  gboolean   with_none)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint chosen = 0;

  if (with_none)
    gtk_string_list_append (names, _("Choose when it is sent"));
  for (guint i = 0; i < labs->len; i++)
    {
      HarleyContact *lab = g_ptr_array_index (labs, i);

      gtk_string_list_append (names, harley_contact_get_name (lab));
      if (harley_contact_get_id (lab) == chosen_id)
        chosen = i + (with_none ? 1 : 0);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Laboratory"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), chosen);
  return row;
}

static gint64
chosen_lab (HarleySampleDialog *self)
{
  guint i = adw_combo_row_get_selected (self->lab_row);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->labs->len)
    return 0;
  return harley_contact_get_id (g_ptr_array_index (self->labs, i - 1));
}

/* The patient {{{1 */

/* A new search means a patient is to be chosen again. */
static void
on_search_changed_cb (HarleySampleDialog *self)
{
  if (*gtk_editable_get_text (harley_patient_picker_get_search (self->picker)) != '\0')
    harley_patient_picker_set_patient_id (self->picker, 0);
}

/* Enter on a patient goes on to what was taken; the search makes way for
 * it, "Change…" bringing it back. */
static void
on_picker_chosen_cb (HarleySampleDialog *self)
{
  harley_patient_picker_show_search (self->picker, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

/* Taken on {{{1 */

static gboolean
read_taken (HarleySampleDialog *self,
            GDate              *taken_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (harley_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->taken_row)), taken_on, &error)
      && g_date_compare (taken_on, &today) > 0)
    g_set_error (&error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_FUTURE,
                 _("That day is still to come: type the day the sample was taken."));
  gtk_label_set_text (self->taken_problem, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->taken_problem), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->taken_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->taken_row), "error");
  return error == NULL;
}

static void
on_taken_changed_cb (HarleySampleDialog *self)
{
  GDate taken_on;

  read_taken (self, &taken_on);
}

/* Recording {{{1 */

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleySampleDialog *self = HARLEY_SAMPLE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  HarleySampleNew sample = { 0 };
  gint64 id;

  sample.patient_id = harley_patient_picker_get_patient_id (self->picker);
  if (sample.patient_id == 0)
    {
      show_problem (self, _("Choose the patient first: type a name, NHS number or date of birth."));
      gtk_widget_grab_focus (GTK_WIDGET (harley_patient_picker_get_search (self->picker)));
      return;
    }
  if (!read_taken (self, &sample.taken_on))
    {
      show_problem (self, gtk_label_get_text (self->taken_problem));
      gtk_widget_grab_focus (GTK_WIDGET (self->taken_row));
      return;
    }
  sample.type = MIN (adw_combo_row_get_selected (self->type_row), HARLEY_SAMPLE_OTHER);
  sample.site = gtk_editable_get_text (GTK_EDITABLE (self->site_row));
  sample.description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  sample.taken_by = gtk_editable_get_text (GTK_EDITABLE (self->taken_by_row));
  sample.lab_id = chosen_lab (self);
  sample.notes = gtk_editable_get_text (GTK_EDITABLE (self->notes_row));
  if ((id = harley_sample_add (self->store, &sample, &error)) == 0)
    {
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Object {{{1 */

static void
fill_types (HarleySampleDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  for (guint i = 0; i < HARLEY_SAMPLE_N_TYPES; i++)
    gtk_string_list_append (types, harley_sample_type_label (i));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
}

/**
 * harley_sample_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @patient_id: the patient, or 0 to choose one
 *
 * Returns: (transfer none): the dialog, to present; it emits "recorded"
 *   with the new sample's id and closes itself
 */
HarleySampleDialog *
harley_sample_dialog_new (GtkWindow   *parent,
                          HarleyStore *store,
                          gint64       patient_id)
{
  HarleySampleDialog *self = g_object_new (HARLEY_TYPE_SAMPLE_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  g_autofree char *consultant = harley_store_get_practice_detail (store, "consultant");

  self->store = g_object_ref (store);
  self->labs = harley_sample_dialog_list_labs (store);
  self->lab_row = ADW_COMBO_ROW (harley_sample_dialog_new_lab_row (self->labs, 0, TRUE));
  adw_preferences_group_add (self->lab_group, GTK_WIDGET (self->lab_row));
  fill_types (self);
  gtk_editable_set_text (GTK_EDITABLE (self->taken_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->taken_by_row), consultant != NULL ? consultant : "");
  harley_patient_picker_set_store (self->picker, store);
  if (patient_id != 0)
    harley_sample_dialog_set_patient (self, patient_id);
  else
    gtk_widget_grab_focus (GTK_WIDGET (harley_patient_picker_get_search (self->picker)));
  return self;
}

void
harley_sample_dialog_set_patient (HarleySampleDialog *self,
                                  gint64              patient_id)
{
  g_return_if_fail (HARLEY_IS_SAMPLE_DIALOG (self));

  harley_patient_picker_set_patient_id (self->picker, patient_id);
  harley_patient_picker_show_search (self->picker, patient_id == 0);
  if (patient_id != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

/* For the tests: the search, as typed into */
GtkEditable *
harley_sample_dialog_get_search (HarleySampleDialog *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_DIALOG (self), NULL);

  return harley_patient_picker_get_search (self->picker);
}

/**
 * harley_sample_dialog_get_problem:
 *
 * Returns: (nullable): why the sample was not recorded, as shown
 */
const char *
harley_sample_dialog_get_problem (HarleySampleDialog *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLE_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label)) ? gtk_label_get_text (self->problem_label) : NULL;
}

static void
harley_sample_dialog_dispose (GObject *object)
{
  HarleySampleDialog *self = HARLEY_SAMPLE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_SAMPLE_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->labs, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_sample_dialog_parent_class)->dispose (object);
}

static void
harley_sample_dialog_class_init (HarleySampleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_sample_dialog_dispose;

  /**
   * HarleySampleDialog::recorded:
   * @id: the new sample
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (HARLEY_TYPE_PATIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/samples/harley-sample-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, picker);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, taken_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, taken_by_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, taken_problem);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, lab_group);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, HarleySampleDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_taken_changed_cb);

  gtk_widget_class_install_action (widget_class, "record-sample.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "record-sample.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "record-sample.record", NULL);
}

static void
harley_sample_dialog_init (HarleySampleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (harley_patient_picker_get_search (self->picker), "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
}
