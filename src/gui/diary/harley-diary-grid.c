/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary-grid"

/* The diary's time grid: columns of clinicians' days, time running down.
 *
 * Clinic sessions are drawn as white bookable background with their
 * slots, the rest of the day shaded; blocked time hatched; appointments
 * as blocks in their type's colour, side by side where they overlap
 * (overbooked). The keyboard cursor is a slot: arrows move it, Enter
 * books there or opens the appointment under it. The pointer selects,
 * double-clicks to book, drags a block to move it (to another column
 * too) or its lower edge to change its length. The grid only reports
 * what the user asked for; the diary page decides.
 */

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "harley-diary-grid-private.h"
#include "harley-privacy.h"
#include "harley-wall-time.h"

G_DEFINE_FINAL_TYPE (HarleyDiaryGrid, harley_diary_grid, GTK_TYPE_WIDGET)

enum {
  SLOT_ACTIVATED,
  APPOINTMENT_SELECTED,
  APPOINTMENT_ACTIVATED,
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
block_free (HarleyDiaryBlock *block)
{
  g_clear_pointer (&block->label, gtk_widget_unparent);
  g_clear_object (&block->appointment);
  g_free (block);
}

/* Geometry {{{1 */

double
_harley_diary_grid_column_width (HarleyDiaryGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return self->columns->len ? MAX (1.0, (width - GUTTER) / (double) self->columns->len) : 1.0;
}

int
harley_diary_grid_minute_to_y (HarleyDiaryGrid *self,
                               int              minute)
{
  return (int) ((minute - self->first_minute) * PX_PER_MINUTE);
}

static int
y_to_minute (HarleyDiaryGrid *self,
             double           y)
{
  int minute = self->first_minute + (int) (y / PX_PER_MINUTE);

  return CLAMP (minute, self->first_minute, self->last_minute - 1);
}

static guint
x_to_column (HarleyDiaryGrid *self,
             double           x)
{
  int column = (int) ((x - GUTTER) / _harley_diary_grid_column_width (self));

  return (guint) CLAMP (column, 0, (int) self->columns->len - 1);
}

const HarleyDiaryColumn *
_harley_diary_grid_get_column (HarleyDiaryGrid *self,
            guint            i)
{
  return &g_array_index (self->columns, HarleyDiaryColumn, i);
}

gboolean
_harley_diary_grid_column_matches (const HarleyDiaryColumn *column,
                gint64                   clinician_id,
                const GDate             *date)
{
  return column->clinician_id == clinician_id && g_date_compare (&column->date, date) == 0;
}

static int
find_column (HarleyDiaryGrid *self,
             gint64           clinician_id,
             const GDate     *date)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (_harley_diary_grid_column_matches (_harley_diary_grid_get_column (self, i), clinician_id, date))
      return (int) i;
  return -1;
}

void
_harley_diary_grid_block_rect (HarleyDiaryGrid *self,
            HarleyDiaryBlock           *block,
            graphene_rect_t *rect)
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (block->appointment);
  double width = _harley_diary_grid_column_width (self);
  guint column = block->column;
  int start = info->start;
  int end = info->end;
  double lane_width;

  if (block == self->drag_block && (self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_RESIZE))
    {
      column = self->ghost_column;
      start = self->ghost_start;
      end = self->ghost_end;
    }
  lane_width = (width - 6) / MAX (block->n_lanes, 1);
  graphene_rect_init (rect, GUTTER + column * width + 2 + block->lane * lane_width,
                      harley_diary_grid_minute_to_y (self, start) + 1, lane_width - 2,
                      MAX (4, harley_diary_grid_minute_to_y (self, end) - harley_diary_grid_minute_to_y (self, start) - 2));
}

static HarleyDiaryBlock *
block_at (HarleyDiaryGrid *self,
          double           x,
          double           y)
{
  for (guint i = self->blocks->len; i > 0; i--)
    {
      HarleyDiaryBlock *block = g_ptr_array_index (self->blocks, i - 1);
      graphene_rect_t rect;

      _harley_diary_grid_block_rect (self, block, &rect);
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
        return block;
    }
  return NULL;
}

static HarleyDiaryBlock *
find_block (HarleyDiaryGrid *self,
            gint64           id)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      HarleyDiaryBlock *block = g_ptr_array_index (self->blocks, i);

      if (harley_appointment_get_id (block->appointment) == id)
        return block;
    }
  return NULL;
}

/* Overbooked appointments share their column side by side: each run of
 * overlapping blocks is split into lanes. */
static void
assign_lanes (HarleyDiaryGrid *self)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      g_autoptr(GPtrArray) run = g_ptr_array_new ();
      g_autoptr(GArray) lane_end = g_array_new (FALSE, TRUE, sizeof (int));
      int run_end = -1;

      for (guint i = 0; i <= self->blocks->len; i++)
        {
          HarleyDiaryBlock *block = i < self->blocks->len ? g_ptr_array_index (self->blocks, i) : NULL;
          const HarleyAppointmentInfo *info = block ? harley_appointment_get_info (block->appointment) : NULL;

          if (block != NULL && block->column != c)
            continue;
          if (block == NULL || info->start >= run_end)
            {
              guint n = 0;

              for (guint j = 0; j < run->len; j++)
                n = MAX (n, ((HarleyDiaryBlock *) g_ptr_array_index (run, j))->lane + 1);
              for (guint j = 0; j < run->len; j++)
                ((HarleyDiaryBlock *) g_ptr_array_index (run, j))->n_lanes = n;
              g_ptr_array_set_size (run, 0);
              g_array_set_size (lane_end, 0);
              run_end = -1;
            }
          if (block == NULL)
            break;
          block->lane = 0;
          while (block->lane < lane_end->len && g_array_index (lane_end, int, block->lane) > info->start)
            block->lane++;
          if (block->lane == lane_end->len)
            g_array_set_size (lane_end, lane_end->len + 1);
          g_array_index (lane_end, int, block->lane) = info->end;
          run_end = MAX (run_end, info->end);
          g_ptr_array_add (run, block);
        }
    }
}

/* Data {{{1 */

void
harley_diary_grid_set_columns (HarleyDiaryGrid         *self,
                               const HarleyDiaryColumn *columns,
                               guint                    n_columns)
{
  g_return_if_fail (HARLEY_IS_DIARY_GRID (self));

  g_array_set_size (self->columns, 0);
  g_array_append_vals (self->columns, columns, n_columns);
  self->cursor_column = MIN (self->cursor_column, n_columns ? n_columns - 1 : 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
harley_diary_grid_get_n_columns (HarleyDiaryGrid *self)
{
  return self->columns->len;
}

/* Takes effect at the next harley_diary_grid_set_diary (). */
void
harley_diary_grid_set_compact (HarleyDiaryGrid *self,
                               gboolean         compact)
{
  self->compact = compact;
}

static char *
block_markup (const HarleyAppointmentInfo *info,
              gboolean                     one_line)
{
  g_autofree char *start = harley_format_minutes (info->start);
  g_autofree char *name = harley_privacy_mask_name (info->patient_name);
  const char *status = "";

  if (info->status == HARLEY_APPOINTMENT_ARRIVED)
    status = _(" · arrived");
  else if (info->status == HARLEY_APPOINTMENT_SEEN)
    status = _(" · seen");
  else if (info->status == HARLEY_APPOINTMENT_DID_NOT_ATTEND)
    status = _(" · did not attend");
  return g_markup_printf_escaped ("<b>%s %s</b>%s%s%s%s%s", start, name,
                                  info->alerts != NULL ? " ⚠" : "", status, one_line ? " · " : "\n",
                                  info->type_name, info->overbooked ? _(" · overbooked") : "");
}

/* Narrow week columns show surnames; short blocks, one line. */
static char *
block_markup_for (HarleyDiaryGrid             *self,
                  const HarleyAppointmentInfo *info)
{
  const char *surname = strrchr (info->patient_name, ' ');
  g_autofree char *initials = harley_privacy_mask_name (info->patient_name);

  if (self->compact && harley_privacy_get_active ())
    return g_markup_printf_escaped ("<b>%s</b>", initials);
  if (self->compact)
    return g_markup_printf_escaped ("<b>%s</b>", surname ? surname + 1 : info->patient_name);
  return block_markup (info, (info->end - info->start) * PX_PER_MINUTE < TWO_LINES);
}

static void
add_block (HarleyDiaryGrid   *self,
           HarleyAppointment *appointment,
           guint              column)
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (appointment);
  g_autofree char *markup = NULL;
  HarleyDiaryBlock *block = g_new0 (HarleyDiaryBlock, 1);

  markup = block_markup_for (self, info);
  block->appointment = g_object_ref (appointment);
  block->column = column;
  block->label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (block->label), markup);
  gtk_label_set_xalign (GTK_LABEL (block->label), 0);
  gtk_label_set_yalign (GTK_LABEL (block->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (block->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_can_target (block->label, FALSE);
  gtk_widget_add_css_class (block->label, "harley-appointment");
  if (info->status == HARLEY_APPOINTMENT_DID_NOT_ATTEND || info->status == HARLEY_APPOINTMENT_SEEN)
    gtk_widget_add_css_class (block->label, "dim-label");
  gtk_widget_set_parent (block->label, GTK_WIDGET (self));
  g_ptr_array_add (self->blocks, block);
}

/* The day's hours: 08:00 to 19:00, or wider to show every session and
 * appointment. */
static void
fit_hours (HarleyDiaryGrid *self,
           GPtrArray       *appointments)
{
  int first = DEFAULT_FIRST, last = DEFAULT_LAST;

  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      const HarleySessionDay *d = &g_array_index (self->sessions, HarleySessionDay, i);

      first = MIN (first, d->start);
      last = MAX (last, d->end);
    }
  for (guint i = 0; i < appointments->len; i++)
    {
      const HarleyAppointmentInfo *info = harley_appointment_get_info (g_ptr_array_index (appointments, i));

      first = MIN (first, info->start);
      last = MAX (last, info->end);
    }
  self->first_minute = (first / 60) * 60;
  self->last_minute = MIN (24 * 60, ((last + 59) / 60) * 60);
}

/**
 * harley_diary_grid_set_diary:
 * @appointments: (element-type HarleyAppointment): the days' appointments
 * @sessions: (element-type HarleySessionDay): the days' clinic sessions
 * @blocked: (element-type HarleyBlockedTime): blocked time over the days
 *
 * Shows what the diary holds for the grid's columns. Cancelled
 * appointments are left out: they hold no time, and stay on the
 * patient's record.
 */
void
harley_diary_grid_set_diary (HarleyDiaryGrid *self,
                             GPtrArray       *appointments,
                             GArray          *sessions,
                             GPtrArray       *blocked)
{
  g_return_if_fail (HARLEY_IS_DIARY_GRID (self));

  self->drag_mode = DRAG_NONE;
  self->drag_block = NULL;
  g_ptr_array_set_size (self->blocks, 0);
  g_clear_pointer (&self->sessions, g_array_unref);
  g_clear_pointer (&self->blocked, g_ptr_array_unref);
  self->sessions = g_array_ref (sessions);
  self->blocked = g_ptr_array_ref (blocked);
  fit_hours (self, appointments);
  for (guint i = 0; i < appointments->len; i++)
    {
      HarleyAppointment *a = g_ptr_array_index (appointments, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (a);
      int column = find_column (self, info->clinician_id, &info->date);

      if (column >= 0 && (harley_appointment_is_active (a) || info->status == HARLEY_APPOINTMENT_DID_NOT_ATTEND))
        add_block (self, a, column);
    }
  assign_lanes (self);
  self->cursor_minute = CLAMP (self->cursor_minute, self->first_minute, self->last_minute - 15);
  if (self->selected_id != 0 && find_block (self, self->selected_id) == NULL)
    harley_diary_grid_select (self, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Cursor and selection {{{1 */

void
harley_diary_grid_get_cursor (HarleyDiaryGrid   *self,
                              HarleyDiaryColumn *column,
                              int               *minute)
{
  g_return_if_fail (HARLEY_IS_DIARY_GRID (self));

  if (self->columns->len > 0)
    *column = *_harley_diary_grid_get_column (self, self->cursor_column);
  *minute = self->cursor_minute;
}

/* The clinic session of @column that @minute falls in, or NULL. */
static const HarleySessionDay *
session_at (HarleyDiaryGrid *self,
            guint            column,
            int              minute)
{
  const HarleyDiaryColumn *c = _harley_diary_grid_get_column (self, column);

  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      const HarleySessionDay *d = &g_array_index (self->sessions, HarleySessionDay, i);

      if (_harley_diary_grid_column_matches (c, d->clinician_id, &d->date) && d->start <= minute && minute < d->end)
        return d;
    }
  return NULL;
}

int
_harley_diary_grid_slot_minutes_at (HarleyDiaryGrid *self,
                                    guint            column,
                                    int              minute)
{
  const HarleySessionDay *d = session_at (self, column, minute);

  return d != NULL ? d->slot_minutes : 15;
}

/* The start of the slot @minute falls in: slots count from their
 * clinic's start; outside clinics, quarter hours. */
static int
slot_start_at (HarleyDiaryGrid *self,
               guint            column,
               int              minute)
{
  const HarleySessionDay *d = session_at (self, column, minute);

  if (d == NULL)
    return minute - minute % 15;
  return d->start + ((minute - d->start) / d->slot_minutes) * d->slot_minutes;
}

static HarleyDiaryBlock *
block_under_cursor (HarleyDiaryGrid *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      HarleyDiaryBlock *block = g_ptr_array_index (self->blocks, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (block->appointment);

      if (block->column == self->cursor_column && info->start <= self->cursor_minute
          && self->cursor_minute < info->end)
        return block;
    }
  return NULL;
}

void
harley_diary_grid_select (HarleyDiaryGrid *self,
                          gint64           appointment_id)
{
  g_return_if_fail (HARLEY_IS_DIARY_GRID (self));

  /* Only what the grid shows can be chosen. */
  if (appointment_id != 0 && find_block (self, appointment_id) == NULL)
    appointment_id = 0;
  if (self->selected_id == appointment_id)
    return;
  self->selected_id = appointment_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[APPOINTMENT_SELECTED], 0, appointment_id);
}

gint64
harley_diary_grid_get_selected (HarleyDiaryGrid *self)
{
  return self->selected_id;
}

static void
scroll_to_cursor (HarleyDiaryGrid *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  double y, top, page;

  if (scrolled == NULL)
    return;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  y = harley_diary_grid_minute_to_y (self, self->cursor_minute);
  top = gtk_adjustment_get_value (adj);
  page = gtk_adjustment_get_page_size (adj);
  if (y < top)
    gtk_adjustment_set_value (adj, y - 24);
  else if (y + 40 > top + page)
    gtk_adjustment_set_value (adj, y + 64 - page);
}

void
harley_diary_grid_set_cursor (HarleyDiaryGrid *self,
                              guint            column,
                              int              minute)
{
  HarleyDiaryBlock *block;

  g_return_if_fail (HARLEY_IS_DIARY_GRID (self));

  if (self->columns->len == 0)
    return;
  self->cursor_column = MIN (column, self->columns->len - 1);
  self->cursor_minute = CLAMP (minute, self->first_minute, self->last_minute - 5);
  block = block_under_cursor (self);
  harley_diary_grid_select (self, block ? harley_appointment_get_id (block->appointment) : 0);
  scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_cursor (HarleyDiaryGrid *self)
{
  HarleyDiaryBlock *block = block_under_cursor (self);
  const HarleyDiaryColumn *column;

  if (self->columns->len == 0)
    return;
  if (block != NULL)
    {
      g_signal_emit (self, signals[APPOINTMENT_ACTIVATED], 0, harley_appointment_get_id (block->appointment));
      return;
    }
  column = _harley_diary_grid_get_column (self, self->cursor_column);
  g_signal_emit (self, signals[SLOT_ACTIVATED], 0, column->clinician_id, &column->date,
                 slot_start_at (self, self->cursor_column, self->cursor_minute));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   HarleyDiaryGrid       *self)
{
  int step;

  if (self->columns->len == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  step = _harley_diary_grid_slot_minutes_at (self, self->cursor_column, self->cursor_minute);
  switch (keyval)
    {
    case GDK_KEY_Up:
      harley_diary_grid_set_cursor (self, self->cursor_column, self->cursor_minute - step);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
      harley_diary_grid_set_cursor (self, self->cursor_column, self->cursor_minute + step);
      return GDK_EVENT_STOP;
    case GDK_KEY_Left:
      if (self->cursor_column == 0)
        return GDK_EVENT_PROPAGATE;
      harley_diary_grid_set_cursor (self, self->cursor_column - 1, self->cursor_minute);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
      if (self->cursor_column + 1 >= self->columns->len)
        return GDK_EVENT_PROPAGATE;
      harley_diary_grid_set_cursor (self, self->cursor_column + 1, self->cursor_minute);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
      harley_diary_grid_set_cursor (self, self->cursor_column, self->first_minute);
      return GDK_EVENT_STOP;
    case GDK_KEY_End:
      harley_diary_grid_set_cursor (self, self->cursor_column, self->last_minute - step);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate_cursor (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Pointer {{{1 */

static int
snap (int minute)
{
  return ((minute + SNAP_MINUTES / 2) / SNAP_MINUTES) * SNAP_MINUTES;
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     HarleyDiaryGrid *self)
{
  HarleyDiaryBlock *block = block_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->columns->len == 0 || x < GUTTER)
    return;
  if (block != NULL)
    {
      const HarleyAppointmentInfo *info = harley_appointment_get_info (block->appointment);

      self->cursor_column = block->column;
      self->cursor_minute = info->start;
      harley_diary_grid_select (self, info->id);
      if (n_press == 2)
        g_signal_emit (self, signals[APPOINTMENT_ACTIVATED], 0, info->id);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  harley_diary_grid_set_cursor (self, x_to_column (self, x),
                                slot_start_at (self, x_to_column (self, x), y_to_minute (self, y)));
  if (n_press == 2)
    activate_cursor (self);
}

static void
on_drag_begin_cb (GtkGestureDrag  *gesture,
                  double           x,
                  double           y,
                  HarleyDiaryGrid *self)
{
  HarleyDiaryBlock *block = block_at (self, x, y);
  graphene_rect_t rect;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_block = block;
  self->drag_mode = block != NULL ? DRAG_PENDING : DRAG_EMPTY;
  if (block == NULL || !harley_appointment_is_active (block->appointment))
    {
      self->drag_mode = DRAG_EMPTY;
      self->drag_block = NULL;
      return;
    }
  _harley_diary_grid_block_rect (self, block, &rect);
  if (y > rect.origin.y + rect.size.height - RESIZE_EDGE)
    self->drag_mode = DRAG_RESIZE;
}

/* While dragged, a block says where it would go. */
static void
show_ghost_time (HarleyDiaryGrid *self)
{
  HarleyAppointmentInfo moved = *harley_appointment_get_info (self->drag_block->appointment);
  g_autofree char *markup = NULL;

  moved.start = self->ghost_start;
  moved.end = self->ghost_end;
  markup = block_markup (&moved, TRUE);
  gtk_label_set_markup (GTK_LABEL (self->drag_block->label), markup);
}

static void
on_drag_update_cb (GtkGestureDrag  *gesture,
                   double           dx,
                   double           dy,
                   HarleyDiaryGrid *self)
{
  const HarleyAppointmentInfo *info;
  int delta;

  if (self->drag_block == NULL)
    return;
  if (self->drag_mode == DRAG_PENDING)
    {
      if (ABS (dx) < 6 && ABS (dy) < 6)
        return;
      self->drag_mode = DRAG_MOVE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  info = harley_appointment_get_info (self->drag_block->appointment);
  delta = (int) (dy / PX_PER_MINUTE);
  if (self->drag_mode == DRAG_RESIZE)
    {
      self->ghost_column = self->drag_block->column;
      self->ghost_start = info->start;
      self->ghost_end = MAX (info->start + SNAP_MINUTES, snap (info->end + delta));
    }
  else
    {
      self->ghost_column = x_to_column (self, self->drag_x + dx);
      self->ghost_start = CLAMP (snap (info->start + delta), self->first_minute,
                                 self->last_minute - (info->end - info->start));
      self->ghost_end = self->ghost_start + (info->end - info->start);
    }
  show_ghost_time (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
released_outside (HarleyDiaryGrid *self,
                  double           x,
                  double           y)
{
  return x < GUTTER || x >= gtk_widget_get_width (GTK_WIDGET (self))
         || y < 0 || y >= gtk_widget_get_height (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                HarleyDiaryGrid *self)
{
  HarleyDiaryBlock *block = self->drag_block;
  const HarleyAppointmentInfo *info;
  const HarleyDiaryColumn *column;

  if (block == NULL || (self->drag_mode != DRAG_MOVE && self->drag_mode != DRAG_RESIZE))
    {
      self->drag_mode = DRAG_NONE;
      self->drag_block = NULL;
      return;
    }
  info = harley_appointment_get_info (block->appointment);
  column = _harley_diary_grid_get_column (self, self->ghost_column);
  self->drag_mode = DRAG_NONE;
  self->drag_block = NULL;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  /* Let go outside the columns: nothing moves. */
  if (released_outside (self, self->drag_x + dx, self->drag_y + dy)
      || (self->ghost_column == block->column && self->ghost_start == info->start && self->ghost_end == info->end))
    {
      g_autofree char *markup = block_markup_for (self, info);

      gtk_label_set_markup (GTK_LABEL (block->label), markup);
      return;
    }
  g_signal_emit (self, signals[MOVE_REQUESTED], 0, info->id, column->clinician_id, &column->date,
                 self->ghost_start, self->ghost_end);
}

/* One tooltip for the whole grid: on X11 a tooltip set on each block
 * would cost a round trip to the X server per block shown. */
static gboolean
on_query_tooltip_cb (GtkWidget       *widget,
                     int              x,
                     int              y,
                     gboolean         keyboard,
                     GtkTooltip      *tooltip,
                     HarleyDiaryGrid *self)
{
  HarleyDiaryBlock *block = keyboard ? block_under_cursor (self) : block_at (self, x, y);
  const HarleyAppointmentInfo *info;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (block == NULL)
    return FALSE;
  info = harley_appointment_get_info (block->appointment);
  when = harley_appointment_dup_when (block->appointment);
  name = harley_privacy_mask_name (info->patient_name);
  text = g_strdup_printf ("%s\n%s — %s\n%s%s", name, when, info->type_name,
                          harley_appointment_status_label (info->status), info->overbooked ? _(", overbooked") : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Size {{{1 */

static void
harley_diary_grid_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  HarleyDiaryGrid *self = HARLEY_DIARY_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = GUTTER + 48 * MAX (self->columns->len, 1);
      *natural = GUTTER + 200 * MAX (self->columns->len, 1);
    }
  else
    *minimum = *natural = harley_diary_grid_minute_to_y (self, self->last_minute) + 1;
}

static void
harley_diary_grid_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  HarleyDiaryGrid *self = HARLEY_DIARY_GRID (widget);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      HarleyDiaryBlock *block = g_ptr_array_index (self->blocks, i);
      graphene_rect_t rect;
      int min_height, min_width, w, h;

      _harley_diary_grid_block_rect (self, block, &rect);
      w = MAX (0, (int) rect.size.width - 10);
      h = MAX (0, (int) rect.size.height);
      gtk_widget_measure (block->label, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (block->label, GTK_ORIENTATION_VERTICAL, w, &min_height, NULL, NULL, NULL);
      /* Too small for its text: the tooltip and the side panel tell. */
      gtk_widget_set_child_visible (block->label, h >= min_height && w >= min_width);
      if (h >= min_height && w >= min_width)
        gtk_widget_size_allocate (block->label,
                                  &(GtkAllocation) { (int) rect.origin.x + 8, (int) rect.origin.y, w, h }, -1);
    }
}

/* Class {{{1 */

static void
harley_diary_grid_dispose (GObject *object)
{
  HarleyDiaryGrid *self = HARLEY_DIARY_GRID (object);

  if (self->blocks != NULL)
    g_ptr_array_set_size (self->blocks, 0);
  g_clear_pointer (&self->sessions, g_array_unref);
  g_clear_pointer (&self->blocked, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_diary_grid_parent_class)->dispose (object);
}

static void
harley_diary_grid_finalize (GObject *object)
{
  HarleyDiaryGrid *self = HARLEY_DIARY_GRID (object);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);

  G_OBJECT_CLASS (harley_diary_grid_parent_class)->finalize (object);
}

static void
harley_diary_grid_class_init (HarleyDiaryGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_diary_grid_dispose;
  object_class->finalize = harley_diary_grid_finalize;
  widget_class->snapshot = _harley_diary_grid_snapshot;
  widget_class->measure = harley_diary_grid_measure;
  widget_class->size_allocate = harley_diary_grid_size_allocate;

  /* A free slot chosen: (clinician id, date, minute) */
  signals[SLOT_ACTIVATED] = g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64,
                                          G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT);
  signals[APPOINTMENT_SELECTED] = g_signal_new ("appointment-selected", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                G_TYPE_INT64);
  signals[APPOINTMENT_ACTIVATED] = g_signal_new ("appointment-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                 G_TYPE_INT64);
  /* A block dragged: (appointment id, clinician id, date, start, end) */
  signals[MOVE_REQUESTED] = g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 5, G_TYPE_INT64, G_TYPE_INT64,
                                          G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "harley-diary-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
harley_diary_grid_init (HarleyDiaryGrid *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->columns = g_array_new (FALSE, FALSE, sizeof (HarleyDiaryColumn));
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->first_minute = DEFAULT_FIRST;
  self->last_minute = DEFAULT_LAST;
  self->cursor_minute = 9 * 60;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
harley_diary_grid_new (void)
{
  return g_object_new (HARLEY_TYPE_DIARY_GRID, NULL);
}
