/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-letter-editor.h"
#include "harley-letter-worklists.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_LETTERS_PAGE (harley_letters_page_get_type ())

G_DECLARE_FINAL_TYPE (HarleyLettersPage, harley_letters_page, HARLEY, LETTERS_PAGE, AdwBin)

HarleyLettersPage   *harley_letters_page_new            (HarleyStore          *store);
void                 harley_letters_page_refresh        (HarleyLettersPage    *self);
void                 harley_letters_page_show_worklist  (HarleyLettersPage    *self,
                                                         HarleyLetterWorklist  worklist);
gboolean             harley_letters_page_open_letter    (HarleyLettersPage    *self,
                                                         gint64                id);
HarleyLetterEditor  *harley_letters_page_get_editor     (HarleyLettersPage    *self);
guint                harley_letters_page_get_n_shown    (HarleyLettersPage    *self);

G_END_DECLS
