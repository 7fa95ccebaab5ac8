/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-diary.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_BOOKING_DIALOG (harley_booking_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarleyBookingDialog, harley_booking_dialog, HARLEY, BOOKING_DIALOG, AdwWindow)

HarleyBookingDialog *harley_booking_dialog_new         (GtkWindow           *parent,
                                                        HarleyStore         *store,
                                                        gint64               clinician_id,
                                                        const GDate         *date,
                                                        int                  minute);
void                 harley_booking_dialog_set_type    (HarleyBookingDialog *self,
                                                        gint64               type_id);
void                 harley_booking_dialog_set_patient (HarleyBookingDialog *self,
                                                        gint64               patient_id);
GtkEditable         *harley_booking_dialog_get_search  (HarleyBookingDialog *self);

G_END_DECLS
