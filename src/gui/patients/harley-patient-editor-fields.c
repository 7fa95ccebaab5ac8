/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-editor"

/* The record form, built from one table of fields: each row says which
 * patient field an entry edits, in which section, how it is checked as it
 * is typed, and how the stored value is shown. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-patient-editor-private.h"
#include "harley-register.h"
#include "harley-validate.h"

enum {
  SECTION_PERSON,
  SECTION_ADDRESS,
  SECTION_PHONE,
  SECTION_CONSENT,
  SECTION_CARE,
  SECTION_HOSPITAL,
  SECTION_KIN,
  SECTION_ALERTS,
  SECTION_APPOINTMENTS,
  SECTION_LETTERS,
  SECTION_SAMPLES,
  SECTION_TIMELINE,
  N_SECTIONS
};

static const char *section_titles[N_SECTIONS] = {
  N_("Name and date of birth"),
  N_("Address"),
  N_("Phone and email"),
  N_("The patient agrees to be contacted by"),
  N_("GP, referrer and insurance"),
  N_("Hospital numbers"),
  N_("Next of kin"),
  N_("Alerts and notes"),
  N_("Appointments"),
  N_("Letters"),
  N_("Samples"),
  N_("Timeline"),
};

static gboolean
check_date_of_birth (const char  *input,
                     char       **normalised,
                     GError     **error)
{
  return harley_validate_date_of_birth (input, NULL, normalised, error);
}

static const HarleyFieldSpec field_specs[] = {
  { HARLEY_PATIENT_TITLE, SECTION_PERSON, FALSE, 6, NULL, NULL },
  { HARLEY_PATIENT_GIVEN_NAME, SECTION_PERSON, TRUE, 16, NULL, NULL },
  { HARLEY_PATIENT_FAMILY_NAME, SECTION_PERSON, TRUE, 16, NULL, NULL },
  { HARLEY_PATIENT_PREFERRED_NAME, SECTION_PERSON, FALSE, 16, NULL, NULL },
  { HARLEY_PATIENT_DATE_OF_BIRTH, SECTION_PERSON, TRUE, 10, check_date_of_birth, harley_format_date },
  { HARLEY_PATIENT_NHS_NUMBER, SECTION_PERSON, FALSE, 12, harley_validate_nhs_number, harley_format_nhs_number },
  { HARLEY_PATIENT_ADDRESS_LINE1, SECTION_ADDRESS, FALSE, 24, NULL, NULL },
  { HARLEY_PATIENT_ADDRESS_LINE2, SECTION_ADDRESS, FALSE, 24, NULL, NULL },
  { HARLEY_PATIENT_ADDRESS_LINE3, SECTION_ADDRESS, FALSE, 24, NULL, NULL },
  { HARLEY_PATIENT_POST_TOWN, SECTION_ADDRESS, FALSE, 16, NULL, NULL },
  { HARLEY_PATIENT_POSTCODE, SECTION_ADDRESS, FALSE, 9, harley_validate_postcode, NULL },
  { HARLEY_PATIENT_PHONE_MOBILE, SECTION_PHONE, FALSE, 14, harley_validate_phone, NULL },
  { HARLEY_PATIENT_PHONE_HOME, SECTION_PHONE, FALSE, 14, harley_validate_phone, NULL },
  { HARLEY_PATIENT_PHONE_WORK, SECTION_PHONE, FALSE, 14, harley_validate_phone, NULL },
  { HARLEY_PATIENT_EMAIL, SECTION_PHONE, FALSE, 24, harley_validate_email, NULL },
  { HARLEY_PATIENT_INSURANCE_MEMBERSHIP, SECTION_CARE, FALSE, 14, NULL, NULL },
  { HARLEY_PATIENT_INSURANCE_AUTHORISATION, SECTION_CARE, FALSE, 14, NULL, NULL },
  { HARLEY_PATIENT_NEXT_OF_KIN_NAME, SECTION_KIN, FALSE, 20, NULL, NULL },
  { HARLEY_PATIENT_NEXT_OF_KIN_RELATIONSHIP, SECTION_KIN, FALSE, 12, NULL, NULL },
  { HARLEY_PATIENT_NEXT_OF_KIN_PHONE, SECTION_KIN, FALSE, 14, harley_validate_phone, NULL },
  { HARLEY_PATIENT_ALERTS, SECTION_ALERTS, FALSE, 40, NULL, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_specs) <= HARLEY_EDITOR_N_FIELDS);

static const char *sex_ids[] = { "female", "male", "other", "unknown" };

static const HarleyContactKind link_kinds[HARLEY_PATIENT_N_LINKS] = {
  HARLEY_CONTACT_GP, HARLEY_CONTACT_REFERRER, HARLEY_CONTACT_INSURER
};

/* A grid that lays out label + widget pairs, two pairs a line, with room
 * under each widget for its problem message. */
typedef struct
{
  GtkGrid *grid;
  int      slot;
} Section;

static GtkGrid *
add_section (HarleyPatientEditor *self,
             guint                section)
{
  GtkWidget *title = gtk_label_new (_(section_titles[section]));
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 18);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_box_append (self->form, title);
  gtk_box_append (self->form, grid);
  return GTK_GRID (grid);
}

static GtkLabel *
place (Section    *section,
       const char *label_text,
       GtkWidget  *widget,
       gboolean    wide)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *problem = gtk_label_new (NULL);
  int width = wide ? 3 : 1;
  int column, row;

  if (wide && section->slot % 2 == 1)
    section->slot++;
  column = (section->slot % 2) * 2;
  row = (section->slot / 2) * 2;
  section->slot += wide ? 2 : 1;

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_add_css_class (problem, "caption");
  gtk_widget_set_visible (problem, FALSE);

  gtk_grid_attach (section->grid, label, column, row, 1, 1);
  gtk_grid_attach (section->grid, widget, column + 1, row, width, 1);
  gtk_grid_attach (section->grid, problem, column + 1, row + 1, width, 1);
  return GTK_LABEL (problem);
}

static HarleyEditorField *
field_for (HarleyPatientEditor *self,
           HarleyPatientText    field)
{
  if (!self->form_built)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (self->fields[i].spec->field == field)
      return &self->fields[i];
  return NULL;
}

void
_harley_patient_editor_show_problem (HarleyPatientEditor *self,
                                     HarleyPatientText    field,
                                     const char          *message)
{
  HarleyEditorField *f = field_for (self, field);

  if (f == NULL)
    return;
  gtk_label_set_text (f->problem, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (f->problem), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (f->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (f->entry), "error");
}

/* Checks one field; returns its value as stored through @value. */
static gboolean
check_field (HarleyPatientEditor *self,
             HarleyEditorField   *f,
             char               **value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->entry))));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    {
      gboolean ok = !f->spec->required;

      _harley_patient_editor_show_problem (self, f->spec->field,
                                           ok ? NULL : _("This is needed."));
      if (value != NULL)
        *value = NULL;
      return ok;
    }
  if (f->spec->check != NULL && !f->spec->check (text, value, &error))
    {
      _harley_patient_editor_show_problem (self, f->spec->field, error->message);
      return FALSE;
    }
  _harley_patient_editor_show_problem (self, f->spec->field, NULL);
  if (value != NULL && f->spec->check == NULL)
    *value = g_steal_pointer (&text);
  return TRUE;
}

static void
on_entry_changed_cb (GtkEditable         *editable,
                     HarleyPatientEditor *self)
{
  HarleyEditorField *f = g_object_get_data (G_OBJECT (editable), "harley-field");

  if (self->loading)
    return;
  /* Check as she types, but do not nag about a field she has not
   * finished: an empty required field is flagged on save. */
  if (*gtk_editable_get_text (editable) != '\0' || !f->spec->required)
    check_field (self, f, NULL);
  _harley_patient_editor_changed (self);
}

static void
on_widget_changed_cb (HarleyPatientEditor *self)
{
  if (!self->loading)
    _harley_patient_editor_changed (self);
}

static void
build_entry (HarleyPatientEditor *self,
             Section             *sections,
             guint                i)
{
  const HarleyFieldSpec *spec = &field_specs[i];
  HarleyEditorField *f = &self->fields[i];
  g_autofree char *label = g_strdup_printf ("%s", harley_patient_text_label (spec->field));

  f->spec = spec;
  f->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (f->entry), spec->width_chars);
  gtk_widget_set_name (GTK_WIDGET (f->entry), harley_patient_text_property (spec->field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (spec->field == HARLEY_PATIENT_DATE_OF_BIRTH)
    gtk_entry_set_placeholder_text (f->entry, _("dd/mm/yyyy"));
  g_object_set_data (G_OBJECT (f->entry), "harley-field", f);
  g_signal_connect (f->entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  f->problem = place (&sections[spec->section], label, GTK_WIDGET (f->entry),
                      spec->field == HARLEY_PATIENT_ALERTS);
}

static void
build_sex (HarleyPatientEditor *self,
           Section             *section)
{
  const char *labels[] = { _("Female"), _("Male"), _("Other"), _("Not recorded"), NULL };

  self->sex_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
  g_signal_connect_swapped (self->sex_dropdown, "notify::selected", G_CALLBACK (on_widget_changed_cb), self);
  place (section, _("Sex"), GTK_WIDGET (self->sex_dropdown), FALSE);
}

static GtkDropDown *
build_contact_dropdown (HarleyPatientEditor *self)
{
  GtkExpression *name = gtk_property_expression_new (HARLEY_TYPE_CONTACT, NULL, "name");
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, name));

  gtk_drop_down_set_enable_search (dropdown, TRUE);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_widget_changed_cb), self);
  return dropdown;
}

static void
build_links (HarleyPatientEditor *self,
             Section             *section)
{
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    {
      self->link_dropdowns[i] = build_contact_dropdown (self);
      place (section, harley_patient_link_label (i), GTK_WIDGET (self->link_dropdowns[i]), FALSE);
    }
}

static void
build_flags (HarleyPatientEditor *self,
             Section             *consent,
             Section             *care)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    {
      if (i == HARLEY_PATIENT_ARCHIVED)
        continue;
      self->flag_checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (harley_patient_flag_label (i)));
      g_signal_connect_swapped (self->flag_checks[i], "toggled", G_CALLBACK (on_widget_changed_cb), self);
      if (i == HARLEY_PATIENT_SELF_PAY)
        place (care, "", GTK_WIDGET (self->flag_checks[i]), FALSE);
      else
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->flag_checks[i]));
    }
  gtk_grid_attach (consent->grid, box, 0, 0, 4, 1);
}

static void
build_notes_and_timeline (HarleyPatientEditor *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Notes"));

  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  /* Tab goes on to the next field, as everywhere else in the form. */
  gtk_text_view_set_accepts_tab (self->notes_view, FALSE);
  gtk_text_view_set_top_margin (self->notes_view, 6);
  gtk_text_view_set_bottom_margin (self->notes_view, 6);
  gtk_text_view_set_left_margin (self->notes_view, 6);
  gtk_text_view_set_right_margin (self->notes_view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 90);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->notes_view));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->notes_view));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_widget_changed_cb), self);
  gtk_box_append (self->form, label);
  gtk_box_append (self->form, frame);

  add_section (self, SECTION_APPOINTMENTS);
  self->appointments = HARLEY_PATIENT_APPOINTMENTS (harley_patient_appointments_new ());
  gtk_box_append (self->form, GTK_WIDGET (self->appointments));

  add_section (self, SECTION_LETTERS);
  self->letters = HARLEY_PATIENT_LETTERS (harley_patient_letters_new ());
  gtk_box_append (self->form, GTK_WIDGET (self->letters));

  add_section (self, SECTION_SAMPLES);
  self->samples = HARLEY_PATIENT_SAMPLES (harley_patient_samples_new ());
  gtk_box_append (self->form, GTK_WIDGET (self->samples));

  add_section (self, SECTION_TIMELINE);
  self->timeline = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->timeline, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->timeline), "boxed-list");
  gtk_box_append (self->form, GTK_WIDGET (self->timeline));
}

static void
on_add_hospital_number_clicked_cb (HarleyPatientEditor *self);

static void
build_hospital_numbers (HarleyPatientEditor *self)
{
  GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _hospital number"));

  self->hospital_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_hospital_number_clicked_cb), self);
  gtk_box_append (self->form, GTK_WIDGET (self->hospital_box));
  gtk_box_append (self->form, add);
}

/**
 * _harley_patient_editor_build_form:
 * @self: a #HarleyPatientEditor
 *
 * Builds the form's sections, in the order a secretary takes details.
 */
void
_harley_patient_editor_build_form (HarleyPatientEditor *self)
{
  Section sections[N_SECTIONS] = { { 0 } };

  self->form_built = TRUE;
  for (guint s = 0; s <= SECTION_KIN; s++)
    {
      if (s == SECTION_HOSPITAL)
        {
          add_section (self, s);
          build_hospital_numbers (self);
          continue;
        }
      sections[s].grid = add_section (self, s);
      if (s == SECTION_PERSON)
        for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
          if (field_specs[i].section == s)
            {
              build_entry (self, sections, i);
              if (field_specs[i].field == HARLEY_PATIENT_DATE_OF_BIRTH)
                build_sex (self, &sections[s]);
            }
      if (s == SECTION_CARE)
        build_links (self, &sections[s]);
      if (s == SECTION_CONSENT)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
        if (field_specs[i].section == s && s != SECTION_PERSON)
          build_entry (self, sections, i);
    }
  build_flags (self, &sections[SECTION_CONSENT], &sections[SECTION_CARE]);
  sections[SECTION_ALERTS].grid = add_section (self, SECTION_ALERTS);
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (field_specs[i].section == SECTION_ALERTS)
      build_entry (self, sections, i);
  build_notes_and_timeline (self);
}

static void
remove_hospital_row_cb (GtkWidget *button,
                        GtkWidget *row)
{
  HarleyPatientEditor *self = HARLEY_PATIENT_EDITOR (gtk_widget_get_ancestor (row, HARLEY_TYPE_PATIENT_EDITOR));

  gtk_box_remove (self->hospital_box, row);
  _harley_patient_editor_changed (self);
}

/* Chooses @id in a dropdown of contacts (row 0 is "None"). An entry the
 * list lacks (archived since, or of another kind) is added to it rather than
 * shown as "None", which the next save would write. */
static gboolean
select_contact (HarleyPatientEditor *self,
                GtkDropDown         *dropdown,
                GListModel          *contacts,
                gint64               id)
{
  g_autoptr(HarleyContact) missing = NULL;
  guint n = g_list_model_get_n_items (contacts);

  for (guint i = 1; i < n && id > 0; i++)
    {
      g_autoptr(HarleyContact) c = g_list_model_get_item (contacts, i);

      if (harley_contact_get_id (c) == id)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return TRUE;
        }
    }
  if (id > 0 && (missing = harley_contact_load (self->store, id, NULL)) != NULL)
    {
      g_list_store_append (G_LIST_STORE (contacts), missing);
      gtk_drop_down_set_selected (dropdown, n);
      return TRUE;
    }
  gtk_drop_down_set_selected (dropdown, 0);
  return id == 0;
}

static gint64
selected_contact_id (GtkDropDown *dropdown)
{
  HarleyContact *contact = gtk_drop_down_get_selected_item (dropdown);

  return contact != NULL ? harley_contact_get_id (contact) : 0;
}

static GtkWidget *
add_hospital_row (HarleyPatientEditor *self,
                  gint64               hospital_id,
                  const char          *number)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkDropDown *hospital = build_contact_dropdown (self);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  self->loading++;
  gtk_drop_down_set_model (hospital, self->hospitals);
  select_contact (self, hospital, self->hospitals, hospital_id);
  self->loading--;
  gtk_editable_set_text (GTK_EDITABLE (entry), number ? number : "");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hospital number"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove this hospital number"));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_widget_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_hospital_row_cb), row);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (hospital));
  gtk_box_append (GTK_BOX (row), entry);
  gtk_box_append (GTK_BOX (row), remove);
  gtk_box_append (self->hospital_box, row);
  return entry;
}

static void
on_add_hospital_number_clicked_cb (HarleyPatientEditor *self)
{
  gtk_widget_grab_focus (add_hospital_row (self, 0, NULL));
  _harley_patient_editor_changed (self);
}

static GListModel *
with_none (GListModel *contacts)
{
  GListStore *store = g_list_store_new (HARLEY_TYPE_CONTACT);
  g_autoptr(HarleyContact) none = harley_contact_new (HARLEY_CONTACT_OTHER, _("None"));
  guint n = contacts ? g_list_model_get_n_items (contacts) : 0;

  g_list_store_append (store, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (contacts, i);

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

/**
 * _harley_patient_editor_load_contacts:
 * @self: a #HarleyPatientEditor
 *
 * Reads the GPs, referrers, insurers and hospitals to choose from, keeping
 * what each dropdown shows (saved or not).
 */
void
_harley_patient_editor_load_contacts (HarleyPatientEditor *self)
{
  g_autoptr(GListModel) hospitals = harley_contact_list (self->store, HARLEY_CONTACT_HOSPITAL, NULL);

  self->loading++;
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    {
      g_autoptr(GListModel) list = harley_contact_list (self->store, link_kinds[i], NULL);
      gint64 chosen = selected_contact_id (self->link_dropdowns[i]);

      g_clear_object (&self->contacts[i]);
      self->contacts[i] = with_none (list);
      gtk_drop_down_set_model (self->link_dropdowns[i], self->contacts[i]);
      select_contact (self, self->link_dropdowns[i], self->contacts[i], chosen);
    }
  g_clear_object (&self->hospitals);
  self->hospitals = with_none (hospitals);
  self->loading--;
}

/**
 * harley_patient_editor_choose_contact:
 * @self: a #HarleyPatientEditor
 * @link: GP, referrer or insurer
 * @contact_id: the address book entry, or 0 for none
 *
 * Chooses an entry as the GP's dropdown does when she picks one.
 *
 * Returns: whether the entry is in the address book
 */
gboolean
harley_patient_editor_choose_contact (HarleyPatientEditor *self,
                                      HarleyPatientLink    link,
                                      gint64               contact_id)
{
  g_return_val_if_fail (link < HARLEY_PATIENT_N_LINKS, FALSE);
  if (!self->form_built)
    return FALSE;
  return select_contact (self, self->link_dropdowns[link], self->contacts[link], contact_id);
}

static void
fill_timeline (HarleyPatientEditor *self)
{
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline))) != NULL)
    gtk_list_box_remove (self->timeline, child);
  if (harley_patient_get_id (self->patient) == 0)
    return;
  events = harley_register_list_events (self->store, harley_patient_get_id (self->patient), NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      HarleyPatientEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (event->at, NULL);
      g_autofree char *when = utc ? harley_format_date_time (utc) : g_strdup (event->at);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->timeline, row);
    }
}

/* The timeline, appointments, letters and samples change from the diary
 * and the Letters and Samples sections too. */
void
_harley_patient_editor_fill_history (HarleyPatientEditor *self)
{
  if (!self->form_built || self->patient == NULL)
    return;
  fill_timeline (self);
  harley_patient_appointments_show (self->appointments, self->store, harley_patient_get_id (self->patient));
  harley_patient_letters_show (self->letters, self->store, harley_patient_get_id (self->patient));
  harley_patient_samples_show (self->samples, self->store, harley_patient_get_id (self->patient));
}

static void
fill_entries (HarleyPatientEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      HarleyEditorField *f = &self->fields[i];
      const char *stored = harley_patient_get_text (self->patient, f->spec->field);
      g_autofree char *shown = f->spec->format && stored ? f->spec->format (stored) : g_strdup (stored);

      gtk_editable_set_text (GTK_EDITABLE (f->entry), shown ? shown : "");
      _harley_patient_editor_show_problem (self, f->spec->field, NULL);
    }
}

/**
 * _harley_patient_editor_fill:
 * @self: a #HarleyPatientEditor
 *
 * Shows the saved patient in the form.
 */
void
_harley_patient_editor_fill (HarleyPatientEditor *self)
{
  GPtrArray *numbers = harley_patient_get_hospital_numbers (self->patient);
  const char *notes = harley_patient_get_text (self->patient, HARLEY_PATIENT_NOTES);
  GtkWidget *child;

  self->loading++;
  fill_entries (self);
  gtk_drop_down_set_selected (self->sex_dropdown, G_N_ELEMENTS (sex_ids) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (sex_ids); i++)
    if (g_strcmp0 (sex_ids[i], harley_patient_get_text (self->patient, HARLEY_PATIENT_SEX)) == 0)
      gtk_drop_down_set_selected (self->sex_dropdown, i);
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    select_contact (self, self->link_dropdowns[i], self->contacts[i], harley_patient_get_link (self->patient, i));
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    if (self->flag_checks[i] != NULL)
      gtk_check_button_set_active (self->flag_checks[i], harley_patient_get_flag (self->patient, i));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hospital_box))) != NULL)
    gtk_box_remove (self->hospital_box, child);
  for (guint i = 0; i < numbers->len; i++)
    {
      HarleyHospitalNumber *n = g_ptr_array_index (numbers, i);

      add_hospital_row (self, n->hospital_id, n->number);
    }
  _harley_patient_editor_fill_history (self);
  self->loading--;
}

static void
read_hospital_numbers (HarleyPatientEditor *self,
                       HarleyPatient       *into)
{
  harley_patient_clear_hospital_numbers (into);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->hospital_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkDropDown *hospital = GTK_DROP_DOWN (gtk_widget_get_first_child (row));
      GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (hospital)));
      HarleyContact *contact = gtk_drop_down_get_selected_item (hospital);
      gint64 hospital_id = contact != NULL ? harley_contact_get_id (contact) : 0;
      g_autofree char *number = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

      if (*number != '\0')
        harley_patient_add_hospital_number (into, hospital_id,
                                            hospital_id ? harley_contact_get_name (contact) : NULL, number);
    }
}

static void
read_choices (HarleyPatientEditor *self,
              HarleyPatient       *into)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;
  guint sex = gtk_drop_down_get_selected (self->sex_dropdown);

  harley_patient_set_text (into, HARLEY_PATIENT_SEX, sex_ids[MIN (sex, G_N_ELEMENTS (sex_ids) - 1)]);
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    harley_patient_set_link (into, i, selected_contact_id (self->link_dropdowns[i]));
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    if (self->flag_checks[i] != NULL)
      harley_patient_set_flag (into, i, gtk_check_button_get_active (self->flag_checks[i]));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  harley_patient_set_text (into, HARLEY_PATIENT_NOTES, notes);
  read_hospital_numbers (self, into);
}

/**
 * _harley_patient_editor_read:
 * @self: a #HarleyPatientEditor
 * @into: the patient to write the form's values into
 * @first_problem: (out): the first field with a problem, to focus
 *
 * Checks every field, shows each problem beside its field, and writes the
 * values as stored (ISO dates, plain NHS digits) into @into.
 *
 * Returns: %TRUE when every field is right
 */
gboolean
_harley_patient_editor_read (HarleyPatientEditor  *self,
                             HarleyPatient        *into,
                             GtkWidget           **first_problem)
{
  gboolean ok = TRUE;

  *first_problem = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      HarleyEditorField *f = &self->fields[i];
      g_autofree char *value = NULL;

      if (!check_field (self, f, &value))
        {
          if (ok)
            *first_problem = GTK_WIDGET (f->entry);
          ok = FALSE;
          continue;
        }
      harley_patient_set_text (into, f->spec->field, value);
    }
  read_choices (self, into);
  return ok;
}

GtkEditable *
harley_patient_editor_get_entry (HarleyPatientEditor *self,
                                 HarleyPatientText    field)
{
  HarleyEditorField *f = field_for (self, field);

  return f ? GTK_EDITABLE (f->entry) : NULL;
}

/**
 * harley_patient_editor_get_problem:
 * @self: a #HarleyPatientEditor
 * @field: a field of the form
 *
 * Returns: (nullable): the problem shown beside @field, if any
 */
const char *
harley_patient_editor_get_problem (HarleyPatientEditor *self,
                                   HarleyPatientText    field)
{
  HarleyEditorField *f = field_for (self, field);

  if (f == NULL || !gtk_widget_get_visible (GTK_WIDGET (f->problem)))
    return NULL;
  return gtk_label_get_text (f->problem);
}
