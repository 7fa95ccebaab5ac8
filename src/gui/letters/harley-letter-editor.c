/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-editor"

/* One letter: its text on the left, as the secretary types it, and on
 * the right the letter as it will print, drawn again after each pause in
 * typing. Drafts save themselves a second after the typing stops (and on
 * Ctrl+S); an approved, sent or filed letter shows the PDF that was
 * approved, byte for byte, and is changed only on purpose. */

#include <glib/gi18n-lib.h>

#include "harley-letter-draw.h"
#include "harley-letter-editor-private.h"
#include "harley-letter-text.h"
#include "harley-register.h"
#include "harley-validate.h"
#include "harley-window.h"

G_DEFINE_FINAL_TYPE (HarleyLetterEditor, harley_letter_editor, ADW_TYPE_BIN)

#define SAVE_DELAY_MS    1000
#define PREVIEW_DELAY_MS 400

guint _harley_letter_editor_signals[N_SIGNALS];

void
_harley_letter_editor_toast (HarleyLetterEditor *self,
                             const char         *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HARLEY_IS_WINDOW (root))
    harley_window_toast (HARLEY_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static gboolean
is_editable (HarleyLetterEditor *self)
{
  if (self->letter == NULL)
    return FALSE;
  if (self->letter->state == HARLEY_LETTER_APPROVED)
    return self->unlocked;
  return self->letter->state < HARLEY_LETTER_APPROVED;
}

/* The preview {{{1 */

static void
show_preview (HarleyLetterEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->letter == NULL)
    return;
  if (self->letter->state >= HARLEY_LETTER_APPROVED && !self->unlocked)
    pdf = harley_letter_get_approved_pdf (self->store, self->letter->id, &error);
  else
    pdf = harley_letter_draw (self->store, self->letter, 0, NULL, &error);
  if (pdf == NULL)
    _harley_letter_editor_toast (self, error->message);
  harley_letter_preview_set_pdf (self->preview, pdf);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  HarleyLetterEditor *self = data;

  self->preview_source = 0;
  show_preview (self);
  return G_SOURCE_REMOVE;
}

/* Saving {{{1 */

static char *
dup_text (HarleyLetterEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_saved (HarleyLetterEditor *self)
{
  g_autoptr(GDateTime) updated = g_date_time_new_from_iso8601 (self->letter->updated_at, NULL);
  g_autoptr(GDateTime) local = updated != NULL ? g_date_time_to_local (updated) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;
  g_autofree char *text = NULL;

  if (self->dirty)
    text = g_strdup (_("Not saved yet"));
  else if (when != NULL && is_editable (self))
    text = g_strdup_printf (_("Saved at %s"), when);
  gtk_label_set_text (self->save_label, text != NULL ? text : "");
}

/**
 * harley_letter_editor_save:
 *
 * Saves what has been typed, now. An approved letter that was changed
 * becomes its next version, typed, needing approval again.
 *
 * Returns: %FALSE, with @error, if it could not be saved: the text stays
 *   on screen, to save again
 */
gboolean
harley_letter_editor_save (HarleyLetterEditor  *self,
                           GError             **error)
{
  g_autofree char *text = NULL;
  HarleyLetterState before;

  g_return_val_if_fail (HARLEY_IS_LETTER_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->letter == NULL || !self->dirty)
    return TRUE;
  text = dup_text (self);
  before = self->letter->state;
  if (!harley_letter_set_body (self->store, self->letter->id, text, error))
    {
      gtk_label_set_text (self->save_label, _("Not saved"));
      return FALSE;
    }
  self->dirty = FALSE;
  _harley_letter_editor_reload (self);
  if (self->letter != NULL && self->letter->state != before)
    g_signal_emit (self, _harley_letter_editor_signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer data)
{
  HarleyLetterEditor *self = data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!harley_letter_editor_save (self, &error))
    _harley_letter_editor_toast (self, error->message);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (GtkTextBuffer      *buffer,
                      HarleyLetterEditor *self)
{
  harley_letter_text_highlight (buffer);
  if (self->loading || self->letter == NULL)
    return;
  self->dirty = TRUE;
  g_free (self->letter->body);
  self->letter->body = dup_text (self);
  show_saved (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

/* Showing a letter {{{1 */

char *
_harley_letter_editor_dup_patient_name (HarleyLetterEditor *self)
{
  g_autoptr(HarleyPatient) patient = harley_register_load (self->store, self->letter->patient_id, NULL);

  return patient != NULL ? harley_patient_dup_full_name (patient) : g_strdup (_("A patient no longer on file"));
}

static char *
describe_recipients (HarleyLetterEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (self->letter->recipients, i);
      g_autofree char *name = harley_letter_dup_recipient_name (self->store, self->letter->patient_id, r);
      g_autofree char *sent = NULL;

      if (r->sent_at != NULL)
        /* TRANSLATORS: after a recipient's name, how the letter went */
        sent = g_strdup_printf (_(" (sent by %s)"), g_strcmp0 (r->sent_method, "by-hand") == 0 ? _("hand")
                                                   : g_strcmp0 (r->sent_method, "email") == 0 ? _("email")
                                                   : _("post"));
      /* TRANSLATORS: "To Dr Amir Khan" or "copy to Jane Doe" */
      g_string_append_printf (text, "%s%s %s%s", i > 0 ? " · " : "", r->copy ? _("copy to") : _("To"), name,
                              sent != NULL ? sent : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_heading (HarleyLetterEditor *self)
{
  g_autofree char *patient = _harley_letter_editor_dup_patient_name (self);
  g_autofree char *title = g_strdup_printf ("%s — %s", patient, self->letter->subject ? self->letter->subject : "");
  g_autofree char *recipients = describe_recipients (self);
  /* TRANSLATORS: the letter's state, its version, then who it goes to */
  g_autofree char *details = g_strdup_printf (_("%s, version %d · %s"), harley_letter_state_label (self->letter->state),
                                              self->letter->version, recipients);
  g_autofree char *notice = NULL;

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->details_label, details);
  if (self->letter->state == HARLEY_LETTER_AWAITING_CORRECTION && self->letter->correction != NULL)
    notice = g_strdup_printf (_("To correct: %s"), self->letter->correction);
  else if (self->letter->state == HARLEY_LETTER_APPROVED && self->unlocked)
    notice = g_strdup (_("Changing this letter makes a new version, which needs approval again."));
  else if (self->letter->state >= HARLEY_LETTER_APPROVED)
    notice = g_strdup (_("Approved: the preview shows the letter exactly as it was approved."));
  gtk_label_set_text (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}

static void
show_state (HarleyLetterEditor *self)
{
  HarleyLetterState state = self->letter->state;
  gboolean approved = state >= HARLEY_LETTER_APPROVED;
  gboolean editable = is_editable (self);
  struct { GtkWidget *button; const char *action; gboolean shown; } steps[] = {
    { self->typed_button, "letter.mark-typed",
      state == HARLEY_LETTER_DRAFT || state == HARLEY_LETTER_AWAITING_CORRECTION },
    { self->for_approval_button, "letter.send-for-approval", state == HARLEY_LETTER_TYPED },
    { self->send_back_button, "letter.send-back", state == HARLEY_LETTER_AWAITING_APPROVAL },
    { self->approve_button, "letter.approve",
      state == HARLEY_LETTER_TYPED || state == HARLEY_LETTER_AWAITING_APPROVAL },
    { self->print_button, "letter.print", approved && !self->unlocked },
    { self->print_button, "letter.print-letter-only", approved && !self->unlocked },
    { self->sent_button, "letter.record-sent", approved && state != HARLEY_LETTER_FILED && !self->unlocked },
    { self->file_button, "letter.file", state == HARLEY_LETTER_SENT },
    { self->change_button, "letter.change", state == HARLEY_LETTER_APPROVED && !self->unlocked },
    { self->save_pdf_button, "letter.save-pdf", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gtk_widget_set_visible (steps[i].button, steps[i].shown);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), steps[i].action, steps[i].shown);
    }
  gtk_text_view_set_editable (self->text_view, editable);
  gtk_text_view_set_cursor_visible (self->text_view, editable);
  gtk_widget_set_sensitive (self->format_bar, editable);
  /* Approval freezes each copy as addressed, so who it goes to is fixed then */
  gtk_widget_set_visible (GTK_WIDGET (self->recipients_button), state < HARLEY_LETTER_APPROVED);
  show_saved (self);
}

static void
fill_text (HarleyLetterEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;

  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, self->letter->body != NULL ? self->letter->body : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->loading = FALSE;
}

/* Reads the letter again after a step, keeping what is on screen. */
void
_harley_letter_editor_reload (HarleyLetterEditor *self)
{
  g_autoptr(GError) error = NULL;
  HarleyLetter *letter;

  if (self->letter == NULL)
    return;
  if ((letter = harley_letter_load (self->store, self->letter->id, &error)) == NULL)
    {
      _harley_letter_editor_toast (self, error->message);
      return;
    }
  if (letter->state != HARLEY_LETTER_APPROVED)
    self->unlocked = FALSE;
  g_clear_pointer (&self->letter, harley_letter_free);
  self->letter = letter;
  show_heading (self);
  show_state (self);
}

/* After a step of the letter's life: show it, say so, tell the page. */
void
_harley_letter_editor_step_done (HarleyLetterEditor *self,
                                 const char         *message)
{
  _harley_letter_editor_reload (self);
  show_preview (self);
  if (message != NULL)
    _harley_letter_editor_toast (self, message);
  g_signal_emit (self, _harley_letter_editor_signals[SIGNAL_CHANGED], 0);
}

/**
 * harley_letter_editor_open:
 * @id: the letter to show, or 0 for none
 *
 * Saves what was typed in the letter on screen, then shows @id.
 */
gboolean
harley_letter_editor_open (HarleyLetterEditor  *self,
                           gint64               id,
                           GError             **error)
{
  g_autoptr(HarleyLetter) letter = NULL;

  g_return_val_if_fail (HARLEY_IS_LETTER_EDITOR (self), FALSE);

  if (!harley_letter_editor_save (self, error))
    return FALSE;
  if (id > 0 && (letter = harley_letter_load (self->store, id, error)) == NULL)
    return FALSE;
  g_clear_pointer (&self->letter, harley_letter_free);
  self->letter = g_steal_pointer (&letter);
  self->unlocked = FALSE;
  gtk_stack_set_visible_child_name (self->stack, self->letter != NULL ? "letter" : "empty");
  if (self->letter == NULL)
    {
      harley_letter_preview_set_pdf (self->preview, NULL);
      return TRUE;
    }
  fill_text (self);
  show_heading (self);
  show_state (self);
  show_preview (self);
  return TRUE;
}

gint64
harley_letter_editor_get_letter_id (HarleyLetterEditor *self)
{
  g_return_val_if_fail (HARLEY_IS_LETTER_EDITOR (self), 0);

  return self->letter != NULL ? self->letter->id : 0;
}

GtkTextView *
harley_letter_editor_get_text_view (HarleyLetterEditor *self)
{
  return self->text_view;
}

void
harley_letter_editor_set_store (HarleyLetterEditor *self,
                                HarleyStore        *store)
{
  g_return_if_fail (HARLEY_IS_LETTER_EDITOR (self));

  g_set_object (&self->store, store);
}

/* GObject {{{1 */

static void
harley_letter_editor_dispose (GObject *object)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (object);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !harley_letter_editor_save (self, &error))
    g_warning ("The letter's last words could not be saved: %s", error->message);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_pointer (&self->letter, harley_letter_free);
  g_clear_object (&self->spelling);
  g_clear_object (&self->store);
  /* AdwBin unparents its child itself, which the template then must not */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_LETTER_EDITOR);
  G_OBJECT_CLASS (harley_letter_editor_parent_class)->dispose (object);
}

static void
harley_letter_editor_class_init (HarleyLetterEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_letter_editor_dispose;

  /**
   * HarleyLetterEditor::changed:
   *
   * The letter took a step of its life (typed, approved, sent…), so the
   * worklists change.
   */
  _harley_letter_editor_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HARLEY_TYPE_LETTER_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/letters/harley-letter-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, details_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, format_bar);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, recipients_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, change_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, save_pdf_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, file_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, sent_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, approve_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, send_back_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, for_approval_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterEditor, typed_button);
  _harley_letter_editor_class_actions_init (widget_class);
  _harley_letter_editor_class_recipients_init (widget_class);
}

static void
harley_letter_editor_init (HarleyLetterEditor *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->text_view);
  harley_letter_text_install_tags (buffer);
  /* The whole width of an A4 page beside the text, on a laptop's screen */
  harley_letter_preview_set_zoom (self->preview, 0.6);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
  _harley_letter_editor_recipients_init (self);
  self->spelling = harley_spell_checker_new ("en_GB");
  harley_spell_checker_attach (self->spelling, self->text_view);
}
