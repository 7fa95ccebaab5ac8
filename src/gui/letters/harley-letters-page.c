/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letters-page"

/* The Letters section: the worklists with their counts on the left
 * (to type, awaiting approval, awaiting correction, ready to send, sent
 * today), the letters on the chosen one in the middle, the longest
 * waiting first, and the letter itself on the right. A worklist is tens
 * of letters, read by SQLite, so its rows are built directly. */

#include <glib/gi18n-lib.h>

#include "harley-letter-draw.h"
#include "harley-letters-page-private.h"
#include "harley-register.h"
#include "harley-validate.h"
#include "harley-window.h"

G_DEFINE_FINAL_TYPE (HarleyLettersPage, harley_letters_page, ADW_TYPE_BIN)

static const char * const empty_texts[HARLEY_WORKLIST_N] = {
  N_("Nothing to type. Start a letter with New Letter."),
  N_("No letters are waiting for the clinician's approval."),
  N_("No letters have been sent back for correction."),
  N_("Nothing is waiting to be printed and sent."),
  N_("No letters have been sent today."),
};

/* Worklists {{{1 */

static GtkWidget *
build_worklist_row (HarleyLettersPage    *self,
                    HarleyLetterWorklist  worklist)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (harley_letter_worklist_label (worklist));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  self->counts[worklist] = GTK_LABEL (count);
  return box;
}

static void
update_counts (HarleyLettersPage *self)
{
  for (guint i = 0; i < HARLEY_WORKLIST_N; i++)
    {
      guint n = harley_letter_worklist_count (self->store, i);
      g_autofree char *text = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");
      g_autofree char *accessible = g_strdup_printf ("%s, %u", harley_letter_worklist_label (i), n);
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self->counts[i]), GTK_TYPE_LIST_BOX_ROW);

      gtk_label_set_text (self->counts[i], text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
}

/* The letters {{{1 */

static GtkWidget *
build_letter_row (HarleyLettersPage  *self,
                  const HarleyLetter *letter)
{
  g_autoptr(HarleyPatient) patient = harley_register_load (self->store, letter->patient_id, NULL);
  g_autofree char *name = patient != NULL ? harley_patient_dup_full_name (patient) : g_strdup (_("Unknown patient"));
  g_autofree char *to = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GDateTime) updated = g_date_time_new_from_iso8601 (letter->updated_at, NULL);
  g_autoptr(GDateTime) local = updated != NULL ? g_date_time_to_local (updated) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%d/%m/%Y") : g_strdup ("");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *date = gtk_label_new (when);

  if (letter->recipients->len > 0)
    to = harley_letter_dup_recipient_name (self->store, letter->patient_id,
                                           g_ptr_array_index (letter->recipients, 0));
  /* TRANSLATORS: the letter's subject, its state, and who it goes to */
  subtitle = g_strdup_printf (_("%s · %s · to %s"), letter->subject ? letter->subject : "",
                              harley_letter_state_label (letter->state), to ? to : _("nobody yet"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), date);
  g_object_set_data (G_OBJECT (row), "letter-id", GSIZE_TO_POINTER ((gsize) letter->id));
  return row;
}

static gint64
row_letter_id (GtkListBoxRow *row)
{
  return row != NULL ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "letter-id")) : 0;
}

static void
select_letter_row (HarleyLettersPage *self,
                   gint64             id)
{
  GtkListBoxRow *row;

  self->filling = TRUE;
  gtk_list_box_unselect_all (self->letter_box);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->letter_box, i)) != NULL; i++)
    if (row_letter_id (row) == id)
      gtk_list_box_select_row (self->letter_box, row);
  self->filling = FALSE;
}

static void
fill_letters (HarleyLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->letter_box))) != NULL)
    gtk_list_box_remove (self->letter_box, child);
  g_clear_pointer (&self->shown, g_array_unref);
  self->shown = harley_letter_worklist_list (self->store, self->worklist, &error);
  for (guint i = 0; self->shown != NULL && i < self->shown->len; i++)
    {
      g_autoptr(HarleyLetter) letter = harley_letter_load (self->store, g_array_index (self->shown, gint64, i), NULL);

      if (letter != NULL)
        gtk_list_box_append (self->letter_box, build_letter_row (self, letter));
    }
  self->filling = FALSE;
  if (error != NULL)
    gtk_label_set_text (self->empty_label, error->message);
  else
    gtk_label_set_text (self->empty_label, _(empty_texts[self->worklist]));
  gtk_stack_set_visible_child_name (self->list_stack, harley_letters_page_get_n_shown (self) > 0 ? "list" : "empty");
  select_letter_row (self, harley_letter_editor_get_letter_id (self->editor));
}

static void
update_header (HarleyLettersPage *self)
{
  guint n = harley_letters_page_get_n_shown (self);

  gtk_label_set_text (self->list_title, harley_letter_worklist_label (self->worklist));
  gtk_widget_set_visible (self->approve_all_button, self->worklist == HARLEY_WORKLIST_AWAITING_APPROVAL && n > 0);
  gtk_widget_set_visible (self->print_all_button, self->worklist == HARLEY_WORKLIST_READY_TO_SEND && n > 0);
}

/**
 * harley_letters_page_refresh:
 *
 * Reads the counts and the chosen worklist again.
 */
void
harley_letters_page_refresh (HarleyLettersPage *self)
{
  g_return_if_fail (HARLEY_IS_LETTERS_PAGE (self));

  update_counts (self);
  fill_letters (self);
  update_header (self);
}

guint
harley_letters_page_get_n_shown (HarleyLettersPage *self)
{
  return self->shown != NULL ? self->shown->len : 0;
}

void
harley_letters_page_show_worklist (HarleyLettersPage    *self,
                                   HarleyLetterWorklist  worklist)
{
  g_return_if_fail (HARLEY_IS_LETTERS_PAGE (self));
  g_return_if_fail (worklist < HARLEY_WORKLIST_N);

  gtk_list_box_select_row (self->worklist_box, gtk_list_box_get_row_at_index (self->worklist_box, worklist));
}

static void
on_worklist_box_row_selected_cb (GtkListBox        *box,
                                 GtkListBoxRow     *row,
                                 HarleyLettersPage *self)
{
  if (row == NULL)
    return;
  self->worklist = gtk_list_box_row_get_index (row);
  fill_letters (self);
  update_header (self);
}

static void
on_letter_box_row_selected_cb (GtkListBox        *box,
                               GtkListBoxRow     *row,
                               HarleyLettersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->filling || row == NULL)
    return;
  if (!harley_letter_editor_open (self->editor, row_letter_id (row), &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (HARLEY_IS_WINDOW (root))
        harley_window_toast (HARLEY_WINDOW (root), error->message);
      select_letter_row (self, harley_letter_editor_get_letter_id (self->editor));
    }
}

/* A step in the editor moves the letter between worklists. */
static void
on_editor_changed_cb (HarleyLetterEditor *editor,
                      HarleyLettersPage  *self)
{
  harley_letters_page_refresh (self);
}

/**
 * harley_letters_page_open_letter:
 * @id: a letter
 *
 * Shows the worklist @id is on (if any) and the letter.
 */
gboolean
harley_letters_page_open_letter (HarleyLettersPage *self,
                                 gint64             id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HARLEY_IS_LETTERS_PAGE (self), FALSE);

  if (!harley_letter_editor_open (self->editor, id, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (HARLEY_IS_WINDOW (root))
        harley_window_toast (HARLEY_WINDOW (root), error->message);
      return FALSE;
    }
  for (guint w = 0; w < HARLEY_WORKLIST_N; w++)
    {
      g_autoptr(GArray) ids = harley_letter_worklist_list (self->store, w, NULL);

      for (guint i = 0; ids != NULL && i < ids->len; i++)
        if (g_array_index (ids, gint64, i) == id)
          {
            harley_letters_page_show_worklist (self, w);
            harley_letters_page_refresh (self);
            return TRUE;
          }
    }
  harley_letters_page_refresh (self);
  return TRUE;
}

HarleyLetterEditor *
harley_letters_page_get_editor (HarleyLettersPage *self)
{
  return self->editor;
}

/* GObject {{{1 */

/**
 * harley_letters_page_new:
 *
 * Returns: (transfer floating): the Letters section
 */
HarleyLettersPage *
harley_letters_page_new (HarleyStore *store)
{
  HarleyLettersPage *self = g_object_new (HARLEY_TYPE_LETTERS_PAGE, NULL);

  self->store = g_object_ref (store);
  harley_letter_editor_set_store (self->editor, store);
  for (guint i = 0; i < HARLEY_WORKLIST_N; i++)
    gtk_list_box_append (self->worklist_box, build_worklist_row (self, i));
  update_counts (self);
  harley_letters_page_show_worklist (self, HARLEY_WORKLIST_TO_TYPE);
  return self;
}

static void
harley_letters_page_dispose (GObject *object)
{
  HarleyLettersPage *self = HARLEY_LETTERS_PAGE (object);

  _harley_letters_page_dispose_batch (self);
  /* AdwBin unparents its child itself, which the template then must not */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_LETTERS_PAGE);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (harley_letters_page_parent_class)->dispose (object);
}

static void
harley_letters_page_class_init (HarleyLettersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_letters_page_dispose;

  g_type_ensure (HARLEY_TYPE_LETTER_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/letters/harley-letters-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, worklist_box);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, approve_all_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, print_all_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, letter_box);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyLettersPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_worklist_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_letter_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_changed_cb);
  _harley_letters_page_class_batch_init (widget_class);
}

static void
harley_letters_page_init (HarleyLettersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
