/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-template-editor"

/* One letter template, changed or new: its name, what it is for, who its
 * letters usually go to, and its letter text. The text is read again a
 * moment after she stops typing, and each problem is listed under it
 * with its place; a click on one puts the cursor there. Save waits until
 * there are none, and the store checks again before writing. */

#include <glib/gi18n-lib.h>

#include "harley-question.h"
#include "harley-template-editor.h"
#include "harley-template.h"

/* How long after the last change the text is read again */
#define CHECK_DELAY_MS 300

struct _HarleyTemplateEditor
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *save_button;
  AdwEntryRow          *name_row;
  AdwEntryRow          *description_row;
  AdwComboRow          *default_to_row;
  GtkLabel             *refusal_label;
  GtkMenuButton        *insert_button;
  GtkListBox           *field_list;
  GtkTextView          *text_view;
  GtkWidget            *problem_area;
  GtkListBox           *problem_list;
  GtkWidget            *archive_button;

  /* Owned references */
  HarleyStore          *store;
  HarleyLetterTemplate *template;     /* as saved; NULL for a new one */
  GPtrArray            *problems;     /* HarleyTemplateProblem, as listed */

  guint                 n_addressees; /* offered in default_to_row */
  guint                 check_id;
  guint                 edited : 1;
  guint                 keep_cursor_in_view : 1;
  guint                 closing : 1;  /* saved, archived or let go */
};

G_DEFINE_FINAL_TYPE (HarleyTemplateEditor, harley_template_editor, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Who a template's letters usually go to, as offered. "Someone in the
 * address book" is offered only to a template that has it already. */
static const struct {
  HarleyRecipientKind  kind;
  const char          *label;
} addressees[] = {
  { HARLEY_RECIPIENT_PATIENT, N_("The patient") },
  { HARLEY_RECIPIENT_GP, N_("The GP") },
  { HARLEY_RECIPIENT_REFERRER, N_("The referrer") },
  { HARLEY_RECIPIENT_INSURER, N_("The insurer") },
  { HARLEY_RECIPIENT_CONTACT, N_("Someone in the address book") },
};

/* What a new template starts with */
#define NEW_BODY "Dear {{patient.title}} {{patient.family_name}}\n\n\n\nYours sincerely"

static GtkTextBuffer *
get_buffer (HarleyTemplateEditor *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

static char *
dup_body (HarleyTemplateEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

/* The problems {{{1 */

static GtkWidget *
new_suggestion_button (const HarleyTemplateProblem *problem,
                       guint                        index)
{
  /* TRANSLATORS: a button that puts the field Harley knows in place of one
   * it does not; %s is its name, "patient.dob" */
  g_autofree char *label = g_strdup_printf (_("Use {{%s}}"), problem->suggestion);
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.use-suggestion");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  return button;
}

static GtkWidget *
new_problem_row (const HarleyTemplateProblem *problem,
                 guint                        index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *message = harley_template_problem_dup_message (problem);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Go to the problem in the letter text"));
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (problem->suggestion != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_suggestion_button (problem, index));
  return row;
}

static void
list_problems (HarleyTemplateEditor *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))) != NULL)
    gtk_list_box_remove (self->problem_list, row);
  for (guint i = 0; i < self->problems->len; i++)
    gtk_list_box_append (self->problem_list, new_problem_row (g_ptr_array_index (self->problems, i), i));
  gtk_widget_set_visible (self->problem_area, self->problems->len > 0);
  /* The list takes room from the text: the line she is typing is kept in
   * view once the text has its new size. */
  self->keep_cursor_in_view = gtk_widget_has_focus (GTK_WIDGET (self->text_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->problems->len == 0);
}

static void
check_text (HarleyTemplateEditor *self)
{
  g_autofree char *body = dup_body (self);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HarleyTemplate) template = harley_template_parse (body, -1, &problems, NULL);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems != NULL ? g_steal_pointer (&problems) : g_ptr_array_new ();
  list_problems (self);
}

static gboolean
check_text_cb (gpointer user_data)
{
  HarleyTemplateEditor *self = user_data;

  self->check_id = 0;
  check_text (self);
  return G_SOURCE_REMOVE;
}

/* Reading the text at each key would list half-typed fields as problems. */
static void
on_text_changed_cb (HarleyTemplateEditor *self)
{
  self->edited = TRUE;
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_text_cb, self);
}

static void
on_text_resized_cb (HarleyTemplateEditor *self)
{
  if (!self->keep_cursor_in_view)
    return;
  self->keep_cursor_in_view = FALSE;
  gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (get_buffer (self)));
}

/* Where a problem is: a column past its line's end is the line's end. */
static void
get_problem_iter (HarleyTemplateEditor        *self,
                  const HarleyTemplateProblem *problem,
                  GtkTextIter                 *iter)
{
  gtk_text_buffer_get_iter_at_line_offset (get_buffer (self), iter, (int) problem->line - 1,
                                           (int) problem->column - 1);
}

static void
go_to_problem (HarleyTemplateEditor *self,
               guint                 index)
{
  GtkTextIter iter;

  if (index >= self->problems->len)
    return;
  get_problem_iter (self, g_ptr_array_index (self->problems, index), &iter);
  gtk_text_buffer_place_cursor (get_buffer (self), &iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (get_buffer (self)),
                                0.1, FALSE, 0, 0);
}

static void
on_problem_activated_cb (HarleyTemplateEditor *self,
                         GtkListBoxRow        *row)
{
  go_to_problem (self, (guint) gtk_list_box_row_get_index (row));
}

/* The unknown field from its "{{" to its "}}", which are on one line */
static gboolean
find_field (HarleyTemplateEditor        *self,
            const HarleyTemplateProblem *problem,
            GtkTextIter                 *start,
            GtkTextIter                 *end)
{
  GtkTextIter limit;

  get_problem_iter (self, problem, start);
  limit = *start;
  gtk_text_iter_forward_to_line_end (&limit);
  return gtk_text_iter_forward_search (start, "}}", GTK_TEXT_SEARCH_TEXT_ONLY, NULL, end, &limit);
}

/* editor.use-suggestion (u): the field meant, in place of the one written,
 * kept as may be empty if it was written so */
static void
use_suggestion_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  const HarleyTemplateProblem *problem;
  g_autofree char *written = NULL;
  g_autofree char *meant = NULL;
  guint index = g_variant_get_uint32 (parameter);
  GtkTextIter start, end;

  if (self->check_id != 0 || index >= self->problems->len)
    return;
  problem = g_ptr_array_index (self->problems, index);
  if (problem->suggestion == NULL || !find_field (self, problem, &start, &end))
    return;
  written = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  meant = g_strdup_printf (g_str_has_suffix (written, "?") ? "{{%s?}}" : "{{%s}}", problem->suggestion);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, meant, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (buffer));
}

/* Inserting a detail {{{1 */

static void
add_field_rows (HarleyTemplateEditor *self)
{
  guint n_fields;
  const HarleyTemplateField *fields = harley_template_list_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *written = g_strdup_printf ("{{%s}}", fields[i].name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), harley_template_field_describe (&fields[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), written);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "editor.insert-detail");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", fields[i].name);
      gtk_list_box_append (self->field_list, row);
    }
}

/* editor.insert-detail (s): "{{name}}" where the cursor is, in place of
 * what is selected */
static void
insert_detail_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *written = NULL;

  gtk_menu_button_popdown (self->insert_button);
  if (harley_template_find_field (name) == NULL)
    return;
  written = g_strdup_printf ("{{%s}}", name);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, written, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* The details {{{1 */

static void
set_addressees (HarleyTemplateEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean contact = self->template != NULL && self->template->default_to == HARLEY_RECIPIENT_CONTACT;

  self->n_addressees = G_N_ELEMENTS (addressees) - (contact ? 0 : 1);
  for (guint i = 0; i < self->n_addressees; i++)
    gtk_string_list_append (labels, _(addressees[i].label));
  adw_combo_row_set_model (self->default_to_row, G_LIST_MODEL (labels));
}

static guint
addressee_index (HarleyTemplateEditor *self,
                 HarleyRecipientKind   kind)
{
  for (guint i = 0; i < self->n_addressees; i++)
    if (addressees[i].kind == kind)
      return i;
  return 0;
}

static HarleyRecipientKind
get_addressee (HarleyTemplateEditor *self)
{
  guint i = adw_combo_row_get_selected (self->default_to_row);

  return addressees[MIN (i, self->n_addressees - 1)].kind;
}

static void
show_refusal (HarleyTemplateEditor *self,
              const char           *message)
{
  if (message != NULL)
    gtk_label_set_text (self->refusal_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), message != NULL);
}

static void
on_edited_cb (HarleyTemplateEditor *self)
{
  self->edited = TRUE;
  show_refusal (self, NULL);
}

/* A name rubbed out is marked at once: it cannot be saved. */
static void
on_name_changed_cb (HarleyTemplateEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  on_edited_cb (self);
  if (*name == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
load (HarleyTemplateEditor *self)
{
  const HarleyLetterTemplate *t = self->template;
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), t != NULL ? t->name : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), t != NULL && t->description ? t->description : "");
  adw_combo_row_set_selected (self->default_to_row,
                              addressee_index (self, t != NULL ? t->default_to : HARLEY_RECIPIENT_PATIENT));
  /* What was saved is not a change to undo */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, t != NULL ? t->body : NEW_BODY, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

  adw_window_title_set_title (self->window_title, t != NULL ? _("Edit Template") : _("New Template"));
  adw_window_title_set_subtitle (self->window_title, t != NULL ? t->name : NULL);
  gtk_widget_set_visible (self->archive_button, t != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", t != NULL);
  check_text (self);
  gtk_widget_grab_focus (t != NULL ? GTK_WIDGET (self->text_view) : GTK_WIDGET (self->name_row));
  self->edited = FALSE;
}

/* Saving and archiving {{{1 */

static gboolean
write_template (HarleyTemplateEditor  *self,
                GError               **error)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  g_autofree char *body = dup_body (self);

  if (self->template == NULL)
    return harley_letter_template_create (self->store, name, description, body, get_addressee (self), error) != 0;
  return harley_letter_template_save (self->store, self->template->id, name, description, body,
                                      get_addressee (self), error);
}

/* Done: the page behind lists the templates again. */
static void
finish (HarleyTemplateEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* editor.save, Ctrl+S */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  /* Typed a moment ago: read now, not when the timer says */
  if (self->check_id != 0)
    check_text (self);
  if (self->problems->len > 0)
    {
      go_to_problem (self, 0);
      return;
    }
  if (!write_template (self, &error))
    {
      /* The text was read without a problem, so it is the name */
      if (g_error_matches (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
        }
      show_refusal (self, error->message);
      return;
    }
  finish (self);
}

static void
on_archive_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        HarleyTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* The question outlives this window by the rest of its answer: it must
   * not be left holding it (GTK 4.8 would unhook a freed window). */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (!harley_letter_template_archive (self->store, self->template->id, &error))
    {
      show_refusal (self, error->message);
      return;
    }
  finish (self);
}

/* editor.archive */
static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (widget);
  /* TRANSLATORS: %s is a letter template's name */
  g_autofree char *heading = g_strdup_printf (_("Archive “%s”?"), self->template->name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), heading,
                            _("It will no longer be offered for new letters. Letters already written "
                              "with it are kept as they are.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "archive", _("_Archive"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response::archive", G_CALLBACK (on_archive_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_discard_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        HarleyTemplateEditor *self)
{
  if (g_strcmp0 (response, HARLEY_ANSWER_DISCARD) != 0)
    return;
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
harley_template_editor_close_request (GtkWindow *window)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (window);
  gboolean is_new = self->template == NULL;

  if (self->closing || !self->edited)
    return GTK_WINDOW_CLASS (harley_template_editor_parent_class)->close_request (window);
  harley_ask_before_losing (GTK_WIDGET (window),
                            is_new ? _("Discard the New Template?") : _("Discard the Changes?"),
                            is_new ? _("What has been typed for the new template will be lost.")
                                   : _("The template stays as it was last saved."),
                            _("_Keep Editing"), _("_Discard"), G_CALLBACK (on_discard_response_cb), self);
  return TRUE;
}

/* Object {{{1 */

static HarleyLetterTemplate *
copy_template (const HarleyLetterTemplate *template)
{
  HarleyLetterTemplate *copy = g_memdup2 (template, sizeof *template);

  copy->name = g_strdup (template->name);
  copy->description = g_strdup (template->description);
  copy->body = g_strdup (template->body);
  return copy;
}

/**
 * harley_template_editor_new:
 * @parent: the window it is over
 * @store: the practice database
 * @template: (nullable): the template to change, or %NULL for a new one
 *
 * Emits ::changed once the template is saved, added or archived, then
 * closes.
 *
 * Returns: (transfer none): the editor, to present
 */
HarleyTemplateEditor *
harley_template_editor_new (GtkWindow                  *parent,
                            HarleyStore                *store,
                            const HarleyLetterTemplate *template)
{
  HarleyTemplateEditor *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  self = g_object_new (HARLEY_TYPE_TEMPLATE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->template = template != NULL ? copy_template (template) : NULL;
  set_addressees (self);
  load (self);
  return self;
}

static void
harley_template_editor_dispose (GObject *object)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_TEMPLATE_EDITOR);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_template_editor_parent_class)->dispose (object);
}

static void
harley_template_editor_finalize (GObject *object)
{
  HarleyTemplateEditor *self = HARLEY_TEMPLATE_EDITOR (object);

  g_clear_pointer (&self->template, harley_letter_template_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_template_editor_parent_class)->finalize (object);
}

static void
harley_template_editor_class_init (HarleyTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = harley_template_editor_dispose;
  object_class->finalize = harley_template_editor_finalize;
  window_class->close_request = harley_template_editor_close_request;

  /**
   * HarleyTemplateEditor::changed:
   *
   * The template was saved, added or archived.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/preferences/harley-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, default_to_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, insert_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, field_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, problem_area);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, problem_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyTemplateEditor, archive_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.insert-detail", "s", insert_detail_action);
  gtk_widget_class_install_action (widget_class, "editor.use-suggestion", "u", use_suggestion_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harley_template_editor_init (HarleyTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->problems = g_ptr_array_new ();
  add_field_rows (self);
  g_signal_connect_object (get_buffer (self), "changed", G_CALLBACK (on_text_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), "changed",
                           G_CALLBACK (on_text_resized_cb), self, G_CONNECT_SWAPPED);
}
