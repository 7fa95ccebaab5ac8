/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_CLINIC_LIST_ERROR (harley_clinic_list_error_quark ())

typedef enum
{
  HARLEY_CLINIC_LIST_ERROR_IS_DATABASE,   /* the PDF would replace the practice database */
} HarleyClinicListError;

#define HARLEY_TYPE_CLINIC_LIST (harley_clinic_list_get_type ())

G_DECLARE_FINAL_TYPE (HarleyClinicList, harley_clinic_list, HARLEY, CLINIC_LIST, GObject)

GQuark            harley_clinic_list_error_quark (void);
HarleyClinicList *harley_clinic_list_new         (HarleyStore       *store,
                                                  const GDate       *date,
                                                  gint64             clinician_id,
                                                  GError           **error);
const char       *harley_clinic_list_get_title   (HarleyClinicList  *self);
guint             harley_clinic_list_get_n_pages (HarleyClinicList  *self,
                                                  double             width,
                                                  double             height);
void              harley_clinic_list_draw_page   (HarleyClinicList  *self,
                                                  cairo_t           *cr,
                                                  double             width,
                                                  double             height,
                                                  guint              page_nr);
gboolean          harley_clinic_list_write_pdf   (HarleyClinicList  *self,
                                                  const char        *path,
                                                  GError           **error);

G_END_DECLS
