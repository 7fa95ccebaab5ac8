/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-booking-dialog"

/* Booking: choose the patient with the register's own type-ahead search
 * (or add a new one in four fields), check the type, clinician, day and
 * time that the click or key chose, and book under the diary's rules,
 * answering each refusal the user may overrule.
 */

#include <glib/gi18n-lib.h>

#include "harley-booking-dialog.h"
#include "harley-diary-ask.h"
#include "harley-patient-picker.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

struct _HarleyBookingDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  HarleyPatientPicker *picker;
  GtkExpander         *new_patient_expander;
  AdwEntryRow         *given_row;
  AdwEntryRow         *family_row;
  AdwEntryRow         *dob_row;
  AdwEntryRow         *mobile_row;
  AdwComboRow         *type_row;
  AdwComboRow         *clinician_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  GtkSpinButton       *length_spin;
  AdwEntryRow         *notes_row;
  GtkLabel            *problem_label;

  /* Owned references */
  HarleyStore         *store;
  GPtrArray           *types;        /* HarleyAppointmentType */
  GPtrArray           *clinicians;   /* HarleyClinician */

  HarleyBooking        booking;
  char                *notes;
};

G_DEFINE_FINAL_TYPE (HarleyBookingDialog, harley_booking_dialog, ADW_TYPE_WINDOW)

enum {
  BOOKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (HarleyBookingDialog *self,
              const char          *problem)
{
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* The patient {{{1 */

/* A new search means a patient is to be chosen again. */
static void
on_search_changed_cb (HarleyBookingDialog *self)
{
  if (*gtk_editable_get_text (harley_patient_picker_get_search (self->picker)) != '\0')
    harley_patient_picker_set_patient_id (self->picker, 0);
}

/* Enter on a patient goes on to the appointment's details. */
static void
on_picker_chosen_cb (HarleyBookingDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

static void
add_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyBookingDialog *self = HARLEY_BOOKING_DIALOG (widget);
  g_autoptr(HarleyPatient) patient = harley_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *mobile = NULL;

  if (!harley_validate_date_of_birth (gtk_editable_get_text (GTK_EDITABLE (self->dob_row)), NULL, &dob, &error))
    {
      show_problem (self, error->message);
      return;
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->mobile_row)) != '\0'
      && !harley_validate_phone (gtk_editable_get_text (GTK_EDITABLE (self->mobile_row)), &mobile, &error))
    {
      show_problem (self, error->message);
      return;
    }
  harley_patient_set_text (patient, HARLEY_PATIENT_GIVEN_NAME, gtk_editable_get_text (GTK_EDITABLE (self->given_row)));
  harley_patient_set_text (patient, HARLEY_PATIENT_FAMILY_NAME, gtk_editable_get_text (GTK_EDITABLE (self->family_row)));
  harley_patient_set_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH, dob);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_MOBILE, mobile);
  if (!harley_register_save (self->store, patient, HARLEY_REGISTER_SAVE_DEFAULT, &error))
    {
      show_problem (self, error->message);
      return;
    }
  show_problem (self, NULL);
  harley_patient_picker_set_patient_id (self->picker, harley_patient_get_id (patient));
  gtk_expander_set_expanded (self->new_patient_expander, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

/* The appointment {{{1 */

static void
on_type_selected_cb (HarleyBookingDialog *self)
{
  guint i = adw_combo_row_get_selected (self->type_row);

  if (self->types != NULL && i < self->types->len)
    gtk_spin_button_set_value (self->length_spin,
                               ((HarleyAppointmentType *) g_ptr_array_index (self->types, i))->minutes);
}

static gboolean
read_form (HarleyBookingDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint type = adw_combo_row_get_selected (self->type_row);
  guint clinician = adw_combo_row_get_selected (self->clinician_row);

  if (harley_patient_picker_get_patient_id (self->picker) == 0)
    {
      show_problem (self, _("Choose the patient first: type a name, NHS number or date of birth."));
      gtk_widget_grab_focus (GTK_WIDGET (harley_patient_picker_get_search (self->picker)));
      return FALSE;
    }
  if (type >= self->types->len || clinician >= self->clinicians->len)
    {
      show_problem (self, _("Choose the type of appointment and the clinician."));
      return FALSE;
    }
  memset (&self->booking, 0, sizeof self->booking);
  if (!harley_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &self->booking.date, &error))
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return FALSE;
    }
  if (!harley_wall_time_parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &self->booking.start))
    {
      show_problem (self, _("Type the time as hh:mm, such as 09:30 or 14:15."));
      gtk_widget_grab_focus (GTK_WIDGET (self->time_row));
      return FALSE;
    }
  self->booking.patient_id = harley_patient_picker_get_patient_id (self->picker);
  self->booking.type_id = ((HarleyAppointmentType *) g_ptr_array_index (self->types, type))->id;
  self->booking.clinician_id = ((HarleyClinician *) g_ptr_array_index (self->clinicians, clinician))->id;
  gtk_spin_button_update (self->length_spin);   /* a length typed but not yet taken in */
  self->booking.end = self->booking.start + gtk_spin_button_get_value_as_int (self->length_spin);
  g_free (self->notes);
  self->notes = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  self->booking.notes = self->notes;
  return TRUE;
}

static gboolean
try_book (gpointer          data,
          HarleyBookFlags   flags,
          GError          **error)
{
  HarleyBookingDialog *self = data;
  gint64 id = harley_diary_book (self->store, &self->booking, flags, error);

  if (id != 0)
    g_signal_emit (self, signals[BOOKED], 0, id);
  return id != 0;
}

static void
book_done (gpointer data,
           gboolean done)
{
  HarleyBookingDialog *self = data;

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (done)
    gtk_window_close (GTK_WINDOW (self));
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyBookingDialog *self = HARLEY_BOOKING_DIALOG (widget);

  if (!read_form (self))
    return;
  show_problem (self, NULL);
  gtk_widget_set_sensitive (widget, FALSE);
  harley_diary_attempt (widget, HARLEY_DIARY_ATTEMPT_BOOK, try_book, book_done, g_object_ref (self), g_object_unref);
}

/* Object {{{1 */

static void
fill_combo (AdwComboRow *row,
            GPtrArray   *items,
            gsize        name_offset,
            gint64       chosen_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      gtk_string_list_append (names, G_STRUCT_MEMBER (const char *, item, name_offset));
      if (*(gint64 *) item == chosen_id)
        chosen = i;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, chosen);
}

/**
 * harley_booking_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @clinician_id: the clinician chosen in the diary
 * @date: the day chosen
 * @minute: the time chosen, minutes after midnight
 *
 * Returns: (transfer none): the dialog, to present; it emits "booked"
 *   with the new appointment's id and closes itself
 */
HarleyBookingDialog *
harley_booking_dialog_new (GtkWindow   *parent,
                           HarleyStore *store,
                           gint64       clinician_id,
                           const GDate *date,
                           int          minute)
{
  HarleyBookingDialog *self = g_object_new (HARLEY_TYPE_BOOKING_DIALOG, "transient-for", parent, NULL);
  g_autofree char *day = NULL;
  g_autofree char *time = harley_format_minutes (minute);

  self->store = g_object_ref (store);
  self->types = harley_diary_list_types (store, NULL);
  self->clinicians = harley_diary_list_clinicians (store, NULL);
  fill_combo (self->type_row, self->types, G_STRUCT_OFFSET (HarleyAppointmentType, name), 0);
  fill_combo (self->clinician_row, self->clinicians, G_STRUCT_OFFSET (HarleyClinician, name), clinician_id);
  on_type_selected_cb (self);

  day = harley_format_gdate (date);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  harley_patient_picker_set_store (self->picker, store);
  gtk_widget_grab_focus (GTK_WIDGET (harley_patient_picker_get_search (self->picker)));
  return self;
}

void
harley_booking_dialog_set_type (HarleyBookingDialog *self,
                                gint64               type_id)
{
  g_return_if_fail (HARLEY_IS_BOOKING_DIALOG (self));

  for (guint i = 0; self->types != NULL && i < self->types->len; i++)
    if (((HarleyAppointmentType *) g_ptr_array_index (self->types, i))->id == type_id)
      adw_combo_row_set_selected (self->type_row, i);
}

void
harley_booking_dialog_set_patient (HarleyBookingDialog *self,
                                   gint64               patient_id)
{
  g_return_if_fail (HARLEY_IS_BOOKING_DIALOG (self));

  harley_patient_picker_set_patient_id (self->picker, patient_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

/* For the tests: the search, as typed into */
GtkEditable *
harley_booking_dialog_get_search (HarleyBookingDialog *self)
{
  return harley_patient_picker_get_search (self->picker);
}

static void
harley_booking_dialog_dispose (GObject *object)
{
  HarleyBookingDialog *self = HARLEY_BOOKING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_BOOKING_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->clinicians, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (harley_booking_dialog_parent_class)->dispose (object);
}

static void
harley_booking_dialog_class_init (HarleyBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_booking_dialog_dispose;

  signals[BOOKED] = g_signal_new ("booked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (HARLEY_TYPE_PATIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/diary/harley-booking-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, picker);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, new_patient_expander);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, given_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, family_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, dob_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, clinician_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, length_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyBookingDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected_cb);

  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "booking.add-patient", NULL, add_patient_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "booking.book", NULL);
}

static void
harley_booking_dialog_init (HarleyBookingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (harley_patient_picker_get_search (self->picker), "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
}
