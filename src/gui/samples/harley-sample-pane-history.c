/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-pane"

/* The calls about a sample and its history, newest first. Each step of a
 * sample goes on the patient's timeline as "Type, site: what happened"
 * (kinds "sample", "result" and "call"), so the sample's own entries are
 * read from there: harley-sample.h has no reader of its own history. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-sample-pane-private.h"
#include "harley-validate.h"

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* "Histology (skin biopsy), left cheek: ", as the core starts each entry */
static char *
dup_prefix (const HarleySample *sample)
{
  const char *type = harley_sample_type_label (sample->type);

  if (sample->site != NULL && *sample->site != '\0')
    return g_strdup_printf ("%s, %s: ", type, sample->site);
  return g_strdup_printf ("%s: ", type);
}

static gboolean
is_about_samples (const HarleyPatientEvent *event)
{
  return g_strcmp0 (event->kind, "sample") == 0 || g_strcmp0 (event->kind, "result") == 0
         || g_strcmp0 (event->kind, "call") == 0;
}

static void
add_event (GtkListBox               *list,
           const HarleyPatientEvent *event,
           const char               *prefix)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (event->at, NULL);
  g_autofree char *when = harley_format_date_time (at);
  const char *rest = event->summary;
  g_autofree char *first = NULL;
  g_autofree char *what = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (g_str_has_prefix (rest, prefix) && rest[strlen (prefix)] != '\0')
    rest += strlen (prefix);
  /* "phoned the patient: …" reads as a sentence on its own line */
  first = *rest != '\0' ? g_utf8_strup (rest, g_utf8_next_char (rest) - rest) : g_strdup ("");
  what = g_strconcat (first, *rest != '\0' ? g_utf8_next_char (rest) : "", NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when != NULL ? when : "");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_append (list, row);
}

/* The patient's timeline, newest first, read once for both lists. */
static GPtrArray *
list_events (HarleySamplePane *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = harley_register_list_events (self->store, self->sample->patient_id, &error);

  if (events == NULL)
    g_debug ("The timeline could not be read: %s", error->message);
  return events;
}

static void
fill (HarleySamplePane *self,
      GtkListBox       *list,
      GtkWidget        *group,
      gboolean          calls_only)
{
  g_autoptr(GPtrArray) events = list_events (self);
  g_autofree char *prefix = dup_prefix (self->sample);

  clear_list (list);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const HarleyPatientEvent *event = g_ptr_array_index (events, i);

      if (!is_about_samples (event) || !g_str_has_prefix (event->summary, prefix))
        continue;
      if (!calls_only || g_strcmp0 (event->kind, "call") == 0)
        add_event (list, event, prefix);
    }
  gtk_widget_set_visible (group, gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL);
}

void
_harley_sample_pane_fill_calls (HarleySamplePane *self)
{
  fill (self, self->calls_list, self->calls_group, TRUE);
}

void
_harley_sample_pane_fill_history (HarleySamplePane *self)
{
  fill (self, self->history_list, self->history_group, FALSE);
}
