/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

/* Every demo user's passphrase: Sarah Mitchell (administrator), Emma
 * Clarke (secretary) and the consultant (clinician). */
#define HARLEY_DEMO_PASSPHRASE "harley demo"

#define HARLEY_DEMO_ERROR (harley_demo_error_quark ())

typedef enum
{
  HARLEY_DEMO_ERROR_NOT_EMPTY,      /* the register already holds patients */
  HARLEY_DEMO_ERROR_TOO_MANY,       /* more than HARLEY_DEMO_MAX_PATIENTS or _APPOINTMENTS */
} HarleyDemoError;

/* The test range (999 000 0000 …) holds about 909,000 NHS numbers that
 * pass the check; a larger demo practice gives the patients after that none,
 * as patients from abroad have none. Two million is enough to measure at a
 * scale no single practice reaches. */
#define HARLEY_DEMO_MAX_PATIENTS 2000000

/* The diary: the default is a realistic year, six months back and six
 * ahead. A larger demo goes further back; each further
 * HARLEY_DEMO_APPOINTMENTS_PER_TEAM appointments bring another consultant
 * and nurse, so that it stays within living memory (see
 * harley-demo-diary.c). */
#define HARLEY_DEMO_DEFAULT_APPOINTMENTS   2250
#define HARLEY_DEMO_MAX_APPOINTMENTS       2000000
#define HARLEY_DEMO_APPOINTMENTS_PER_TEAM  150000

/* Draws the PDFs a demo letter is approved with, the addressee's first
 * and then each copy's (see harley_demo_fill_with_letters()); the core
 * draws no PDFs itself. Returns a GPtrArray of GBytes. */
typedef GPtrArray *(*HarleyDemoDrawPdf) (HarleyStore *store,
                                      gint64       letter_id,
                                      gpointer     user_data);

GQuark    harley_demo_error_quark   (void);
gboolean  harley_demo_fill          (HarleyStore  *store,
                                     guint         n_patients,
                                     guint32       seed,
                                     GError      **error);
gboolean  harley_demo_fill_full     (HarleyStore  *store,
                                     guint         n_patients,
                                     guint         n_appointments,
                                     guint32       seed,
                                     GDateTime    *now,
                                     GError      **error);
gboolean  harley_demo_fill_with_letters (HarleyStore       *store,
                                         guint              n_patients,
                                         guint              n_appointments,
                                         guint32            seed,
                                         GDateTime         *now,
                                         HarleyDemoDrawPdf  draw_pdf,
                                         gpointer           user_data,
                                         GError           **error);
gboolean  harley_demo_fill_practice (HarleyStore  *store,
                                     GError      **error);

G_END_DECLS
