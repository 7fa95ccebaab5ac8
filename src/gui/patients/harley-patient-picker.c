/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-picker"

/* The patient a window is for, found with the register's own type-ahead
 * search: Down and Up move through the matches while typing goes on, and
 * Enter (or a double-click) chooses, the first match if none was moved to.
 * "patient-id" follows the choice; "chosen" says Enter made it.
 *
 *   HarleyPatientList     ids of the matches from SQLite
 *     └ GtkSingleSelection  the chosen patient
 *         └ GtkListView     rows from harley_patient_row_factory_new ()
 */

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "harley-patient-list.h"
#include "harley-patient-picker.h"
#include "harley-patient-row.h"
#include "harley-validate.h"

struct _HarleyPatientPicker
{
  GtkBox               parent_instance;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkWidget           *scroller;
  GtkSingleSelection  *selection;
  GtkListView         *patient_list;
  AdwActionRow        *patient_row;
  GtkWidget           *change_button;

  /* Owned references */
  HarleyStore         *store;
  HarleyPatientList   *patients;

  gint64               patient_id;
};

G_DEFINE_FINAL_TYPE (HarleyPatientPicker, harley_patient_picker, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_PATIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint chosen_signal;

/* The patient's name and date of birth, under the search */
static void
show_patient (HarleyPatientPicker *self)
{
  g_autoptr(HarleyPatient) patient = NULL;
  g_autofree char *name = NULL;
  g_autofree char *born = NULL;
  g_autofree char *subtitle = NULL;

  if (self->patient_id != 0)
    patient = harley_register_load (self->store, self->patient_id, NULL);
  if (patient == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->patient_row), _("No patient chosen yet"));
      adw_action_row_set_subtitle (self->patient_row, _("Find the patient above."));
      return;
    }
  name = harley_patient_dup_display_name (patient);
  born = harley_format_date (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH));
  /* TRANSLATORS: %s is a date of birth, dd/mm/yyyy */
  subtitle = born != NULL ? g_strdup_printf (_("Born %s"), born) : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->patient_row), name);
  adw_action_row_set_subtitle (self->patient_row, subtitle != NULL ? subtitle : "");
}

/* Each choice notifies, even of the same patient again: the window reads
 * the record afresh. */
static void
on_selection_changed_cb (HarleyPatientPicker *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  self->patient_id = harley_patient_list_get_id (self->patients, position);
  show_patient (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT_ID]);
}

static void
on_search_changed_cb (HarleyPatientPicker *self)
{
  /* A new search means a patient is to be chosen again. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  harley_patient_list_set_query (self->patients, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_patient_list_activate_cb (GtkListView         *view,
                             guint                position,
                             HarleyPatientPicker *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, chosen_signal, 0);
}

/* Enter in the search takes the first match, or the one moved to. */
static void
on_search_activate_cb (HarleyPatientPicker *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->patients)) > 0)
    on_patient_list_activate_cb (self->patient_list, selected != GTK_INVALID_LIST_POSITION ? selected : 0, self);
}

static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          HarleyPatientPicker   *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->patients));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_Up) || n == 0)
    return GDK_EVENT_PROPAGATE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = keyval == GDK_KEY_Down ? 0 : n - 1;
  else if (keyval == GDK_KEY_Down)
    selected = MIN (selected + 1, n - 1);
  else if (selected > 0)
    selected--;
  gtk_single_selection_set_selected (self->selection, selected);
  return GDK_EVENT_STOP;
}

/* Without the search only the patient chosen shows, with "Change…". */
void
harley_patient_picker_show_search (HarleyPatientPicker *self,
                                   gboolean             shown)
{
  g_return_if_fail (HARLEY_IS_PATIENT_PICKER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), shown);
  gtk_widget_set_visible (self->scroller, shown);
  gtk_widget_set_visible (self->change_button, !shown);
  if (shown)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_change_clicked_cb (HarleyPatientPicker *self)
{
  harley_patient_picker_show_search (self, TRUE);
}

/* Called once, before the picker is shown. */
void
harley_patient_picker_set_store (HarleyPatientPicker *self,
                                 HarleyStore         *store)
{
  g_autoptr(GtkListItemFactory) factory = harley_patient_row_factory_new ();

  g_return_if_fail (HARLEY_IS_PATIENT_PICKER (self) && self->store == NULL);

  self->store = g_object_ref (store);
  self->patients = harley_patient_list_new (store);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->patients));
  gtk_list_view_set_factory (self->patient_list, factory);
  show_patient (self);
}

gint64
harley_patient_picker_get_patient_id (HarleyPatientPicker *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT_PICKER (self), 0);

  return self->patient_id;
}

/* A patient found another way (just added, say), or 0: no match stays chosen. */
void
harley_patient_picker_set_patient_id (HarleyPatientPicker *self,
                                      gint64               patient_id)
{
  g_return_if_fail (HARLEY_IS_PATIENT_PICKER (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (self->patient_id == patient_id)
    return;
  self->patient_id = patient_id;
  show_patient (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT_ID]);
}

/* For the tests: the search, as typed into */
GtkEditable *
harley_patient_picker_get_search (HarleyPatientPicker *self)
{
  return GTK_EDITABLE (self->search_entry);
}

static void
harley_patient_picker_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (prop_id == PROP_PATIENT_ID)
    g_value_set_int64 (value, HARLEY_PATIENT_PICKER (object)->patient_id);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
harley_patient_picker_dispose (GObject *object)
{
  HarleyPatientPicker *self = HARLEY_PATIENT_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PATIENT_PICKER);
  g_clear_object (&self->patients);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_patient_picker_parent_class)->dispose (object);
}

static void
harley_patient_picker_class_init (HarleyPatientPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_patient_picker_dispose;
  object_class->get_property = harley_patient_picker_get_property;

  properties[PROP_PATIENT_ID] = g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* Enter or a double-click chose the patient: the window goes on. */
  chosen_signal = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/patients/harley-patient-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientPicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientPicker, selection);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientPicker, patient_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientPicker, patient_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientPicker, change_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_clicked_cb);
}

static void
harley_patient_picker_init (HarleyPatientPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
