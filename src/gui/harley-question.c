/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-question"

#include "harley-question.h"

/**
 * harley_ask_before_losing:
 * @near: a widget of the window to ask over
 * @heading: the question
 * @body: (nullable): what would be lost
 * @keep_label: the safe answer, chosen by Enter and by Escape
 * @discard_label: the answer that loses the work, shown as destructive
 * @on_response: a `void (*) (AdwMessageDialog *, const char *response, gpointer owner)`
 * @owner: passed to @on_response, which is dropped if @owner goes first
 *
 * Asks before typing or changes are thrown away. The response is
 * %HARLEY_ANSWER_KEEP or %HARLEY_ANSWER_DISCARD.
 */
void
harley_ask_before_losing (GtkWidget  *near,
                          const char *heading,
                          const char *body,
                          const char *keep_label,
                          const char *discard_label,
                          GCallback   on_response,
                          gpointer    owner)
{
  GtkRoot *root = gtk_widget_get_root (near);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));

  adw_message_dialog_add_responses (dialog,
                                    HARLEY_ANSWER_KEEP, keep_label,
                                    HARLEY_ANSWER_DISCARD, discard_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, HARLEY_ANSWER_DISCARD, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, HARLEY_ANSWER_KEEP);
  adw_message_dialog_set_close_response (dialog, HARLEY_ANSWER_KEEP);
  g_signal_connect_object (dialog, "response", on_response, owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
