/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-diary.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_CLINICS_WINDOW (harley_clinics_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyClinicsWindow, harley_clinics_window, HARLEY, CLINICS_WINDOW, AdwWindow)

HarleyClinicsWindow *harley_clinics_window_new (GtkWindow   *parent,
                                                HarleyStore *store);

G_END_DECLS
