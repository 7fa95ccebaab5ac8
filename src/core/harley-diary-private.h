/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-diary.h"

G_BEGIN_DECLS

char     *_harley_diary_date_iso       (const GDate   *date);
gboolean  _harley_diary_date_parse     (const char    *iso,
                                        GDate         *date);
GPtrArray *_harley_diary_load_sessions (HarleyStore   *store,
                                        gint64         clinician_id,
                                        const GDate   *from,
                                        const GDate   *to,
                                        GError       **error);
void      _harley_diary_expand         (GPtrArray     *sessions,
                                        const GDate   *from,
                                        const GDate   *to,
                                        GArray        *days);
gboolean  _harley_diary_add_events     (HarleyStore   *store,
                                        gint64         appointment_id,
                                        gint64         patient_id,
                                        const char    *now,
                                        const char    *summary,
                                        GError       **error);
int       _harley_diary_compare_days   (gconstpointer  a,
                                        gconstpointer  b);

/* Makes one item of a list from the statement's current row. */
typedef gpointer (*HarleyDiaryRowFunc) (sqlite3_stmt *stmt);

GPtrArray *_harley_diary_collect       (HarleyStore        *store,
                                        sqlite3_stmt       *stmt,
                                        HarleyDiaryRowFunc  row,
                                        GDestroyNotify      free_func,
                                        GError            **error);

G_END_DECLS
