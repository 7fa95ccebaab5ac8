/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-editor"

#include <glib/gi18n-lib.h>

#include "harley-audit-record-window.h"
#include "harley-audit.h"
#include "harley-patient-editor-private.h"
#include "harley-question.h"
#include "harley-register.h"
#include "harley-validate.h"

G_DEFINE_FINAL_TYPE (HarleyPatientEditor, harley_patient_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PATIENT,
  PROP_DIRTY,
  N_PROPS
};

enum {
  SAVED,
  ARCHIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_harley_patient_editor_update_actions (HarleyPatientEditor *self)
{
  gboolean open = self->patient != NULL;
  gboolean saved = open && harley_patient_get_id (self->patient) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", open && self->dirty);
  /* archiving reloads the record: save or undo changes first */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", saved && !self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.audit", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export", saved && !self->exporting);
}

static void
update_header (HarleyPatientEditor *self)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *nhs = NULL;
  const char *iso;
  gboolean archived;

  if (self->patient == NULL)
    return;
  iso = harley_patient_get_text (self->patient, HARLEY_PATIENT_DATE_OF_BIRTH);
  archived = harley_patient_get_flag (self->patient, HARLEY_PATIENT_ARCHIVED);
  name = harley_patient_get_id (self->patient) ? harley_patient_dup_full_name (self->patient)
                                               : g_strdup (_("New Patient"));
  gtk_label_set_text (self->name_label, name);
  if (iso != NULL)
    {
      dob = harley_format_date (iso);
      g_string_append_printf (details, _("Born %s (%d)"), dob, harley_age_on (iso, NULL));
    }
  nhs = harley_format_nhs_number (harley_patient_get_text (self->patient, HARLEY_PATIENT_NHS_NUMBER));
  if (nhs != NULL)
    g_string_append_printf (details, "%s%s %s", details->len ? "  ·  " : "", _("NHS"), nhs);
  if (archived)
    g_string_append_printf (details, "%s%s", details->len ? "  ·  " : "", _("Archived"));
  gtk_label_set_text (self->details_label, details->str);
  gtk_button_set_label (GTK_BUTTON (self->archive_button), archived ? _("_Bring Back") : _("_Archive"));
}

static void
set_dirty (HarleyPatientEditor *self,
           gboolean             dirty)
{
  if (self->dirty == !!dirty)
    return;
  self->dirty = !!dirty;
  _harley_patient_editor_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
_harley_patient_editor_changed (HarleyPatientEditor *self)
{
  set_dirty (self, TRUE);
}

/* The form has some two hundred widgets: it is built when the first
 * record is shown, not while Harley starts. */
static void
ensure_form (HarleyPatientEditor *self)
{
  if (self->form_built)
    return;
  _harley_patient_editor_build_form (self);
  if (self->store != NULL)
    _harley_patient_editor_load_contacts (self);
}

static void
show_patient (HarleyPatientEditor *self,
              HarleyPatient       *patient)
{
  ensure_form (self);
  g_set_object (&self->patient, patient);
  _harley_patient_editor_fill (self);
  gtk_stack_set_visible_child_name (self->stack, "record");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_header (self);
  self->dirty = TRUE;   /* force the notify below */
  set_dirty (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

/**
 * harley_patient_editor_open:
 * @self: a #HarleyPatientEditor
 * @id: the patient to show
 * @error: where to put a failure to read the record
 *
 * Shows a saved patient. The caller has dealt with unsaved changes.
 */
gboolean
harley_patient_editor_open (HarleyPatientEditor  *self,
                            gint64                id,
                            GError              **error)
{
  g_autoptr(HarleyPatient) patient = harley_register_load (self->store, id, error);
  gboolean again = harley_patient_editor_get_patient_id (self) == id;

  if (patient == NULL)
    return FALSE;
  show_patient (self, patient);
  /* The audit trail notes it once it is on screen; the same record read
   * again (after archiving it, say) is not opened again. */
  if (!again)
    harley_audit_add_when_idle (self->store, HARLEY_AUDIT_VIEW, id);
  return TRUE;
}

/**
 * harley_patient_editor_new_patient:
 * @self: a #HarleyPatientEditor
 *
 * Starts a blank record, with the cursor in its first field.
 */
void
harley_patient_editor_new_patient (HarleyPatientEditor *self)
{
  g_autoptr(HarleyPatient) patient = harley_patient_new ();

  show_patient (self, patient);
  harley_patient_editor_focus_first (self);
}

void
harley_patient_editor_close (HarleyPatientEditor *self)
{
  g_clear_object (&self->patient);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  set_dirty (self, FALSE);
  _harley_patient_editor_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

void
harley_patient_editor_focus_first (HarleyPatientEditor *self)
{
  GtkEditable *first = harley_patient_editor_get_entry (self, HARLEY_PATIENT_TITLE);

  /* without selecting: a stray key must not replace what is there */
  if (self->patient != NULL && first != NULL)
    gtk_entry_grab_focus_without_selecting (GTK_ENTRY (first));
}

void
_harley_patient_editor_show_error (HarleyPatientEditor *self,
                                   const char          *heading,
                                   const char          *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean save_with_flags (HarleyPatientEditor     *self,
                                 HarleyRegisterSaveFlags  flags);

static void
on_duplicate_response_cb (AdwMessageDialog    *dialog,
                          const char          *response,
                          HarleyPatientEditor *self)
{
  if (g_strcmp0 (response, "save") == 0)
    save_with_flags (self, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB);
}

static void
ask_about_duplicate (HarleyPatientEditor *self,
                     const char          *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Is This the Same Patient?"), message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Go Back"),
                                    "save", _("_Save as a Different Patient"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_save_error (HarleyPatientEditor *self,
                   const GError        *error)
{
  if (g_error_matches (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_POSSIBLE_DUPLICATE))
    ask_about_duplicate (self, error->message);
  else if (g_error_matches (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_DUPLICATE_NHS))
    {
      _harley_patient_editor_show_problem (self, HARLEY_PATIENT_NHS_NUMBER, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (harley_patient_editor_get_entry (self, HARLEY_PATIENT_NHS_NUMBER)));
    }
  else
    _harley_patient_editor_show_error (self, _("The Record Was Not Saved"), error->message);
}

static gboolean
save_with_flags (HarleyPatientEditor     *self,
                 HarleyRegisterSaveFlags  flags)
{
  g_autoptr(HarleyPatient) edited = harley_patient_copy (self->patient);
  g_autoptr(GError) error = NULL;
  GtkWidget *first_problem = NULL;

  if (!_harley_patient_editor_read (self, edited, &first_problem))
    {
      gtk_widget_grab_focus (first_problem);
      return FALSE;
    }
  if (!harley_register_save (self->store, edited, flags, &error))
    {
      /* The form keeps what she typed: nothing is lost, she can retry. */
      report_save_error (self, error);
      return FALSE;
    }
  g_set_object (&self->patient, edited);
  self->loading++;
  _harley_patient_editor_fill (self);
  self->loading--;
  update_header (self);
  set_dirty (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
  g_signal_emit (self, signals[SAVED], 0, self->patient);
  return TRUE;
}

/**
 * harley_patient_editor_save:
 * @self: a #HarleyPatientEditor
 *
 * Checks and saves the form. Problems are shown beside their fields, a
 * possible duplicate asks first, and the form keeps what was typed on
 * any failure.
 *
 * Returns: %TRUE when the record was saved now
 */
gboolean
harley_patient_editor_save (HarleyPatientEditor *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT_EDITOR (self), FALSE);

  if (self->patient == NULL)
    return FALSE;
  return save_with_flags (self, HARLEY_REGISTER_SAVE_DEFAULT);
}

void
harley_patient_editor_revert (HarleyPatientEditor *self)
{
  g_return_if_fail (HARLEY_IS_PATIENT_EDITOR (self));

  if (self->patient == NULL)
    return;
  if (harley_patient_get_id (self->patient) == 0)
    {
      harley_patient_editor_close (self);
      return;
    }
  _harley_patient_editor_fill (self);
  set_dirty (self, FALSE);
}

static void
editor_save_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  harley_patient_editor_save (HARLEY_PATIENT_EDITOR (widget));
}

static void
on_undo_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     HarleyPatientEditor *self)
{
  if (g_strcmp0 (response, HARLEY_ANSWER_DISCARD) == 0)
    harley_patient_editor_revert (self);
}

/* Escape is a reflex key: it asks before throwing typing away. */
static void
editor_cancel_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (widget);
  gboolean is_new = self->patient != NULL && harley_patient_get_id (self->patient) == 0;

  if (!self->dirty)
    return;
  harley_ask_before_losing (widget,
                            is_new ? _("Discard the New Patient?") : _("Undo the Changes?"),
                            is_new ? _("What has been typed for the new patient will be lost.")
                                   : _("The record goes back to how it was last saved."),
                            _("_Keep Editing"), is_new ? _("_Discard") : _("_Undo Changes"),
                            G_CALLBACK (on_undo_response_cb), self);
}

static void
editor_archive_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean archive;
  gint64 id;

  if (self->patient == NULL || (id = harley_patient_get_id (self->patient)) == 0)
    return;
  archive = !harley_patient_get_flag (self->patient, HARLEY_PATIENT_ARCHIVED);
  if (!harley_register_set_archived (self->store, id, archive, &error))
    {
      _harley_patient_editor_show_error (self, _("The Record Was Not Changed"), error->message);
      return;
    }
  harley_patient_editor_open (self, id, NULL);
  g_signal_emit (self, signals[ARCHIVED], 0, self->patient);
}

static void
editor_audit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  HarleyAuditRecordWindow *window;

  if (self->patient == NULL || harley_patient_get_id (self->patient) == 0)
    return;
  name = harley_patient_dup_full_name (self->patient);
  window = harley_audit_record_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                           harley_patient_get_id (self->patient), name);
  gtk_window_present (GTK_WINDOW (window));
}

static void
harley_patient_editor_dispose (GObject *object)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PATIENT_EDITOR);
  g_clear_object (&self->patient);
  g_clear_object (&self->store);
  g_clear_object (&self->hospitals);
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    g_clear_object (&self->contacts[i]);

  G_OBJECT_CLASS (harley_patient_editor_parent_class)->dispose (object);
}

static void
harley_patient_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_patient_editor_class_init (HarleyPatientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_patient_editor_dispose;
  object_class->get_property = harley_patient_editor_get_property;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL, HARLEY_TYPE_PATIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, HARLEY_TYPE_PATIENT);
  signals[ARCHIVED] = g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, HARLEY_TYPE_PATIENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/patients/harley-patient-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientEditor, details_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientEditor, form);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyPatientEditor, scroller);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, editor_cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, editor_archive_action);
  gtk_widget_class_install_action (widget_class, "editor.audit", NULL, editor_audit_action);
  gtk_widget_class_install_action (widget_class, "editor.export", NULL, _harley_patient_editor_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "harley-patient-editor");
  g_type_ensure (HARLEY_TYPE_PATIENT);
}

static void
harley_patient_editor_init (HarleyPatientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _harley_patient_editor_update_actions (self);
}

/**
 * harley_patient_editor_set_store:
 * @self: a #HarleyPatientEditor
 * @store: the practice database
 */
void
harley_patient_editor_set_store (HarleyPatientEditor *self,
                                 HarleyStore         *store)
{
  g_return_if_fail (HARLEY_IS_PATIENT_EDITOR (self));

  if (g_set_object (&self->store, store) && self->form_built)
    _harley_patient_editor_load_contacts (self);
}

/**
 * harley_patient_editor_refresh_history:
 *
 * Reads the open record's appointments and timeline again, after the
 * diary changed them; the form is left as it is.
 */
void
harley_patient_editor_refresh_history (HarleyPatientEditor *self)
{
  _harley_patient_editor_fill_history (self);
}

void
harley_patient_editor_reload_address_book (HarleyPatientEditor *self)
{
  if (self->form_built)
    _harley_patient_editor_load_contacts (self);
}

/**
 * harley_patient_editor_get_patient:
 * @self: a #HarleyPatientEditor
 *
 * Returns: (transfer none) (nullable): the patient as last saved
 */
HarleyPatient *
harley_patient_editor_get_patient (HarleyPatientEditor *self)
{
  return self->patient;
}

gint64
harley_patient_editor_get_patient_id (HarleyPatientEditor *self)
{
  return self->patient ? harley_patient_get_id (self->patient) : 0;
}

gboolean
harley_patient_editor_get_dirty (HarleyPatientEditor *self)
{
  return self->dirty;
}
