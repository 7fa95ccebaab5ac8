/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-samples-page"

/* The Samples section: the worklists with their counts on the left
 * (Outstanding, with how many are overdue in red; To Review; To Tell;
 * Unmatched Results), the samples on the chosen one in the middle, the
 * overdue first, and the sample itself on the right. So that no sample
 * is forgotten, every step from taken to told is on one of these lists.
 * A worklist is tens of samples, listed by SQLite, so its rows are built
 * directly, as the Letters section's are. */

#include <glib/gi18n-lib.h>

#include "harley-samples-page-private.h"
#include "harley-validate.h"
#include "harley-window.h"

G_DEFINE_FINAL_TYPE (HarleySamplesPage, harley_samples_page, ADW_TYPE_BIN)

static const char * const empty_texts[HARLEY_SAMPLES_N_WORKLISTS] = {
  N_("No sample is waiting to be sent or for its result. Record one with Record Sample."),
  N_("No result is waiting for the clinician’s review."),
  N_("No patient is waiting to be told a result."),
  N_("Every result that has arrived belongs to a sample."),
};

void
_harley_samples_page_toast (HarleySamplesPage *self,
                            const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HARLEY_IS_WINDOW (root))
    harley_window_toast (HARLEY_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* Today at the practice, for what is overdue */
void
_harley_samples_page_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Worklists {{{1 */

static GtkWidget *
build_worklist_row (HarleySamplesPage    *self,
                    HarleySampleWorklist  worklist)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (harley_sample_worklist_label (worklist));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  if (worklist == HARLEY_SAMPLES_OUTSTANDING)
    {
      /* Overdue is what must not be missed: said in red beside the count */
      self->overdue_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->overdue_label), "harley-overdue");
      gtk_widget_add_css_class (GTK_WIDGET (self->overdue_label), "caption");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->overdue_label));
    }
  gtk_box_append (GTK_BOX (box), count);
  self->counts[worklist] = GTK_LABEL (count);
  return box;
}

static void
update_count (HarleySamplesPage    *self,
              HarleySampleWorklist  worklist,
              guint                 overdue)
{
  guint n = harley_sample_worklist_count (self->store, worklist);
  g_autofree char *text = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");
  g_autofree char *accessible = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self->counts[worklist]), GTK_TYPE_LIST_BOX_ROW);

  self->n[worklist] = n;
  if (worklist == HARLEY_SAMPLES_OUTSTANDING && overdue > 0)
    /* TRANSLATORS: the worklist, how many are on it, and how many of those are overdue */
    accessible = g_strdup_printf (_("%s, %u, %u overdue"), harley_sample_worklist_label (worklist), n, overdue);
  else
    accessible = g_strdup_printf ("%s, %u", harley_sample_worklist_label (worklist), n);
  gtk_label_set_text (self->counts[worklist], text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
update_counts (HarleySamplesPage *self)
{
  GDate today;
  guint overdue;
  g_autofree char *text = NULL;

  _harley_samples_page_today (&today);
  overdue = harley_sample_count_overdue (self->store, &today);
  /* TRANSLATORS: beside Outstanding's count: "2 overdue" */
  text = overdue > 0 ? g_strdup_printf (_("%u overdue"), overdue) : NULL;
  gtk_label_set_text (self->overdue_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), text != NULL);
  for (guint i = 0; i < HARLEY_SAMPLES_N_WORKLISTS; i++)
    update_count (self, i, overdue);
}

/* The samples {{{1 */

static gint64
row_id (GtkListBoxRow *row)
{
  return row != NULL ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "harley-id")) : 0;
}

static gint64
shown_in_pane (HarleySamplesPage *self)
{
  if (self->worklist == HARLEY_SAMPLES_UNMATCHED)
    return harley_sample_pane_get_sample_id (self->pane) == 0 ? harley_sample_pane_get_result_id (self->pane) : 0;
  return harley_sample_pane_get_sample_id (self->pane);
}

static void
select_row (HarleySamplesPage *self,
            gint64             id)
{
  GtkListBoxRow *row;

  self->filling = TRUE;
  gtk_list_box_unselect_all (self->sample_box);
  for (int i = 0; id != 0 && (row = gtk_list_box_get_row_at_index (self->sample_box, i)) != NULL; i++)
    if (row_id (row) == id)
      gtk_list_box_select_row (self->sample_box, row);
  self->filling = FALSE;
}

static void
fill_samples (HarleySamplesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) labs = _harley_samples_page_new_labs ();
  GtkWidget *child;
  GDate today;

  _harley_samples_page_today (&today);
  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sample_box))) != NULL)
    gtk_list_box_remove (self->sample_box, child);
  g_clear_pointer (&self->shown, g_array_unref);
  self->shown = harley_sample_worklist_list (self->store, self->worklist, &today, &error);
  for (guint i = 0; self->shown != NULL && i < self->shown->len; i++)
    {
      GtkWidget *row = _harley_samples_page_build_row (self, g_array_index (self->shown, gint64, i), labs, &today);

      if (row != NULL)
        gtk_list_box_append (self->sample_box, row);
    }
  self->filling = FALSE;
  gtk_label_set_text (self->empty_label, error != NULL ? error->message : _(empty_texts[self->worklist]));
  gtk_stack_set_visible_child_name (self->list_stack, harley_samples_page_get_n_shown (self) > 0 ? "list" : "empty");
  select_row (self, shown_in_pane (self));
}

static void
update_header (HarleySamplesPage *self)
{
  gtk_label_set_text (self->list_title, harley_sample_worklist_label (self->worklist));
  gtk_widget_set_visible (self->paper_button, self->worklist == HARLEY_SAMPLES_OUTSTANDING);
}

/**
 * harley_samples_page_refresh:
 *
 * Reads the counts and the chosen worklist again.
 */
void
harley_samples_page_refresh (HarleySamplesPage *self)
{
  g_return_if_fail (HARLEY_IS_SAMPLES_PAGE (self));

  update_counts (self);
  fill_samples (self);
  update_header (self);
}

guint
harley_samples_page_get_n_shown (HarleySamplesPage *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLES_PAGE (self), 0);

  return self->shown != NULL ? self->shown->len : 0;
}

/**
 * harley_samples_page_get_shown:
 * @position: a row of the middle list, from the top
 *
 * Returns: the sample on that row (a result, on Unmatched Results), or 0
 */
gint64
harley_samples_page_get_shown (HarleySamplesPage *self,
                               guint              position)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLES_PAGE (self), 0);

  if (self->shown == NULL || position >= self->shown->len)
    return 0;
  return g_array_index (self->shown, gint64, position);
}

/* How many are on @worklist, as its row says. */
guint
harley_samples_page_get_count (HarleySamplesPage    *self,
                               HarleySampleWorklist  worklist)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLES_PAGE (self), 0);
  g_return_val_if_fail (worklist < HARLEY_SAMPLES_N_WORKLISTS, 0);

  return self->n[worklist];
}

void
harley_samples_page_show_worklist (HarleySamplesPage    *self,
                                   HarleySampleWorklist  worklist)
{
  g_return_if_fail (HARLEY_IS_SAMPLES_PAGE (self));
  g_return_if_fail (worklist < HARLEY_SAMPLES_N_WORKLISTS);

  gtk_list_box_select_row (self->worklist_box, gtk_list_box_get_row_at_index (self->worklist_box, worklist));
}

HarleySampleWorklist
harley_samples_page_get_worklist (HarleySamplesPage *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLES_PAGE (self), HARLEY_SAMPLES_OUTSTANDING);

  return self->worklist;
}

static void
on_worklist_box_row_selected_cb (GtkListBox        *box,
                                 GtkListBoxRow     *row,
                                 HarleySamplesPage *self)
{
  if (row == NULL)
    return;
  self->worklist = gtk_list_box_row_get_index (row);
  fill_samples (self);
  update_header (self);
}

static void
on_sample_box_row_selected_cb (GtkListBox        *box,
                               GtkListBoxRow     *row,
                               HarleySamplesPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean opened;

  if (self->filling || row == NULL)
    return;
  if (self->worklist == HARLEY_SAMPLES_UNMATCHED)
    opened = harley_sample_pane_open_result (self->pane, row_id (row), &error);
  else
    opened = harley_sample_pane_open (self->pane, row_id (row), &error);
  if (!opened)
    {
      _harley_samples_page_toast (self, error->message);
      select_row (self, shown_in_pane (self));
    }
}

/* A step in the pane moves the sample between worklists. */
static void
on_pane_changed_cb (HarleySamplePane  *pane,
                    HarleySamplesPage *self)
{
  harley_samples_page_refresh (self);
}

static gboolean
is_on (HarleySamplesPage    *self,
       HarleySampleWorklist  worklist,
       gint64                id)
{
  GDate today;
  g_autoptr(GArray) ids = NULL;

  _harley_samples_page_today (&today);
  ids = harley_sample_worklist_list (self->store, worklist, &today, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/**
 * harley_samples_page_open_sample:
 * @id: a sample
 *
 * Shows the worklist @id is on (if any) and the sample.
 */
gboolean
harley_samples_page_open_sample (HarleySamplesPage *self,
                                 gint64             id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HARLEY_IS_SAMPLES_PAGE (self), FALSE);

  if (!harley_sample_pane_open (self->pane, id, &error))
    {
      _harley_samples_page_toast (self, error->message);
      return FALSE;
    }
  for (guint w = 0; w < HARLEY_SAMPLES_UNMATCHED; w++)
    if (is_on (self, w, id))
      {
        harley_samples_page_show_worklist (self, w);
        break;
      }
  harley_samples_page_refresh (self);
  return TRUE;
}

HarleySamplePane *
harley_samples_page_get_pane (HarleySamplesPage *self)
{
  g_return_val_if_fail (HARLEY_IS_SAMPLES_PAGE (self), NULL);

  return self->pane;
}

/* Focus on the section is on the sample chosen, or else the worklist, so
 * that the arrows work at once. */
static gboolean
harley_samples_page_grab_focus (GtkWidget *widget)
{
  HarleySamplesPage *self = HARLEY_SAMPLES_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sample_box);

  if (row == NULL)
    row = gtk_list_box_get_selected_row (self->worklist_box);
  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* GObject {{{1 */

/**
 * harley_samples_page_new:
 *
 * Returns: (transfer floating): the Samples section
 */
HarleySamplesPage *
harley_samples_page_new (HarleyStore *store)
{
  HarleySamplesPage *self = g_object_new (HARLEY_TYPE_SAMPLES_PAGE, NULL);

  self->store = g_object_ref (store);
  harley_sample_pane_set_store (self->pane, store);
  for (guint i = 0; i < HARLEY_SAMPLES_N_WORKLISTS; i++)
    gtk_list_box_append (self->worklist_box, build_worklist_row (self, i));
  update_counts (self);
  harley_samples_page_show_worklist (self, HARLEY_SAMPLES_OUTSTANDING);
  return self;
}

static void
harley_samples_page_dispose (GObject *object)
{
  HarleySamplesPage *self = HARLEY_SAMPLES_PAGE (object);

  /* AdwBin unparents its child itself, which the template then must not */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_SAMPLES_PAGE);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (harley_samples_page_parent_class)->dispose (object);
}

static void
harley_samples_page_class_init (HarleySamplesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_samples_page_dispose;
  widget_class->grab_focus = harley_samples_page_grab_focus;

  g_type_ensure (HARLEY_TYPE_SAMPLE_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/samples/harley-samples-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, worklist_box);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, paper_button);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, sample_box);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, HarleySamplesPage, pane);
  gtk_widget_class_bind_template_callback (widget_class, on_worklist_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sample_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pane_changed_cb);
  _harley_samples_page_class_paper_init (widget_class);
}

static void
harley_samples_page_init (HarleySamplesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
