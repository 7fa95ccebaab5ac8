/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-preferences"

/* Preferences → Letters: the letter templates, each opened in a
 * HarleyTemplateEditor, which saves it; and where the window envelope's
 * address window is, saved with the rest of Preferences when they close,
 * with a calibration sheet to print and try in an envelope. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-letter-pdf.h"
#include "harley-letter.h"
#include "harley-pdf-print.h"
#include "harley-pdf-save.h"
#include "harley-preferences-letters-private.h"
#include "harley-template-editor.h"

enum { LEFT, TOP, WIDTH, HEIGHT, N_SIDES };

struct _HarleyPreferencesLetters
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *templates_group;
  GtkListBox           *template_list;
  GtkWidget            *new_template_row;
  GtkSpinButton        *left_spin;
  GtkSpinButton        *top_spin;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;

  /* Owned references */
  HarleyStore          *store;
  GPtrArray            *templates;     /* HarleyLetterTemplate, in the list's order */

  double                saved[N_SIDES];  /* the window as saved, to write only a change */
};

G_DEFINE_FINAL_TYPE (HarleyPreferencesLetters, harley_preferences_letters, ADW_TYPE_PREFERENCES_PAGE)

static GtkWindow *
get_window (HarleyPreferencesLetters *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (HarleyPreferencesLetters *self,
       const char               *message)
{
  GtkWindow *window = get_window (self);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
}

/* The templates {{{1 */

static GtkWidget *
new_shipped_tag (void)
{
  GtkWidget *tag = gtk_label_new (_("Shipped with Harley"));

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "harley-tag");
  gtk_widget_set_tooltip_text (tag, _("Came with Harley; it can be changed like any other"));
  return tag;
}

static GtkWidget *
new_edit_button (gint64 id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Edit"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "letters.edit-template");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

static GtkWidget *
new_template_row (const HarleyLetterTemplate *template)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), template->name);
  if (template->description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), template->description);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "letters.edit-template");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", template->id);
  if (template->shipped)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_shipped_tag ());
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_edit_button (template->id));
  return row;
}

static void
remove_template_rows (HarleyPreferencesLetters *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->template_list))) != self->new_template_row)
    gtk_list_box_remove (self->template_list, row);
}

/* Read again after each change in an editor */
static void
load_templates (HarleyPreferencesLetters *self)
{
  g_autoptr(GError) error = NULL;

  remove_template_rows (self);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  if ((self->templates = harley_letter_template_list (self->store, &error)) == NULL)
    {
      adw_preferences_group_set_description (self->templates_group, error->message);
      return;
    }
  for (guint i = 0; i < self->templates->len; i++)
    gtk_list_box_insert (self->template_list, new_template_row (g_ptr_array_index (self->templates, i)), (int) i);
}

static const HarleyLetterTemplate *
find_template (HarleyPreferencesLetters *self,
               gint64                    id)
{
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      const HarleyLetterTemplate *template = g_ptr_array_index (self->templates, i);

      if (template->id == id)
        return template;
    }
  return NULL;
}

static void
open_editor (HarleyPreferencesLetters   *self,
             const HarleyLetterTemplate *template)
{
  HarleyTemplateEditor *editor = harley_template_editor_new (get_window (self), self->store, template);

  g_signal_connect_object (editor, "changed", G_CALLBACK (load_templates), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* letters.edit-template (x): the template of that id */
static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleyPreferencesLetters *self = HARLEY_PREFERENCES_LETTERS (widget);
  const HarleyLetterTemplate *template = find_template (self, g_variant_get_int64 (parameter));

  if (template != NULL)
    open_editor (self, template);
}

static void
new_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_editor (HARLEY_PREFERENCES_LETTERS (widget), NULL);
}

/* The window envelope {{{1 */

static GtkSpinButton *
spin_for (HarleyPreferencesLetters *self,
          guint                     side)
{
  GtkSpinButton *spins[N_SIDES] = { self->left_spin, self->top_spin, self->width_spin, self->height_spin };

  return spins[side];
}

/* As shown, with what was typed but not yet entered */
static void
read_box (HarleyPreferencesLetters *self,
          double                    box[N_SIDES])
{
  for (guint i = 0; i < N_SIDES; i++)
    {
      gtk_spin_button_update (spin_for (self, i));
      box[i] = gtk_spin_button_get_value (spin_for (self, i));
    }
}

static void
show_box (HarleyPreferencesLetters *self,
          const double              box[N_SIDES])
{
  for (guint i = 0; i < N_SIDES; i++)
    gtk_spin_button_set_value (spin_for (self, i), box[i]);
}

static void
load_box (HarleyPreferencesLetters *self)
{
  harley_letter_window_box_load (self->store, &self->saved[LEFT], &self->saved[TOP], &self->saved[WIDTH],
                                 &self->saved[HEIGHT]);
  show_box (self, self->saved);
}

/* letters.reset-window: shown, and saved with the rest */
static void
reset_window_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const double standard[N_SIDES] = {
    HARLEY_LETTER_WINDOW_LEFT_MM, HARLEY_LETTER_WINDOW_TOP_MM,
    HARLEY_LETTER_WINDOW_WIDTH_MM, HARLEY_LETTER_WINDOW_HEIGHT_MM,
  };

  show_box (HARLEY_PREFERENCES_LETTERS (widget), standard);
}

static gboolean
box_changed (HarleyPreferencesLetters *self,
             const double              box[N_SIDES])
{
  for (guint i = 0; i < N_SIDES; i++)
    if (box[i] != self->saved[i])
      return TRUE;
  return FALSE;
}

/**
 * _harley_preferences_letters_save:
 * @self: the Letters page
 * @error: where to put a failure
 *
 * Writes the envelope's window, if it changed. A window that is not on
 * the paper is refused, and the page shown.
 */
gboolean
_harley_preferences_letters_save (HarleyPreferencesLetters  *self,
                                  GError                   **error)
{
  double box[N_SIDES];
  GtkWindow *window = get_window (self);

  g_return_val_if_fail (HARLEY_IS_PREFERENCES_LETTERS (self), FALSE);

  read_box (self, box);
  if (!box_changed (self, box))
    return TRUE;
  if (!harley_letter_window_box_save (self->store, box[LEFT], box[TOP], box[WIDTH], box[HEIGHT], error))
    {
      if (ADW_IS_PREFERENCES_WINDOW (window))
        adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (self));
      return FALSE;
    }
  memcpy (self->saved, box, sizeof box);
  return TRUE;
}

/* The calibration sheet {{{1 */

/* For the window as shown, saved or not, so she can try a change first */
static GBytes *
render_calibration (HarleyPreferencesLetters  *self,
                    GError                   **error)
{
  HarleyLetterLayout layout;
  double box[N_SIDES];

  read_box (self, box);
  harley_letter_layout_init (&layout);
  layout.window_left_mm = box[LEFT];
  layout.window_top_mm = box[TOP];
  layout.window_width_mm = box[WIDTH];
  layout.window_height_mm = box[HEIGHT];
  return harley_letter_calibration_render (&layout, error);
}

/* Prints, or with @export_path writes what would print to that file */
static void
print_calibration (HarleyPreferencesLetters *self,
                   const char               *export_path)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  GBytes *pdf = render_calibration (self, &error);

  if (pdf != NULL)
    {
      g_ptr_array_add (documents, pdf);
      harley_pdf_print_run (get_window (self), documents, _("Window envelope calibration sheet"), export_path,
                            &error);
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
print_calibration_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  print_calibration (HARLEY_PREFERENCES_LETTERS (widget), NULL);
}

/* letters.export-calibration ("path"): printed to a file, also for tests */
static void
export_calibration_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  print_calibration (HARLEY_PREFERENCES_LETTERS (widget), g_variant_get_string (parameter, NULL));
}

/* Whole or not at all, and never over the practice's records */
static gboolean
write_calibration (HarleyPreferencesLetters  *self,
                   const char                *path,
                   GError                   **error)
{
  g_autoptr(GBytes) pdf = render_calibration (self, error);

  return pdf != NULL && harley_pdf_save_bytes (self->store, pdf, path, error);
}

static void
save_calibration_to (HarleyPreferencesLetters *self,
                     const char               *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;

  if (!write_calibration (self, path, &error))
    {
      toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Saved “%s”"), name);
  toast (self, message);
}

/* letters.save-calibration-to ("path"): what the file chooser does, also
 * for tests */
static void
save_calibration_to_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  save_calibration_to (HARLEY_PREFERENCES_LETTERS (widget), g_variant_get_string (parameter, NULL));
}

static void
save_chosen_cb (GtkWidget  *widget,
                const char *path)
{
  save_calibration_to (HARLEY_PREFERENCES_LETTERS (widget), path);
}

static void
save_calibration_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  harley_pdf_save_choose (widget, _("Save Calibration Sheet"), _("Calibration sheet.pdf"), save_chosen_cb);
}

/* Object {{{1 */

/**
 * _harley_preferences_letters_new:
 * @store: the practice database
 *
 * Returns: (transfer floating): the Letters page, for Preferences
 */
HarleyPreferencesLetters *
_harley_preferences_letters_new (HarleyStore *store)
{
  HarleyPreferencesLetters *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  self = g_object_new (HARLEY_TYPE_PREFERENCES_LETTERS, NULL);
  self->store = g_object_ref (store);
  load_templates (self);
  load_box (self);
  return self;
}

static void
harley_preferences_letters_dispose (GObject *object)
{
  HarleyPreferencesLetters *self = HARLEY_PREFERENCES_LETTERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PREFERENCES_LETTERS);
  g_clear_object (&self->store);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_preferences_letters_parent_class)->dispose (object);
}

static void
harley_preferences_letters_class_init (HarleyPreferencesLettersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_preferences_letters_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/preferences/harley-preferences-letters.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, templates_group);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, template_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, new_template_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, left_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, top_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, width_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesLetters, height_spin);

  gtk_widget_class_install_action (widget_class, "letters.new-template", NULL, new_template_action);
  gtk_widget_class_install_action (widget_class, "letters.edit-template", "x", edit_template_action);
  gtk_widget_class_install_action (widget_class, "letters.reset-window", NULL, reset_window_action);
  gtk_widget_class_install_action (widget_class, "letters.print-calibration", NULL, print_calibration_action);
  gtk_widget_class_install_action (widget_class, "letters.export-calibration", "s", export_calibration_action);
  gtk_widget_class_install_action (widget_class, "letters.save-calibration", NULL, save_calibration_action);
  gtk_widget_class_install_action (widget_class, "letters.save-calibration-to", "s", save_calibration_to_action);
}

static void
harley_preferences_letters_init (HarleyPreferencesLetters *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
