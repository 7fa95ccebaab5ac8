/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "harley-store.h"

G_BEGIN_DECLS

/* Called with the file the user chose, while @widget is still there. */
typedef void (*HarleyPdfSaveChosen) (GtkWidget  *widget,
                                     const char *path);

void      harley_pdf_save_choose (GtkWidget            *widget,
                                  const char           *title,
                                  const char           *suggested_name,
                                  HarleyPdfSaveChosen   chosen);
gboolean  harley_pdf_save_bytes  (HarleyStore          *store,
                                  GBytes               *pdf,
                                  const char           *path,
                                  GError              **error);

G_END_DECLS
