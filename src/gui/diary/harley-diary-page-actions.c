/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary-page"

/* The diary's actions and shortcuts: going through the days, booking,
 * moving, and the steps of an appointment's day. */

#include <glib/gi18n-lib.h>

#include "harley-booking-dialog.h"
#include "harley-clinic-list-window.h"
#include "harley-clinics-window.h"
#include "harley-diary-ask.h"
#include "harley-diary-page-private.h"
#include "harley-find-slot-dialog.h"
#include "harley-wall-time.h"

/* Going through the days {{{1 */

static void
step (HarleyDiaryPage *self,
      int              direction)
{
  int days = g_strcmp0 (self->view, "week") == 0 ? 7 : 1;
  GDate date = self->date;

  if (direction > 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, days);
  harley_diary_page_go_to (self, &date);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (HARLEY_DIARY_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (HARLEY_DIARY_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate today;
  int minute;

  harley_wall_time_from_utc (now, &today, &minute);
  harley_diary_page_go_to (HARLEY_DIARY_PAGE (widget), &today);
}

static gboolean
parse_iso_day (const char *iso,
               GDate      *date)
{
  g_autofree char *wall = g_strconcat (iso, " 12:00", NULL);
  int minute;

  return harley_wall_time_parse (wall, date, &minute, NULL);
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GDate date;

  if (parse_iso_day (g_variant_get_string (parameter, NULL), &date))
    harley_diary_page_go_to (HARLEY_DIARY_PAGE (widget), &date);
}

static void
pick_date_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&self->date), g_date_get_month (&self->date),
                                                    g_date_get_day (&self->date), 12, 0, 0);

  gtk_calendar_select_day (self->calendar, day);
  gtk_menu_button_popup (self->date_button);
}

/* Booking and moving {{{1 */

static void
booked_cb (HarleyBookingDialog *dialog,
           gint64               id,
           HarleyDiaryPage     *self)
{
  g_autoptr(HarleyAppointment) booked = harley_diary_load (self->store, id, NULL);

  if (booked != NULL)
    {
      const HarleyAppointmentInfo *info = harley_appointment_get_info (booked);
      g_autofree char *when = harley_appointment_dup_when (booked);
      g_autofree char *message = g_strdup_printf (_("Booked %s, %s"), info->patient_name, when);

      self->date = info->date;
      harley_diary_page_reload (self);
      harley_diary_grid_select (self->grid, id);
      _harley_diary_page_toast (self, message);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

void
_harley_diary_page_open_booking (HarleyDiaryPage *self,
                                 gint64           clinician_id,
                                 const GDate     *date,
                                 int              minute,
                                 gint64           type_id,
                                 gint64           patient_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HarleyBookingDialog *dialog = harley_booking_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           self->store, clinician_id, date, minute);

  if (type_id != 0)
    harley_booking_dialog_set_type (dialog, type_id);
  if (patient_id != 0)
    harley_booking_dialog_set_patient (dialog, patient_id);
  g_signal_connect_object (dialog, "booked", G_CALLBACK (booked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);
  HarleyDiaryColumn column = { 0 };
  int minute;

  if (harley_diary_grid_get_n_columns (self->grid) == 0)
    return;
  harley_diary_grid_get_cursor (self->grid, &column, &minute);
  _harley_diary_page_open_booking (self, column.clinician_id, &column.date, minute, 0, 0);
}

/* diary.book-at (clinician id, "YYYY-MM-DD", minute) */
static void
book_at_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gint64 clinician_id;
  const char *day;
  int minute;
  GDate date;

  g_variant_get (parameter, "(x&si)", &clinician_id, &day, &minute);
  if (parse_iso_day (day, &date))
    _harley_diary_page_open_booking (HARLEY_DIARY_PAGE (widget), clinician_id, &date, minute, 0, 0);
}

static void
slot_chosen_cb (HarleyFindSlotDialog *dialog,
                gint64                clinician_id,
                GDate                *date,
                int                   minute,
                gint64                type_id,
                gint64                patient_id,
                HarleyDiaryPage      *self)
{
  harley_diary_page_go_to (self, date);
  _harley_diary_page_open_booking (self, clinician_id, date, minute, type_id, patient_id);
}

/**
 * harley_diary_page_book_for:
 * @patient_id: the patient to book
 * @from: the earliest day, such as six weeks from now for a follow-up
 *
 * Opens the free-slot finder from @from with the patient chosen.
 */
void
harley_diary_page_book_for (HarleyDiaryPage *self,
                            gint64           patient_id,
                            const GDate     *from)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HarleyFindSlotDialog *dialog;

  g_return_if_fail (HARLEY_IS_DIARY_PAGE (self));

  dialog = harley_find_slot_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, from);
  harley_find_slot_dialog_set_patient (dialog, patient_id);
  g_signal_connect_object (dialog, "slot-chosen", G_CALLBACK (slot_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
find_slot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  HarleyFindSlotDialog *dialog = harley_find_slot_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              self->store, &self->date);

  g_signal_connect_object (dialog, "slot-chosen", G_CALLBACK (slot_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  HarleyDiaryPage *page;
  gint64           id;
  gint64           clinician_id;
  GDate            date;
  int              start;
  int              end;
} Move;

static gboolean
try_move (gpointer          data,
          HarleyBookFlags   flags,
          GError          **error)
{
  Move *move = data;

  return harley_diary_move (move->page->store, move->id, move->clinician_id, &move->date, move->start,
                            move->end, flags, error);
}

static void
move_done (gpointer data,
           gboolean done)
{
  Move *move = data;

  if (done)
    _harley_diary_page_toast (move->page, _("Appointment moved"));
  /* Moved or not, the grid shows what the diary holds. */
  harley_diary_page_reload (move->page);
  harley_diary_grid_select (move->page->grid, move->id);
}

static void
move_free (gpointer data)
{
  Move *move = data;

  g_object_unref (move->page);
  g_free (move);
}

void
_harley_diary_page_move (HarleyDiaryPage *self,
                         gint64           id,
                         gint64           clinician_id,
                         const GDate     *date,
                         int              start,
                         int              end)
{
  Move *move = g_new0 (Move, 1);

  move->page = g_object_ref (self);
  move->id = id;
  move->clinician_id = clinician_id;
  move->date = *date;
  move->start = start;
  move->end = end;
  harley_diary_attempt (GTK_WIDGET (self), HARLEY_DIARY_ATTEMPT_MOVE, try_move, move_done, move, move_free);
}

/* diary.move (appointment id, clinician id, "YYYY-MM-DD", start, end): what a drag does */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 id, clinician_id;
  const char *day;
  int start, end;
  GDate date;

  g_variant_get (parameter, "(xx&sii)", &id, &clinician_id, &day, &start, &end);
  if (parse_iso_day (day, &date))
    _harley_diary_page_move (HARLEY_DIARY_PAGE (widget), id, clinician_id, &date, start, end);
}

/* Clinics and time off {{{1 */

static void
clinics_changed_cb (HarleyClinicsWindow *window,
                    HarleyDiaryPage     *self)
{
  harley_diary_page_reload (self);
}

static void
edit_clinics_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  HarleyClinicsWindow *window = harley_clinics_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           self->store);

  g_signal_connect_object (window, "changed", G_CALLBACK (clinics_changed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

/* Export {{{1 */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _harley_diary_page_export (HARLEY_DIARY_PAGE (widget));
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _harley_diary_page_export_to (HARLEY_DIARY_PAGE (widget), parameter);
}

/* Paper {{{1 */

/* The clinic list of the day shown, for the clinician chosen above the
 * grid or everyone; in the week view, of the day the cursor is on. */
static void
print_clinic_list_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(HarleyClinicList) list = NULL;
  g_autoptr(GError) error = NULL;
  HarleyDiaryColumn column = { 0 };
  HarleyClinicListWindow *window;
  GDate day = self->date;
  int minute;

  if (g_strcmp0 (self->view, "week") == 0 && harley_diary_grid_get_n_columns (self->grid) > 0)
    {
      harley_diary_grid_get_cursor (self->grid, &column, &minute);
      day = column.date;
    }
  list = harley_clinic_list_new (self->store, &day, _harley_diary_page_get_clinician (self), &error);
  if (list == NULL)
    {
      _harley_diary_page_toast (self, error->message);
      return;
    }
  window = harley_clinic_list_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, list, &day);
  gtk_window_present (GTK_WINDOW (window));
}

/* The appointment's day {{{1 */

static void
set_status (HarleyDiaryPage         *self,
            HarleyAppointmentStatus  status,
            const char              *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->selected == NULL)
    return;
  id = harley_appointment_get_id (self->selected);
  if (!harley_diary_set_status (self->store, id, status, reason, &error))
    _harley_diary_page_toast (self, error->message);
  else if (!harley_appointment_status_is_active (status))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", harley_appointment_status_label (status),
                                                  harley_appointment_get_info (self->selected)->patient_name);

      _harley_diary_page_toast (self, message);
    }
  harley_diary_page_reload (self);
  harley_diary_grid_select (self->grid, id);
}

static void
arrived_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (HARLEY_DIARY_PAGE (widget), HARLEY_APPOINTMENT_ARRIVED, NULL);
}

static void
seen_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_status (HARLEY_DIARY_PAGE (widget), HARLEY_APPOINTMENT_SEEN, NULL);
}

static void
did_not_attend_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  set_status (HARLEY_DIARY_PAGE (widget), HARLEY_APPOINTMENT_DID_NOT_ATTEND, NULL);
}

/* A wrong click put right: arrived or did not attend back to booked,
 * seen back to arrived. */
static HarleyAppointmentStatus
undone_status (HarleyAppointmentStatus status)
{
  return status == HARLEY_APPOINTMENT_SEEN ? HARLEY_APPOINTMENT_ARRIVED : HARLEY_APPOINTMENT_BOOKED;
}

static const char *
undo_label (HarleyAppointmentStatus status)
{
  switch (status)
    {
    case HARLEY_APPOINTMENT_ARRIVED:
      return _("_Undo Arrived");
    case HARLEY_APPOINTMENT_SEEN:
      return _("_Undo Seen");
    case HARLEY_APPOINTMENT_DID_NOT_ATTEND:
      return _("_Undo Did Not Attend: the Patient Came");
    case HARLEY_APPOINTMENT_BOOKED:
    case HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT:
    case HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE:
    case HARLEY_APPOINTMENT_N_STATUSES:
    default:
      return NULL;
    }
}

static void
undo_status_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);

  if (self->selected != NULL)
    set_status (self, undone_status (harley_appointment_get_info (self->selected)->status), NULL);
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HarleyDiaryPage  *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "harley-reason");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  g_signal_handlers_disconnect_by_func (dialog, on_cancel_response_cb, self);
  if (g_strcmp0 (response, "patient") == 0)
    set_status (self, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT, text);
  else if (g_strcmp0 (response, "practice") == 0)
    set_status (self, HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE, text);
}

static void
on_reason_changed_cb (GtkEditable      *reason,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "patient", *text != '\0');
  adw_message_dialog_set_response_enabled (dialog, "practice", *text != '\0');
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *when = NULL;
  GtkWidget *dialog, *reason;

  if (self->selected == NULL)
    return;
  when = harley_appointment_dup_when (self->selected);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Cancel Appointment?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s, %s. Say why: the reason stays on the patient's record."),
                                  harley_appointment_get_info (self->selected)->patient_name, when);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason, e.g. “unwell” or “clinic cancelled”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Appointment"),
                                    "practice", _("Cancelled by _Practice"),
                                    "patient", _("Cancelled by _Patient"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "patient", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "practice", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  on_reason_changed_cb (GTK_EDITABLE (reason), ADW_MESSAGE_DIALOG (dialog));
  g_object_set_data (G_OBJECT (dialog), "harley-reason", reason);
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

static void
open_patient_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (widget);

  if (self->selected != NULL)
    g_signal_emit_by_name (self, "open-patient", harley_appointment_get_info (self->selected)->patient_id);
}

void
_harley_diary_page_update_actions (HarleyDiaryPage *self)
{
  HarleyAppointmentStatus status = self->selected ? harley_appointment_get_info (self->selected)->status
                                                  : HARLEY_APPOINTMENT_N_STATUSES;
  gboolean any = self->selected != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.arrived",
                                 any && harley_appointment_status_can_become (status, HARLEY_APPOINTMENT_ARRIVED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.seen",
                                 any && harley_appointment_status_can_become (status, HARLEY_APPOINTMENT_SEEN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.did-not-attend",
                                 any && harley_appointment_status_can_become (status,
                                                                              HARLEY_APPOINTMENT_DID_NOT_ATTEND));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.cancel",
                                 any && harley_appointment_status_can_become (status,
                                                                              HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.open-patient", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.undo-status", any && undo_label (status) != NULL);
  if (self->undo_status_button != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->undo_status_button), any && undo_label (status) != NULL);
      if (any && undo_label (status) != NULL)
        gtk_button_set_label (self->undo_status_button, undo_label (status));
    }
}

void
_harley_diary_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "diary.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "diary.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "diary.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "diary.go-to", "s", go_to_action);
  gtk_widget_class_install_action (widget_class, "diary.pick-date", NULL, pick_date_action);
  gtk_widget_class_install_property_action (widget_class, "diary.view", "view");
  gtk_widget_class_install_action (widget_class, "diary.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "diary.book-at", "(xsi)", book_at_action);
  gtk_widget_class_install_action (widget_class, "diary.find-slot", NULL, find_slot_action);
  gtk_widget_class_install_action (widget_class, "diary.move", "(xxsii)", move_action);
  gtk_widget_class_install_action (widget_class, "diary.arrived", NULL, arrived_action);
  gtk_widget_class_install_action (widget_class, "diary.seen", NULL, seen_action);
  gtk_widget_class_install_action (widget_class, "diary.did-not-attend", NULL, did_not_attend_action);
  gtk_widget_class_install_action (widget_class, "diary.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "diary.undo-status", NULL, undo_status_action);
  gtk_widget_class_install_action (widget_class, "diary.open-patient", NULL, open_patient_action);
  gtk_widget_class_install_action (widget_class, "diary.print-clinic-list", NULL, print_clinic_list_action);
  gtk_widget_class_install_action (widget_class, "diary.edit-clinics", NULL, edit_clinics_action);
  gtk_widget_class_install_action (widget_class, "diary.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "diary.export-to", "(sssxb)", export_to_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "diary.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "diary.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "diary.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "diary.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "diary.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "diary.pick-date", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "diary.view", "s", "day");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "diary.view", "s", "week");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "diary.find-slot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "diary.print-clinic-list", NULL);
}
