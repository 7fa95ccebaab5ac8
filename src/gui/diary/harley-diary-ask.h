/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-diary.h"

G_BEGIN_DECLS

typedef enum
{
  HARLEY_DIARY_ATTEMPT_BOOK,
  HARLEY_DIARY_ATTEMPT_MOVE,
} HarleyDiaryAttemptKind;

/* Tries to book or move with @flags; returns FALSE with the refusal. */
typedef gboolean (*HarleyDiaryAttemptFunc) (gpointer          data,
                                            HarleyBookFlags   flags,
                                            GError          **error);
/* Called once at the end: whether it was done. */
typedef void     (*HarleyDiaryDoneFunc)    (gpointer          data,
                                            gboolean          done);

void harley_diary_attempt (GtkWidget               *near,
                           HarleyDiaryAttemptKind   kind,
                           HarleyDiaryAttemptFunc   attempt,
                           HarleyDiaryDoneFunc      done,
                           gpointer                 data,
                           GDestroyNotify           destroy);

G_END_DECLS
