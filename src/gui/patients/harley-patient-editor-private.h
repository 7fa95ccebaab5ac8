/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-patient-appointments.h"
#include "harley-patient-editor.h"
#include "harley-patient-letters.h"
#include "harley-patient-samples.h"

G_BEGIN_DECLS

typedef gboolean (*HarleyFieldCheck) (const char  *input,
                                      char       **normalised,
                                      GError     **error);

typedef struct
{
  HarleyPatientText  field;
  guint              section;
  gboolean           required;
  int                width_chars;
  HarleyFieldCheck   check;          /* nullable: free text */
  char            *(*format)  (const char *stored);   /* nullable */
} HarleyFieldSpec;

typedef struct
{
  const HarleyFieldSpec *spec;
  GtkEntry              *entry;
  GtkLabel              *problem;
} HarleyEditorField;

#define HARLEY_EDITOR_N_FIELDS 21
#define HARLEY_EDITOR_N_CONSENTS 5

struct _HarleyPatientEditor
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkLabel          *name_label;
  GtkLabel          *details_label;
  GtkBox            *form;
  GtkWidget         *archive_button;
  GtkScrolledWindow *scroller;

  /* Form widgets, built from the field table */
  HarleyEditorField  fields[HARLEY_EDITOR_N_FIELDS];
  GtkDropDown       *sex_dropdown;
  GtkDropDown       *link_dropdowns[HARLEY_PATIENT_N_LINKS];
  GtkCheckButton    *flag_checks[HARLEY_PATIENT_N_FLAGS];
  GtkTextView       *notes_view;
  GtkBox            *hospital_box;
  HarleyPatientAppointments *appointments;
  HarleyPatientLetters *letters;
  HarleyPatientSamples *samples;
  GtkListBox        *timeline;

  /* Owned references */
  HarleyStore       *store;
  HarleyPatient     *patient;           /* as saved, or blank when new */
  GListModel        *contacts[HARLEY_PATIENT_N_LINKS];
  GListModel        *hospitals;

  guint              loading;
  guint              dirty : 1;
  guint              exporting : 1;    /* an export is being written */
  guint              form_built : 1;
};

void       _harley_patient_editor_build_form      (HarleyPatientEditor *self);
void       _harley_patient_editor_fill            (HarleyPatientEditor *self);
void       _harley_patient_editor_fill_history    (HarleyPatientEditor *self);
gboolean   _harley_patient_editor_read            (HarleyPatientEditor *self,
                                                   HarleyPatient       *into,
                                                   GtkWidget          **first_problem);
void       _harley_patient_editor_show_problem    (HarleyPatientEditor *self,
                                                   HarleyPatientText    field,
                                                   const char          *message);
void       _harley_patient_editor_load_contacts   (HarleyPatientEditor *self);
void       _harley_patient_editor_changed         (HarleyPatientEditor *self);
void       _harley_patient_editor_update_actions  (HarleyPatientEditor *self);
void       _harley_patient_editor_show_error      (HarleyPatientEditor *self,
                                                   const char          *heading,
                                                   const char          *message);

/* Export Everything Held… (harley-patient-export.c) */
void       _harley_patient_editor_export_action   (GtkWidget           *widget,
                                                   const char          *action_name,
                                                   GVariant            *parameter);

G_END_DECLS
