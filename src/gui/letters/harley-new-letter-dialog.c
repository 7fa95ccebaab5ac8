/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-new-letter-dialog"

/* New Letter: the patient (found with the register's own type-ahead
 * search, or given), the template, who it goes to and who has a copy,
 * read from the patient's record, and the appointment it is about. What
 * is missing is said as the choices are made, in the words of
 * harley_letter_check_new(), before anything is written.
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-new-letter-dialog.h"
#include "harley-patient-picker.h"
#include "harley-register.h"
#include "harley-template.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

/* The "Goes to" rows, in the order of HarleyRecipientKind. */
#define N_TO (HARLEY_RECIPIENT_INSURER + 1)

static const char * const to_titles[N_TO] = {
  N_("The patient"), N_("The GP"), N_("The referrer"), N_("The insurer"),
};

struct _HarleyNewLetterDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  HarleyPatientPicker *picker;
  AdwPreferencesGroup *letter_group;
  AdwComboRow         *template_row;
  AdwComboRow         *to_row;
  AdwActionRow        *copy_gp_row;
  GtkCheckButton      *copy_gp_check;
  AdwActionRow        *copy_patient_row;
  GtkCheckButton      *copy_patient_check;
  AdwComboRow         *appointment_row;
  GtkLabel            *problem_label;

  /* Owned references */
  HarleyStore         *store;
  GPtrArray           *templates;         /* HarleyLetterTemplate, as template_row lists them */
  GArray              *appointment_ids;   /* gint64, appointment_row's rows after "None" */
  char                *names[N_TO];       /* the patient's, and the record's GP, referrer, insurer */

  gint64               patient_id;
  guint                filling;           /* rows being filled: their changes are not the user's */
};

G_DEFINE_FINAL_TYPE (HarleyNewLetterDialog, harley_new_letter_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (HarleyNewLetterDialog *self,
              const char            *problem)
{
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static const HarleyLetterTemplate *
get_template (HarleyNewLetterDialog *self)
{
  guint i = adw_combo_row_get_selected (self->template_row);

  return self->templates != NULL && i < self->templates->len ? g_ptr_array_index (self->templates, i) : NULL;
}

static HarleyRecipientKind
get_to (HarleyNewLetterDialog *self)
{
  guint i = adw_combo_row_get_selected (self->to_row);

  return i < N_TO ? (HarleyRecipientKind) i : HARLEY_RECIPIENT_PATIENT;
}

static gint64
get_appointment (HarleyNewLetterDialog *self)
{
  guint i = adw_combo_row_get_selected (self->appointment_row);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->appointment_ids->len)
    return 0;
  return g_array_index (self->appointment_ids, gint64, i - 1);
}

/* The copies ticked, for rows shown: the addressee has no copy row. */
static guint
get_copies (HarleyNewLetterDialog *self,
            HarleyRecipientKind    copies[2])
{
  guint n = 0;

  if (gtk_widget_get_visible (GTK_WIDGET (self->copy_gp_row)) && gtk_check_button_get_active (self->copy_gp_check))
    copies[n++] = HARLEY_RECIPIENT_GP;
  if (gtk_widget_get_visible (GTK_WIDGET (self->copy_patient_row))
      && gtk_check_button_get_active (self->copy_patient_check))
    copies[n++] = HARLEY_RECIPIENT_PATIENT;
  return n;
}

/* Says what stands in the way, as the choices change: nothing is said
 * until a patient is chosen, since an empty form is not a mistake. */
static void
refresh_problem (HarleyNewLetterDialog *self)
{
  g_autoptr(GError) error = NULL;
  const HarleyLetterTemplate *template = get_template (self);
  HarleyRecipientKind copies[2];
  guint n_copies = get_copies (self, copies);

  if (self->filling > 0)
    return;
  if (self->patient_id == 0 || template == NULL
      || harley_letter_check_new (self->store, self->patient_id, template->id, get_appointment (self),
                                  get_to (self), 0, copies, n_copies, NULL, &error))
    show_problem (self, NULL);
  else
    show_problem (self, error->message);
}

static void
on_choice_changed_cb (HarleyNewLetterDialog *self)
{
  refresh_problem (self);
}

/* Goes to, and the copies {{{1 */

/* "The GP — Dr Amir Khan", dimmed when the record has none */
static void
setup_to_item_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_to_item_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HarleyNewLetterDialog    *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GObject *text = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (GTK_STRING_OBJECT (text)));
  if (g_object_get_data (text, "none-in-record") != NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static char *
dup_to_text (HarleyNewLetterDialog *self,
             guint                  to)
{
  if (self->patient_id == 0)
    return g_strdup (_(to_titles[to]));
  /* TRANSLATORS: who a letter goes to, then their name: “The GP — Dr Amir Khan” */
  return g_strdup_printf (_("%s — %s"), _(to_titles[to]),
                          self->names[to] != NULL ? self->names[to] : _("(none in the record)"));
}

static void
fill_to (HarleyNewLetterDialog *self)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  guint selected = adw_combo_row_get_selected (self->to_row);

  for (guint i = 0; i < N_TO; i++)
    {
      g_autofree char *text = dup_to_text (self, i);
      g_autoptr(GObject) item = NULL;

      gtk_string_list_append (items, text);
      /* The row shows the chosen item apart from the list, so the item
       * itself says it is missing. */
      item = g_list_model_get_item (G_LIST_MODEL (items), i);
      if (self->patient_id != 0 && self->names[i] == NULL)
        g_object_set_data (item, "none-in-record", GINT_TO_POINTER (1));
    }
  self->filling++;
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (self->to_row, selected < N_TO ? selected : HARLEY_RECIPIENT_GP);
  self->filling--;
}

static void
show_copy_row (AdwActionRow *row,
               const char   *name,
               gboolean      shown)
{
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
  gtk_widget_set_sensitive (GTK_WIDGET (row), name != NULL);
  adw_action_row_set_subtitle (row, name != NULL ? name : _("(none in the record)"));
}

/* The template mentions the copy: "Letter to the patient, copy to the GP" */
static gboolean
template_copies_gp (const HarleyLetterTemplate *template)
{
  g_autofree char *name = template != NULL ? g_utf8_casefold (template->name, -1) : NULL;
  g_autofree char *description = template != NULL && template->description != NULL
                                 ? g_utf8_casefold (template->description, -1) : NULL;

  return (name != NULL && strstr (name, "copy to the gp") != NULL)
         || (description != NULL && strstr (description, "copy to the gp") != NULL);
}

/* A letter to the patient has a copy to the GP when the template says
 * so; a letter to the GP has a copy to the patient, as the Academy of
 * Medical Royal Colleges' "Please, write to me" asks. Either can be
 * unticked. */
static void
choose_copies (HarleyNewLetterDialog *self)
{
  HarleyRecipientKind to = get_to (self);
  gboolean gp_copy = to == HARLEY_RECIPIENT_PATIENT && template_copies_gp (get_template (self));

  self->filling++;
  show_copy_row (self->copy_gp_row, self->names[HARLEY_RECIPIENT_GP], to != HARLEY_RECIPIENT_GP);
  show_copy_row (self->copy_patient_row, self->names[HARLEY_RECIPIENT_PATIENT], to != HARLEY_RECIPIENT_PATIENT);
  gtk_check_button_set_active (self->copy_gp_check, gp_copy && self->names[HARLEY_RECIPIENT_GP] != NULL);
  gtk_check_button_set_active (self->copy_patient_check, to == HARLEY_RECIPIENT_GP);
  self->filling--;
}

static void
on_to_selected_cb (HarleyNewLetterDialog *self)
{
  if (self->filling > 0)
    return;
  choose_copies (self);
  refresh_problem (self);
}

/* The template {{{1 */

static void
show_template_description (HarleyNewLetterDialog *self)
{
  const HarleyLetterTemplate *template = get_template (self);
  const char *description = template != NULL ? template->description : NULL;

  /* The row's subtitle is the template's name: what it is for goes
   * under the group's heading. */
  adw_preferences_group_set_description (self->letter_group, description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->template_row), description);
}

/* Who the template is written for, then the copies that go with it. */
static void
choose_for_template (HarleyNewLetterDialog *self)
{
  const HarleyLetterTemplate *template = get_template (self);
  HarleyRecipientKind to = template != NULL ? template->default_to : HARLEY_RECIPIENT_GP;

  self->filling++;
  adw_combo_row_set_selected (self->to_row, to < N_TO ? to : HARLEY_RECIPIENT_GP);
  self->filling--;
  choose_copies (self);
}

static void
on_template_selected_cb (HarleyNewLetterDialog *self)
{
  show_template_description (self);
  if (self->filling > 0)
    return;
  choose_for_template (self);
  refresh_problem (self);
}

/* The list opened from the row: each name with its description under it. */
static void
setup_template_item_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 50);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), description);
  gtk_list_item_set_child (item, box);
}

static void
bind_template_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       HarleyNewLetterDialog    *self)
{
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *description = gtk_widget_get_next_sibling (name);
  guint position = gtk_list_item_get_position (item);
  const HarleyLetterTemplate *template = position < self->templates->len
                                         ? g_ptr_array_index (self->templates, position) : NULL;

  gtk_label_set_text (GTK_LABEL (name), template != NULL ? template->name : "");
  gtk_label_set_text (GTK_LABEL (description), template != NULL && template->description != NULL
                                                ? template->description : "");
  gtk_widget_set_visible (description, template != NULL && template->description != NULL);
}

static void
fill_templates (HarleyNewLetterDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  self->templates = harley_letter_template_list (self->store, &error);
  if (self->templates == NULL)
    {
      self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_letter_template_free);
      show_problem (self, error->message);
    }
  for (guint i = 0; i < self->templates->len; i++)
    gtk_string_list_append (names, ((HarleyLetterTemplate *) g_ptr_array_index (self->templates, i))->name);
  self->filling++;
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (names));
  self->filling--;
  /* The letter of most days: the clinic letter to the GP */
  for (guint i = 0; i < self->templates->len; i++)
    if (((HarleyLetterTemplate *) g_ptr_array_index (self->templates, i))->default_to == HARLEY_RECIPIENT_GP)
      {
        adw_combo_row_set_selected (self->template_row, i);
        break;
      }
  show_template_description (self);
}

/* The appointment {{{1 */

static char *
dup_appointment_text (HarleyAppointment *appointment)
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (appointment);
  g_autofree char *when = harley_appointment_dup_when (appointment);

  /* TRANSLATORS: when, the kind of appointment and how it went: “Mon 14/01/2030 09:15–09:45 · New
   * consultation · Seen” */
  return g_strdup_printf (_("%s · %s · %s"), when, info->type_name != NULL ? info->type_name : "",
                          harley_appointment_status_label (info->status));
}

/* The appointment a letter is most likely about: the latest one today or
 * before that was not cancelled or missed. */
static gboolean
is_likely (const HarleyAppointmentInfo *info,
           const GDate                 *today)
{
  return g_date_compare (&info->date, today) <= 0
         && (info->status == HARLEY_APPOINTMENT_SEEN || info->status == HARLEY_APPOINTMENT_ARRIVED
             || info->status == HARLEY_APPOINTMENT_BOOKED);
}

/* The coming appointments and those of the last twelve months, the
 * latest first; "None" at the top. */
static void
fill_appointments (HarleyNewLetterDialog *self)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate today, year_ago;
  int minute;
  guint chosen = 0;

  g_array_set_size (self->appointment_ids, 0);
  gtk_string_list_append (items, _("None"));
  if (self->patient_id != 0)
    all = harley_diary_list_for_patient (self->store, self->patient_id, NULL);
  harley_wall_time_from_utc (now, &today, &minute);
  year_ago = today;
  g_date_subtract_months (&year_ago, 12);
  for (guint i = all != NULL ? all->len : 0; i > 0; i--)
    {
      HarleyAppointment *appointment = g_ptr_array_index (all, i - 1);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (appointment);
      g_autofree char *text = NULL;

      if (g_date_compare (&info->date, &year_ago) < 0)
        break;
      text = dup_appointment_text (appointment);
      gtk_string_list_append (items, text);
      g_array_append_val (self->appointment_ids, info->id);
      if (chosen == 0 && is_likely (info, &today))
        chosen = self->appointment_ids->len;
    }
  self->filling++;
  adw_combo_row_set_model (self->appointment_row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (self->appointment_row, chosen);
  self->filling--;
}

/* The patient {{{1 */

static void
read_names (HarleyNewLetterDialog *self,
            HarleyPatient         *patient)
{
  static const HarleyPatientLink links[N_TO] = {
    [HARLEY_RECIPIENT_GP] = HARLEY_PATIENT_GP,
    [HARLEY_RECIPIENT_REFERRER] = HARLEY_PATIENT_REFERRER,
    [HARLEY_RECIPIENT_INSURER] = HARLEY_PATIENT_INSURER,
  };

  for (guint i = 0; i < N_TO; i++)
    g_clear_pointer (&self->names[i], g_free);
  if (patient == NULL)
    return;
  self->names[HARLEY_RECIPIENT_PATIENT] = harley_patient_dup_full_name (patient);
  for (guint i = HARLEY_RECIPIENT_GP; i < N_TO; i++)
    {
      gint64 id = harley_patient_get_link (patient, links[i]);
      g_autoptr(HarleyContact) contact = id > 0 ? harley_contact_load (self->store, id, NULL) : NULL;

      if (contact != NULL)
        self->names[i] = g_strdup (harley_contact_get_name (contact));
    }
}

/* Everything that comes from the patient's record is read again. */
static void
patient_chosen_cb (HarleyNewLetterDialog *self)
{
  gint64 patient_id = harley_patient_picker_get_patient_id (self->picker);
  g_autoptr(HarleyPatient) patient = NULL;

  if (patient_id != 0 && (patient = harley_register_load (self->store, patient_id, NULL)) == NULL)
    patient_id = 0;
  self->patient_id = patient_id;
  read_names (self, patient);
  fill_to (self);
  fill_appointments (self);
  choose_for_template (self);
  refresh_problem (self);
}

/* The patient taken: the search makes way for the letter's choices. */
static void
on_picker_chosen_cb (HarleyNewLetterDialog *self)
{
  if (self->patient_id == 0)
    return;
  harley_patient_picker_show_search (self->picker, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->template_row));
}

/* Creating {{{1 */

/* Takes the user to the choice that would put the refusal right. */
static void
focus_remedy (HarleyNewLetterDialog *self,
              const GError          *error)
{
  if (error->domain == HARLEY_LETTER_ERROR)
    gtk_widget_grab_focus (GTK_WIDGET (self->to_row));
  else if (error->domain == HARLEY_TEMPLATE_ERROR)
    gtk_widget_grab_focus (GTK_WIDGET (self->appointment_row));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarleyNewLetterDialog *self = HARLEY_NEW_LETTER_DIALOG (widget);
  const HarleyLetterTemplate *template = get_template (self);
  g_autoptr(GError) error = NULL;
  HarleyRecipientKind copies[2];
  guint n_copies = get_copies (self, copies);
  gint64 id;

  if (self->patient_id == 0)
    {
      show_problem (self, _("Choose the patient first: type a name, NHS number or date of birth."));
      harley_patient_picker_show_search (self->picker, TRUE);
      return;
    }
  if (template == NULL)
    {
      show_problem (self, _("Choose a template for the letter."));
      gtk_widget_grab_focus (GTK_WIDGET (self->template_row));
      return;
    }
  id = harley_letter_new_from_template (self->store, self->patient_id, template->id, get_appointment (self),
                                        get_to (self), 0, copies, n_copies, NULL, &error);
  if (id == 0)
    {
      show_problem (self, error->message);
      focus_remedy (self, error);
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Enter on the last choice starts the letter; Space still opens its list. */
static gboolean
on_last_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        HarleyNewLetterDialog *self)
{
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter)
      || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_activate_action (GTK_WIDGET (self), "new-letter.create", NULL);
  return GDK_EVENT_STOP;
}

/* Object {{{1 */

/**
 * harley_new_letter_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the practice database
 * @patient_id: the patient to write about, or 0 to find one
 *
 * Returns: (transfer none): the dialog, to present; it emits "created"
 *   with the new letter's id and closes itself
 */
HarleyNewLetterDialog *
harley_new_letter_dialog_new (GtkWindow   *parent,
                              HarleyStore *store,
                              gint64       patient_id)
{
  HarleyNewLetterDialog *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  self = g_object_new (HARLEY_TYPE_NEW_LETTER_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  harley_patient_picker_set_store (self->picker, store);

  fill_templates (self);
  harley_patient_picker_set_patient_id (self->picker, patient_id);
  patient_chosen_cb (self);
  g_signal_connect_swapped (self->picker, "notify::patient-id", G_CALLBACK (patient_chosen_cb), self);
  harley_patient_picker_show_search (self->picker, self->patient_id == 0);
  if (self->patient_id != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->template_row));
  return self;
}

/**
 * harley_new_letter_dialog_set_template:
 * @template_id: a template in use
 *
 * Chooses the template, and who it goes to as the template says.
 */
void
harley_new_letter_dialog_set_template (HarleyNewLetterDialog *self,
                                       gint64                 template_id)
{
  g_return_if_fail (HARLEY_IS_NEW_LETTER_DIALOG (self));

  for (guint i = 0; i < self->templates->len; i++)
    if (((HarleyLetterTemplate *) g_ptr_array_index (self->templates, i))->id == template_id)
      adw_combo_row_set_selected (self->template_row, i);
}

void
harley_new_letter_dialog_set_to (HarleyNewLetterDialog *self,
                                 HarleyRecipientKind    to)
{
  g_return_if_fail (HARLEY_IS_NEW_LETTER_DIALOG (self));
  g_return_if_fail (to < N_TO);

  adw_combo_row_set_selected (self->to_row, to);
}

/**
 * harley_new_letter_dialog_get_problem:
 *
 * Returns: (nullable): what stands in the way of starting the letter, as
 *   shown
 */
const char *
harley_new_letter_dialog_get_problem (HarleyNewLetterDialog *self)
{
  g_return_val_if_fail (HARLEY_IS_NEW_LETTER_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->problem_label)))
    return NULL;
  return gtk_label_get_text (self->problem_label);
}

/* For the tests: the search, as typed into */
GtkEditable *
harley_new_letter_dialog_get_search (HarleyNewLetterDialog *self)
{
  return harley_patient_picker_get_search (self->picker);
}

static void
harley_new_letter_dialog_dispose (GObject *object)
{
  HarleyNewLetterDialog *self = HARLEY_NEW_LETTER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_NEW_LETTER_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_new_letter_dialog_parent_class)->dispose (object);
}

static void
harley_new_letter_dialog_finalize (GObject *object)
{
  HarleyNewLetterDialog *self = HARLEY_NEW_LETTER_DIALOG (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->appointment_ids, g_array_unref);
  for (guint i = 0; i < N_TO; i++)
    g_free (self->names[i]);

  G_OBJECT_CLASS (harley_new_letter_dialog_parent_class)->finalize (object);
}

static void
harley_new_letter_dialog_class_init (HarleyNewLetterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_new_letter_dialog_dispose;
  object_class->finalize = harley_new_letter_dialog_finalize;

  /**
   * HarleyNewLetterDialog::created:
   * @id: the new letter's id
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (HARLEY_TYPE_PATIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/letters/harley-new-letter-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, picker);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, letter_group);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, copy_gp_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, copy_gp_check);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, copy_patient_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, copy_patient_check);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, appointment_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyNewLetterDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "new-letter.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "new-letter.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "new-letter.create", NULL);
}

static void
set_factory (AdwComboRow *row,
             gboolean     for_list,
             GCallback    setup,
             GCallback    bind,
             gpointer     data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  if (for_list)
    adw_combo_row_set_list_factory (row, factory);
  else
    adw_combo_row_set_factory (row, factory);
}

static void
harley_new_letter_dialog_init (HarleyNewLetterDialog *self)
{
  GtkEventController *last_keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->appointment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  set_factory (self->to_row, FALSE, G_CALLBACK (setup_to_item_cb), G_CALLBACK (bind_to_item_cb), self);
  set_factory (self->template_row, TRUE, G_CALLBACK (setup_template_item_cb), G_CALLBACK (bind_template_item_cb),
               self);
  g_signal_connect (last_keys, "key-pressed", G_CALLBACK (on_last_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->appointment_row), last_keys);
}
