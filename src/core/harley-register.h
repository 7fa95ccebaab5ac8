/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-patient.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_REGISTER_ERROR (harley_register_error_quark ())

typedef enum
{
  HARLEY_REGISTER_ERROR_INVALID,
  HARLEY_REGISTER_ERROR_DUPLICATE_NHS,
  HARLEY_REGISTER_ERROR_POSSIBLE_DUPLICATE,
} HarleyRegisterError;

typedef enum
{
  HARLEY_REGISTER_SAVE_DEFAULT             = 0,
  /* The user has seen the same-name-and-birthday warning and goes on. */
  HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB = 1 << 0,
} HarleyRegisterSaveFlags;

typedef enum
{
  HARLEY_SEARCH_DEFAULT          = 0,
  HARLEY_SEARCH_INCLUDE_ARCHIVED = 1 << 0,
} HarleySearchFlags;

typedef enum
{
  HARLEY_SEARCH_RECENT,       /* nothing typed: recently changed records */
  HARLEY_SEARCH_NAME,
  HARLEY_SEARCH_IDENTIFIER,   /* NHS, hospital or phone number, postcode */
  HARLEY_SEARCH_DATE_OF_BIRTH,
  HARLEY_SEARCH_TOO_SHORT,    /* digits typed, not yet enough to search */
} HarleySearchKind;

typedef struct
{
  char *at;        /* ISO 8601 UTC */
  char *kind;      /* created, changed, archived, restored */
  char *summary;
} HarleyPatientEvent;

#define HARLEY_SEARCH_MIN_IDENTIFIER 3

GQuark            harley_register_error_quark     (void);
HarleyPatient    *harley_register_load            (HarleyStore              *store,
                                                   gint64                    id,
                                                   GError                  **error);
gboolean          harley_register_save            (HarleyStore              *store,
                                                   HarleyPatient            *patient,
                                                   HarleyRegisterSaveFlags   flags,
                                                   GError                  **error);
gboolean          harley_register_set_archived    (HarleyStore              *store,
                                                   gint64                    id,
                                                   gboolean                  archived,
                                                   GError                  **error);
gboolean          harley_register_check_patient   (HarleyPatient            *patient,
                                                   GError                  **error);
HarleySearchKind  harley_register_search          (HarleyStore              *store,
                                                   const char               *query,
                                                   HarleySearchFlags         flags,
                                                   guint                     limit,
                                                   GArray                   *ids,
                                                   gboolean                 *more,
                                                   GError                  **error);
GPtrArray        *harley_register_list_events     (HarleyStore              *store,
                                                   gint64                    patient_id,
                                                   GError                  **error);
gint64            harley_register_count           (HarleyStore              *store);
void              harley_patient_event_free       (HarleyPatientEvent       *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyPatientEvent, harley_patient_event_free)

G_END_DECLS
