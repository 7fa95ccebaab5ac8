/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-clinic-list.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_CLINIC_LIST_WINDOW (harley_clinic_list_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyClinicListWindow, harley_clinic_list_window, HARLEY, CLINIC_LIST_WINDOW, AdwWindow)

HarleyClinicListWindow *harley_clinic_list_window_new (GtkWindow        *parent,
                                                       HarleyStore      *store,
                                                       HarleyClinicList *list,
                                                       const GDate      *date);

G_END_DECLS
