/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter.h"

G_BEGIN_DECLS

GBytes     *harley_letter_draw                 (HarleyStore         *store,
                                                const HarleyLetter  *letter,
                                                guint                recipient,
                                                guint               *n_pages,
                                                GError             **error);
GPtrArray  *harley_letter_draw_all             (HarleyStore         *store,
                                                const HarleyLetter  *letter,
                                                GError             **error);
gboolean    harley_letter_draw_to_file         (HarleyStore         *store,
                                                const HarleyLetter  *letter,
                                                const char          *path,
                                                GError             **error);
GPtrArray  *harley_letter_draw_for_demo        (HarleyStore         *store,
                                                gint64               letter_id,
                                                gpointer             user_data);
char       *harley_letter_dup_recipient_name   (HarleyStore         *store,
                                                gint64               patient_id,
                                                const HarleyRecipient *recipient);
GStrv       harley_letter_dup_recipient_address (HarleyStore         *store,
                                                 gint64               patient_id,
                                                 const HarleyRecipient *recipient);

G_END_DECLS
