/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary"

/* "Find next free slot": walks the clinic sessions day by day from the
 * earliest date, reading each session day's bookings once, and offers
 * the first free times that fit the appointment. */

#include <stdlib.h>
#include <string.h>

#include "harley-diary-private.h"
#include "harley-wall-time.h"

typedef struct
{
  gint64  clinician_id;
  int     start;
  int     end;
} Busy;

void
harley_slot_query_init (HarleySlotQuery *query,
                        int              minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  memset (query, 0, sizeof *query);
  query->minutes = minutes;
  harley_wall_time_from_utc (now, &query->earliest, &query->earliest_minute);
  query->part_of_day = HARLEY_PART_OF_DAY_ANY;
  query->max_results = 10;
  query->horizon_days = 366;
}

static gboolean
id_wanted (const gint64 *ids,
           guint         n,
           gint64        id)
{
  if (ids == NULL || n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

static gboolean
read_busy (HarleyStore  *store,
           const GDate  *date,
           GArray       *busy,
           GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT clinician_id, starts, ends FROM appointment WHERE starts >= ?1 AND starts < ?2 "
    "AND status IN ('booked', 'arrived', 'seen')", error);
  g_autofree char *day = _harley_diary_date_iso (date);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_array_set_size (busy, 0);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g_strconcat (day, " 99", NULL), -1, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *starts = (const char *) sqlite3_column_text (stmt, 1);
      const char *ends = (const char *) sqlite3_column_text (stmt, 2);
      Busy b = {
        .clinician_id = sqlite3_column_int64 (stmt, 0),
        .start = atoi (starts + 11) * 60 + atoi (starts + 14),
        .end = atoi (ends + 11) * 60 + atoi (ends + 14),
      };

      g_array_append_val (busy, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_busy (GArray *busy,
         gint64  clinician_id,
         int     start,
         int     end)
{
  for (guint i = 0; i < busy->len; i++)
    {
      const Busy *b = &g_array_index (busy, Busy, i);

      if (b->clinician_id == clinician_id && b->start < end && start < b->end)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_blocked (GPtrArray   *blocked,
            gint64       clinician_id,
            const GDate *date,
            int          start,
            int          end)
{
  g_autofree char *from = harley_wall_time_to_iso (date, start);
  g_autofree char *to = harley_wall_time_to_iso (date, MIN (end, 1439));

  for (guint i = 0; i < blocked->len; i++)
    {
      const HarleyBlockedTime *b = g_ptr_array_index (blocked, i);

      if ((b->clinician_id == 0 || b->clinician_id == clinician_id)
          && strcmp (b->starts, to) < 0 && strcmp (from, b->ends) < 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
part_of_day_fits (HarleyPartOfDay part,
                  int             start)
{
  switch (part)
    {
    case HARLEY_PART_OF_DAY_MORNING:
      return start < 12 * 60;
    case HARLEY_PART_OF_DAY_AFTERNOON:
      return start >= 12 * 60;
    case HARLEY_PART_OF_DAY_ANY:
    default:
      return TRUE;
    }
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const HarleySlot *x = a;
  const HarleySlot *y = b;

  if (x->start != y->start)
    return x->start - y->start;
  return x->clinician_id < y->clinician_id ? -1 : x->clinician_id > y->clinician_id;
}

/* The free slots of one session day, in time order. */
static void
add_free_slots (const HarleySlotQuery  *q,
                const HarleySessionDay *day,
                GArray                 *busy,
                GPtrArray              *blocked,
                GArray                 *out)
{
  gboolean first_day = g_date_compare (&day->date, &q->earliest) == 0;

  for (int t = day->start; t + q->minutes <= day->end; t += day->slot_minutes)
    {
      HarleySlot slot = {
        .clinician_id = day->clinician_id,
        .location_id = day->location_id,
        .session_id = day->session_id,
        .date = day->date,
        .start = t,
        .end = t + q->minutes,
      };

      if ((first_day && t < q->earliest_minute) || !part_of_day_fits (q->part_of_day, t)
          || slot.end > 1439 || is_busy (busy, day->clinician_id, t, slot.end)
          || is_blocked (blocked, day->clinician_id, &day->date, t, slot.end))
        continue;
      g_array_append_val (out, slot);
    }
}

/**
 * harley_diary_find_free:
 * @query: what to look for; see harley_slot_query_init()
 *
 * Returns: (transfer full) (element-type HarleySlot): up to
 *   @query->max_results free slots, earliest first
 */
GArray *
harley_diary_find_free (HarleyStore            *store,
                        const HarleySlotQuery  *query,
                        GError                **error)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (HarleySlot));
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (HarleySessionDay));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (Busy));
  g_autoptr(GArray) today = g_array_new (FALSE, FALSE, sizeof (HarleySlot));
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  HarleySlotQuery q = *query;
  HarleySlotQuery now;
  GDate last;
  guint i = 0;

  if (q.minutes <= 0 || !g_date_valid (&q.earliest))
    return g_steal_pointer (&slots);
  /* Never offer a time that has passed. */
  harley_slot_query_init (&now, q.minutes);
  if (g_date_compare (&q.earliest, &now.earliest) < 0
      || (g_date_compare (&q.earliest, &now.earliest) == 0 && q.earliest_minute < now.earliest_minute))
    {
      q.earliest = now.earliest;
      q.earliest_minute = now.earliest_minute;
    }
  query = &q;
  last = query->earliest;
  g_date_add_days (&last, MAX (query->horizon_days, 1));
  if ((sessions = _harley_diary_load_sessions (store, 0, &query->earliest, &last, error)) == NULL
      || (blocked = harley_diary_list_blocked (store, &query->earliest, &last, error)) == NULL)
    return NULL;
  for (guint s = sessions->len; s > 0; s--)
    {
      const HarleySession *session = g_ptr_array_index (sessions, s - 1);

      if (!id_wanted (query->clinician_ids, query->n_clinicians, session->clinician_id)
          || !id_wanted (query->location_ids, query->n_locations, session->location_id))
        g_ptr_array_remove_index (sessions, s - 1);
    }
  _harley_diary_expand (sessions, &query->earliest, &last, days);
  g_array_sort (days, _harley_diary_compare_days);

  while (i < days->len && slots->len < query->max_results)
    {
      const GDate *date = &g_array_index (days, HarleySessionDay, i).date;

      if (!read_busy (store, date, busy, error))
        return NULL;
      g_array_set_size (today, 0);
      for (; i < days->len && g_date_compare (&g_array_index (days, HarleySessionDay, i).date, date) == 0; i++)
        add_free_slots (query, &g_array_index (days, HarleySessionDay, i), busy, blocked, today);
      g_array_sort (today, compare_slots);
      for (guint j = 0; j < today->len && slots->len < query->max_results; j++)
        g_array_append_val (slots, g_array_index (today, HarleySlot, j));
    }
  return g_steal_pointer (&slots);
}
