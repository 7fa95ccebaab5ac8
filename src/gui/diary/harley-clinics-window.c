/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-clinics-window"

/* Clinics and time off: the practice's clinic sessions (add one, or
 * change one from a date on, keeping the past and every booking) and
 * the blocked time (holidays, theatre, admin). */

#include <glib/gi18n-lib.h>

#include "harley-clinics-window.h"
#include "harley-contact.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

enum { REPEAT_WEEKLY, REPEAT_FORTNIGHTLY, REPEAT_MONTHLY_NTH, REPEAT_MONTHLY_LAST, REPEAT_ONCE };

static const char * const reasons[] = { "holiday", "theatre", "admin", "other" };

struct _HarleyClinicsWindow
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *clinics_list;
  GtkListBox      *blocked_list;
  AdwWindowTitle  *clinic_title;
  AdwEntryRow     *change_from_row;
  AdwComboRow     *clinician_row;
  AdwComboRow     *place_row;
  AdwComboRow     *repeat_row;
  AdwEntryRow     *first_row;
  AdwEntryRow     *last_row;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  GtkSpinButton   *slot_spin;
  GtkLabel        *clinic_problem;
  AdwComboRow     *who_row;
  AdwComboRow     *reason_row;
  AdwEntryRow     *note_row;
  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  GtkLabel        *blocked_problem;

  /* Owned references */
  HarleyStore     *store;
  GPtrArray       *clinicians;   /* HarleyClinician */
  GListModel      *places;       /* HarleyContact: hospitals and rooms */
  GPtrArray       *sessions;     /* HarleySession */

  gint64           changing_id;  /* the session being changed, or 0 for a new one */
  /* The pattern as the change form showed it: if these are left as they
   * were, the pattern goes on as it is (weekday, fortnight, skipped days) */
  char            *shown_first;
  char            *shown_last;
  guint            shown_repeat;
};

G_DEFINE_FINAL_TYPE (HarleyClinicsWindow, harley_clinics_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
clinician_name (HarleyClinicsWindow *self,
                gint64               id)
{
  for (guint i = 0; i < self->clinicians->len; i++)
    if (((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->id == id)
      return ((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->name;
  return _("Everyone");
}

static const char *
place_name (HarleyClinicsWindow *self,
            gint64               id)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->places); i++)
    {
      g_autoptr(HarleyContact) place = g_list_model_get_item (self->places, i);

      if (harley_contact_get_id (place) == id)
        return harley_contact_get_name (place);
    }
  return NULL;
}

/* The lists {{{1 */

static GtkWidget *
session_row (HarleyClinicsWindow *self,
             const HarleySession *s)
{
  g_autofree char *when = harley_recurrence_describe (s->recurrence);
  g_autofree char *start = harley_format_minutes (s->start);
  g_autofree char *end = harley_format_minutes (s->end);
  const char *place = place_name (self, s->location_id);
  g_autofree char *title = g_strdup_printf ("%s%s%s", clinician_name (self, s->clinician_id),
                                            place ? " · " : "", place ? place : "");
  g_autofree char *subtitle = g_strdup_printf (_("%s, %s–%s, %d-minute slots"), when, start, end, s->slot_minutes);
  g_autofree char *target = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *change = gtk_button_new_with_mnemonic (_("_Change…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "clinics.change-clinic");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "x", s->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), change);
  return row;
}

static GtkWidget *
blocked_row (HarleyClinicsWindow     *self,
             const HarleyBlockedTime *b)
{
  GListModel *labels = adw_combo_row_get_model (self->reason_row);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *reason = b->reason;
  GtkWidget *row = adw_action_row_new ();
  GDate day;
  int minute;

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (b->reason, reasons[i]) == 0)
      reason = gtk_string_list_get_string (GTK_STRING_LIST (labels), i);
  if (reason == b->reason)
    reason = harley_diary_blocked_reason_label (b->reason);
  from = harley_wall_time_parse (b->starts, &day, &minute, NULL) ? harley_wall_time_format (&day, minute) : NULL;
  to = harley_wall_time_parse (b->ends, &day, &minute, NULL) ? harley_wall_time_format (&day, minute) : NULL;
  title = b->note ? g_strdup_printf ("%s: %s", reason, b->note) : g_strdup (reason);
  subtitle = g_strdup_printf (_("%s, %s to %s"), clinician_name (self, b->clinician_id), from, to);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

/* Sessions still running, and blocked time from today, for two years. */
static void
fill_lists (HarleyClinicsWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) blocked = NULL;
  GDate today, until;
  int minute;
  guint shown = 0;

  harley_wall_time_from_utc (now, &today, &minute);
  until = today;
  g_date_add_years (&until, 2);
  clear_list (self->clinics_list);
  clear_list (self->blocked_list);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = harley_diary_list_session_rules (self->store, 0, NULL);
  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      const HarleySession *s = g_ptr_array_index (self->sessions, i);

      if (g_date_valid (&s->recurrence->end) && g_date_compare (&s->recurrence->end, &today) < 0)
        continue;
      gtk_list_box_append (self->clinics_list, session_row (self, s));
      shown++;
    }
  if (shown == 0)
    add_placeholder (self->clinics_list, _("No clinics yet: add the consultant's first clinic."));
  blocked = harley_diary_list_blocked (self->store, &today, &until, NULL);
  for (guint i = 0; blocked != NULL && i < blocked->len; i++)
    gtk_list_box_append (self->blocked_list, blocked_row (self, g_ptr_array_index (blocked, i)));
  if (blocked == NULL || blocked->len == 0)
    add_placeholder (self->blocked_list, _("No time off or blocked time ahead."));
}

/* The clinic form {{{1 */

static void
fill_combos (HarleyClinicsWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) who = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) places = gtk_string_list_new (NULL);

  gtk_string_list_append (who, _("Everyone"));
  for (guint i = 0; i < self->clinicians->len; i++)
    {
      gtk_string_list_append (names, ((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->name);
      gtk_string_list_append (who, ((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->name);
    }
  gtk_string_list_append (places, _("Not said"));
  for (guint i = 0; i < g_list_model_get_n_items (self->places); i++)
    {
      g_autoptr(HarleyContact) place = g_list_model_get_item (self->places, i);

      gtk_string_list_append (places, harley_contact_get_name (place));
    }
  adw_combo_row_set_model (self->clinician_row, G_LIST_MODEL (names));
  adw_combo_row_set_model (self->who_row, G_LIST_MODEL (who));
  adw_combo_row_set_model (self->place_row, G_LIST_MODEL (places));
}

static void
show_problem (GtkLabel   *label,
              const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static char *
format_day (const GDate *date)
{
  return g_date_valid (date) ? harley_format_gdate (date) : g_strdup ("");
}

static guint
repeat_of (const HarleyRecurrence *r)
{
  if (r->kind == HARLEY_RECURRENCE_ONCE)
    return REPEAT_ONCE;
  if (r->kind == HARLEY_RECURRENCE_WEEKLY)
    return r->interval == 2 ? REPEAT_FORTNIGHTLY : REPEAT_WEEKLY;
  return r->week == HARLEY_RECURRENCE_LAST_WEEK ? REPEAT_MONTHLY_LAST : REPEAT_MONTHLY_NTH;
}

/* The clinic's next date from today, the natural first date of a change. */
static GDate
next_date_of (const HarleySession *s,
              const GDate         *today)
{
  GDate until = *today;
  g_autoptr(GArray) dates = NULL;

  g_date_add_years (&until, 2);
  dates = harley_recurrence_expand (s->recurrence, today, &until);
  return dates->len > 0 ? g_array_index (dates, GDate, 0) : *today;
}

static void
fill_change_form (HarleyClinicsWindow *self,
                  const HarleySession *s,
                  const GDate         *today)
{
  g_autofree char *start = harley_format_minutes (s->start);
  g_autofree char *end = harley_format_minutes (s->end);
  GDate next = next_date_of (s, today);

  for (guint i = 0; i < self->clinicians->len; i++)
    if (((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->id == s->clinician_id)
      adw_combo_row_set_selected (self->clinician_row, i);
  for (guint i = 0; i < g_list_model_get_n_items (self->places); i++)
    {
      g_autoptr(HarleyContact) place = g_list_model_get_item (self->places, i);

      if (harley_contact_get_id (place) == s->location_id)
        adw_combo_row_set_selected (self->place_row, i + 1);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  gtk_spin_button_set_value (self->slot_spin, s->slot_minutes);
  g_free (self->shown_first);
  g_free (self->shown_last);
  self->shown_first = format_day (&next);
  self->shown_last = format_day (&s->recurrence->end);
  self->shown_repeat = repeat_of (s->recurrence);
  gtk_editable_set_text (GTK_EDITABLE (self->change_from_row), self->shown_first);
  gtk_editable_set_text (GTK_EDITABLE (self->first_row), self->shown_first);
  gtk_editable_set_text (GTK_EDITABLE (self->last_row), self->shown_last);
  adw_combo_row_set_selected (self->repeat_row, self->shown_repeat);
}

static void
open_clinic_form (HarleyClinicsWindow *self,
                  const HarleySession *s)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_text = g_date_time_format (now, "%d/%m/%Y");
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  self->changing_id = s ? s->id : 0;
  adw_window_title_set_title (self->clinic_title, s ? _("Change Clinic") : _("Add Clinic"));
  gtk_widget_set_visible (GTK_WIDGET (self->change_from_row), s != NULL);
  /* A change stays with the clinician; another clinician's is a new clinic. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinician_row), s == NULL);
  adw_combo_row_set_selected (self->clinician_row, 0);
  adw_combo_row_set_selected (self->place_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->first_row), today_text);
  gtk_editable_set_text (GTK_EDITABLE (self->last_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), "09:00");
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), "13:00");
  gtk_spin_button_set_value (self->slot_spin, 15);
  adw_combo_row_set_selected (self->repeat_row, REPEAT_WEEKLY);
  if (s != NULL)
    fill_change_form (self, s, &today);
  show_problem (self->clinic_problem, NULL);
  gtk_stack_set_visible_child_name (self->stack, "clinic");
}

static HarleyRecurrence *
read_recurrence (HarleyClinicsWindow  *self,
                 GError              **error)
{
  g_autoptr(HarleyRecurrence) r = NULL;
  const char *last_text = gtk_editable_get_text (GTK_EDITABLE (self->last_row));
  GDate first, last;
  int week;

  if (!harley_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->first_row)), &first, error))
    return NULL;
  /* The nth weekday of the month that the first clinic falls on */
  week = (g_date_get_day (&first) - 1) / 7 + 1;
  switch (adw_combo_row_get_selected (self->repeat_row))
    {
    case REPEAT_FORTNIGHTLY:
      r = harley_recurrence_new_weekly (&first, 2);
      break;
    case REPEAT_MONTHLY_NTH:
      if (week > 4)
        {
          g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                       _("Not every month has a fifth such weekday: choose “on the last such weekday”, "
                         "or a first clinic earlier in the month."));
          return NULL;
        }
      r = harley_recurrence_new_monthly (&first, week, g_date_get_weekday (&first));
      break;
    case REPEAT_MONTHLY_LAST:
      r = harley_recurrence_new_monthly (&first, HARLEY_RECURRENCE_LAST_WEEK, g_date_get_weekday (&first));
      break;
    case REPEAT_ONCE:
      r = harley_recurrence_new_once (&first);
      break;
    case REPEAT_WEEKLY:
    default:
      r = harley_recurrence_new_weekly (&first, 1);
      break;
    }
  if (*last_text != '\0')
    {
      if (!harley_parse_date (last_text, &last, error))
        return NULL;
      harley_recurrence_set_end (r, &last);
    }
  return g_steal_pointer (&r);
}

static gboolean
pattern_unchanged (HarleyClinicsWindow *self)
{
  return self->changing_id != 0
         && adw_combo_row_get_selected (self->repeat_row) == self->shown_repeat
         && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->first_row)), self->shown_first) == 0
         && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->last_row)), self->shown_last) == 0;
}

static gboolean
read_clinic (HarleyClinicsWindow  *self,
             HarleySession        *s,
             GError              **error)
{
  guint clinician = adw_combo_row_get_selected (self->clinician_row);
  guint place = adw_combo_row_get_selected (self->place_row);

  if (clinician >= self->clinicians->len)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID, _("Choose the clinician."));
      return FALSE;
    }
  if (!harley_wall_time_parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &s->start)
      || !harley_wall_time_parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &s->end))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Type the times as hh:mm, such as 09:00 and 13:00."));
      return FALSE;
    }
  s->clinician_id = ((HarleyClinician *) g_ptr_array_index (self->clinicians, clinician))->id;
  if (place > 0 && place <= g_list_model_get_n_items (self->places))
    {
      g_autoptr(HarleyContact) contact = g_list_model_get_item (self->places, place - 1);

      s->location_id = harley_contact_get_id (contact);
    }
  gtk_spin_button_update (self->slot_spin);
  s->slot_minutes = gtk_spin_button_get_value_as_int (self->slot_spin);
  if (pattern_unchanged (self))
    return TRUE;   /* the pattern goes on as it is */
  return (s->recurrence = read_recurrence (self, error)) != NULL;
}

static void
tell_misfits (HarleyClinicsWindow *self,
              GPtrArray           *misfits)
{
  g_autoptr(GString) body = g_string_new (_("These appointments no longer fall within a clinic. They are kept "
                                            "as they are: move them in the diary, or leave them.\n"));
  GtkWidget *dialog;

  for (guint i = 0; i < misfits->len; i++)
    {
      HarleyAppointment *a = g_ptr_array_index (misfits, i);
      g_autofree char *when = harley_appointment_dup_when (a);

      g_string_append_printf (body, "\n%s — %s", when, harley_appointment_get_info (a)->patient_name);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Appointments Outside the Changed Clinic"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_clinic_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyClinicsWindow *self = HARLEY_CLINICS_WINDOW (widget);
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(GError) error = NULL;
  HarleySession s = { 0 };
  GDate from;
  gboolean saved;

  if (!read_clinic (self, &s, &error)
      || (self->changing_id != 0
          && !harley_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->change_from_row)), &from, &error)))
    {
      show_problem (self->clinic_problem, error->message);
      g_clear_pointer (&s.recurrence, harley_recurrence_free);
      return;
    }
  if (self->changing_id == 0)
    saved = harley_diary_add_session (self->store, &s, &error) != 0;
  else
    saved = harley_diary_change_session_from (self->store, self->changing_id, &from, &s, &misfits, &error);
  g_clear_pointer (&s.recurrence, harley_recurrence_free);
  if (!saved)
    {
      show_problem (self->clinic_problem, error->message);
      return;
    }
  fill_lists (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  g_signal_emit (self, signals[CHANGED], 0);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Clinic saved")));
  if (misfits != NULL && misfits->len > 0)
    tell_misfits (self, misfits);
}

static void
add_clinic_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_clinic_form (HARLEY_CLINICS_WINDOW (widget), NULL);
}

static void
change_clinic_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleyClinicsWindow *self = HARLEY_CLINICS_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    if (((HarleySession *) g_ptr_array_index (self->sessions, i))->id == id)
      open_clinic_form (self, g_ptr_array_index (self->sessions, i));
}

/* Blocked time {{{1 */

static void
add_blocked_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyClinicsWindow *self = HARLEY_CLINICS_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = g_date_time_format (now, "%d/%m/%Y 09:00");
  g_autofree char *to = g_date_time_format (now, "%d/%m/%Y 17:00");

  adw_combo_row_set_selected (self->who_row, 0);
  adw_combo_row_set_selected (self->reason_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  show_problem (self->blocked_problem, NULL);
  gtk_stack_set_visible_child_name (self->stack, "blocked");
}

/* "dd/mm/yyyy hh:mm" as typed, to the stored "YYYY-MM-DD HH:MM" */
static char *
read_moment (AdwEntryRow  *row,
             GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_auto(GStrv) parts = g_strsplit (text, " ", 2);
  GDate day;
  int minute;

  if (parts[0] == NULL || !harley_parse_date (parts[0], &day, error))
    return NULL;
  if (parts[1] == NULL || !harley_wall_time_parse_clock (parts[1], &minute))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Give the day and the time, such as 02/02/2030 09:00."));
      return NULL;
    }
  return harley_wall_time_to_iso (&day, minute);
}

static void
save_blocked_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleyClinicsWindow *self = HARLEY_CLINICS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint who = adw_combo_row_get_selected (self->who_row);
  guint reason = adw_combo_row_get_selected (self->reason_row);
  gint64 clinician = who > 0 && who <= self->clinicians->len
                     ? ((HarleyClinician *) g_ptr_array_index (self->clinicians, who - 1))->id : 0;

  if ((from = read_moment (self->from_row, &error)) == NULL || (to = read_moment (self->to_row, &error)) == NULL
      || harley_diary_add_blocked (self->store, clinician, reasons[MIN (reason, G_N_ELEMENTS (reasons) - 1)],
                                   gtk_editable_get_text (GTK_EDITABLE (self->note_row)), from, to, &error) == 0)
    {
      show_problem (self->blocked_problem, error->message);
      return;
    }
  fill_lists (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  g_signal_emit (self, signals[CHANGED], 0);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Time blocked")));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyClinicsWindow *self = HARLEY_CLINICS_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Object {{{1 */

static GListModel *
load_places (HarleyStore *store)
{
  GListStore *all = g_list_store_new (HARLEY_TYPE_CONTACT);
  const HarleyContactKind kinds[] = { HARLEY_CONTACT_HOSPITAL, HARLEY_CONTACT_OTHER };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GListModel) some = harley_contact_list (store, kinds[k], NULL);

      for (guint i = 0; some != NULL && i < g_list_model_get_n_items (some); i++)
        {
          g_autoptr(GObject) contact = g_list_model_get_item (some, i);

          g_list_store_append (all, contact);
        }
    }
  return G_LIST_MODEL (all);
}

/**
 * harley_clinics_window_new:
 *
 * Returns: (transfer none): the window, to present; it emits "changed"
 *   after each save
 */
HarleyClinicsWindow *
harley_clinics_window_new (GtkWindow   *parent,
                           HarleyStore *store)
{
  HarleyClinicsWindow *self = g_object_new (HARLEY_TYPE_CLINICS_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->clinicians = harley_diary_list_clinicians (store, NULL);
  if (self->clinicians == NULL)
    self->clinicians = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_clinician_free);
  self->places = load_places (store);
  fill_combos (self);
  fill_lists (self);
  return self;
}

static void
harley_clinics_window_dispose (GObject *object)
{
  HarleyClinicsWindow *self = HARLEY_CLINICS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_CLINICS_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->places);
  g_clear_pointer (&self->clinicians, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->shown_first, g_free);
  g_clear_pointer (&self->shown_last, g_free);

  G_OBJECT_CLASS (harley_clinics_window_parent_class)->dispose (object);
}

static void
harley_clinics_window_class_init (HarleyClinicsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_clinics_window_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/diary/harley-clinics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, clinics_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, blocked_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, clinic_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, change_from_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, clinician_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, place_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, first_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, last_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, start_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, end_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, slot_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, clinic_problem);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, who_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, note_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, from_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, to_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicsWindow, blocked_problem);

  gtk_widget_class_install_action (widget_class, "clinics.add-clinic", NULL, add_clinic_action);
  gtk_widget_class_install_action (widget_class, "clinics.change-clinic", "x", change_clinic_action);
  gtk_widget_class_install_action (widget_class, "clinics.save-clinic", NULL, save_clinic_action);
  gtk_widget_class_install_action (widget_class, "clinics.add-blocked", NULL, add_blocked_action);
  gtk_widget_class_install_action (widget_class, "clinics.save-blocked", NULL, save_blocked_action);
  gtk_widget_class_install_action (widget_class, "clinics.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "clinics.back", NULL);
}

static void
harley_clinics_window_init (HarleyClinicsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
