/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "harley-specimen-labels.h"

G_BEGIN_DECLS

#define HARLEY_LAB_MANIFEST_ERROR (harley_lab_manifest_error_quark ())

typedef enum
{
  HARLEY_LAB_MANIFEST_ERROR_IS_DATABASE,   /* the PDF would replace the practice database */
  HARLEY_LAB_MANIFEST_ERROR_FAILED,        /* cairo could not make the PDF */
} HarleyLabManifestError;

/* Everything printed on the list that goes with a batch of samples sent
 * to a laboratory together, filled in by the caller: the renderer reads
 * no database. Every string is UTF-8 and may be NULL or empty. */
typedef struct
{
  /* The letterhead, from Preferences */
  const char           *practice_name;
  const char           *practice_address;    /* lines separated by \n */
  const char           *practice_phone;

  /* Where the samples go, and how */
  const char           *lab_name;
  const char           *lab_address;         /* lines separated by \n */
  const char           *sent_on;             /* "YYYY-MM-DD", printed dd/mm/yyyy */
  const char           *method;              /* "Courier" */

  const HarleySpecimen *specimens;           /* one row each, in this order */
  guint                 n_specimens;

  /* The practice database, which harley_lab_manifest_write() never
   * replaces; nullable */
  const char           *database;
} HarleyLabManifest;

GQuark    harley_lab_manifest_error_quark (void);
GBytes   *harley_lab_manifest_render      (const HarleyLabManifest  *manifest,
                                           guint                    *n_pages,
                                           GError                  **error);
gboolean  harley_lab_manifest_write       (const HarleyLabManifest  *manifest,
                                           const char               *path,
                                           GError                  **error);

G_END_DECLS
