/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_DEMO_ERROR (harley_demo_error_quark ())

typedef enum
{
  HARLEY_DEMO_ERROR_NOT_EMPTY,      /* the register already holds patients */
  HARLEY_DEMO_ERROR_TOO_MANY,       /* more patients than test NHS numbers */
} HarleyDemoError;

/* The test NHS numbers (999 …) run out a little after this. */
#define HARLEY_DEMO_MAX_PATIENTS 900000

GQuark    harley_demo_error_quark   (void);
gboolean  harley_demo_fill          (HarleyStore  *store,
                                     guint         n_patients,
                                     guint32       seed,
                                     GError      **error);
gboolean  harley_demo_fill_practice (HarleyStore  *store,
                                     GError      **error);

G_END_DECLS
