/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* The columns both audit windows show for a HarleyAuditList: when, who,
 * what was done, to what (and, in the whole trail, which patient), and
 * the fields changed, old → new. */

#include <glib/gi18n-lib.h>

#include "harley-audit-columns.h"
#include "harley-audit-entry.h"
#include "harley-audit.h"

typedef enum
{
  COLUMN_WHEN,
  COLUMN_WHO,
  COLUMN_ACTION,
  COLUMN_WHAT,
  COLUMN_PATIENT,
  COLUMN_CHANGES,
} Column;

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (column == COLUMN_WHAT || column == COLUMN_CHANGES || column == COLUMN_PATIENT)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (column == COLUMN_WHEN)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static char *
dup_patient_text (HarleyAuditEntry *entry)
{
  gint64 id = harley_audit_entry_get_patient_id (entry);
  const char *name = harley_audit_entry_get_patient_name (entry);

  if (id == 0)
    return g_strdup ("");
  if (name == NULL)
    /* TRANSLATORS: a patient whose record is not there, by number */
    return g_strdup_printf (_("Patient %" G_GINT64_FORMAT), id);
  return g_strdup (name);
}

/* A change one field a line, old → new; a row made or removed, whose
 * every field is listed, in one wrapped paragraph. */
static char *
dup_changes_text (HarleyAuditEntry *entry)
{
  GPtrArray *changes = harley_audit_entry_get_changes (entry);
  g_autofree char *text = harley_audit_entry_dup_changes_text (entry);
  g_auto(GStrv) lines = NULL;

  if (changes->len == 0 || ((HarleyAuditChange *) g_ptr_array_index (changes, 0))->changed)
    return g_steal_pointer (&text);
  lines = g_strsplit (text, "\n", -1);
  return g_strjoinv ("  ·  ", lines);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  HarleyAuditEntry *entry = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COLUMN_WHEN:
      text = harley_audit_entry_dup_when (entry);
      break;
    case COLUMN_WHO:
      text = g_strdup (harley_audit_entry_get_who (entry));
      break;
    case COLUMN_ACTION:
      text = g_strdup (harley_audit_action_label (harley_audit_entry_get_action (entry)));
      break;
    case COLUMN_WHAT:
      text = g_strdup (harley_audit_entry_get_what (entry));
      break;
    case COLUMN_PATIENT:
      text = dup_patient_text (entry);
      break;
    case COLUMN_CHANGES:
    default:
      text = dup_changes_text (entry);
      break;
    }
  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            Column         column,
            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (view_column, width);
  else
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);
}

/**
 * harley_audit_columns_add:
 * @view: a column view over a #HarleyAuditList
 * @with_patient: add a column naming each entry's patient
 */
void
harley_audit_columns_add (GtkColumnView *view,
                          gboolean       with_patient)
{
  add_column (view, _("When"), COLUMN_WHEN, 125);
  add_column (view, _("Who"), COLUMN_WHO, 95);
  add_column (view, _("Done"), COLUMN_ACTION, 105);
  add_column (view, _("What"), COLUMN_WHAT, 200);
  if (with_patient)
    add_column (view, _("Patient"), COLUMN_PATIENT, 130);
  add_column (view, _("Fields Changed"), COLUMN_CHANGES, -1);
}
