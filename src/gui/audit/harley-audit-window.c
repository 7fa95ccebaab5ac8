/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* The audit trail, from the main menu: every entry, newest first, shown
 * by user, action, patient and dates, and "Check the Trail", which runs
 * harley_audit_verify () and says plainly what it found.
 *
 *   HarleyAuditList        the ids that match the filter, from one query
 *                          in SQLite; entries read as rows are shown
 *     └ GtkNoSelection
 *         └ GtkColumnView  when, who, done, what, patient, fields changed
 */

#include <glib/gi18n-lib.h>

#include "harley-audit-columns.h"
#include "harley-audit-list.h"
#include "harley-audit-window.h"
#include "harley-patient-picker.h"
#include "harley-validate.h"

struct _HarleyAuditWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwComboRow         *user_row;
  AdwComboRow         *action_row;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  HarleyPatientPicker *patient_picker;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkLabel            *status_label;

  /* Owned references */
  HarleyStore         *store;
  HarleyAuditList     *entries;
  GStrv                users;      /* the user row's choices after "Everyone" */

  guint                ready : 1;  /* the filter rows are filled */
};

G_DEFINE_FINAL_TYPE (HarleyAuditWindow, harley_audit_window, ADW_TYPE_WINDOW)

/* Showing {{{1 */

static void
show_status (HarleyAuditWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *status = NULL;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "entries" : "empty");
  if (harley_audit_list_get_more (self->entries))
    status = g_strdup_printf (_("The newest %u entries that match: choose a user, action, patient or "
                                "dates to see older ones."), n);
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry matches", "%u entries match", n), n);
  gtk_label_set_text (self->status_label, status);
}

/* An empty date is no limit; one that is not a date is shown as such and
 * leaves the limit off until it is put right. */
static const GDate *
read_date (AdwEntryRow *row,
           GDate       *date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean ok;

  g_date_clear (date, 1);
  ok = *text == '\0' || harley_parse_date (text, date, NULL);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return g_date_valid (date) ? date : NULL;
}

static void
apply_filter (HarleyAuditWindow *self)
{
  guint user = adw_combo_row_get_selected (self->user_row);
  guint action = adw_combo_row_get_selected (self->action_row);
  HarleyAuditFilter filter = { 0 };
  GDate from, to;

  if (!self->ready)
    return;
  filter.patient_id = harley_patient_picker_get_patient_id (self->patient_picker);
  if (user != GTK_INVALID_LIST_POSITION && user > 0)
    filter.who = self->users[user - 1];
  if (action != GTK_INVALID_LIST_POSITION && action > 0)
    filter.action = harley_audit_actions ()[action - 1];
  filter.from = read_date (self->from_row, &from);
  filter.to = read_date (self->to_row, &to);
  harley_audit_list_set_filter (self->entries, &filter);
  show_status (self);
}

static void
on_filter_changed_cb (HarleyAuditWindow *self)
{
  apply_filter (self);
}

static void
fill_choices (HarleyAuditWindow *self)
{
  g_autoptr(GtkStringList) users = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const char * const *all = harley_audit_actions ();

  if ((self->users = harley_audit_list_users (self->store, &error)) == NULL)
    {
      g_warning ("The audit trail's users could not be read: %s", error->message);
      self->users = g_new0 (char *, 1);
    }
  gtk_string_list_append (users, _("Everyone"));
  for (guint i = 0; self->users[i] != NULL; i++)
    gtk_string_list_append (users, self->users[i]);
  gtk_string_list_append (actions, _("Anything"));
  for (guint i = 0; all[i] != NULL; i++)
    gtk_string_list_append (actions, harley_audit_action_label (all[i]));
  adw_combo_row_set_model (self->user_row, G_LIST_MODEL (users));
  adw_combo_row_set_model (self->action_row, G_LIST_MODEL (actions));
}

/* Checking {{{1 */

/**
 * harley_audit_window_check:
 * @self: a #HarleyAuditWindow
 * @message: (out) (optional) (transfer full): what was found, in words
 *
 * Checks the whole trail, as "Check the Trail" does, without the dialog.
 *
 * Returns: %TRUE when the trail is whole
 */
gboolean
harley_audit_window_check (HarleyAuditWindow  *self,
                           char              **message)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  g_return_val_if_fail (HARLEY_IS_AUDIT_WINDOW (self), FALSE);

  if (!harley_audit_verify (self->store, NULL, &error) || (n = harley_audit_count (self->store, &error)) < 0)
    {
      if (message != NULL)
        *message = g_strdup (error->message);
      return FALSE;
    }
  if (message != NULL)
    *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "No entry has been changed, removed or added behind Harley’s "
                                             "back: the %" G_GINT64_FORMAT " entry was checked.",
                                             "No entry has been changed, removed or added behind Harley’s "
                                             "back: all %" G_GINT64_FORMAT " entries were checked, from the "
                                             "first to the last.", n), n);
  return TRUE;
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarleyAuditWindow *self = HARLEY_AUDIT_WINDOW (widget);
  g_autofree char *message = NULL;
  gboolean whole = harley_audit_window_check (self, &message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              whole ? _("The Audit Trail Is Whole")
                                                    : _("The Audit Trail Is Broken"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
every_patient_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  harley_audit_window_set_patient (HARLEY_AUDIT_WINDOW (widget), 0);
}

/* Object {{{1 */

/**
 * harley_audit_window_new:
 * @parent: (nullable): the main window
 * @store: the practice database
 *
 * Returns: (transfer none): the window, showing the whole trail, to present
 */
HarleyAuditWindow *
harley_audit_window_new (GtkWindow   *parent,
                         HarleyStore *store)
{
  HarleyAuditWindow *self = g_object_new (HARLEY_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  g_autoptr(GtkNoSelection) selection = NULL;

  self->store = g_object_ref (store);
  self->entries = harley_audit_list_new (store, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  harley_patient_picker_set_store (self->patient_picker, store);
  fill_choices (self);
  self->ready = TRUE;
  show_status (self);
  return self;
}

/**
 * harley_audit_window_get_entries:
 *
 * Returns: (transfer none): the entries shown, newest first
 */
GListModel *
harley_audit_window_get_entries (HarleyAuditWindow *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_WINDOW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

/* The patient whose entries to show, or 0 for everyone's */
void
harley_audit_window_set_patient (HarleyAuditWindow *self,
                                 gint64             patient_id)
{
  g_return_if_fail (HARLEY_IS_AUDIT_WINDOW (self));
  harley_patient_picker_set_patient_id (self->patient_picker, patient_id);
}

/* The user whose entries to show, or NULL for everyone's */
void
harley_audit_window_set_user (HarleyAuditWindow *self,
                              const char        *user)
{
  guint position = 0;

  g_return_if_fail (HARLEY_IS_AUDIT_WINDOW (self));

  for (guint i = 0; user != NULL && self->users[i] != NULL; i++)
    if (g_str_equal (self->users[i], user))
      position = i + 1;
  adw_combo_row_set_selected (self->user_row, position);
}

static void
harley_audit_window_dispose (GObject *object)
{
  HarleyAuditWindow *self = HARLEY_AUDIT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->entries);
  g_clear_object (&self->store);
  g_clear_pointer (&self->users, g_strfreev);

  G_OBJECT_CLASS (harley_audit_window_parent_class)->dispose (object);
}

static void
harley_audit_window_class_init (HarleyAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_audit_window_dispose;

  g_type_ensure (HARLEY_TYPE_PATIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/audit/harley-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, action_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, from_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, to_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, patient_picker);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, HarleyAuditWindow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "audit.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "audit.every-patient", NULL, every_patient_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harley_audit_window_init (HarleyAuditWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  harley_audit_columns_add (self->column_view, TRUE);
}
