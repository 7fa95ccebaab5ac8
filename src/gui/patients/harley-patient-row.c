/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-row"

/* One row of the patient list: name, then date of birth, NHS number and
 * postcode, with a warning sign when the record has alerts.
 *
 * A keystroke can replace the whole list, and GtkListView (4.8) then sets up
 * and binds about a hundred rows. Building them here rather than from a
 * GtkBuilder template, with one label a row, and setting it once in bind
 * rather than through expressions that watch the item, keeps that work
 * small: the records in the list are never edited in place (a save reloads
 * them).
 */

#include <glib/gi18n-lib.h>

#include "harley-patient.h"
#include "harley-patient-row.h"
#include "harley-privacy.h"

/* A row is one label (name over details, in markup) in a box; the alert and
 * archive signs are made only for the rows that need them. */
typedef struct
{
  GtkBox    *box;
  GtkLabel  *label;
  GtkWidget *alert;
  GtkWidget *archived;
} RowWidgets;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  w->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->label, 0);
  gtk_label_set_ellipsize (w->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (w->label), TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (w->box), 4);
  gtk_widget_set_margin_bottom (GTK_WIDGET (w->box), 4);
  gtk_box_append (w->box, GTK_WIDGET (w->label));
  g_object_set_data_full (G_OBJECT (item), "harley-row", w, g_free);
  gtk_list_item_set_child (item, GTK_WIDGET (w->box));
}

static void
show_sign (RowWidgets  *w,
           GtkWidget  **sign,
           const char  *icon_name,
           const char  *css_class,
           const char  *tooltip)
{
  if (*sign == NULL && tooltip == NULL)
    return;
  if (*sign == NULL)
    {
      *sign = gtk_image_new_from_icon_name (icon_name);
      if (css_class != NULL)
        gtk_widget_add_css_class (*sign, css_class);
      gtk_box_append (w->box, *sign);
    }
  /* On X11 a tooltip set on a shown widget costs a round trip */
  gtk_widget_set_visible (*sign, FALSE);
  gtk_widget_set_tooltip_text (*sign, tooltip);
  gtk_widget_set_visible (*sign, tooltip != NULL);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (item), "harley-row");
  HarleyPatient *patient = gtk_list_item_get_item (item);
  g_autofree char *full_name = harley_patient_dup_display_name (patient);
  g_autofree char *name = harley_privacy_mask_name (full_name);
  g_autofree char *summary = NULL;
  g_autofree char *markup = NULL;

  if (harley_privacy_get_active ())
    summary = g_strdup (_("Details hidden"));
  else
    g_object_get (patient, "summary", &summary, NULL);
  markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" alpha=\"65%%\" "
                                    "font_features=\"tnum\">%s</span>", name, summary);
  gtk_label_set_markup (w->label, markup);
  show_sign (w, &w->alert, "dialog-warning-symbolic", "harley-alert-icon",
             harley_patient_get_text (patient, HARLEY_PATIENT_ALERTS));
  show_sign (w, &w->archived, "folder-symbolic", NULL,
             harley_patient_get_flag (patient, HARLEY_PATIENT_ARCHIVED) ? _("Archived") : NULL);
}

/**
 * harley_patient_row_factory_new:
 *
 * Returns: (transfer full): the factory for rows of #HarleyPatient
 */
GtkListItemFactory *
harley_patient_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  return factory;
}
