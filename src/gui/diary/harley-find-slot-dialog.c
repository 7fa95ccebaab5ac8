/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-find-slot-dialog"

/* "Find free slot": the next ten free times for a type of appointment,
 * a clinician or any, a place or any, from a date, mornings or
 * afternoons. The list follows each change at once; Enter on a time
 * books it. */

#include <glib/gi18n-lib.h>

#include "harley-find-slot-dialog.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

struct _HarleyFindSlotDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwComboRow  *type_row;
  AdwComboRow  *clinician_row;
  AdwComboRow  *place_row;
  AdwEntryRow  *from_row;
  AdwComboRow  *part_row;
  GtkListBox   *results;
  GtkLabel     *problem_label;

  /* Owned references */
  HarleyStore  *store;
  GPtrArray    *types;        /* HarleyAppointmentType */
  GPtrArray    *clinicians;   /* HarleyClinician */
  GPtrArray    *places;       /* HarleyPlace */
  GArray       *slots;        /* HarleySlot, as listed */

  gint64        patient_id;
};

G_DEFINE_FINAL_TYPE (HarleyFindSlotDialog, harley_find_slot_dialog, ADW_TYPE_WINDOW)

enum {
  SLOT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* HarleyClinician and HarleyPlace both begin with id and name, which is
 * all these two helpers read. */
static const char *
name_of (GPtrArray *items,
         gint64     id)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (((HarleyClinician *) g_ptr_array_index (items, i))->id == id)
      return ((HarleyClinician *) g_ptr_array_index (items, i))->name;
  return NULL;
}

static void
show_problem (HarleyFindSlotDialog *self,
              const char           *text)
{
  gtk_label_set_text (self->problem_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), text != NULL);
}

static GtkWidget *
slot_row (HarleyFindSlotDialog *self,
          const HarleySlot     *slot)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_get_year (&slot->date), g_date_get_month (&slot->date),
                                                   g_date_get_day (&slot->date), 12, 0, 0);
  g_autofree char *day = g_date_time_format (noon, "%A %d/%m/%Y");
  g_autofree char *start = harley_format_minutes (slot->start);
  g_autofree char *title = g_strdup_printf ("%s  %s", day, start);
  const char *place = name_of (self->places, slot->location_id);
  g_autofree char *subtitle = g_strdup_printf ("%s%s%s", name_of (self->clinicians, slot->clinician_id),
                                               place ? " · " : "", place ? place : "");
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static gboolean
read_query (HarleyFindSlotDialog *self,
            HarleySlotQuery      *q,
            gint64               *clinician,
            gint64               *place)
{
  g_autoptr(GError) error = NULL;
  guint type = adw_combo_row_get_selected (self->type_row);
  guint c = adw_combo_row_get_selected (self->clinician_row);
  guint p = adw_combo_row_get_selected (self->place_row);

  if (self->types == NULL || type >= self->types->len)
    return FALSE;
  harley_slot_query_init (q, ((HarleyAppointmentType *) g_ptr_array_index (self->types, type))->minutes);
  if (!harley_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), &q->earliest, &error))
    {
      show_problem (self, error->message);
      return FALSE;
    }
  q->earliest_minute = 0;
  q->part_of_day = (HarleyPartOfDay) adw_combo_row_get_selected (self->part_row);
  /* Row 0 is "any". */
  *clinician = c > 0 && c <= self->clinicians->len ? ((HarleyClinician *) g_ptr_array_index (self->clinicians, c - 1))->id : 0;
  *place = p > 0 && p <= self->places->len ? ((HarleyPlace *) g_ptr_array_index (self->places, p - 1))->id : 0;
  q->clinician_ids = *clinician ? clinician : NULL;
  q->n_clinicians = *clinician ? 1 : 0;
  q->location_ids = *place ? place : NULL;
  q->n_locations = *place ? 1 : 0;
  return TRUE;
}

static void
search (HarleyFindSlotDialog *self)
{
  g_autoptr(GError) error = NULL;
  HarleySlotQuery q;
  gint64 clinician, place;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  g_clear_pointer (&self->slots, g_array_unref);
  if (!read_query (self, &q, &clinician, &place))
    return;
  if ((self->slots = harley_diary_find_free (self->store, &q, &error)) == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  show_problem (self, self->slots->len == 0 ? _("No free time in the year from that date. Try another "
                                                "clinician, place or time of day.") : NULL);
  for (guint i = 0; i < self->slots->len; i++)
    gtk_list_box_append (self->results, slot_row (self, &g_array_index (self->slots, HarleySlot, i)));
}

static void
on_choice_changed_cb (HarleyFindSlotDialog *self)
{
  if (self->store != NULL)
    search (self);
}

static void
on_from_activated_cb (HarleyFindSlotDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
on_results_row_activated_cb (HarleyFindSlotDialog *self,
                             GtkListBoxRow        *row)
{
  guint i = (guint) gtk_list_box_row_get_index (row);
  guint type = adw_combo_row_get_selected (self->type_row);
  HarleySlot slot;

  if (self->slots == NULL || i >= self->slots->len)
    return;
  slot = g_array_index (self->slots, HarleySlot, i);
  g_signal_emit (self, signals[SLOT_CHOSEN], 0, slot.clinician_id, &slot.date, slot.start,
                 ((HarleyAppointmentType *) g_ptr_array_index (self->types, type))->id, self->patient_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fill_combo (AdwComboRow *row,
            const char  *any,
            GPtrArray   *items)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (any != NULL)
    gtk_string_list_append (names, any);
  for (guint i = 0; items != NULL && i < items->len; i++)
    gtk_string_list_append (names, ((HarleyClinician *) g_ptr_array_index (items, i))->name);
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
}

/**
 * harley_find_slot_dialog_new:
 * @from: the first day to look at
 *
 * Returns: (transfer none): the dialog, to present; it emits
 *   "slot-chosen" and closes when a time is picked
 */
HarleyFindSlotDialog *
harley_find_slot_dialog_new (GtkWindow   *parent,
                             HarleyStore *store,
                             const GDate *from)
{
  HarleyFindSlotDialog *self = g_object_new (HARLEY_TYPE_FIND_SLOT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *day = harley_format_gdate (from);

  self->types = harley_diary_list_types (store, NULL);
  self->clinicians = harley_diary_list_clinicians (store, NULL);
  self->places = harley_diary_list_places (store, NULL);
  fill_combo (self->type_row, NULL, self->types);
  fill_combo (self->clinician_row, _("Any clinician"), self->clinicians);
  fill_combo (self->place_row, _("Anywhere"), self->places);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), day);
  self->store = g_object_ref (store);
  search (self);
  return self;
}

void
harley_find_slot_dialog_set_patient (HarleyFindSlotDialog *self,
                                     gint64                patient_id)
{
  self->patient_id = patient_id;
}

static void
harley_find_slot_dialog_dispose (GObject *object)
{
  HarleyFindSlotDialog *self = HARLEY_FIND_SLOT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_FIND_SLOT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->clinicians, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_array_unref);

  G_OBJECT_CLASS (harley_find_slot_dialog_parent_class)->dispose (object);
}

static void
harley_find_slot_dialog_class_init (HarleyFindSlotDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_find_slot_dialog_dispose;

  /* (clinician id, date, minute, type id, patient id or 0) */
  signals[SLOT_CHOSEN] = g_signal_new ("slot-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 5, G_TYPE_INT64,
                                       G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT, G_TYPE_INT64,
                                       G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/diary/harley-find-slot-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, clinician_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, part_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, results);
  gtk_widget_class_bind_template_child (widget_class, HarleyFindSlotDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harley_find_slot_dialog_init (HarleyFindSlotDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
