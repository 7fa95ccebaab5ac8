/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-retention-window"

/* The retention report: the patients whose records are past their
 * retention period today (src/core/harley-retention.c), the longest past
 * it first, with Open Record, Print and Save as PDF. Nothing is deleted.
 *
 *   harley_retention_list_due_at ()  one SQL query, then the rules in C, on
 *                                  a worker thread with its own read-only
 *                                  connection (a million appointments take
 *                                  about a second)
 *     └ RowModel                   a GListModel over that array: each
 *                                  row's object is made when asked for
 *         └ GtkSingleSelection
 *             └ GtkColumnView      patient, born, last contact, ended */

#include <glib/gi18n-lib.h>

#include "harley-audit.h"
#include "harley-pdf-print.h"
#include "harley-pdf-save.h"
#include "harley-retention-pdf.h"
#include "harley-retention-window.h"
#include "harley-validate.h"

/* A row, as the list's items {{{1 */

#define ROW_TYPE_ITEM (row_item_get_type ())
G_DECLARE_FINAL_TYPE (RowItem, row_item, ROW, ITEM, GObject)

struct _RowItem
{
  GObject                   parent_instance;
  GArray                   *rows;     /* owned reference */
  const HarleyRetentionRow *row;
};

G_DEFINE_FINAL_TYPE (RowItem, row_item, G_TYPE_OBJECT)

static void
row_item_finalize (GObject *object)
{
  g_array_unref (ROW_ITEM (object)->rows);
  G_OBJECT_CLASS (row_item_parent_class)->finalize (object);
}

static void
row_item_class_init (RowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = row_item_finalize;
}

static void
row_item_init (RowItem *self)
{
}

#define ROW_TYPE_MODEL (row_model_get_type ())
G_DECLARE_FINAL_TYPE (RowModel, row_model, ROW, MODEL, GObject)

struct _RowModel
{
  GObject  parent_instance;
  GArray  *rows;                      /* HarleyRetentionRow */
};

static GType
row_model_get_item_type (GListModel *model)
{
  return ROW_TYPE_ITEM;
}

static guint
row_model_get_n_items (GListModel *model)
{
  return ROW_MODEL (model)->rows->len;
}

static gpointer
row_model_get_item (GListModel *model,
                    guint       position)
{
  RowModel *self = ROW_MODEL (model);
  RowItem *item;

  if (position >= self->rows->len)
    return NULL;
  item = g_object_new (ROW_TYPE_ITEM, NULL);
  item->rows = g_array_ref (self->rows);
  item->row = &g_array_index (self->rows, HarleyRetentionRow, position);
  return item;
}

static void
row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = row_model_get_item_type;
  iface->get_n_items = row_model_get_n_items;
  iface->get_item = row_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RowModel, row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, row_model_list_model_init))

static void
row_model_finalize (GObject *object)
{
  g_array_unref (ROW_MODEL (object)->rows);
  G_OBJECT_CLASS (row_model_parent_class)->finalize (object);
}

static void
row_model_class_init (RowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = row_model_finalize;
}

static void
row_model_init (RowModel *self)
{
}

/* The window {{{1 */

struct _HarleyRetentionWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  GtkColumnView      *column_view;

  /* Owned references */
  HarleyStore        *store;
  RowModel           *model;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;

  GDate               as_of;
};

G_DEFINE_FINAL_TYPE (HarleyRetentionWindow, harley_retention_window, ADW_TYPE_WINDOW)

typedef enum
{
  COLUMN_PATIENT,
  COLUMN_BORN,
  COLUMN_LAST_CONTACT,
  COLUMN_ENDED,
  N_COLUMNS,
} Column;

static void
toast (HarleyRetentionWindow *self,
       const char            *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (data) != COLUMN_PATIENT)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static char *
cell_text (const HarleyRetentionRow *row,
           Column                    column)
{
  switch (column)
    {
    case COLUMN_PATIENT:
      /* TRANSLATORS: a patient's name in the retention report, when the record is archived */
      return row->archived ? g_strdup_printf (_("%s (archived)"), row->name) : g_strdup (row->name);
    case COLUMN_BORN:
      return harley_retention_format_date_of_birth (row);
    case COLUMN_LAST_CONTACT:
      return harley_format_gdate (&row->last_contact);
    case COLUMN_ENDED:
      return harley_format_gdate (&row->retention_end);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  RowItem *row_item = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (row_item->row, GPOINTER_TO_INT (data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_columns (HarleyRetentionWindow *self)
{
  const char *titles[N_COLUMNS] = { _("Patient"), _("Date of birth"), _("Last contact"), _("Retention ended") };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_expand (column, i == COLUMN_PATIENT);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Opening a record {{{1 */

static const HarleyRetentionRow *
selected_row (HarleyRetentionWindow *self)
{
  guint position;

  if (self->model == NULL)
    return NULL;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION || position >= self->model->rows->len)
    return NULL;
  return &g_array_index (self->model->rows, HarleyRetentionRow, position);
}

static void
open_record (HarleyRetentionWindow *self)
{
  const HarleyRetentionRow *row = selected_row (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (row == NULL || parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-patient", "x", row->patient_id);
  gtk_window_present (parent);
}

static void
on_column_view_activate_cb (GtkColumnView         *view,
                            guint                  position,
                            HarleyRetentionWindow *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  open_record (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_record (HARLEY_RETENTION_WINDOW (widget));
}

/* Paper {{{1 */

static GBytes *
render (HarleyRetentionWindow *self)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = harley_retention_pdf_render (self->store, self->model->rows, &self->as_of, &error);

  if (pdf == NULL)
    toast (self, error->message);
  return pdf;
}

/* The list names patients: printing or saving it goes in the audit trail. */
static void
note_in_audit (HarleyRetentionWindow *self,
               const char            *action,
               const char            *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *details = path != NULL ? harley_audit_details ("file", path, NULL) : NULL;

  if (!harley_audit_add (self->store, action, 0, "Retention report", details, &error))
    toast (self, error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarleyRetentionWindow *self = HARLEY_RETENTION_WINDOW (widget);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  GBytes *pdf = render (self);

  if (pdf == NULL)
    return;
  g_ptr_array_add (documents, pdf);
  if (harley_pdf_print_run (GTK_WINDOW (self), documents, _("Retention report"), NULL, &error))
    note_in_audit (self, HARLEY_AUDIT_PRINT, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

/**
 * harley_retention_window_save_to:
 * @self: a #HarleyRetentionWindow
 * @path: the PDF file to write
 *
 * Saves the list as a PDF, as "Save as PDF…" does with the file chosen.
 *
 * Returns: %TRUE if it was saved; if not, a toast says why
 */
gboolean
harley_retention_window_save_to (HarleyRetentionWindow *self,
                                 const char            *path)
{
  g_autoptr(GBytes) pdf = render (self);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HARLEY_IS_RETENTION_WINDOW (self), FALSE);

  if (pdf == NULL)
    return FALSE;
  if (!harley_pdf_save_bytes (self->store, pdf, path, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  note_in_audit (self, HARLEY_AUDIT_EXPORT, path);
  toast (self, _("Saved"));
  return TRUE;
}

static void
save_chosen_cb (GtkWidget  *widget,
                const char *path)
{
  harley_retention_window_save_to (HARLEY_RETENTION_WINDOW (widget), path);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyRetentionWindow *self = HARLEY_RETENTION_WINDOW (widget);
  g_autofree char *day = harley_format_gdate (&self->as_of);
  /* TRANSLATORS: the suggested file name; %s is a day, dd/mm/yyyy ('/' becomes '-') */
  g_autofree char *name = g_strdup_printf (_("Retention report %s.pdf"), day);

  harley_pdf_save_choose (widget, _("Save the Retention Report as PDF"), name, save_chosen_cb);
}

/* The list {{{1 */

static void
show_rows (HarleyRetentionWindow *self,
           GArray                *rows)
{
  g_autofree char *day = harley_format_gdate (&self->as_of);
  g_autofree char *subtitle = NULL;

  g_clear_object (&self->model);
  self->model = g_object_new (ROW_TYPE_MODEL, NULL);
  self->model->rows = g_array_ref (rows);
  g_clear_object (&self->selection);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "patients" : "empty");
  /* TRANSLATORS: under the retention report's title: the day, then how many */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On %s · %u record", "On %s · %u records", rows->len),
                              day, rows->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.open", rows->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.print", rows->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.save", rows->len > 0);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HarleyRetentionWindow *self = source_object;
  GError *error = NULL;
  GArray *rows = harley_retention_list_due_at (task_data, &self->as_of, &error);

  if (rows != NULL)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = g_task_propagate_pointer (G_TASK (result), &error);
  HarleyRetentionWindow *self = HARLEY_RETENTION_WINDOW (source);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (rows == NULL)
    {
      rows = g_array_new (FALSE, TRUE, sizeof (HarleyRetentionRow));
      toast (self, error->message);
    }
  show_rows (self, rows);
}

/**
 * harley_retention_window_new:
 * @parent: the main window, whose win.open-patient opens a record
 * @store: the practice database
 * @as_of: (nullable): the day to report on; %NULL for today
 *
 * Opens the window at once; the list follows when it has been read.
 *
 * Returns: (transfer none): the window, to present
 */
HarleyRetentionWindow *
harley_retention_window_new (GtkWindow   *parent,
                             HarleyStore *store,
                             const GDate *as_of)
{
  HarleyRetentionWindow *self = g_object_new (HARLEY_TYPE_RETENTION_WINDOW, "transient-for", parent, NULL);
  g_autoptr(GTask) task = NULL;

  self->store = g_object_ref (store);
  if (as_of != NULL)
    self->as_of = *as_of;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());

      g_date_set_dmy (&self->as_of, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, harley_retention_window_new);
  g_task_set_task_data (task, g_strdup (harley_store_get_path (store)), g_free);
  g_task_run_in_thread (task, read_in_thread);
  return self;
}

/**
 * harley_retention_window_get_loading:
 *
 * Returns: whether the list is still being read
 */
gboolean
harley_retention_window_get_loading (HarleyRetentionWindow *self)
{
  g_return_val_if_fail (HARLEY_IS_RETENTION_WINDOW (self), FALSE);
  return self->model == NULL;
}

/**
 * harley_retention_window_get_patients:
 *
 * Returns: (transfer none) (nullable): the list shown, one item a
 *   patient; %NULL while it is being read
 */
GListModel *
harley_retention_window_get_patients (HarleyRetentionWindow *self)
{
  g_return_val_if_fail (HARLEY_IS_RETENTION_WINDOW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * harley_retention_window_get_patient_id:
 *
 * Returns: the patient on row @position, or 0
 */
gint64
harley_retention_window_get_patient_id (HarleyRetentionWindow *self,
                                        guint                  position)
{
  g_return_val_if_fail (HARLEY_IS_RETENTION_WINDOW (self), 0);

  if (self->model == NULL || position >= self->model->rows->len)
    return 0;
  return g_array_index (self->model->rows, HarleyRetentionRow, position).patient_id;
}

static void
harley_retention_window_dispose (GObject *object)
{
  HarleyRetentionWindow *self = HARLEY_RETENTION_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_RETENTION_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_retention_window_parent_class)->dispose (object);
}

static void
harley_retention_window_class_init (HarleyRetentionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_retention_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/patients/harley-retention-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyRetentionWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarleyRetentionWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyRetentionWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyRetentionWindow, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "retention.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "retention.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "retention.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "retention.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "retention.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harley_retention_window_init (HarleyRetentionWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->as_of, 1);
  add_columns (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.open", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.save", FALSE);
}
