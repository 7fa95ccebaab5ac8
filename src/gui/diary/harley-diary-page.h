/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-diary-grid.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_DIARY_PAGE (harley_diary_page_get_type ())

G_DECLARE_FINAL_TYPE (HarleyDiaryPage, harley_diary_page, HARLEY, DIARY_PAGE, GtkWidget)

void             harley_diary_page_set_store  (HarleyDiaryPage *self,
                                               HarleyStore     *store);
void             harley_diary_page_go_to      (HarleyDiaryPage *self,
                                               const GDate     *date);
void             harley_diary_page_reload     (HarleyDiaryPage *self);
HarleyDiaryGrid *harley_diary_page_get_grid   (HarleyDiaryPage *self);
void             harley_diary_page_book_for   (HarleyDiaryPage *self,
                                               gint64           patient_id,
                                               const GDate     *from);

G_END_DECLS
