/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary-page"

/* The Diary section: a day with the clinicians side by side, or a week;
 * the date to go to; and beside the grid, the chosen appointment with the
 * steps of its day (arrived, seen, did not attend, cancel).
 *
 * Every change is written at once and the days shown are read again: the
 * grid never holds anything the database does not. */

#include <glib/gi18n-lib.h>

#include "harley-diary-page-private.h"
#include "harley-privacy.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

G_DEFINE_FINAL_TYPE (HarleyDiaryPage, harley_diary_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

enum {
  OPEN_PATIENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_harley_diary_page_toast (HarleyDiaryPage *self,
                          const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* The days shown {{{1 */

static void
get_range (HarleyDiaryPage *self,
           GDate           *from,
           GDate           *to)
{
  *from = self->date;
  if (g_strcmp0 (self->view, "week") == 0)
    g_date_subtract_days (from, g_date_get_weekday (from) - G_DATE_MONDAY);
  *to = *from;
  if (g_strcmp0 (self->view, "week") == 0)
    g_date_add_days (to, 6);
}

static gboolean
day_has_anything (const GDate *day,
                  GPtrArray   *appointments,
                  GArray      *sessions)
{
  for (guint i = 0; i < sessions->len; i++)
    if (g_date_compare (&g_array_index (sessions, HarleySessionDay, i).date, day) == 0)
      return TRUE;
  for (guint i = 0; i < appointments->len; i++)
    if (g_date_compare (&harley_appointment_get_info (g_ptr_array_index (appointments, i))->date, day) == 0)
      return TRUE;
  return FALSE;
}

static char *
format_day (const GDate *date,
            const char  *format)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (noon, format);
}

/* The clinician chosen above the grid, or 0 for everyone. */
gint64
_harley_diary_page_get_clinician (HarleyDiaryPage *self)
{
  guint i = gtk_drop_down_get_selected (self->clinician_dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->clinicians->len)
    return 0;
  return ((HarleyClinician *) g_ptr_array_index (self->clinicians, i - 1))->id;
}

static void
fill_clinician_dropdown (HarleyDiaryPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 wanted = _harley_diary_page_get_clinician (self);
  guint selected = 0;

  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; i < self->clinicians->len; i++)
    {
      HarleyClinician *c = g_ptr_array_index (self->clinicians, i);

      gtk_string_list_append (names, c->name);
      if (c->id == wanted)
        selected = i + 1;
    }
  self->filling_dropdown = TRUE;
  gtk_drop_down_set_model (self->clinician_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->clinician_dropdown, selected);
  self->filling_dropdown = FALSE;
}

static void
on_clinician_dropdown_selected_cb (HarleyDiaryPage *self)
{
  if (!self->filling_dropdown)
    harley_diary_page_reload (self);
}

/* "Claire Donnelly, Nurse Specialist" → "Donnelly": for narrow columns. */
static char *
short_name (const char *clinician)
{
  g_autofree char *name = g_strdup (clinician);
  char *comma = strchr (name, ',');
  char *last;

  if (comma != NULL)
    *comma = '\0';
  g_strstrip (name);
  last = strrchr (name, ' ');
  return g_strdup (last != NULL ? last + 1 : name);
}

static void
add_header (HarleyDiaryPage         *self,
            const HarleyDiaryColumn *column,
            const char              *clinician,
            gboolean                 week)
{
  g_autofree char *day = format_day (&column->date, "%a %-d");
  g_autofree char *text = NULL;
  g_autofree char *surname = short_name (clinician);
  GtkWidget *label;

  if (week && _harley_diary_page_get_clinician (self) == 0 && self->clinicians->len > 1)
    text = g_strdup_printf ("%s\n%s", day, surname);
  else
    text = g_strdup (week ? day : clinician);
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (self->header_box, label);
}

static void
set_columns (HarleyDiaryPage *self,
             const GDate     *from,
             const GDate     *to,
             GPtrArray       *appointments,
             GArray          *sessions)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (HarleyDiaryColumn));
  gboolean week = g_date_compare (from, to) != 0;
  gint64 wanted = _harley_diary_page_get_clinician (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_box))) != NULL)
    gtk_box_remove (self->header_box, child);
  for (GDate day = *from; g_date_compare (&day, to) <= 0; g_date_add_days (&day, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&day);

      /* Weekends appear when something happens on them. */
      if (week && weekday >= G_DATE_SATURDAY && !day_has_anything (&day, appointments, sessions))
        continue;
      for (guint c = 0; c < self->clinicians->len; c++)
        {
          HarleyClinician *clinician = g_ptr_array_index (self->clinicians, c);
          HarleyDiaryColumn column = { .date = day, .clinician_id = clinician->id };

          if (wanted != 0 && clinician->id != wanted)
            continue;
          g_array_append_val (columns, column);
          add_header (self, &column, clinician->name, week);
        }
    }
  harley_diary_grid_set_columns (self->grid, (HarleyDiaryColumn *) columns->data, columns->len);
  harley_diary_grid_set_compact (self->grid, week && wanted == 0 && self->clinicians->len > 1);
}

static void
update_date_button (HarleyDiaryPage *self,
                    const GDate     *from,
                    const GDate     *to)
{
  g_autofree char *text = NULL;

  if (g_date_compare (from, to) == 0)
    text = format_day (from, "%A %-d %B %Y");
  else
    {
      g_autofree char *first = format_day (from, "%-d %B");
      g_autofree char *last = format_day (to, "%-d %B %Y");

      text = g_strdup_printf ("%s – %s", first, last);
    }
  gtk_menu_button_set_label (self->date_button, text);
}

/* Morning on screen the first time; after that the scroll stays. */
static void
scroll_to_morning (HarleyDiaryPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  if (self->scrolled_to_morning)
    return;
  self->scrolled_to_morning = TRUE;
  gtk_adjustment_set_value (adj, harley_diary_grid_minute_to_y (self->grid, 8 * 60 + 30));
}

static void show_selected (HarleyDiaryPage *self);

static gboolean
refresh_clinicians (HarleyDiaryPage  *self,
                    GError          **error)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (self->store, error);
  gboolean same;

  if (clinicians == NULL)
    return FALSE;
  same = clinicians->len == self->clinicians->len;
  for (guint i = 0; same && i < clinicians->len; i++)
    same = g_strcmp0 (((HarleyClinician *) g_ptr_array_index (clinicians, i))->name,
                      ((HarleyClinician *) g_ptr_array_index (self->clinicians, i))->name) == 0;
  if (same && gtk_drop_down_get_model (self->clinician_dropdown) != NULL)
    return TRUE;
  g_ptr_array_unref (self->clinicians);
  self->clinicians = g_steal_pointer (&clinicians);
  fill_clinician_dropdown (self);
  return TRUE;
}

/**
 * harley_diary_page_reload:
 *
 * Reads the days shown again: the clinicians, their sessions, blocked
 * time and appointments.
 */
void
harley_diary_page_reload (HarleyDiaryPage *self)
{
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GArray) sessions = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  g_autoptr(GError) error = NULL;
  GDate from, to;

  g_return_if_fail (HARLEY_IS_DIARY_PAGE (self));

  if (self->store == NULL)
    return;
  get_range (self, &from, &to);
  if (!refresh_clinicians (self, &error)
      || (appointments = harley_diary_list_range (self->store, &from, &to, &error)) == NULL
      || (sessions = harley_diary_list_sessions (self->store, &from, &to, &error)) == NULL
      || (blocked = harley_diary_list_blocked (self->store, &from, &to, &error)) == NULL)
    {
      _harley_diary_page_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->appointments, g_ptr_array_unref);
  self->appointments = g_ptr_array_ref (appointments);
  set_columns (self, &from, &to, appointments, sessions);
  harley_diary_grid_set_diary (self->grid, appointments, sessions, blocked);
  update_date_button (self, &from, &to);
  show_selected (self);
  _harley_diary_page_update_actions (self);
}

/**
 * harley_diary_page_go_to:
 * @date: the day to show; in the week view, its week
 */
void
harley_diary_page_go_to (HarleyDiaryPage *self,
                         const GDate     *date)
{
  g_return_if_fail (HARLEY_IS_DIARY_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->date = *date;
  harley_diary_page_reload (self);
}

/* The chosen appointment {{{1 */

static HarleyAppointment *
find_appointment (HarleyDiaryPage *self,
                  gint64           id)
{
  for (guint i = 0; self->appointments != NULL && i < self->appointments->len; i++)
    if (harley_appointment_get_id (g_ptr_array_index (self->appointments, i)) == id)
      return g_ptr_array_index (self->appointments, i);
  return NULL;
}

static char *
describe_patient (const HarleyAppointmentInfo *info)
{
  g_autofree char *dob = harley_format_date (info->date_of_birth);
  g_autofree char *nhs = harley_format_nhs_number (info->nhs_number);
  GDate today;
  int minutes;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  harley_wall_time_from_utc (now, &today, &minutes);
  if (nhs != NULL)
    return g_strdup_printf (_("Born %s (%d) · NHS %s"), dob, harley_age_on (info->date_of_birth, &today), nhs);
  return g_strdup_printf (_("Born %s (%d)"), dob, harley_age_on (info->date_of_birth, &today));
}

static void
show_history (HarleyDiaryPage *self,
              gint64           id)
{
  g_autoptr(GPtrArray) lines = harley_diary_list_history (self->store, id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *rest = strstr (line, " — ");
      g_autofree char *stamp = rest ? g_strndup (line, rest - line) : NULL;
      g_autoptr(GDateTime) at = stamp ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (at != NULL && rest != NULL)
        {
          g_autofree char *when = harley_format_date_time (at);

          g_string_append_printf (text, "%s%s", when, rest);
        }
      else
        g_string_append (text, line);
    }
  gtk_label_set_text (self->history_label, text->str);
}

/* Notes typed for the appointment that was shown are kept, whatever
 * comes next: Enter, another appointment, a status step or a reload. */
static void
keep_typed_notes (HarleyDiaryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->notes_typed || self->selected == NULL)
    return;
  self->notes_typed = FALSE;
  if (!harley_diary_set_notes (self->store, harley_appointment_get_id (self->selected),
                               gtk_editable_get_text (GTK_EDITABLE (self->notes_entry)), &error))
    _harley_diary_page_toast (self, error->message);
}

static void
on_notes_entry_changed_cb (HarleyDiaryPage *self)
{
  if (!self->filling_notes)
    self->notes_typed = TRUE;
}

static void
on_notes_focus_leave_cb (HarleyDiaryPage *self)
{
  keep_typed_notes (self);
}

static void
show_selected (HarleyDiaryPage *self)
{
  HarleyAppointment *a = find_appointment (self, harley_diary_grid_get_selected (self->grid));
  const HarleyAppointmentInfo *info;
  g_autofree char *details = NULL;
  g_autofree char *when = NULL;
  g_autofree char *about = NULL;
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;
  gboolean private;

  keep_typed_notes (self);
  g_set_object (&self->selected, a);
  _harley_diary_page_update_actions (self);
  if (a == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "none");
      return;
    }
  info = harley_appointment_get_info (a);
  details = describe_patient (info);
  when = harley_appointment_dup_when (a);
  about = g_strdup_printf ("%s · %s%s%s", info->type_name, info->clinician_name,
                           info->location_name ? " · " : "", info->location_name ? info->location_name : "");
  if (info->cancel_reason != NULL && !harley_appointment_status_is_active (info->status))
    status = g_strdup_printf ("%s: %s", harley_appointment_status_label (info->status), info->cancel_reason);
  else
    status = g_strdup_printf ("%s%s", harley_appointment_status_label (info->status),
                              info->overbooked ? _(" · overbooked") : "");
  name = harley_privacy_mask_name (info->patient_name);
  private = harley_privacy_get_active ();
  gtk_label_set_text (self->patient_label, name);
  gtk_label_set_text (self->patient_details_label, private ? _("Details hidden") : details);
  gtk_label_set_text (self->alerts_label, info->alerts ? info->alerts : "");
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_label), info->alerts != NULL && !private);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_entry), !private);
  gtk_label_set_text (self->when_label, when);
  gtk_label_set_text (self->about_label, about);
  gtk_label_set_text (self->status_label, status);
  self->filling_notes = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->notes_entry), info->notes ? info->notes : "");
  self->filling_notes = FALSE;
  show_history (self, info->id);
  gtk_stack_set_visible_child_name (self->details_stack, "appointment");
}

static void
on_notes_entry_activate_cb (HarleyDiaryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;
  self->notes_typed = FALSE;
  if (!harley_diary_set_notes (self->store, harley_appointment_get_id (self->selected),
                               gtk_editable_get_text (GTK_EDITABLE (self->notes_entry)), &error))
    {
      _harley_diary_page_toast (self, error->message);
      return;
    }
  _harley_diary_page_toast (self, _("Notes saved"));
  harley_diary_page_reload (self);
}

/* Grid signals {{{1 */

static void
on_grid_slot_activated_cb (HarleyDiaryGrid *grid,
                           gint64           clinician_id,
                           GDate           *date,
                           int              minute,
                           HarleyDiaryPage *self)
{
  _harley_diary_page_open_booking (self, clinician_id, date, minute, 0, 0);
}

static void
on_grid_appointment_selected_cb (HarleyDiaryGrid *grid,
                                 gint64           id,
                                 HarleyDiaryPage *self)
{
  show_selected (self);
}

static void
on_grid_appointment_activated_cb (HarleyDiaryGrid *grid,
                                  gint64           id,
                                  HarleyDiaryPage *self)
{
  show_selected (self);
  if (self->selected != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->notes_entry));
}

static void
on_grid_move_requested_cb (HarleyDiaryGrid *grid,
                           gint64           id,
                           gint64           clinician_id,
                           GDate           *date,
                           int              start,
                           int              end,
                           HarleyDiaryPage *self)
{
  _harley_diary_page_move (self, id, clinician_id, date, start, end);
}

static void
on_calendar_day_selected_cb (HarleyDiaryPage *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  gtk_popover_popdown (self->calendar_popover);
  harley_diary_page_go_to (self, &date);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

/* Object {{{1 */

void
harley_diary_page_set_store (HarleyDiaryPage *self,
                             HarleyStore     *store)
{
  g_return_if_fail (HARLEY_IS_DIARY_PAGE (self));

  g_set_object (&self->store, store);
  harley_diary_page_reload (self);
}

HarleyDiaryGrid *
harley_diary_page_get_grid (HarleyDiaryPage *self)
{
  return self->grid;
}

static void
harley_diary_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (harley_diary_page_parent_class)->map (widget);
  scroll_to_morning (HARLEY_DIARY_PAGE (widget));
}

static void
harley_diary_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_diary_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (object);
  const char *view = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_VIEW:
      if (g_strcmp0 (view, "week") != 0)
        view = "day";
      if (g_strcmp0 (view, self->view) == 0)
        return;
      g_free (self->view);
      self->view = g_strdup (view);
      harley_diary_page_reload (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_diary_page_dispose (GObject *object)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (object);
  GtkWidget *child;

  /* Without a store nothing reloads while the children go. */
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_DIARY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->appointments, g_ptr_array_unref);
  g_clear_pointer (&self->clinicians, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_diary_page_parent_class)->dispose (object);
}

static void
harley_diary_page_finalize (GObject *object)
{
  HarleyDiaryPage *self = HARLEY_DIARY_PAGE (object);

  g_free (self->view);

  G_OBJECT_CLASS (harley_diary_page_parent_class)->finalize (object);
}

static void
harley_diary_page_class_init (HarleyDiaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_diary_page_dispose;
  object_class->finalize = harley_diary_page_finalize;
  object_class->get_property = harley_diary_page_get_property;
  object_class->set_property = harley_diary_page_set_property;
  widget_class->map = harley_diary_page_map;

  properties[PROP_VIEW] = g_param_spec_string ("view", NULL, NULL, "day",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to see a patient's record. */
  signals[OPEN_PATIENT] = g_signal_new ("open-patient", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (HARLEY_TYPE_DIARY_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/diary/harley-diary-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, clinician_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, grid);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, patient_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, patient_details_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, alerts_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, when_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, about_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, history_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, HarleyDiaryPage, undo_status_button);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_slot_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_appointment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_appointment_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_move_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clinician_dropdown_selected_cb);

  _harley_diary_page_class_actions_init (widget_class);
}

static void
harley_diary_page_init (HarleyDiaryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkEventController *focus;
  int minute;

  self->view = g_strdup ("day");
  harley_wall_time_from_utc (now, &self->date, &minute);
  self->clinicians = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_clinician_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_notes_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_entry), focus);
  g_signal_connect_swapped (self->notes_entry, "changed", G_CALLBACK (on_notes_entry_changed_cb), self);
}
