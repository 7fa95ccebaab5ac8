/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-subject-access.h"

G_BEGIN_DECLS

GBytes *harley_subject_access_pdf_render (const HarleySubjectAccess  *access,
                                          GError                    **error);
char   *harley_subject_access_pdf_export (HarleyStore                *store,
                                          gint64                      patient_id,
                                          const char                 *parent,
                                          guint                      *n_files,
                                          guint                      *n_problems,
                                          GError                    **error);

G_END_DECLS
