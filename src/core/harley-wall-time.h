/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARLEY_WALL_TIME_ERROR (harley_wall_time_error_quark ())

typedef enum
{
  HARLEY_WALL_TIME_ERROR_INVALID,
  HARLEY_WALL_TIME_ERROR_NONEXISTENT,
  HARLEY_WALL_TIME_ERROR_AMBIGUOUS,
} HarleyWallTimeError;

GQuark     harley_wall_time_error_quark  (void);

gboolean   harley_wall_time_parse        (const char   *text,
                                          GDate        *date,
                                          int          *minutes,
                                          GError      **error);
GDateTime *harley_wall_time_to_utc       (const GDate  *date,
                                          int           minutes,
                                          GError      **error);
gboolean   harley_wall_time_is_ambiguous (const GDate  *date,
                                          int           minutes);
gboolean   harley_wall_time_from_utc     (GDateTime    *utc,
                                          GDate        *date,
                                          int          *minutes);
char      *harley_wall_time_format       (const GDate  *date,
                                          int           minutes);
char      *harley_wall_time_to_iso       (const GDate  *date,
                                          int           minutes);
gboolean   harley_wall_time_parse_clock  (const char   *text,
                                          int          *minutes);

G_END_DECLS
