/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-patient-private.h"
#include "harley-validate.h"

struct _HarleyPatient
{
  GObject    parent_instance;

  gint64     id;
  char      *text[HARLEY_PATIENT_N_TEXT];
  gboolean   flags[HARLEY_PATIENT_N_FLAGS];
  gint64     links[HARLEY_PATIENT_N_LINKS];
  GPtrArray *hospital_numbers;   /* HarleyHospitalNumber */
};

G_DEFINE_FINAL_TYPE (HarleyPatient, harley_patient, G_TYPE_OBJECT)

typedef struct
{
  const char *property;
  const char *column;
  const char *label;
} FieldInfo;

static const FieldInfo text_fields[HARLEY_PATIENT_N_TEXT] = {
  { "title", "title", N_("Title") },
  { "given-name", "given_name", N_("First name") },
  { "family-name", "family_name", N_("Surname") },
  { "preferred-name", "preferred_name", N_("Known as") },
  { "date-of-birth", "date_of_birth", N_("Date of birth") },
  { "sex", "sex", N_("Sex") },
  { "nhs-number", "nhs_number", N_("NHS number") },
  { "address-line1", "address_line1", N_("Address") },
  { "address-line2", "address_line2", N_("Address line 2") },
  { "address-line3", "address_line3", N_("Address line 3") },
  { "post-town", "post_town", N_("Town") },
  { "postcode", "postcode", N_("Postcode") },
  { "phone-home", "phone_home", N_("Home phone") },
  { "phone-mobile", "phone_mobile", N_("Mobile") },
  { "phone-work", "phone_work", N_("Work phone") },
  { "email", "email", N_("Email") },
  { "insurance-membership", "insurance_membership", N_("Membership number") },
  { "insurance-authorisation", "insurance_authorisation", N_("Authorisation code") },
  { "next-of-kin-name", "next_of_kin_name", N_("Next of kin") },
  { "next-of-kin-relationship", "next_of_kin_relationship", N_("Relationship") },
  { "next-of-kin-phone", "next_of_kin_phone", N_("Next of kin's phone") },
  { "alerts", "alerts", N_("Alerts") },
  { "notes", "notes", N_("Notes") },
  { "created-at", "created_at", N_("Created") },
  { "updated-at", "updated_at", N_("Last changed") },
};

static const FieldInfo flag_fields[HARLEY_PATIENT_N_FLAGS] = {
  { "consent-post", "consent_post", N_("Letters by post") },
  { "consent-email", "consent_email", N_("Email") },
  { "consent-sms", "consent_sms", N_("Text messages") },
  { "consent-phone", "consent_phone", N_("Phone calls") },
  { "consent-leave-message", "consent_leave_message", N_("May leave a message") },
  { "self-pay", "self_pay", N_("Self-pay") },
  { "archived", "archived", N_("Archived") },
};

static const FieldInfo link_fields[HARLEY_PATIENT_N_LINKS] = {
  { "gp-id", "gp_id", N_("GP") },
  { "referrer-id", "referrer_id", N_("Referred by") },
  { "insurer-id", "insurer_id", N_("Insurer") },
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_FULL_NAME,
  PROP_DATE_OF_BIRTH_DISPLAY,
  PROP_NHS_NUMBER_DISPLAY,
  PROP_SUMMARY,
  PROP_HAS_ALERTS,
  PROP_FIRST_TEXT,
  PROP_FIRST_FLAG = PROP_FIRST_TEXT + HARLEY_PATIENT_N_TEXT,
  PROP_FIRST_LINK = PROP_FIRST_FLAG + HARLEY_PATIENT_N_FLAGS,
  N_PROPS = PROP_FIRST_LINK + HARLEY_PATIENT_N_LINKS,
};

static GParamSpec *properties[N_PROPS];

static void
hospital_number_free (gpointer data)
{
  HarleyHospitalNumber *number = data;

  g_free (number->hospital_name);
  g_free (number->number);
  g_free (number);
}

static void
harley_patient_finalize (GObject *object)
{
  HarleyPatient *self = HARLEY_PATIENT (object);

  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    g_free (self->text[i]);
  g_ptr_array_unref (self->hospital_numbers);

  G_OBJECT_CLASS (harley_patient_parent_class)->finalize (object);
}

static char *
dup_summary (HarleyPatient *self)
{
  g_autofree char *dob = harley_format_date (self->text[HARLEY_PATIENT_DATE_OF_BIRTH]);
  g_autofree char *nhs = harley_format_nhs_number (self->text[HARLEY_PATIENT_NHS_NUMBER]);
  g_autoptr(GString) summary = g_string_new (dob);

  if (nhs != NULL)
    g_string_append_printf (summary, "  ·  %s", nhs);
  if (self->text[HARLEY_PATIENT_POSTCODE] != NULL)
    g_string_append_printf (summary, "  ·  %s", self->text[HARLEY_PATIENT_POSTCODE]);
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
harley_patient_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HarleyPatient *self = HARLEY_PATIENT (object);

  if (prop_id >= PROP_FIRST_LINK && prop_id < N_PROPS)
    g_value_set_int64 (value, self->links[prop_id - PROP_FIRST_LINK]);
  else if (prop_id >= PROP_FIRST_FLAG && prop_id < PROP_FIRST_LINK)
    g_value_set_boolean (value, self->flags[prop_id - PROP_FIRST_FLAG]);
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_FLAG)
    g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
  else switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, harley_patient_dup_display_name (self));
      break;
    case PROP_FULL_NAME:
      g_value_take_string (value, harley_patient_dup_full_name (self));
      break;
    case PROP_DATE_OF_BIRTH_DISPLAY:
      g_value_take_string (value, harley_format_date (self->text[HARLEY_PATIENT_DATE_OF_BIRTH]));
      break;
    case PROP_NHS_NUMBER_DISPLAY:
      g_value_take_string (value, harley_format_nhs_number (self->text[HARLEY_PATIENT_NHS_NUMBER]));
      break;
    case PROP_SUMMARY:
      g_value_take_string (value, dup_summary (self));
      break;
    case PROP_HAS_ALERTS:
      g_value_set_boolean (value, self->text[HARLEY_PATIENT_ALERTS] != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_patient_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HarleyPatient *self = HARLEY_PATIENT (object);

  if (prop_id >= PROP_FIRST_LINK && prop_id < N_PROPS)
    harley_patient_set_link (self, prop_id - PROP_FIRST_LINK, g_value_get_int64 (value));
  else if (prop_id >= PROP_FIRST_FLAG && prop_id < PROP_FIRST_LINK)
    harley_patient_set_flag (self, prop_id - PROP_FIRST_FLAG, g_value_get_boolean (value));
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_FLAG)
    harley_patient_set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
  else if (prop_id == PROP_ID)
    harley_patient_set_id (self, g_value_get_int64 (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
install_field_properties (void)
{
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_fields[i].property, NULL, NULL, NULL, rw);
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    properties[PROP_FIRST_FLAG + i] =
      g_param_spec_boolean (flag_fields[i].property, NULL, NULL, FALSE, rw);
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    properties[PROP_FIRST_LINK + i] =
      g_param_spec_int64 (link_fields[i].property, NULL, NULL, 0, G_MAXINT64, 0, rw);
}

static void
harley_patient_class_init (HarleyPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = harley_patient_finalize;
  object_class->get_property = harley_patient_get_property;
  object_class->set_property = harley_patient_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, NULL, ro);
  properties[PROP_DATE_OF_BIRTH_DISPLAY] =
    g_param_spec_string ("date-of-birth-display", NULL, NULL, NULL, ro);
  properties[PROP_NHS_NUMBER_DISPLAY] =
    g_param_spec_string ("nhs-number-display", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties[PROP_HAS_ALERTS] = g_param_spec_boolean ("has-alerts", NULL, NULL, FALSE, ro);
  install_field_properties ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_patient_init (HarleyPatient *self)
{
  self->hospital_numbers = g_ptr_array_new_with_free_func (hospital_number_free);
  self->text[HARLEY_PATIENT_SEX] = g_strdup ("unknown");
  self->flags[HARLEY_PATIENT_CONSENT_POST] = TRUE;
  self->flags[HARLEY_PATIENT_CONSENT_PHONE] = TRUE;
}

HarleyPatient *
harley_patient_new (void)
{
  return g_object_new (HARLEY_TYPE_PATIENT, NULL);
}

/**
 * harley_patient_copy:
 * @self: a #HarleyPatient
 *
 * Returns: (transfer full): an independent copy, for editing
 */
HarleyPatient *
harley_patient_copy (HarleyPatient *self)
{
  HarleyPatient *copy = harley_patient_new ();

  copy->id = self->id;
  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    {
      g_free (copy->text[i]);
      copy->text[i] = g_strdup (self->text[i]);
    }
  memcpy (copy->flags, self->flags, sizeof copy->flags);
  memcpy (copy->links, self->links, sizeof copy->links);
  for (guint i = 0; i < self->hospital_numbers->len; i++)
    {
      HarleyHospitalNumber *n = g_ptr_array_index (self->hospital_numbers, i);

      harley_patient_add_hospital_number (copy, n->hospital_id, n->hospital_name, n->number);
    }
  return copy;
}

gint64
harley_patient_get_id (HarleyPatient *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT (self), 0);
  return self->id;
}

void
harley_patient_set_id (HarleyPatient *self,
                       gint64         id)
{
  g_return_if_fail (HARLEY_IS_PATIENT (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
harley_patient_get_text (HarleyPatient     *self,
                         HarleyPatientText  field)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT (self), NULL);
  g_return_val_if_fail (field < HARLEY_PATIENT_N_TEXT, NULL);
  return self->text[field];
}

static void
notify_derived (HarleyPatient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_OF_BIRTH_DISPLAY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NHS_NUMBER_DISPLAY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ALERTS]);
}

/**
 * harley_patient_set_text:
 * @self: a #HarleyPatient
 * @field: which field
 * @value: (nullable): the new value; empty text is kept as %NULL
 */
void
harley_patient_set_text (HarleyPatient     *self,
                         HarleyPatientText  field,
                         const char        *value)
{
  g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

  g_return_if_fail (HARLEY_IS_PATIENT (self));
  g_return_if_fail (field < HARLEY_PATIENT_N_TEXT);

  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (self->text[field], stripped) == 0)
    return;
  g_free (self->text[field]);
  self->text[field] = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + field]);
  notify_derived (self);
}

gboolean
harley_patient_get_flag (HarleyPatient     *self,
                         HarleyPatientFlag  flag)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT (self), FALSE);
  g_return_val_if_fail (flag < HARLEY_PATIENT_N_FLAGS, FALSE);
  return self->flags[flag];
}

void
harley_patient_set_flag (HarleyPatient     *self,
                         HarleyPatientFlag  flag,
                         gboolean           value)
{
  g_return_if_fail (HARLEY_IS_PATIENT (self));
  g_return_if_fail (flag < HARLEY_PATIENT_N_FLAGS);

  value = !!value;
  if (self->flags[flag] == value)
    return;
  self->flags[flag] = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FLAG + flag]);
}

gint64
harley_patient_get_link (HarleyPatient     *self,
                         HarleyPatientLink  link)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT (self), 0);
  g_return_val_if_fail (link < HARLEY_PATIENT_N_LINKS, 0);
  return self->links[link];
}

void
harley_patient_set_link (HarleyPatient     *self,
                         HarleyPatientLink  link,
                         gint64             contact_id)
{
  g_return_if_fail (HARLEY_IS_PATIENT (self));
  g_return_if_fail (link < HARLEY_PATIENT_N_LINKS);

  if (self->links[link] == contact_id)
    return;
  self->links[link] = contact_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_LINK + link]);
}

/**
 * harley_patient_get_hospital_numbers:
 * @self: a #HarleyPatient
 *
 * Returns: (transfer none) (element-type HarleyHospitalNumber): the numbers
 */
GPtrArray *
harley_patient_get_hospital_numbers (HarleyPatient *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT (self), NULL);
  return self->hospital_numbers;
}

void
harley_patient_add_hospital_number (HarleyPatient *self,
                                    gint64         hospital_id,
                                    const char    *hospital_name,
                                    const char    *number)
{
  HarleyHospitalNumber *entry;

  g_return_if_fail (HARLEY_IS_PATIENT (self));
  g_return_if_fail (number != NULL);

  entry = g_new0 (HarleyHospitalNumber, 1);
  entry->hospital_id = hospital_id;
  entry->hospital_name = g_strdup (hospital_name);
  entry->number = g_strstrip (g_strdup (number));
  g_ptr_array_add (self->hospital_numbers, entry);
}

void
harley_patient_clear_hospital_numbers (HarleyPatient *self)
{
  g_return_if_fail (HARLEY_IS_PATIENT (self));
  g_ptr_array_set_size (self->hospital_numbers, 0);
}

/**
 * harley_patient_dup_display_name:
 * @self: a #HarleyPatient
 *
 * Returns: (transfer full): the name as lists show it: "SMITH, Jane (Janey)"
 */
char *
harley_patient_dup_display_name (HarleyPatient *self)
{
  const char *family = self->text[HARLEY_PATIENT_FAMILY_NAME];
  const char *given = self->text[HARLEY_PATIENT_GIVEN_NAME];
  const char *preferred = self->text[HARLEY_PATIENT_PREFERRED_NAME];
  g_autofree char *upper = family ? g_utf8_strup (family, -1) : g_strdup ("");

  if (preferred != NULL && g_strcmp0 (preferred, given) != 0)
    return g_strdup_printf ("%s, %s (%s)", upper, given ? given : "", preferred);
  return g_strdup_printf ("%s, %s", upper, given ? given : "");
}

/**
 * harley_patient_dup_full_name:
 * @self: a #HarleyPatient
 *
 * Returns: (transfer full): the name as a letter writes it: "Mrs Jane Smith"
 */
char *
harley_patient_dup_full_name (HarleyPatient *self)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const HarleyPatientText parts[] = {
    HARLEY_PATIENT_TITLE, HARLEY_PATIENT_GIVEN_NAME, HARLEY_PATIENT_FAMILY_NAME
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = self->text[parts[i]];

      if (part == NULL)
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * _harley_patient_load:
 * @self: a #HarleyPatient just made, that nothing watches yet
 * @id: its id
 * @text: (array fixed-size=HARLEY_PATIENT_N_TEXT): its text fields as stored
 * @flags: (array fixed-size=HARLEY_PATIENT_N_FLAGS): its flags
 * @links: (array fixed-size=HARLEY_PATIENT_N_LINKS): its address book links
 *
 * Fills a new object straight from the database. Loading is on the path of
 * every row the list shows, so it skips the notifications that the setters
 * send (a few hundred per record) to watchers it cannot have yet.
 */
void
_harley_patient_load (HarleyPatient      *self,
                      gint64              id,
                      const char * const *text,
                      const gboolean     *flags,
                      const gint64       *links)
{
  self->id = id;
  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    {
      g_free (self->text[i]);
      self->text[i] = text[i] != NULL && *text[i] != '\0' ? g_strdup (text[i]) : NULL;
    }
  memcpy (self->flags, flags, sizeof self->flags);
  memcpy (self->links, links, sizeof self->links);
}

const char *
harley_patient_text_property (HarleyPatientText field)
{
  g_return_val_if_fail (field < HARLEY_PATIENT_N_TEXT, NULL);
  return text_fields[field].property;
}

const char *
harley_patient_text_column (HarleyPatientText field)
{
  g_return_val_if_fail (field < HARLEY_PATIENT_N_TEXT, NULL);
  return text_fields[field].column;
}

const char *
harley_patient_text_label (HarleyPatientText field)
{
  g_return_val_if_fail (field < HARLEY_PATIENT_N_TEXT, NULL);
  return _(text_fields[field].label);
}

const char *
harley_patient_flag_column (HarleyPatientFlag flag)
{
  g_return_val_if_fail (flag < HARLEY_PATIENT_N_FLAGS, NULL);
  return flag_fields[flag].column;
}

const char *
harley_patient_flag_label (HarleyPatientFlag flag)
{
  g_return_val_if_fail (flag < HARLEY_PATIENT_N_FLAGS, NULL);
  return _(flag_fields[flag].label);
}

const char *
harley_patient_link_column (HarleyPatientLink link)
{
  g_return_val_if_fail (link < HARLEY_PATIENT_N_LINKS, NULL);
  return link_fields[link].column;
}

const char *
harley_patient_link_label (HarleyPatientLink link)
{
  g_return_val_if_fail (link < HARLEY_PATIENT_N_LINKS, NULL);
  return _(link_fields[link].label);
}
