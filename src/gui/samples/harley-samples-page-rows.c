/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-samples-page"

/* A row of the middle list says what the worklist needs said: on
 * Outstanding, when the sample went and when its result is due, or in
 * red how many days it is overdue; on To Review, when the result came
 * and whether it is abnormal; on To Tell, the numbers to ring, whether a
 * message may be left, and what the clinician decided; on Unmatched
 * Results, what the laboratory wrote about the patient. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-register.h"
#include "harley-samples-page-private.h"
#include "harley-validate.h"

GHashTable *
_harley_samples_page_new_labs (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static const char *
lab_name (HarleySamplesPage *self,
          GHashTable        *labs,
          gint64             lab_id)
{
  const char *name;
  g_autoptr(HarleyContact) lab = NULL;

  if (lab_id <= 0)
    return NULL;
  if ((name = g_hash_table_lookup (labs, &lab_id)) != NULL)
    return name;
  lab = harley_contact_load (self->store, lab_id, NULL);
  name = lab != NULL ? harley_contact_get_name (lab) : _("a laboratory no longer on file");
  g_hash_table_insert (labs, g_memdup2 (&lab_id, sizeof lab_id), g_strdup (name));
  return g_hash_table_lookup (labs, &lab_id);
}

/* A line of a row: wrapped at a column's width, so that the list keeps
 * to its place however long a laboratory's name is; the name on top is
 * cut short instead. */
static GtkWidget *
add_line (GtkWidget  *box,
          const char *text,
          const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Within the column's 300 pixels, so that it does not move between lists */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (g_strcmp0 (style, "heading") == 0)
    {
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_widget_set_hexpand (label, TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* The patient's name on top, then @subtitle's lines, dimmed. */
static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         gint64      id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_auto(GStrv) lines = g_strsplit (subtitle, "\n", -1);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", title, subtitle);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  add_line (top, title, "heading");
  gtk_box_append (GTK_BOX (box), top);
  for (guint i = 0; lines[i] != NULL; i++)
    gtk_widget_add_css_class (add_line (box, lines[i], "dim-label"), "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row), "harley-id", GSIZE_TO_POINTER ((gsize) id));
  return row;
}

/* What a worklist must say at a glance: a line under the name, in red
 * when it alarms, or ABNORMAL beside the name. */
typedef enum
{
  FLAG_LINE,        /* a line of its own, dimmed */
  FLAG_ALARM,       /* a line of its own, in red: OVERDUE by 3 days */
  FLAG_BESIDE,      /* beside the name, in red: ABNORMAL */
} Flag;

static void
add_flag (GtkWidget  *row,
          const char *text,
          Flag        flag)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, flag == FLAG_LINE ? "dim-label" : "harley-overdue");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (flag == FLAG_BESIDE)
    gtk_box_append (GTK_BOX (gtk_widget_get_first_child (box)), label);
  else
    gtk_box_append (GTK_BOX (box), label);
}

/* "sent 12/11/2026 · due 26/11/2026", or "OVERDUE by 3 days" */
static char *
dup_when (const HarleySample *sample,
          const GDate        *today,
          gboolean           *overdue)
{
  g_autofree char *taken = harley_format_date (sample->taken_on);
  g_autofree char *sent = harley_format_date (sample->sent_on);
  g_autofree char *due = harley_format_date (sample->expected_by);
  GDate expected;

  *overdue = harley_sample_is_overdue (sample, today);
  if (*overdue && sample->expected_by != NULL)
    {
      int days;

      g_date_clear (&expected, 1);
      g_date_set_parse (&expected, sample->expected_by);
      days = g_date_valid (&expected) ? g_date_days_between (&expected, today) : 0;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "OVERDUE by %d day", "OVERDUE by %d days", days), days);
    }
  if (sent == NULL)
    /* TRANSLATORS: a sample taken but not yet sent to the laboratory */
    return g_strdup_printf (_("taken %s · not sent yet"), taken);
  /* TRANSLATORS: when the sample went to the laboratory and when its result is due */
  return g_strdup_printf (_("sent %s · due %s"), sent, due ? due : "—");
}

static char *
dup_what (HarleySamplesPage  *self,
          const HarleySample *sample,
          GHashTable         *labs)
{
  const char *lab = lab_name (self, labs, sample->lab_id);
  g_autoptr(GString) text = g_string_new (harley_sample_type_label (sample->type));

  if (sample->site != NULL && *sample->site != '\0')
    g_string_append_printf (text, ", %s", sample->site);
  g_string_append_printf (text, "\n%s", lab != NULL ? lab : _("Laboratory not chosen yet"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The numbers to ring, whether a message may be left, and the decision */
static void
append_call_list (GString            *text,
                  HarleyPatient      *patient,
                  const HarleySample *sample)
{
  static const HarleyPatientText phones[] = {
    HARLEY_PATIENT_PHONE_MOBILE, HARLEY_PATIENT_PHONE_HOME, HARLEY_PATIENT_PHONE_WORK,
  };
  gboolean any = FALSE;

  g_string_append_c (text, '\n');
  for (guint i = 0; patient != NULL && i < G_N_ELEMENTS (phones); i++)
    {
      const char *number = harley_patient_get_text (patient, phones[i]);

      if (number != NULL && *number != '\0')
        {
          g_string_append_printf (text, "%s%s", any ? " · " : "", number);
          any = TRUE;
        }
    }
  if (!any)
    g_string_append (text, _("no phone number"));
  g_string_append_c (text, '\n');
  g_string_append (text, patient != NULL && harley_patient_get_flag (patient, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE)
                         ? _("Messages may be left") : _("No messages may be left"));
  g_string_append_c (text, '\n');
  /* TRANSLATORS: what the clinician decided on reviewing the result */
  g_string_append_printf (text, _("Clinician: %s"), harley_review_action_label (sample->review_action));
  if (sample->review_note != NULL && *sample->review_note != '\0')
    g_string_append_printf (text, ": %s", sample->review_note);
}

static GtkWidget *
build_sample_row (HarleySamplesPage *self,
                  gint64             id,
                  GHashTable        *labs,
                  const GDate       *today)
{
  g_autoptr(HarleySample) sample = harley_sample_load (self->store, id, NULL);
  g_autoptr(HarleyPatient) patient = sample != NULL ? harley_register_load (self->store, sample->patient_id, NULL)
                                                    : NULL;
  g_autoptr(HarleyResult) result = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *received = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GString) subtitle = NULL;
  gboolean overdue = FALSE;
  GtkWidget *row;

  if (sample == NULL)
    return NULL;
  name = patient != NULL ? harley_patient_dup_full_name (patient) : g_strdup (_("A patient no longer on file"));
  what = dup_what (self, sample, labs);
  subtitle = g_string_new (what);
  if (self->worklist == HARLEY_SAMPLES_TO_TELL)
    append_call_list (subtitle, patient, sample);
  row = new_row (name, subtitle->str, id);
  if (self->worklist == HARLEY_SAMPLES_OUTSTANDING)
    {
      when = dup_when (sample, today, &overdue);
      add_flag (row, when, overdue ? FLAG_ALARM : FLAG_LINE);
      return row;
    }
  result = sample->result_id > 0 ? harley_result_load (self->store, sample->result_id, NULL) : NULL;
  received = result != NULL ? harley_format_date (result->received_on) : NULL;
  if (result != NULL && result->abnormal)
    add_flag (row, _("ABNORMAL"), FLAG_BESIDE);
  if (received != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("received %s"), received);

      add_flag (row, text, FLAG_LINE);
    }
  return row;
}

static GtkWidget *
build_result_row (HarleySamplesPage *self,
                  gint64             id,
                  GHashTable        *labs)
{
  g_autoptr(HarleyResult) result = harley_result_load (self->store, id, NULL);
  g_autofree char *received = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  const char *lab;
  GtkWidget *row;

  if (result == NULL)
    return NULL;
  lab = lab_name (self, labs, result->lab_id);
  received = harley_format_date (result->received_on);
  /* TRANSLATORS: the laboratory's reference, and the laboratory */
  subtitle = g_strdup_printf (_("reference %s · %s"), result->lab_reference ? result->lab_reference : "—",
                              lab != NULL ? lab : _("laboratory unknown"));
  row = new_row (result->patient_details != NULL && *result->patient_details != '\0'
                 ? result->patient_details : _("No patient details"), subtitle, id);
  if (result->abnormal)
    add_flag (row, _("ABNORMAL"), FLAG_BESIDE);
  text = g_strdup_printf (_("received %s"), received);
  add_flag (row, text, FLAG_LINE);
  return row;
}

/* One row of the middle list: a sample, or on Unmatched Results a result. */
GtkWidget *
_harley_samples_page_build_row (HarleySamplesPage *self,
                                gint64             id,
                                GHashTable        *labs,
                                const GDate       *today)
{
  if (self->worklist == HARLEY_SAMPLES_UNMATCHED)
    return build_result_row (self, id, labs);
  return build_sample_row (self, id, labs, today);
}
