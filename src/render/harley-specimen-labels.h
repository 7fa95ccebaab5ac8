/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARLEY_SPECIMEN_LABELS_ERROR (harley_specimen_labels_error_quark ())

typedef enum
{
  HARLEY_SPECIMEN_LABELS_ERROR_FAILED,   /* cairo could not make the PDF */
} HarleySpecimenLabelsError;

/* What a specimen label, and a row of a laboratory manifest, print about
 * one sample, filled in by the caller: the renderers read no database.
 * Every string is UTF-8 and may be NULL or empty. */
typedef struct
{
  const char *given_names;      /* "Jane Mary" */
  const char *family_name;      /* printed in capitals: "SMITH" */
  const char *date_of_birth;    /* "YYYY-MM-DD", printed dd/mm/yyyy */
  const char *nhs_number;       /* 10 digits, printed "943 476 5919" */
  const char *type;             /* "Histology / skin biopsy" */
  const char *site;             /* "left cheek" */
  const char *description;      /* the manifest's only */
  const char *taken_on;         /* "YYYY-MM-DD" */
  const char *lab_reference;    /* the manifest's only */
} HarleySpecimen;

/* Labels on one A4 sheet (Avery L7651 and its like): 5 across, 13 down,
 * numbered from 0 left to right, then top to bottom. */
#define HARLEY_SPECIMEN_LABELS_PER_SHEET 65

GQuark   harley_specimen_labels_error_quark (void);
char    *harley_specimen_dup_name           (const HarleySpecimen  *specimen);
GBytes  *harley_specimen_labels_render      (const HarleySpecimen  *specimens,
                                             guint                  n_specimens,
                                             guint                  first_label,
                                             GError               **error);

G_END_DECLS
