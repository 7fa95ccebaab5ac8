/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-clinic-list-window"

/* The clinic list as it will print: each A4 page drawn by the same code
 * that writes the PDF, then Print (GtkPrintOperation, A4 by default) or
 * Save as PDF. Nothing is written to a temporary file to show it. */

#include <glib/gi18n-lib.h>

#include "harley-audit.h"
#include "harley-clinic-list-window.h"
#include "harley-pdf-save.h"

#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

struct _HarleyClinicListWindow
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkBox            *pages_box;

  /* Owned references */
  HarleyStore       *store;
  HarleyClinicList  *list;

  GDate              date;
};

G_DEFINE_FINAL_TYPE (HarleyClinicListWindow, harley_clinic_list_window, ADW_TYPE_WINDOW)

static void
toast (HarleyClinicListWindow *self,
       const char             *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The day's list names every patient on it: printing or saving it goes
 * in the audit trail. */
static void
note_in_audit (HarleyClinicListWindow *self,
               const char             *action,
               const char             *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *details = path != NULL ? harley_audit_details ("file", path, NULL) : NULL;

  if (!harley_audit_add (self->store, action, 0, harley_clinic_list_get_title (self->list), details, &error))
    toast (self, error->message);
}

/* Showing {{{1 */

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  HarleyClinicListWindow *self = HARLEY_CLINIC_LIST_WINDOW (gtk_widget_get_root (GTK_WIDGET (area)));
  guint page = GPOINTER_TO_UINT (data);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / A4_WIDTH, height / A4_HEIGHT);
  harley_clinic_list_draw_page (self->list, cr, A4_WIDTH, A4_HEIGHT, page);
}

static void
add_pages (HarleyClinicListWindow *self)
{
  guint n = harley_clinic_list_get_n_pages (self->list, A4_WIDTH, A4_HEIGHT);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, n);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), (int) A4_WIDTH);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), (int) A4_HEIGHT);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page_cb, GUINT_TO_POINTER (i), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (area, "card");
      gtk_box_append (self->pages_box, area);
    }
}

/* Printing {{{1 */

static void
begin_print_cb (GtkPrintOperation      *operation,
                GtkPrintContext        *context,
                HarleyClinicListWindow *self)
{
  gtk_print_operation_set_n_pages (operation,
                                   (int) harley_clinic_list_get_n_pages (self->list,
                                                                         gtk_print_context_get_width (context),
                                                                         gtk_print_context_get_height (context)));
}

static void
draw_print_page_cb (GtkPrintOperation      *operation,
                    GtkPrintContext        *context,
                    int                     page_nr,
                    HarleyClinicListWindow *self)
{
  harley_clinic_list_draw_page (self->list, gtk_print_context_get_cairo_context (context),
                                gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                                (guint) page_nr);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarleyClinicListWindow *self = HARLEY_CLINIC_LIST_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, harley_clinic_list_get_title (self->list));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_print_page_cb), self);
  switch (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error))
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      toast (self, error->message);
      break;
    case GTK_PRINT_OPERATION_RESULT_APPLY:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
      note_in_audit (self, HARLEY_AUDIT_PRINT, NULL);
      break;
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    default:
      break;
    }
}

/* Saving {{{1 */

static void
save_to (HarleyClinicListWindow *self,
         const char             *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;

  if (!harley_clinic_list_write_pdf (self->list, path, &error))
    {
      toast (self, error->message);
      return;
    }
  note_in_audit (self, HARLEY_AUDIT_EXPORT, path);
  message = g_strdup_printf (_("Saved “%s”"), name);
  toast (self, message);
}

/* preview.save-to ("path"): what the file chooser does, also for tests */
static void
save_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_to (HARLEY_CLINIC_LIST_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
save_chosen_cb (GtkWidget  *widget,
                const char *path)
{
  save_to (HARLEY_CLINIC_LIST_WINDOW (widget), path);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyClinicListWindow *self = HARLEY_CLINIC_LIST_WINDOW (widget);
  g_autofree char *name = g_strdup_printf (_("Clinic list %02u-%02u-%04u.pdf"), (guint) g_date_get_day (&self->date),
                                           (guint) g_date_get_month (&self->date),
                                           (guint) g_date_get_year (&self->date));

  harley_pdf_save_choose (widget, _("Save Clinic List"), name, save_chosen_cb);
}

/* Object {{{1 */

/**
 * harley_clinic_list_window_new:
 * @store: the practice database, for the audit trail
 * @list: the clinic list to show
 * @date: its day, for the file name
 *
 * Returns: (transfer none): the window, to present
 */
HarleyClinicListWindow *
harley_clinic_list_window_new (GtkWindow        *parent,
                               HarleyStore      *store,
                               HarleyClinicList *list,
                               const GDate      *date)
{
  HarleyClinicListWindow *self = g_object_new (HARLEY_TYPE_CLINIC_LIST_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->list = g_object_ref (list);
  self->date = *date;
  adw_window_title_set_subtitle (self->window_title, harley_clinic_list_get_title (list));
  add_pages (self);
  return self;
}

static void
harley_clinic_list_window_dispose (GObject *object)
{
  HarleyClinicListWindow *self = HARLEY_CLINIC_LIST_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_CLINIC_LIST_WINDOW);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_clinic_list_window_parent_class)->dispose (object);
}

static void
harley_clinic_list_window_class_init (HarleyClinicListWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_clinic_list_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/diary/harley-clinic-list-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicListWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicListWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyClinicListWindow, pages_box);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "preview.save-to", "s", save_to_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "preview.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harley_clinic_list_window_init (HarleyClinicListWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
