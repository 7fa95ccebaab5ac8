/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The two answers of harley_ask_before_losing () */
#define HARLEY_ANSWER_KEEP    "keep"
#define HARLEY_ANSWER_DISCARD "discard"

void harley_ask_before_losing (GtkWidget  *near,
                               const char *heading,
                               const char *body,
                               const char *keep_label,
                               const char *discard_label,
                               GCallback   on_response,
                               gpointer    owner);

G_END_DECLS
