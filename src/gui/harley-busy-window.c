/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-busy-window"

#include "harley-busy-window.h"

static gboolean
on_close_request_cb (GtkWindow *window)
{
  /* It goes when the work is done, not before. */
  return TRUE;
}

/**
 * harley_busy_window_new:
 * @application: the application, kept running while the window is up
 * @parent: (nullable): the window it belongs to
 * @title: what is being done, e.g. "Backing Up"
 * @message: a sentence about it
 *
 * A small window with a spinner, shown while Harley finishes something
 * that must not be cut short (the backup when it closes, a restore). It
 * cannot be closed; destroy it when the work is done.
 *
 * Returns: (transfer none): the window, not yet shown
 */
GtkWindow *
harley_busy_window_new (GtkApplication *application,
                        GtkWindow      *parent,
                        const char     *title,
                        const char     *message)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (message);

  gtk_window_set_application (GTK_WINDOW (window), application);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), parent != NULL);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  g_signal_connect (window, "close-request", G_CALLBACK (on_close_request_cb), NULL);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_add_css_class (heading, "title-3");
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_justify (GTK_LABEL (body), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 40);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);
  adw_window_set_content (ADW_WINDOW (window), box);
  return GTK_WINDOW (window);
}
