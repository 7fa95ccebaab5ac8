/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-patient.h"

G_BEGIN_DECLS

void _harley_patient_load (HarleyPatient      *self,
                           gint64              id,
                           const char * const *text,
                           const gboolean     *flags,
                           const gint64       *links);

G_END_DECLS
