/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

/* The retention periods Harley applies (harley-retention.c) */
#define HARLEY_RETENTION_ADULT_YEARS     8
#define HARLEY_RETENTION_ADULT_AGE      18
#define HARLEY_RETENTION_CHILD_BIRTHDAY 25
#define HARLEY_RETENTION_AGE_17_BIRTHDAY 26

/* A patient whose record is past its retention period. */
typedef struct
{
  gint64    patient_id;
  char     *name;              /* "Ann Lee" */
  char     *date_of_birth;     /* "YYYY-MM-DD", or NULL: treated as an adult */
  gboolean  archived;
  GDate     last_contact;
  GDate     retention_end;     /* the day the period ended */
} HarleyRetentionRow;

void       harley_retention_end          (const GDate   *date_of_birth,
                                          const GDate   *last_contact,
                                          GDate         *end);
GArray    *harley_retention_list_due     (HarleyStore   *store,
                                          const GDate   *as_of,
                                          GError       **error);
GArray    *harley_retention_list_due_at  (const char    *path,
                                          const GDate   *as_of,
                                          GError       **error);
void       harley_retention_rows_free    (GArray        *rows);

G_END_DECLS
