/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-appointment.h"
#include "harley-clinic-list.h"

G_BEGIN_DECLS

/* One clinician's part of the day: their clinics, the patients expected,
 * and apart from them those who cancelled or did not attend. */
typedef struct
{
  gint64     clinician_id;
  char      *name;
  char      *role;        /* "Consultant", or NULL */
  char      *clinics;     /* "09:00–12:30 at The London Clinic · …" */
  GPtrArray *expected;    /* HarleyAppointment: booked, arrived, seen */
  GPtrArray *not_coming;  /* HarleyAppointment: cancelled, did not attend */
} HarleyClinicSection;

/* What the page header and footer say; the same on every page. */
typedef struct
{
  char            *practice_name;
  char            *practice_contact;   /* address and phone on one line */
  cairo_surface_t *logo;               /* nullable */
  GDate            date;               /* the day listed; ages are on it */
  char            *day;                /* "Monday 14 January 2030" */
  char            *printed;            /* "14/01/2030 08:05" */
} HarleyClinicHeading;

/* The laid-out pages for one page size (harley-clinic-list-layout.c). */
typedef struct _HarleyClinicPages HarleyClinicPages;

HarleyClinicPages *_harley_clinic_pages_new    (const HarleyClinicHeading  *heading,
                                                GPtrArray                  *sections,
                                                double                      width,
                                                double                      height);
void               _harley_clinic_pages_free   (HarleyClinicPages          *pages);
gboolean           _harley_clinic_pages_fit    (HarleyClinicPages          *pages,
                                                double                      width,
                                                double                      height);
guint              _harley_clinic_pages_count  (HarleyClinicPages          *pages);
void               _harley_clinic_pages_draw   (HarleyClinicPages          *pages,
                                                cairo_t                    *cr,
                                                guint                       page_nr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyClinicPages, _harley_clinic_pages_free)

G_END_DECLS
