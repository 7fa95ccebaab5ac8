/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The text fields of a patient's record, in the order of the patient
 * table's columns. One table in harley-patient.c gives each its property
 * name and column, so properties, SQL and the editor stay in step. */
typedef enum
{
  HARLEY_PATIENT_TITLE,
  HARLEY_PATIENT_GIVEN_NAME,
  HARLEY_PATIENT_FAMILY_NAME,
  HARLEY_PATIENT_PREFERRED_NAME,
  HARLEY_PATIENT_DATE_OF_BIRTH,       /* yyyy-mm-dd */
  HARLEY_PATIENT_SEX,                 /* female, male, other, unknown */
  HARLEY_PATIENT_NHS_NUMBER,          /* 10 digits */
  HARLEY_PATIENT_ADDRESS_LINE1,
  HARLEY_PATIENT_ADDRESS_LINE2,
  HARLEY_PATIENT_ADDRESS_LINE3,
  HARLEY_PATIENT_POST_TOWN,
  HARLEY_PATIENT_POSTCODE,
  HARLEY_PATIENT_PHONE_HOME,
  HARLEY_PATIENT_PHONE_MOBILE,
  HARLEY_PATIENT_PHONE_WORK,
  HARLEY_PATIENT_EMAIL,
  HARLEY_PATIENT_INSURANCE_MEMBERSHIP,
  HARLEY_PATIENT_INSURANCE_AUTHORISATION,
  HARLEY_PATIENT_NEXT_OF_KIN_NAME,
  HARLEY_PATIENT_NEXT_OF_KIN_RELATIONSHIP,
  HARLEY_PATIENT_NEXT_OF_KIN_PHONE,
  HARLEY_PATIENT_ALERTS,
  HARLEY_PATIENT_NOTES,
  HARLEY_PATIENT_CREATED_AT,          /* ISO 8601 UTC */
  HARLEY_PATIENT_UPDATED_AT,
  HARLEY_PATIENT_N_TEXT,
} HarleyPatientText;

typedef enum
{
  HARLEY_PATIENT_CONSENT_POST,
  HARLEY_PATIENT_CONSENT_EMAIL,
  HARLEY_PATIENT_CONSENT_SMS,
  HARLEY_PATIENT_CONSENT_PHONE,
  HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE,
  HARLEY_PATIENT_SELF_PAY,
  HARLEY_PATIENT_ARCHIVED,
  HARLEY_PATIENT_N_FLAGS,
} HarleyPatientFlag;

typedef enum
{
  HARLEY_PATIENT_GP,
  HARLEY_PATIENT_REFERRER,
  HARLEY_PATIENT_INSURER,
  HARLEY_PATIENT_N_LINKS,
} HarleyPatientLink;

typedef struct
{
  gint64  hospital_id;   /* a contact of kind hospital, or 0 */
  char   *hospital_name; /* for display; not saved */
  char   *number;
} HarleyHospitalNumber;

#define HARLEY_TYPE_PATIENT (harley_patient_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatient, harley_patient, HARLEY, PATIENT, GObject)

HarleyPatient *harley_patient_new                 (void);
HarleyPatient *harley_patient_copy                (HarleyPatient     *self);
gint64         harley_patient_get_id              (HarleyPatient     *self);
void           harley_patient_set_id              (HarleyPatient     *self,
                                                   gint64             id);
const char    *harley_patient_get_text            (HarleyPatient     *self,
                                                   HarleyPatientText  field);
void           harley_patient_set_text            (HarleyPatient     *self,
                                                   HarleyPatientText  field,
                                                   const char        *value);
gboolean       harley_patient_get_flag            (HarleyPatient     *self,
                                                   HarleyPatientFlag  flag);
void           harley_patient_set_flag            (HarleyPatient     *self,
                                                   HarleyPatientFlag  flag,
                                                   gboolean           value);
gint64         harley_patient_get_link            (HarleyPatient     *self,
                                                   HarleyPatientLink  link);
void           harley_patient_set_link            (HarleyPatient     *self,
                                                   HarleyPatientLink  link,
                                                   gint64             contact_id);
GPtrArray     *harley_patient_get_hospital_numbers (HarleyPatient    *self);
void           harley_patient_add_hospital_number (HarleyPatient     *self,
                                                   gint64             hospital_id,
                                                   const char        *hospital_name,
                                                   const char        *number);
void           harley_patient_clear_hospital_numbers (HarleyPatient  *self);
char          *harley_patient_dup_display_name    (HarleyPatient     *self);
char          *harley_patient_dup_full_name       (HarleyPatient     *self);

const char    *harley_patient_text_property       (HarleyPatientText  field);
const char    *harley_patient_text_column         (HarleyPatientText  field);
const char    *harley_patient_text_label          (HarleyPatientText  field);
const char    *harley_patient_flag_column         (HarleyPatientFlag  flag);
const char    *harley_patient_flag_label          (HarleyPatientFlag  flag);
const char    *harley_patient_link_column         (HarleyPatientLink  link);
const char    *harley_patient_link_label          (HarleyPatientLink  link);

G_END_DECLS
