/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-editor"

/* Who the letter goes to, changed from the Recipients button until it is
 * approved: the addressee (the patient, their GP, referrer or insurer
 * from the record, or anyone in the address book) and the copies. The
 * popover is built afresh each time it opens, from the letter as it is. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-letter-draw.h"
#include "harley-letter-editor-private.h"
#include "harley-letter-worklists.h"
#include "harley-register.h"

typedef struct
{
  HarleyRecipientKind kind;
  HarleyPatientLink   link;
  const char         *label;        /* before the name */
  const char         *copy_label;   /* before the name */
} Choice;

static const Choice choices[] = {
  { HARLEY_RECIPIENT_PATIENT, HARLEY_PATIENT_N_LINKS, N_("The patient"), N_("Copy to the patient") },
  { HARLEY_RECIPIENT_GP, HARLEY_PATIENT_GP, N_("The GP"), N_("Copy to the GP") },
  { HARLEY_RECIPIENT_REFERRER, HARLEY_PATIENT_REFERRER, N_("The referrer"), N_("Copy to the referrer") },
  { HARLEY_RECIPIENT_INSURER, HARLEY_PATIENT_INSURER, N_("The insurer"), N_("Copy to the insurer") },
};

/* "The GP — Dr Amir Khan" (with @label before the name), or NULL when
 * the record has none. */
static char *
describe_choice (HarleyLetterEditor *self,
                 HarleyPatient      *patient,
                 const Choice       *choice,
                 const char         *label)
{
  g_autoptr(HarleyContact) contact = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (choice->kind == HARLEY_RECIPIENT_PATIENT)
    name = harley_patient_dup_full_name (patient);
  else if ((id = harley_patient_get_link (patient, choice->link)) > 0
           && (contact = harley_contact_load (self->store, id, NULL)) != NULL)
    name = g_strdup (harley_contact_get_name (contact));
  if (name == NULL)
    return NULL;
  /* TRANSLATORS: "The GP — Dr Amir Khan" */
  return g_strdup_printf (_("%s — %s"), _(label), name);
}

static gboolean
has_recipient (HarleyLetterEditor  *self,
               HarleyRecipientKind  kind,
               gboolean             copy)
{
  for (guint i = 0; i < self->letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (self->letter->recipients, i);

      if (r->kind == kind && r->copy == copy)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  return button;
}

static void
on_addressee_toggled_cb (GtkCheckButton     *check,
                         HarleyLetterEditor *self)
{
  HarleyRecipientKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "kind"));

  if (gtk_check_button_get_active (check))
    gtk_widget_activate_action (GTK_WIDGET (self), "letter.set-addressee", "(sx)",
                                harley_recipient_kind_to_string (kind), (gint64) 0);
}

static void
add_addressee_choices (HarleyLetterEditor *self,
                       HarleyPatient      *patient,
                       GtkBox             *box)
{
  GtkCheckButton *group = NULL;

  gtk_box_append (box, heading (_("Goes to")));
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *text = describe_choice (self, patient, &choices[i], choices[i].label);
      GtkWidget *check;

      if (text == NULL)
        continue;
      check = gtk_check_button_new_with_label (text);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = group != NULL ? group : GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), has_recipient (self, choices[i].kind, FALSE));
      /* A stateless action would clear the check, so the toggle asks */
      g_object_set_data (G_OBJECT (check), "kind", GUINT_TO_POINTER (choices[i].kind));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_addressee_toggled_cb), self, 0);
      gtk_box_append (box, check);
    }
  gtk_box_append (box, action_button (_("Someone in the Address Book…"), "letter.choose-contact",
                                      g_variant_new_boolean (FALSE)));
}

static void
add_copies (HarleyLetterEditor *self,
            HarleyPatient      *patient,
            GtkBox             *box)
{
  gtk_box_append (box, heading (_("Copies")));
  for (guint i = 0; i < self->letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (self->letter->recipients, i);
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;

      if (!r->copy)
        continue;
      name = harley_letter_dup_recipient_name (self->store, self->letter->patient_id, r);
      /* TRANSLATORS: a button that takes a copy off the letter */
      label = g_strdup_printf (_("Take Off the Copy to %s"), name);
      gtk_box_append (box, action_button (label, "letter.remove-copy", g_variant_new_int64 (r->id)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *label = NULL;

      if (has_recipient (self, choices[i].kind, FALSE) || has_recipient (self, choices[i].kind, TRUE)
          || (label = describe_choice (self, patient, &choices[i], choices[i].copy_label)) == NULL)
        continue;
      gtk_box_append (box, action_button (label, "letter.add-copy",
                                          g_variant_new ("(sx)", harley_recipient_kind_to_string (choices[i].kind),
                                                         (gint64) 0)));
    }
  gtk_box_append (box, action_button (_("Copy to Someone in the Address Book…"), "letter.choose-contact",
                                      g_variant_new_boolean (TRUE)));
}

static void
on_popover_show_cb (GtkPopover         *popover,
                    HarleyLetterEditor *self)
{
  g_autoptr(HarleyPatient) patient = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  if (self->letter != NULL)
    patient = harley_register_load (self->store, self->letter->patient_id, NULL);
  if (patient != NULL)
    {
      add_addressee_choices (self, patient, GTK_BOX (box));
      add_copies (self, patient, GTK_BOX (box));
    }
  gtk_popover_set_child (popover, box);
}

/* Actions {{{1 */

static void
changed (HarleyLetterEditor *self,
         gboolean            done,
         GError             *error)
{
  gtk_menu_button_popdown (self->recipients_button);
  if (!done)
    {
      _harley_letter_editor_toast (self, error->message);
      return;
    }
  _harley_letter_editor_step_done (self, NULL);
}

/* letter.set-addressee ((kind, contact id)) */
static void
set_addressee_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;
  const char *kind_text;
  HarleyRecipientKind kind;
  gint64 contact_id;

  g_variant_get (parameter, "(&sx)", &kind_text, &contact_id);
  if (self->letter == NULL || !harley_recipient_kind_from_string (kind_text, &kind)
      || (has_recipient (self, kind, FALSE) && kind != HARLEY_RECIPIENT_CONTACT))
    return;
  done = harley_letter_set_addressee (self->store, self->letter->id, kind, contact_id, &error);
  changed (self, done, error);
}

/* letter.add-copy ((kind, contact id)) */
static void
add_copy_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;
  const char *kind_text;
  HarleyRecipientKind kind;
  gint64 contact_id;

  g_variant_get (parameter, "(&sx)", &kind_text, &contact_id);
  if (self->letter == NULL || !harley_recipient_kind_from_string (kind_text, &kind))
    return;
  done = harley_letter_add_copy (self->store, self->letter->id, kind, contact_id, &error) > 0;
  changed (self, done, error);
}

/* letter.remove-copy (recipient id) */
static void
remove_copy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->letter == NULL)
    return;
  done = harley_letter_remove_copy (self->store, g_variant_get_int64 (parameter), &error);
  changed (self, done, error);
}

/* Anyone in the address book {{{1 */

static GListModel *
list_all_contacts (HarleyStore *store)
{
  GListStore *all = g_list_store_new (HARLEY_TYPE_CONTACT);

  for (guint kind = 0; kind < HARLEY_CONTACT_N_KINDS; kind++)
    {
      g_autoptr(GListModel) some = harley_contact_list (store, kind, NULL);

      for (guint i = 0; some != NULL && i < g_list_model_get_n_items (some); i++)
        {
          g_autoptr(GObject) contact = g_list_model_get_item (some, i);

          g_list_store_append (all, contact);
        }
    }
  return G_LIST_MODEL (all);
}

static void
on_contact_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        HarleyLetterEditor *self)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  HarleyContact *contact = gtk_drop_down_get_selected_item (drop_down);
  gboolean copy = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "copy"));
  GVariant *target;

  g_signal_handlers_disconnect_by_func (dialog, on_contact_response_cb, self);
  if (g_strcmp0 (response, "choose") != 0 || contact == NULL || self->letter == NULL)
    return;
  target = g_variant_new ("(sx)", "contact", harley_contact_get_id (contact));
  gtk_widget_activate_action_variant (GTK_WIDGET (self), copy ? "letter.add-copy" : "letter.set-addressee", target);
}

/* letter.choose-contact (copy): anyone in the address book, found by
 * typing their name */
static void
choose_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HarleyLetterEditor *self = HARLEY_LETTER_EDITOR (widget);
  gboolean copy = g_variant_get_boolean (parameter);
  GtkExpression *name = gtk_property_expression_new (HARLEY_TYPE_CONTACT, NULL, "name");
  GtkWidget *drop_down = gtk_drop_down_new (list_all_contacts (self->store), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              copy ? _("Copy to Someone in the Address Book")
                                                   : _("Send to Someone in the Address Book"),
                                              _("Type the start of their name to find them."));

  gtk_menu_button_popdown (self->recipients_button);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  g_object_set_data (G_OBJECT (dialog), "copy", GINT_TO_POINTER (copy));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "choose", _("C_hoose"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_contact_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_harley_letter_editor_recipients_init (HarleyLetterEditor *self)
{
  GtkWidget *popover = gtk_popover_new ();

  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show_cb), self);
  gtk_menu_button_set_popover (self->recipients_button, popover);
}

void
_harley_letter_editor_class_recipients_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "letter.set-addressee", "(sx)", set_addressee_action);
  gtk_widget_class_install_action (widget_class, "letter.add-copy", "(sx)", add_copy_action);
  gtk_widget_class_install_action (widget_class, "letter.remove-copy", "x", remove_copy_action);
  gtk_widget_class_install_action (widget_class, "letter.choose-contact", "b", choose_contact_action);
}
