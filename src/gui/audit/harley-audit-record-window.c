/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* Who has seen or changed a patient's record: the record's entries in
 * the audit trail, newest first.
 *
 *   HarleyAuditList        the patient's entry ids, one range of the
 *                          audit_patient index; entries read on demand
 *     └ GtkNoSelection
 *         └ GtkColumnView  when, who, done, what, fields changed
 */

#include <glib/gi18n-lib.h>

#include "harley-audit-columns.h"
#include "harley-audit-list.h"
#include "harley-audit-record-window.h"

struct _HarleyAuditRecordWindow
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkStack         *stack;
  GtkColumnView    *column_view;
  GtkLabel         *status_label;

  /* Owned references */
  HarleyAuditList  *entries;
};

G_DEFINE_FINAL_TYPE (HarleyAuditRecordWindow, harley_audit_record_window, ADW_TYPE_WINDOW)

static void
show_entries (HarleyAuditRecordWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *status = NULL;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "entries" : "empty");
  if (harley_audit_list_get_more (self->entries))
    status = g_strdup_printf (_("The newest %u entries are shown. “Audit Trail…” in the main menu "
                                "finds older ones by date."), n);
  else if (n > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
}

/**
 * harley_audit_record_window_new:
 * @parent: (nullable): the main window
 * @store: the practice database
 * @patient_id: the patient whose record it is
 * @name: the patient's name, for the title
 *
 * Returns: (transfer none): the window, to present
 */
HarleyAuditRecordWindow *
harley_audit_record_window_new (GtkWindow   *parent,
                                HarleyStore *store,
                                gint64       patient_id,
                                const char  *name)
{
  HarleyAuditRecordWindow *self = g_object_new (HARLEY_TYPE_AUDIT_RECORD_WINDOW, "transient-for", parent, NULL);
  HarleyAuditFilter filter = { .patient_id = patient_id };
  g_autoptr(GtkNoSelection) selection = NULL;

  self->entries = harley_audit_list_new (store, &filter);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  adw_window_title_set_subtitle (self->window_title, name);
  show_entries (self);
  return self;
}

/**
 * harley_audit_record_window_get_entries:
 *
 * Returns: (transfer none): the entries shown, newest first
 */
GListModel *
harley_audit_record_window_get_entries (HarleyAuditRecordWindow *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_RECORD_WINDOW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

static void
harley_audit_record_window_dispose (GObject *object)
{
  HarleyAuditRecordWindow *self = HARLEY_AUDIT_RECORD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_AUDIT_RECORD_WINDOW);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (harley_audit_record_window_parent_class)->dispose (object);
}

static void
harley_audit_record_window_class_init (HarleyAuditRecordWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_audit_record_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/audit/harley-audit-record-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditRecordWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditRecordWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditRecordWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditRecordWindow, status_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harley_audit_record_window_init (HarleyAuditRecordWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  harley_audit_columns_add (self->column_view, FALSE);
}
