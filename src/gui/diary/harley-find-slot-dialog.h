/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-diary.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_FIND_SLOT_DIALOG (harley_find_slot_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarleyFindSlotDialog, harley_find_slot_dialog, HARLEY, FIND_SLOT_DIALOG, AdwWindow)

HarleyFindSlotDialog *harley_find_slot_dialog_new         (GtkWindow            *parent,
                                                           HarleyStore          *store,
                                                           const GDate          *from);
void                  harley_find_slot_dialog_set_patient (HarleyFindSlotDialog *self,
                                                           gint64                patient_id);

G_END_DECLS
