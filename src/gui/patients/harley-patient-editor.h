/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-patient.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PATIENT_EDITOR (harley_patient_editor_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatientEditor, harley_patient_editor, HARLEY, PATIENT_EDITOR, GtkWidget)

void           harley_patient_editor_set_store     (HarleyPatientEditor *self,
                                                    HarleyStore         *store);
HarleyPatient *harley_patient_editor_get_patient   (HarleyPatientEditor *self);
gint64         harley_patient_editor_get_patient_id (HarleyPatientEditor *self);
gboolean       harley_patient_editor_open          (HarleyPatientEditor *self,
                                                    gint64               id,
                                                    GError             **error);
void           harley_patient_editor_new_patient   (HarleyPatientEditor *self);
void           harley_patient_editor_close         (HarleyPatientEditor *self);
gboolean       harley_patient_editor_get_dirty     (HarleyPatientEditor *self);
gboolean       harley_patient_editor_save          (HarleyPatientEditor *self);
void           harley_patient_editor_revert        (HarleyPatientEditor *self);
void           harley_patient_editor_focus_first   (HarleyPatientEditor *self);
GtkEditable   *harley_patient_editor_get_entry     (HarleyPatientEditor *self,
                                                    HarleyPatientText    field);
const char    *harley_patient_editor_get_problem   (HarleyPatientEditor *self,
                                                    HarleyPatientText    field);
gboolean       harley_patient_editor_choose_contact (HarleyPatientEditor *self,
                                                    HarleyPatientLink    link,
                                                    gint64               contact_id);
void           harley_patient_editor_reload_address_book (HarleyPatientEditor *self);
void           harley_patient_editor_refresh_history (HarleyPatientEditor *self);
void           harley_patient_editor_export_to     (HarleyPatientEditor *self,
                                                    const char          *parent);
gboolean       harley_patient_editor_get_exporting (HarleyPatientEditor *self);

G_END_DECLS
