/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow *harley_busy_window_new (GtkApplication *application,
                                   GtkWindow      *parent,
                                   const char     *title,
                                   const char     *message);

G_END_DECLS
