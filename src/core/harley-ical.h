/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_ICAL_ERROR (harley_ical_error_quark ())

/* The longest export: a file of patient data should not hold more of
 * the diary than anyone needs at once. */
#define HARLEY_ICAL_MAX_YEARS 3

typedef enum
{
  HARLEY_ICAL_ERROR_INVALID_RANGE,
  HARLEY_ICAL_ERROR_NO_CLINICIAN,
  HARLEY_ICAL_ERROR_FAILED,
} HarleyIcalError;

typedef enum
{
  HARLEY_ICAL_DEFAULT               = 0,
  /* Patients' names in SUMMARY and the appointment notes in DESCRIPTION;
   * without it nothing in the file identifies a patient. */
  HARLEY_ICAL_INCLUDE_PATIENT_NAMES = 1 << 0,
} HarleyIcalFlags;

GQuark    harley_ical_error_quark     (void);
gboolean  harley_ical_check_range     (const GDate      *from,
                                       const GDate      *to,
                                       GError          **error);
char     *harley_ical_export          (HarleyStore      *store,
                                       gint64            clinician_id,
                                       const GDate      *from,
                                       const GDate      *to,
                                       HarleyIcalFlags   flags,
                                       guint            *n_events,
                                       GError          **error);
gboolean  harley_ical_export_to_file  (HarleyStore      *store,
                                       gint64            clinician_id,
                                       const GDate      *from,
                                       const GDate      *to,
                                       HarleyIcalFlags   flags,
                                       const char       *path,
                                       guint            *n_events,
                                       GError          **error);

G_END_DECLS
