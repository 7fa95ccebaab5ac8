/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-pane"

/* The calls about a sample, with who made each, and its history, newest
 * first, as the sample's own records hold them. Each entry of the
 * history also goes on the patient's timeline, where the patient may
 * have other samples, so it starts "Type, site: "; here, under the
 * sample, that is left off. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-sample-pane-private.h"
#include "harley-validate.h"

/* "14/01/2030 10:20" for a stored time stamp, or "" */
static char *
format_at (const char *at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (at, NULL);
  char *when = harley_format_date_time (time);

  return when != NULL ? when : g_strdup ("");
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_append (list, row);
}

static void
show_group (GtkWidget  *group,
            GtkListBox *list)
{
  gtk_widget_set_visible (group, gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL);
}

/* The calls {{{1 */

/* "Phoned the patient: no answer (rang twice)" */
static char *
describe_call (const HarleyCall *call)
{
  const char *whom = call->contact_id == 0 ? _("the patient")
                     : call->contact_name != NULL ? call->contact_name : _("the laboratory");
  g_autofree char *outcome = g_utf8_strdown (harley_call_outcome_label (call->outcome), -1);

  if (call->note != NULL && *call->note != '\0')
    /* TRANSLATORS: who was phoned, what came of it, then the note, on a sample's calls */
    return g_strdup_printf (_("Phoned %s: %s (%s)"), whom, outcome, call->note);
  /* TRANSLATORS: who was phoned, then what came of it, on a sample's calls */
  return g_strdup_printf (_("Phoned %s: %s"), whom, outcome);
}

void
_harley_sample_pane_fill_calls (HarleySamplePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = harley_sample_list_calls (self->store, self->sample->id, &error);

  if (calls == NULL)
    g_debug ("The calls could not be read: %s", error->message);
  _harley_sample_pane_clear_list (self->calls_list);
  for (guint i = calls != NULL ? calls->len : 0; i > 0; i--)
    {
      const HarleyCall *call = g_ptr_array_index (calls, i - 1);
      g_autofree char *what = describe_call (call);
      g_autofree char *when = format_at (call->at);
      /* TRANSLATORS: when a call was made, then who made it, "14/01/2030 10:20, by Jane Smith" */
      g_autofree char *when_by = g_strdup_printf (_("%s, by %s"), when, call->by);

      add_row (self->calls_list, what, when_by);
    }
  show_group (self->calls_group, self->calls_list);
}

/* The history {{{1 */

/* "Histology (skin biopsy), left cheek: ", as the core starts each entry */
static char *
dup_prefix (const HarleySample *sample)
{
  const char *type = harley_sample_type_label (sample->type);

  if (sample->site != NULL && *sample->site != '\0')
    return g_strdup_printf ("%s, %s: ", type, sample->site);
  return g_strdup_printf ("%s: ", type);
}

/* @summary without @prefix, as a sentence: "Sent to …" */
static char *
dup_sentence (const char *summary,
              const char *prefix)
{
  const char *rest = summary;
  g_autofree char *first = NULL;

  if (g_str_has_prefix (rest, prefix) && rest[strlen (prefix)] != '\0')
    rest += strlen (prefix);
  if (*rest == '\0')
    return g_strdup ("");
  first = g_utf8_strup (rest, g_utf8_next_char (rest) - rest);
  return g_strconcat (first, g_utf8_next_char (rest), NULL);
}

void
_harley_sample_pane_fill_history (HarleySamplePane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = harley_sample_list_events (self->store, self->sample->id, &error);
  g_autofree char *prefix = dup_prefix (self->sample);

  if (events == NULL)
    g_debug ("The sample's history could not be read: %s", error->message);
  _harley_sample_pane_clear_list (self->history_list);
  for (guint i = events != NULL ? events->len : 0; i > 0; i--)
    {
      const HarleySampleEvent *event = g_ptr_array_index (events, i - 1);
      g_autofree char *what = dup_sentence (event->summary, prefix);
      g_autofree char *when = format_at (event->at);

      add_row (self->history_list, what, when);
    }
  show_group (self->history_group, self->history_list);
}
