/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the tests that drive the real window. */

#include <adwaita.h>

/* Lets the window react, as the main loop does between keystrokes. */
static inline void
harley_test_iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* The message dialog on screen, if any. */
static inline AdwMessageDialog *
harley_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Answers a message dialog as a click on its button does: the response,
 * then the dialog closes (adw_message_dialog_response () alone leaves it
 * open). */
static inline void
harley_test_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  harley_test_iterate (50);
}

/* Each flow runs in a process of its own, as each start of Harley does:
 * one application per process. Use with g_test_add_data_func (). */
static inline void
harley_test_run_in_subprocess (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      ((GTestFunc) data) ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}
