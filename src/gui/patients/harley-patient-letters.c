/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-letters"

/* The patient's letters on the record, the newest first: each opens in
 * the Letters section (the window's win.open-letter action), and "Write
 * a Letter…" starts one for this patient (win.new-letter). */

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-letter.h"
#include "harley-patient-letters.h"
#include "harley-register.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

struct _HarleyPatientLetters
{
  GtkWidget    parent_instance;

  GtkListBox  *list;
  GArray      *ids;          /* gint64: the letter of each row, in order */
  gint64       patient_id;
};

G_DEFINE_FINAL_TYPE (HarleyPatientLetters, harley_patient_letters, GTK_TYPE_WIDGET)

/* "Dr Amir Khan", or the patient's own name */
static char *
dup_addressee (HarleyStore         *store,
               const HarleyLetter  *letter,
               const char          *patient_name)
{
  const HarleyRecipient *to = NULL;
  g_autoptr(HarleyContact) contact = NULL;

  for (guint i = 0; letter->recipients != NULL && i < letter->recipients->len && to == NULL; i++)
    if (!((HarleyRecipient *) g_ptr_array_index (letter->recipients, i))->copy)
      to = g_ptr_array_index (letter->recipients, i);
  if (to == NULL)
    return NULL;
  if (to->kind == HARLEY_RECIPIENT_PATIENT)
    return g_strdup (patient_name);
  if (to->contact_id > 0 && (contact = harley_contact_load (store, to->contact_id, NULL)) != NULL)
    return g_strdup (harley_contact_get_name (contact));
  return NULL;
}

/* The day as the practice's clock had it: dd/mm/yyyy */
static char *
dup_local_day (const char *utc_text)
{
  g_autoptr(GDateTime) utc = utc_text != NULL ? g_date_time_new_from_iso8601 (utc_text, NULL) : NULL;
  GDate day;
  int minute;

  if (utc == NULL || !harley_wall_time_from_utc (utc, &day, &minute))
    return NULL;
  return harley_format_gdate (&day);
}

/* "Draft · changed 14/01/2030 · To: Dr Amir Khan" */
static char *
dup_subtitle (HarleyStore        *store,
              const HarleyLetter *letter,
              const char         *patient_name)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *changed = dup_local_day (letter->updated_at);
  g_autofree char *to = dup_addressee (store, letter, patient_name);

  g_ptr_array_add (parts, g_strdup (harley_letter_state_label (letter->state)));
  if (changed != NULL)
    /* TRANSLATORS: %s is the day a letter was last changed, dd/mm/yyyy */
    g_ptr_array_add (parts, g_strdup_printf (_("changed %s"), changed));
  if (to != NULL)
    /* TRANSLATORS: %s is who a letter goes to */
    g_ptr_array_add (parts, g_strdup_printf (_("To: %s"), to));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
letter_row (HarleyStore        *store,
            const HarleyLetter *letter,
            const char         *patient_name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = dup_subtitle (store, letter, patient_name);
  const char *subject = letter->subject != NULL && *letter->subject != '\0' ? letter->subject : _("Letter");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), subject);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
add_note_row (HarleyPatientLetters *self,
              const char           *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_list_box_append (self->list, label);
  row = GTK_WIDGET (gtk_widget_get_last_child (GTK_WIDGET (self->list)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
}

static void
clear_rows (HarleyPatientLetters *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->ids, 0);
}

/**
 * harley_patient_letters_show:
 * @patient_id: the patient, or 0 for a record not yet saved
 */
void
harley_patient_letters_show (HarleyPatientLetters *self,
                             HarleyStore          *store,
                             gint64                patient_id)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(HarleyPatient) patient = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (HARLEY_IS_PATIENT_LETTERS (self));

  self->patient_id = patient_id;
  clear_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), patient_id != 0);
  if (patient_id == 0 || (ids = harley_letter_list_for_patient (store, patient_id, NULL)) == NULL)
    return;
  if ((patient = harley_register_load (store, patient_id, NULL)) != NULL)
    name = harley_patient_dup_full_name (patient);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HarleyLetter) letter = harley_letter_load (store, g_array_index (ids, gint64, i), NULL);

      if (letter == NULL)
        continue;
      gtk_list_box_append (self->list, letter_row (store, letter, name));
      g_array_append_val (self->ids, letter->id);
    }
  if (self->ids->len == 0)
    add_note_row (self, _("No letters yet."));
}

static void
on_row_activated_cb (GtkListBox           *list,
                     GtkListBoxRow        *row,
                     HarleyPatientLetters *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->ids->len)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-letter", "x", g_array_index (self->ids, gint64, index));
}

static void
on_write_clicked_cb (HarleyPatientLetters *self)
{
  if (self->patient_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.new-letter", "x", self->patient_id);
}

static void
build (HarleyPatientLetters *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *write = gtk_button_new_with_mnemonic (_("_Write a Letter…"));

  gtk_widget_set_halign (write, GTK_ALIGN_START);
  g_signal_connect_swapped (write, "clicked", G_CALLBACK (on_write_clicked_cb), self);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Letters"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), write);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
harley_patient_letters_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (harley_patient_letters_parent_class)->dispose (object);
}

static void
harley_patient_letters_finalize (GObject *object)
{
  g_array_unref (HARLEY_PATIENT_LETTERS (object)->ids);
  G_OBJECT_CLASS (harley_patient_letters_parent_class)->finalize (object);
}

static void
harley_patient_letters_class_init (HarleyPatientLettersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = harley_patient_letters_dispose;
  G_OBJECT_CLASS (klass)->finalize = harley_patient_letters_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
harley_patient_letters_init (HarleyPatientLetters *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  build (self);
}

GtkWidget *
harley_patient_letters_new (void)
{
  return g_object_new (HARLEY_TYPE_PATIENT_LETTERS, NULL);
}
