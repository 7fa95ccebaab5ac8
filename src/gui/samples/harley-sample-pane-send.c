/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample-pane"

/* Sending a sample, and its result arriving. Each step asks its
 * questions in a dialog whose button stays off until the answers make
 * sense, the reason said beneath; each also has a "-with" form taking
 * the answers as its parameter, for the tests and for the keyboard. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-sample-dialog.h"
#include "harley-sample-pane-private.h"
#include "harley-validate.h"

/* Form helpers {{{1 */

static GtkWidget *
new_form (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
add_entry (GtkWidget  *form,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (form), row);
  return row;
}

static GtkWidget *
new_problem_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
show_problem (GtkWidget  *label,
              const char *problem)
{
  gtk_label_set_text (GTK_LABEL (label), problem != NULL ? problem : "");
  gtk_widget_set_visible (label, problem != NULL);
}

static char *
dup_today_text (void)
{
  GDate today;

  _harley_today (&today);
  return harley_format_gdate (&today);
}

/* A day typed as dd/mm/yyyy ("" for today), not in the future. */
static gboolean
read_day (const char  *text,
          GDate       *day,
          GError     **error)
{
  GDate today;

  _harley_today (&today);
  if (text == NULL || *text == '\0')
    {
      *day = today;
      return TRUE;
    }
  if (!harley_parse_date (text, day, error))
    return FALSE;
  if (g_date_compare (day, &today) > 0)
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_FUTURE,
                   _("That day is still to come: type the day it happened, as dd/mm/yyyy."));
      return FALSE;
    }
  return TRUE;
}

/* Sending {{{1 */

typedef struct
{
  HarleyStore      *store;
  GPtrArray        *labs;        /* HarleyContact, as lab_row lists them */
  GtkWidget        *lab_row;
  GtkWidget        *method_row;
  GtkWidget        *date_row;
  GtkWidget        *reference_row;
  GtkWidget        *expected_row;
  GtkWidget        *problem;
} SendForm;

static void
send_form_free (SendForm *form)
{
  g_clear_pointer (&form->labs, g_ptr_array_unref);
  g_clear_object (&form->store);
  g_free (form);
}

static gint64
chosen_lab (SendForm *form)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (form->lab_row));

  return i < form->labs->len ? harley_contact_get_id (g_ptr_array_index (form->labs, i)) : 0;
}

static gboolean
send (HarleySamplePane *self,
      gint64            lab_id,
      HarleySendMethod  method,
      const char       *sent_text,
      const char       *expected_text,
      const char       *reference,
      GError          **error)
{
  GDate sent_on, expected_by;

  if (!read_day (sent_text, &sent_on, error))
    return FALSE;
  if (expected_text != NULL && *expected_text != '\0')
    {
      if (!harley_parse_date (expected_text, &expected_by, error))
        return FALSE;
    }
  else
    harley_sample_expected_by (self->store, lab_id, &sent_on, &expected_by);
  return harley_sample_send (self->store, self->sample->id, lab_id, &sent_on, method, reference, &expected_by,
                             error);
}

/* The day the result is due follows the laboratory and the day sent. */
static void
update_expected (SendForm *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 lab_id = chosen_lab (form);
  GDate sent_on, expected_by;

  if (lab_id == 0)
    show_problem (form->problem, _("Add the laboratory to the address book first, as a laboratory or hospital."));
  else if (!read_day (gtk_editable_get_text (GTK_EDITABLE (form->date_row)), &sent_on, &error))
    show_problem (form->problem, error->message);
  else
    {
      harley_sample_expected_by (form->store, lab_id, &sent_on, &expected_by);
      expected = harley_format_gdate (&expected_by);
      gtk_editable_set_text (GTK_EDITABLE (form->expected_row), expected);
      show_problem (form->problem, NULL);
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (gtk_widget_get_root (form->problem)), "send",
                                           error == NULL && lab_id != 0);
}

/* A day the laboratory gave instead: a day, and not before the sample went */
static void
on_expected_changed_cb (SendForm *form)
{
  g_autoptr(GError) error = NULL;
  GDate expected_by, sent_on;
  gboolean ok;

  if (!read_day (gtk_editable_get_text (GTK_EDITABLE (form->date_row)), &sent_on, NULL))
    return;
  ok = harley_parse_date (gtk_editable_get_text (GTK_EDITABLE (form->expected_row)), &expected_by, &error);
  if (ok && g_date_compare (&expected_by, &sent_on) < 0)
    {
      ok = FALSE;
      g_set_error (&error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   _("The result cannot be due before the sample is sent."));
    }
  show_problem (form->problem, ok ? NULL : error->message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (gtk_widget_get_root (form->problem)), "send",
                                           ok && chosen_lab (form) != 0);
}

static void
on_send_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     HarleySamplePane *self)
{
  SendForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "send") != 0 || self->sample == NULL)
    return;
  if (!send (self, chosen_lab (form), adw_combo_row_get_selected (ADW_COMBO_ROW (form->method_row)),
             gtk_editable_get_text (GTK_EDITABLE (form->date_row)),
             gtk_editable_get_text (GTK_EDITABLE (form->expected_row)),
             gtk_editable_get_text (GTK_EDITABLE (form->reference_row)), &error))
    {
      _harley_sample_pane_toast (self, error->message);
      return;
    }
  _harley_sample_pane_step_done (self, _("Sent: the sample is on Outstanding until its result comes"));
}

static GtkWidget *
build_send_form (HarleySamplePane *self,
                 SendForm         *form)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = new_form ();
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
  g_autofree char *today = dup_today_text ();

  form->labs = harley_sample_dialog_list_labs (self->store);
  form->lab_row = harley_sample_dialog_new_lab_row (form->labs, self->sample->lab_id, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), form->lab_row);
  for (guint i = 0; i < HARLEY_SEND_N_METHODS; i++)
    gtk_string_list_append (methods, harley_send_method_label (i));
  form->method_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->method_row), _("Sent by"));
  adw_combo_row_set_model (ADW_COMBO_ROW (form->method_row), G_LIST_MODEL (methods));
  gtk_list_box_append (GTK_LIST_BOX (list), form->method_row);
  form->date_row = add_entry (list, _("Sent on (dd/mm/yyyy)"), today);
  form->reference_row = add_entry (list, _("Laboratory’s reference (if known)"), self->sample->lab_reference);
  form->expected_row = add_entry (list, _("Result expected by (dd/mm/yyyy)"), NULL);
  form->problem = new_problem_label ();
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), form->problem);
  return box;
}

/* sample.send: asks where, how and when it went */
static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  SendForm *form = g_new0 (SendForm, 1);
  GtkWidget *dialog;

  form->store = g_object_ref (self->store);
  dialog = _harley_sample_pane_question (self, _("Send the Sample?"),
                                         _("The result is expected by the laboratory’s usual turnaround; "
                                           "change the day if the laboratory said otherwise."),
                                         "send", _("_Send"), build_send_form (self, form));
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) send_form_free);
  g_signal_connect_swapped (form->lab_row, "notify::selected", G_CALLBACK (update_expected), form);
  g_signal_connect_swapped (form->date_row, "changed", G_CALLBACK (update_expected), form);
  g_signal_connect_swapped (form->expected_row, "changed", G_CALLBACK (on_expected_changed_cb), form);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_send_response_cb), self, 0);
  update_expected (form);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* sample.send-with (laboratory id, "courier" | "post" | "internal",
 * sent on as dd/mm/yyyy or "" for today, the laboratory's reference):
 * the result expected by the laboratory's usual turnaround */
static void
send_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  g_autoptr(GError) error = NULL;
  const char *method_text, *sent, *reference;
  HarleySendMethod method = HARLEY_SEND_COURIER;
  gint64 lab_id;

  g_variant_get (parameter, "(x&s&s&s)", &lab_id, &method_text, &sent, &reference);
  if (!harley_send_method_from_string (method_text, &method))
    g_set_error (&error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                 _("Say how the sample went: by courier, by post, or internally."));
  if (error != NULL || !send (self, lab_id, method, sent, NULL, reference, &error))
    {
      _harley_sample_pane_toast (self, error->message);
      return;
    }
  _harley_sample_pane_step_done (self, _("Sent: the sample is on Outstanding until its result comes"));
}

/* The result arriving {{{1 */

typedef struct
{
  GtkWidget        *date_row;
  GtkTextView      *report_view;
  GtkWidget        *abnormal_switch;
  GtkWidget        *file_row;
  GtkWidget        *problem;
  char             *path;        /* the laboratory's report chosen, if any */
} ReceiveForm;

static void
receive_form_free (ReceiveForm *form)
{
  g_free (form->path);
  g_free (form);
}

/* Reads the laboratory's report from @path, and what kind it is. */
static GBytes *
read_attachment (const char  *path,
                 char       **mime_type,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *content_type = NULL;
  g_autoptr(GError) read_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                   _("“%s” could not be read: %s"), name, read_error->message);
      return NULL;
    }
  content_type = g_content_type_guess (path, (const guchar *) contents, length, NULL);
  *mime_type = g_content_type_get_mime_type (content_type);
  if (g_strcmp0 (*mime_type, "application/pdf") != 0 && g_strcmp0 (*mime_type, "image/png") != 0
      && g_strcmp0 (*mime_type, "image/jpeg") != 0)
    {
      g_clear_pointer (mime_type, g_free);
      g_free (contents);
      g_set_error (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                   _("“%s” is not a PDF or a picture: attach the laboratory’s report as a PDF, PNG or JPEG file."),
                   name);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static gboolean
receive (HarleySamplePane *self,
         const char       *received_text,
         const char       *report,
         gboolean          abnormal,
         const char       *path,
         GError          **error)
{
  HarleyResultNew result = { 0 };
  g_autoptr(GBytes) attachment = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *name = path != NULL && *path != '\0' ? g_filename_display_basename (path) : NULL;

  if (!read_day (received_text, &result.received_on, error))
    return FALSE;
  if (name != NULL && (attachment = read_attachment (path, &mime_type, error)) == NULL)
    return FALSE;
  result.sample_id = self->sample->id;
  result.lab_id = self->sample->lab_id;
  result.lab_reference = self->sample->lab_reference;
  result.report = report;
  result.abnormal = abnormal;
  result.attachment = attachment;
  result.attachment_type = mime_type;
  result.attachment_name = name;
  return harley_result_add (self->store, &result, error) != 0;
}

static void
received (HarleySamplePane *self,
          gboolean          abnormal)
{
  _harley_sample_pane_step_done (self, abnormal ? _("Result filed as ABNORMAL: it waits on To Review")
                                                : _("Result filed: it waits on To Review"));
}

static char *
dup_report_text (ReceiveForm *form)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->report_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
on_receive_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        HarleySamplePane *self)
{
  ReceiveForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autoptr(GError) error = NULL;
  g_autofree char *report = dup_report_text (form);
  gboolean abnormal = gtk_switch_get_active (GTK_SWITCH (form->abnormal_switch));

  if (g_strcmp0 (response, "receive") != 0 || self->sample == NULL)
    return;
  if (!receive (self, gtk_editable_get_text (GTK_EDITABLE (form->date_row)), report, abnormal, form->path, &error))
    {
      _harley_sample_pane_toast (self, error->message);
      return;
    }
  received (self, abnormal);
}

static void
check_receive_form (ReceiveForm *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = dup_report_text (form);
  GDate day;

  if (!read_day (gtk_editable_get_text (GTK_EDITABLE (form->date_row)), &day, &error))
    show_problem (form->problem, error->message);
  else if (*report == '\0' && form->path == NULL)
    show_problem (form->problem, _("Type the report, or attach the laboratory’s report, or both."));
  else
    show_problem (form->problem, NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (gtk_widget_get_root (form->problem)), "receive",
                                           !gtk_widget_get_visible (form->problem));
}

/* The chooser answers while the question it came from is still open. */
static void
on_attach_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       GtkWidget       *dialog)
{
  ReceiveForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                         : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *name = NULL;

  if (path != NULL)
    {
      g_free (form->path);
      form->path = g_steal_pointer (&path);
      name = g_filename_display_basename (form->path);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (form->file_row), name);
      check_receive_form (form);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_attach_clicked_cb (GtkButton *button)
{
  GtkRoot *dialog = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach the Laboratory’s Report"), GTK_WINDOW (dialog),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF or picture"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_attach_response_cb), dialog, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
build_report_view (ReceiveForm *form)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  form->report_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (form->report_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (form->report_view, FALSE);
  gtk_text_view_set_left_margin (form->report_view, 8);
  gtk_text_view_set_right_margin (form->report_view, 8);
  gtk_text_view_set_top_margin (form->report_view, 6);
  gtk_text_view_set_bottom_margin (form->report_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->report_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The report’s text"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (form->report_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  return scrolled;
}

static GtkWidget *
build_receive_form (ReceiveForm *form)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = new_form ();
  GtkWidget *abnormal_row = adw_action_row_new ();
  GtkWidget *attach = gtk_button_new_with_mnemonic (_("_Attach…"));
  GtkWidget *report_label;
  g_autofree char *today = dup_today_text ();

  form->date_row = add_entry (list, _("Received on (dd/mm/yyyy)"), today);
  form->abnormal_switch = gtk_switch_new ();
  gtk_widget_set_valign (form->abnormal_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (abnormal_row), _("_Abnormal"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (abnormal_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (abnormal_row), form->abnormal_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (abnormal_row), form->abnormal_switch);
  gtk_list_box_append (GTK_LIST_BOX (list), abnormal_row);
  form->file_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->file_row), _("The laboratory’s report (PDF or picture)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (form->file_row), _("None attached"));
  gtk_widget_set_valign (attach, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (form->file_row), attach);
  gtk_list_box_append (GTK_LIST_BOX (list), form->file_row);
  g_signal_connect (attach, "clicked", G_CALLBACK (on_attach_clicked_cb), NULL);
  form->problem = new_problem_label ();
  report_label = gtk_label_new_with_mnemonic (_("The _report, as the laboratory wrote it"));
  gtk_label_set_xalign (GTK_LABEL (report_label), 0);
  gtk_widget_add_css_class (report_label, "heading");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), report_label);
  gtk_box_append (GTK_BOX (box), build_report_view (form));
  gtk_label_set_mnemonic_widget (GTK_LABEL (report_label), GTK_WIDGET (form->report_view));
  gtk_box_append (GTK_BOX (box), form->problem);
  return box;
}

/* sample.receive: asks for the result, as the laboratory sent it */
static void
receive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  ReceiveForm *form = g_new0 (ReceiveForm, 1);
  GtkWidget *dialog;

  dialog = _harley_sample_pane_question (self, _("Receive the Result?"),
                                         _("The result goes on the patient’s notes and timeline, and waits on "
                                           "To Review for the clinician."),
                                         "receive", _("_Receive"), build_receive_form (form));
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) receive_form_free);
  g_signal_connect_swapped (form->date_row, "changed", G_CALLBACK (check_receive_form), form);
  g_signal_connect_swapped (gtk_text_view_get_buffer (form->report_view), "changed",
                            G_CALLBACK (check_receive_form), form);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_receive_response_cb), self, 0);
  /* Enter in the report is a new line, not the answer */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), NULL);
  /* Nothing to say yet: the reason comes once something is typed */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "receive", FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->report_view));
}

/* sample.receive-with (received on as dd/mm/yyyy or "" for today, the
 * report's text, abnormal, the path of the laboratory's PDF or picture
 * or "") */
static void
receive_with_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleySamplePane *self = HARLEY_SAMPLE_PANE (widget);
  g_autoptr(GError) error = NULL;
  const char *day, *report, *path;
  gboolean abnormal;

  g_variant_get (parameter, "(&s&sb&s)", &day, &report, &abnormal, &path);
  if (!receive (self, day, report, abnormal, path, &error))
    {
      _harley_sample_pane_toast (self, error->message);
      return;
    }
  received (self, abnormal);
}

void
_harley_sample_pane_class_send_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sample.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "sample.send-with", "(xsss)", send_with_action);
  gtk_widget_class_install_action (widget_class, "sample.receive", NULL, receive_action);
  gtk_widget_class_install_action (widget_class, "sample.receive-with", "(ssbs)", receive_with_action);
}
