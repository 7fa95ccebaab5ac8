/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-diary-window"

/* Switching weeks in the real diary widget, on a large demo diary.
 *
 * For random weeks within the diary's appointments, the time from
 * harley_diary_page_go_to() (everything the week reads, and the grid's
 * blocks made) through the grid's measure and allocation at the window's
 * size, to its render nodes built (gdk_paintable_snapshot() of a
 * GtkWidgetPaintable, which runs the grid's snapshot and its blocks').
 * Pixels are not counted: GSK turns nodes into pixels the same way for
 * any widget. The floor: one prepared range read of the appointment_starts
 * index stepping the week's rows, on a second connection, in turns.
 *
 *   bench-diary-window [--weeks 200] DATABASE
 */

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "harley-bench-stats.h"
#include "harley-ui-resources.h"
#include "harley-diary-page.h"
#include "harley-wall-time.h"

#define SEED   20251124
#define WIDTH  1100
#define HEIGHT 760

static gboolean
read_range (sqlite3 *db,
            GDate   *first,
            GDate   *last)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int minute;

  if (sqlite3_prepare_v2 (db, "SELECT min (starts), max (starts) FROM appointment", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    ok = harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 0), first, &minute, NULL)
         && harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 1), last, &minute, NULL);
  sqlite3_finalize (stmt);
  return ok;
}

static double
floor_week (sqlite3_stmt *stmt,
            const GDate  *monday,
            guint        *rows)
{
  char from[16], to[16];
  GDate next = *monday;
  double start = harley_bench_now_ms ();

  g_date_add_days (&next, 7);
  g_snprintf (from, sizeof from, "%04u-%02u-%02u", g_date_get_year (monday), g_date_get_month (monday),
              g_date_get_day (monday));
  g_snprintf (to, sizeof to, "%04u-%02u-%02u", g_date_get_year (&next), g_date_get_month (&next),
              g_date_get_day (&next));
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  *rows = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      (void) sqlite3_column_int64 (stmt, 0);
      (void) sqlite3_column_text (stmt, 1);
      (*rows)++;
    }
  sqlite3_reset (stmt);
  return harley_bench_now_ms () - start;
}

static double
switch_week (HarleyDiaryPage *page,
             GdkPaintable    *paintable,
             const GDate     *monday)
{
  GtkWidget *grid = GTK_WIDGET (harley_diary_page_get_grid (page));
  double start = harley_bench_now_ms ();
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int height;

  harley_diary_page_go_to (page, monday);
  gtk_widget_measure (grid, GTK_ORIENTATION_VERTICAL, WIDTH, &height, NULL, NULL, NULL);
  gtk_widget_allocate (grid, WIDTH, height, -1, NULL);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), WIDTH, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return harley_bench_now_ms () - start;
}

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GArray) harley = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GdkPaintable) paintable = NULL;
  HarleyDiaryPage *page;
  GtkWidget *window;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_weeks = 200;
  GDate first, last;
  guint32 span;

  if (argc == 4 && strcmp (argv[1], "--weeks") == 0)
    {
      n_weeks = (guint) atoi (argv[2]);
      argv[1] = argv[3];
      argc = 2;
    }
  if (argc != 2 || n_weeks == 0)
    {
      g_printerr ("Usage: bench-diary-window [--weeks N] DATABASE\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  /* Referencing the bundle keeps it, and its registration, in this program. */
  g_assert (harley_ui_get_resource () != NULL);
  if ((store = harley_store_open (argv[1], &error)) == NULL
      || sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || !read_range (db, &first, &last)
      || sqlite3_prepare_v2 (db, "SELECT id, starts FROM appointment WHERE starts >= ? AND starts < ?", -1, &stmt,
                             NULL) != SQLITE_OK)
    {
      g_printerr ("bench-diary-window: %s\n", error ? error->message : "no diary in the database");
      return 1;
    }

  page = g_object_new (HARLEY_TYPE_DIARY_PAGE, "view", "week", NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH + 400, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  harley_diary_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  iterate (500);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (harley_diary_page_get_grid (page)));

  span = g_date_get_julian (&last) - g_date_get_julian (&first);
  for (guint i = 0; i < n_weeks + 10; i++)
    {
      GDate monday = first;
      guint rows;
      double f, h;

      g_date_add_days (&monday, g_rand_int_range (rand, 0, (gint32) MAX (span, 1)));
      g_date_subtract_days (&monday, g_date_get_weekday (&monday) - G_DATE_MONDAY);
      f = floor_week (stmt, &monday, &rows);
      h = switch_week (page, paintable, &monday);
      if (i < 10)
        continue;   /* warm-up */
      g_array_append_val (floor, f);
      g_array_append_val (harley, h);
      {
        double r = rows;

        g_array_append_val (blocks, r);
      }
    }

  harley_bench_print_timings ("week_switch_layout", harley);
  harley_bench_print_timings ("week_switch_floor", floor);
  harley_bench_print ("week_rows_median", harley_bench_percentile (blocks, 50));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
