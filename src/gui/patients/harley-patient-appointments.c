/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-appointments"

/* The patient's appointments on the record: the next ones first, then
 * the past ones, cancelled and missed ones too, and "book a follow-up
 * in N weeks", which opens the diary's free-slot finder from that date
 * (the window's win.book-follow-up action). */

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "harley-diary.h"
#include "harley-patient-appointments.h"
#include "harley-wall-time.h"

struct _HarleyPatientAppointments
{
  GtkWidget       parent_instance;

  GtkListBox     *list;
  GtkSpinButton  *weeks;
  gint64          patient_id;
};

G_DEFINE_FINAL_TYPE (HarleyPatientAppointments, harley_patient_appointments, GTK_TYPE_WIDGET)

static gboolean
is_future (const HarleyAppointmentInfo *info,
           const GDate                 *today,
           int                          minute)
{
  int c = g_date_compare (&info->date, today);

  return c > 0 || (c == 0 && info->end > minute);
}

static GtkWidget *
appointment_row (HarleyAppointment *appointment)
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (appointment);
  g_autofree char *when = harley_appointment_dup_when (appointment);
  g_autofree char *title = g_strdup_printf ("%s · %s", when, info->type_name);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (info->cancel_reason != NULL && !harley_appointment_status_is_active (info->status))
    subtitle = g_strdup_printf ("%s · %s: %s", info->clinician_name, harley_appointment_status_label (info->status),
                                info->cancel_reason);
  else
    subtitle = g_strdup_printf ("%s%s%s · %s", info->clinician_name, info->location_name ? ", " : "",
                                info->location_name ? info->location_name : "",
                                harley_appointment_status_label (info->status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (!harley_appointment_status_is_active (info->status))
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* A note at the top of the list. */
static void
add_note_row (HarleyPatientAppointments *self,
              const char                *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_list_box_insert (self->list, label, 0);
  gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->list, 0), FALSE);
}

/**
 * harley_patient_appointments_show:
 * @patient_id: the patient, or 0 for a record not yet saved
 */
void
harley_patient_appointments_show (HarleyPatientAppointments *self,
                                  HarleyStore               *store,
                                  gint64                     patient_id)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;
  GDate today;
  int minute;
  guint n_future = 0;

  g_return_if_fail (HARLEY_IS_PATIENT_APPOINTMENTS (self));

  self->patient_id = patient_id;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_sensitive (GTK_WIDGET (self), patient_id != 0);
  if (patient_id == 0 || (all = harley_diary_list_for_patient (store, patient_id, NULL)) == NULL)
    return;
  harley_wall_time_from_utc (now, &today, &minute);
  /* Coming first, soonest first; then the past, latest first. */
  for (guint i = 0; i < all->len; i++)
    if (is_future (harley_appointment_get_info (g_ptr_array_index (all, i)), &today, minute))
      {
        gtk_list_box_append (self->list, appointment_row (g_ptr_array_index (all, i)));
        n_future++;
      }
  for (guint i = all->len; i > 0; i--)
    if (!is_future (harley_appointment_get_info (g_ptr_array_index (all, i - 1)), &today, minute))
      gtk_list_box_append (self->list, appointment_row (g_ptr_array_index (all, i - 1)));
  if (all->len == 0)
    add_note_row (self, _("No appointments yet."));
  else if (n_future == 0)
    add_note_row (self, _("Nothing booked ahead."));
}

static void
on_book_clicked_cb (HarleyPatientAppointments *self)
{
  gtk_spin_button_update (self->weeks);
  if (self->patient_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.book-follow-up", "(xi)", self->patient_id,
                                gtk_spin_button_get_value_as_int (self->weeks));
}

static void
build (HarleyPatientAppointments *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *before = gtk_label_new_with_mnemonic (_("Book a _follow-up in"));
  GtkWidget *after = gtk_label_new (_("weeks"));
  GtkWidget *book = gtk_button_new_with_mnemonic (_("_Find a Time…"));

  self->weeks = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 104, 1));
  gtk_spin_button_set_value (self->weeks, 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (before), GTK_WIDGET (self->weeks));
  g_signal_connect_swapped (book, "clicked", G_CALLBACK (on_book_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), before);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->weeks));
  gtk_box_append (GTK_BOX (bar), after);
  gtk_box_append (GTK_BOX (bar), book);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Appointments"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
harley_patient_appointments_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (harley_patient_appointments_parent_class)->dispose (object);
}

static void
harley_patient_appointments_class_init (HarleyPatientAppointmentsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = harley_patient_appointments_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
harley_patient_appointments_init (HarleyPatientAppointments *self)
{
  build (self);
}

GtkWidget *
harley_patient_appointments_new (void)
{
  return g_object_new (HARLEY_TYPE_PATIENT_APPOINTMENTS, NULL);
}
