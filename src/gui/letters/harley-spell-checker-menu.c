/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-spell-checker"

/* The corrections on the text view's context menu.
 *
 * GTK 4's text view has no signal to fill its menu as it opens; it shows
 * an "extra menu" model instead. So the word under the pointer is found
 * on the right-click itself, in the capture phase, before the view opens
 * the menu, and the model is rebuilt for it; Shift+F10 and the Menu key
 * do the same for the word at the cursor. The items activate actions of
 * the "spelling" group the checker puts on the view.
 */

#include <glib/gi18n-lib.h>

#include "harley-spell-checker-private.h"

/* Actions {{{1 */

/* The actions for the word under the menu. */
static const char *word_actions[] = { "replace", "add", "ignore" };

static void
set_actions_enabled (HarleySpellChecker *self,
                     gboolean            enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (word_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), word_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

static void
forget_word (HarleySpellChecker *self)
{
  g_clear_pointer (&self->menu_word, g_free);
  set_actions_enabled (self, FALSE);
}

static void
clear_menu (HarleySpellChecker *self)
{
  g_menu_remove_all (self->menu);
  forget_word (self);
}

/* The word the menu was made for, if it is still there as it was. */
static gboolean
get_menu_word (HarleySpellChecker *self,
               GtkTextIter        *start,
               GtkTextIter        *end)
{
  g_autofree char *text = NULL;

  if (self->menu_word == NULL || self->buffer == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->menu_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->menu_end);
  text = gtk_text_iter_get_slice (start, end);
  return g_strcmp0 (text, self->menu_word) == 0;
}

/* One user action, so that Ctrl+Z puts the misspelt word back. */
static void
replace_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  HarleySpellChecker *self = data;
  gboolean editable = self->view == NULL || gtk_text_view_get_editable (self->view);
  GtkTextIter start;
  GtkTextIter end;

  if (!get_menu_word (self, &start, &end))
    return;
  self->replacing = TRUE;
  gtk_text_buffer_begin_user_action (self->buffer);
  if (gtk_text_buffer_delete_interactive (self->buffer, &start, &end, editable))
    gtk_text_buffer_insert_interactive (self->buffer, &start, g_variant_get_string (parameter, NULL), -1,
                                        editable);
  gtk_text_buffer_end_user_action (self->buffer);
  self->replacing = FALSE;
  forget_word (self);
}

static void
add_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  HarleySpellChecker *self = data;
  g_autofree char *word = g_strdup (self->menu_word);

  forget_word (self);
  if (word != NULL)
    harley_spell_checker_add_word (self, word);
}

static void
ignore_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  HarleySpellChecker *self = data;
  g_autofree char *word = g_strdup (self->menu_word);

  forget_word (self);
  if (word != NULL)
    harley_spell_checker_ignore_word (self, word);
}

static const GActionEntry spelling_actions[] = {
  { .name = "replace", .activate = replace_action_cb, .parameter_type = "s" },
  { .name = "add", .activate = add_action_cb },
  { .name = "ignore", .activate = ignore_action_cb },
  /* Never enabled: shows "No Suggestions" greyed out. */
  { .name = "none" },
};

/* The menu {{{1 */

static GMenu *
build_suggestions (HarleySpellChecker *self)
{
  g_auto(GStrv) suggestions = harley_spell_checker_suggest (self, self->menu_word);
  GMenu *section = g_menu_new ();

  for (guint i = 0; suggestions[i] != NULL && i < HARLEY_SPELL_MAX_SUGGESTIONS; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target (item, "spelling.replace", "s", suggestions[i]);
      g_menu_append_item (section, item);
    }
  if (suggestions[0] == NULL)
    g_menu_append (section, _("No Suggestions"), "spelling.none");
  return section;
}

static void
build_menu (HarleySpellChecker *self)
{
  g_autoptr(GMenu) suggestions = build_suggestions (self);
  g_autoptr(GMenu) choices = g_menu_new ();

  g_menu_append (choices, _("_Add to Dictionary"), "spelling.add");
  g_menu_append (choices, _("_Ignore"), "spelling.ignore");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (suggestions));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (choices));
}

/**
 * _harley_spell_checker_menu_for:
 * @self: a checker
 * @iter: where the menu is being opened
 *
 * Makes the extra menu offer corrections for the misspelt word at @iter,
 * or nothing when the word there is not marked.
 *
 * Returns: %TRUE if there was a misspelt word
 */
gboolean
_harley_spell_checker_menu_for (HarleySpellChecker *self,
                                const GtkTextIter  *iter)
{
  GtkTextIter start = *iter;
  GtkTextIter end = *iter;

  clear_menu (self);
  if (self->buffer == NULL || !self->enabled || !gtk_text_iter_has_tag (iter, self->misspelt_tag))
    return FALSE;
  if (!gtk_text_iter_starts_tag (&start, self->misspelt_tag))
    gtk_text_iter_backward_to_tag_toggle (&start, self->misspelt_tag);
  gtk_text_iter_forward_to_tag_toggle (&end, self->misspelt_tag);
  gtk_text_buffer_move_mark (self->buffer, self->menu_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->menu_end, &end);
  self->menu_word = gtk_text_iter_get_slice (&start, &end);
  build_menu (self);
  set_actions_enabled (self, TRUE);
  return TRUE;
}

/* Opening the menu {{{1 */

static void
on_click_pressed_cb (GtkGestureClick    *gesture,
                     int                 n_press,
                     double              x,
                     double              y,
                     HarleySpellChecker *self)
{
  GtkTextIter iter;
  int buffer_x;
  int buffer_y;

  /* Not claimed: the view still opens its menu, ours now in it. */
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &buffer_x, &buffer_y);
  if (gtk_text_view_get_iter_at_location (self->view, &iter, buffer_x, buffer_y))
    _harley_spell_checker_menu_for (self, &iter);
  else
    clear_menu (self);
}

/* Shift+F10 and Menu: for the word at the cursor, or just before it, as
 * after typing it. Returns FALSE so that the view then opens the menu. */
static gboolean
on_menu_key_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  HarleySpellChecker *self = data;
  GtkTextIter iter;

  if (self->buffer == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  if (!gtk_text_iter_has_tag (&iter, self->misspelt_tag))
    gtk_text_iter_backward_char (&iter);
  _harley_spell_checker_menu_for (self, &iter);
  return FALSE;
}

static GtkEventController *
new_click_controller (HarleySpellChecker *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self, 0);
  return GTK_EVENT_CONTROLLER (click);
}

static GtkEventController *
new_key_controller (HarleySpellChecker *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>F10|Menu"),
                                                          gtk_callback_action_new (on_menu_key_cb, self, NULL)));
  return keys;
}

void
_harley_spell_checker_add_menu (HarleySpellChecker *self)
{
  GAction *none;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), spelling_actions,
                                   G_N_ELEMENTS (spelling_actions), self);
  forget_word (self);
  none = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "none");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (none), FALSE);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spelling", G_ACTION_GROUP (self->actions));

  self->menu = g_menu_new ();
  gtk_text_view_set_extra_menu (self->view, G_MENU_MODEL (self->menu));

  self->click = new_click_controller (self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), self->click);
  self->keys = new_key_controller (self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), self->keys);
}

/* Takes the menu, the actions and the controllers off the view, if it is
 * still there: they call into the checker. */
void
_harley_spell_checker_remove_menu (HarleySpellChecker *self)
{
  if (self->view == NULL)
    return;
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spelling", NULL);
  if (gtk_text_view_get_extra_menu (self->view) == G_MENU_MODEL (self->menu))
    gtk_text_view_set_extra_menu (self->view, NULL);
  if (self->click != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click);
  if (self->keys != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
  self->click = self->keys = NULL;
}
