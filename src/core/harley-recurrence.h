/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARLEY_RECURRENCE_ERROR (harley_recurrence_error_quark ())

typedef enum
{
  HARLEY_RECURRENCE_ERROR_INVALID,
} HarleyRecurrenceError;

typedef enum
{
  HARLEY_RECURRENCE_ONCE,
  HARLEY_RECURRENCE_WEEKLY,
  HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY,
} HarleyRecurrenceKind;

/* In harley_recurrence_new_monthly(): the last such weekday of the month. */
#define HARLEY_RECURRENCE_LAST_WEEK (-1)

/**
 * HarleyRecurrence:
 * @kind: how the dates repeat
 * @interval: for %HARLEY_RECURRENCE_WEEKLY, the weeks between dates:
 *   1 weekly, 2 fortnightly
 * @week: for %HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY, 1 to 4 for the
 *   first to fourth such weekday, or %HARLEY_RECURRENCE_LAST_WEEK
 * @weekday: for %HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY, the weekday
 * @start: the first date; for weekly patterns also the weekday and the
 *   phase (which weeks of a fortnight)
 * @end: the last date that may have an occurrence, inclusive; cleared
 *   (not valid) when the pattern has no end
 * @exceptions: (element-type guint32): julian days skipped, such as
 *   bank holidays, sorted; change them with
 *   harley_recurrence_add_exception() only
 *
 * When a clinic session happens, as local dates only: the session's
 * start time is a wall time applied to each date, so it stays at the
 * same time of day across clock changes.
 */
typedef struct
{
  HarleyRecurrenceKind  kind;
  guint                 interval;
  int                   week;
  GDateWeekday          weekday;
  GDate                 start;
  GDate                 end;
  GArray               *exceptions;
} HarleyRecurrence;

GQuark            harley_recurrence_error_quark    (void);

HarleyRecurrence *harley_recurrence_new_once       (const GDate             *date);
HarleyRecurrence *harley_recurrence_new_weekly     (const GDate             *start,
                                                    guint                    interval);
HarleyRecurrence *harley_recurrence_new_monthly    (const GDate             *start,
                                                    int                      week,
                                                    GDateWeekday             weekday);
HarleyRecurrence *harley_recurrence_copy           (const HarleyRecurrence  *r);
void              harley_recurrence_free           (HarleyRecurrence        *r);

void              harley_recurrence_set_end        (HarleyRecurrence        *r,
                                                    const GDate             *end);
void              harley_recurrence_add_exception  (HarleyRecurrence        *r,
                                                    const GDate             *date);

GArray           *harley_recurrence_expand         (const HarleyRecurrence  *r,
                                                    const GDate             *from,
                                                    const GDate             *to);
char             *harley_recurrence_describe       (const HarleyRecurrence  *r);
gboolean          harley_recurrence_split          (const HarleyRecurrence  *r,
                                                    const GDate             *from_date,
                                                    HarleyRecurrence       **before,
                                                    HarleyRecurrence       **after);

char             *harley_recurrence_rule_to_string   (const HarleyRecurrence  *r);
gboolean          harley_recurrence_rule_from_string (const char              *text,
                                                      const GDate             *start,
                                                      HarleyRecurrence       **out,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyRecurrence, harley_recurrence_free)

G_END_DECLS
