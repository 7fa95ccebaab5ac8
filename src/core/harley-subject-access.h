/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter.h"
#include "harley-patient.h"
#include "harley-sample.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_SUBJECT_ACCESS_ERROR (harley_subject_access_error_quark ())

typedef enum
{
  HARLEY_SUBJECT_ACCESS_ERROR_NOT_FOUND,     /* no such patient */
  HARLEY_SUBJECT_ACCESS_ERROR_NOT_WRITABLE,  /* the folder chosen is missing or may not be written */
  HARLEY_SUBJECT_ACCESS_ERROR_FAILED,        /* a write failed part way (a full disk): nothing is left */
} HarleySubjectAccessError;

/* A letter as the export shows it: the letter, and who it went to. */
typedef struct
{
  HarleyLetter *letter;
  GPtrArray    *recipient_names;   /* char *, in the order of letter->recipients */
} HarleySubjectAccessLetter;

/* A sample with its laboratory and result (NULL until one came). */
typedef struct
{
  HarleySample *sample;
  char         *lab_name;
  HarleyResult *result;
} HarleySubjectAccessSample;

/* A file the export holds besides summary.pdf and record.json, or one it
 * could not hold because its stored bytes no longer match their SHA-256. */
typedef struct
{
  char   *name;       /* inside the export: "letters/2026-11-03 Letter 12 to Dr Jane Smith (GP).pdf" */
  char   *about;      /* what it is, for the summary: "Letter 12, copy to the patient" */
  GBytes *bytes;      /* NULL when tampered */
  char   *problem;    /* why it is missing, or NULL */
} HarleySubjectAccessFile;

/* Everything Harley holds about one patient, read in one go by
 * harley_subject_access_collect (); it needs no database afterwards, so
 * it can be written out by a worker thread. */
typedef struct
{
  char          *practice_name;
  char          *practice_address;
  char          *practice_phone;
  HarleyPatient *patient;
  char          *links[3];         /* GP, referrer, insurer by name: HarleyPatientLink */
  char          *made_at;          /* ISO 8601 UTC */
  char          *made_by;
  GPtrArray     *appointments;     /* HarleyAppointment, oldest first */
  GPtrArray     *letters;          /* HarleySubjectAccessLetter, oldest first */
  GPtrArray     *samples;          /* HarleySubjectAccessSample, oldest first */
  GPtrArray     *calls;            /* HarleyCall, oldest first */
  GPtrArray     *audit;            /* HarleyAuditEntry, oldest first */
  GPtrArray     *files;            /* HarleySubjectAccessFile */
} HarleySubjectAccess;

/* Makes summary.pdf (src/render/harley-subject-access-pdf.c) */
typedef GBytes *(*HarleySubjectAccessSummary) (const HarleySubjectAccess  *access,
                                               GError                    **error);

GQuark               harley_subject_access_error_quark  (void);
HarleySubjectAccess *harley_subject_access_collect      (HarleyStore                 *store,
                                                         gint64                       patient_id,
                                                         GError                     **error);
char                *harley_subject_access_folder_name  (const HarleySubjectAccess   *access);
char                *harley_subject_access_to_json      (const HarleySubjectAccess   *access);
guint                harley_subject_access_count_problems (const HarleySubjectAccess *access);
char                *harley_subject_access_write        (const HarleySubjectAccess   *access,
                                                         const char                  *parent,
                                                         HarleySubjectAccessSummary   summary,
                                                         guint                       *n_files,
                                                         GError                     **error);
gboolean             harley_subject_access_record       (HarleyStore                 *store,
                                                         const HarleySubjectAccess   *access,
                                                         const char                  *folder,
                                                         guint                        n_files,
                                                         GError                     **error);
char                *harley_subject_access_export       (HarleyStore                 *store,
                                                         gint64                       patient_id,
                                                         const char                  *parent,
                                                         HarleySubjectAccessSummary   summary,
                                                         guint                       *n_files,
                                                         guint                       *n_problems,
                                                         GError                     **error);
gboolean             harley_subject_access_remove_folder (const char                 *folder);
void                 harley_subject_access_free         (HarleySubjectAccess         *access);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleySubjectAccess, harley_subject_access_free)

G_END_DECLS
