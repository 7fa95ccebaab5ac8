/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-window"

/* The window's figures, each beside its floor:
 *
 *   bench-window --bare                 an AdwApplicationWindow with only an
 *                                       AdwHeaderBar, the size of Harley's
 *   bench-window --harley DATABASE      Harley's own application and window
 *                [--prefixes 200] [--opens 50] [--verbose]
 *
 * Both print first_frame_ms, from the process's start to the first
 * "after-paint" of the window's frame clock, and rss_kib, VmRSS after two
 * seconds at rest. The start is the launcher's clock read just before it
 * exec'd us, passed as HARLEY_BENCH_T0_US (CLOCK_REALTIME, microseconds;
 * build-aux/bench.sh takes it from bash's $EPOCHREALTIME), so exec, the
 * dynamic linker and constructors count. Without it, the kernel's start
 * time from /proc/self/stat, which is only as fine as the clock tick.
 *
 * --harley then types the prefixes into the real search entry, a character
 * at a time, each timed from the keystroke to the first frame painted
 * after the patient list changed; then opens records with
 * harley_patient_editor_open(), each timed to the next frame painted,
 * against a floor of reading the same row and repainting the editor as it
 * stands.
 *
 * GDK starts frames on a 60 Hz grid, so a change made just after a tick
 * waits up to 16.7 ms for the next one with nothing to do. Each timing is
 * printed twice: _wall_ms, as the clock saw it, and _ms, less the time
 * the main loop sat idle before a frame began (an idle source at
 * G_PRIORITY_LOW, below everything GTK schedules, tells when that was).
 */

#include <stdlib.h>
#include <string.h>

#include "harley-bench-prefixes.h"
#include "harley-bench-stats.h"
#include "harley-patient-list.h"
#include "harley-window.h"

#define REST_SECONDS   2
/* Between keystrokes: longer than a frame, shorter than the quickest
 * typist, and jittered by up to a frame so that keystrokes fall anywhere
 * between two of GDK's frame ticks. */
#define PAUSE_MS       50
#define JITTER_MS      17
#define TASK_TIMEOUT_S 10
#define SEED           20260102

typedef enum
{
  TASK_CLEAR,        /* empty the entry before a new search: not timed */
  TASK_KEYSTROKE,
  TASK_OPEN_FLOOR,
  TASK_OPEN,
  N_TASK_KINDS
} TaskKind;

typedef struct
{
  TaskKind  kind;
  guint     index;   /* into prefixes or open_ids */
} Task;

typedef struct
{
  GApplication        *app;
  gboolean             harley;
  gboolean             verbose;
  int                  n_prefixes;
  int                  n_opens;
  double               t0_us;          /* realtime, or 0 */
  double               main_ms;        /* from t0 to main(), or -1 */

  GtkWindow           *window;
  GdkFrameClock       *clock;
  gboolean             painted;
  HarleyStore         *store;
  GtkEditable         *entry;
  HarleyPatientEditor *editor;
  HarleyPatientList   *list;
  GPtrArray           *prefixes;
  GArray              *open_ids;       /* gint64 */
  GArray              *tasks;          /* Task */
  GRand               *rand;

  /* The task under way */
  guint                next_task;
  gboolean             awaiting_list;
  gboolean             awaiting_frame;
  double               start_ms;
  double               idle_since_ms;  /* 0: not idle */
  double               idle_ms;
  guint                idle_probe_id;
  guint                timeout_id;
  GString             *trace;          /* --verbose */

  GArray              *wall_ms[N_TASK_KINDS];   /* double */
  GArray              *busy_ms[N_TASK_KINDS];
  GArray              *rows_built;              /* double */
} Bench;

static void run_next_task (Bench *bench);

/* The start {{{1 */

static double
since_start_ms (Bench *bench)
{
  if (bench->t0_us > 0)
    return (g_get_real_time () - bench->t0_us) / 1e3;
  return harley_bench_process_age_ms ();
}

static void
read_t0 (Bench *bench)
{
  const char *t0 = g_getenv ("HARLEY_BENCH_T0_US");

  bench->t0_us = t0 ? g_ascii_strtod (t0, NULL) : 0;
  bench->main_ms = bench->t0_us > 0 ? since_start_ms (bench) : -1;
  /* Anything we start must not inherit it. */
  g_unsetenv ("HARLEY_BENCH_T0_US");
}

/* Idle time and tracing {{{1 */

static void
trace (Bench      *bench,
       const char *what)
{
  if (bench->trace != NULL && bench->awaiting_frame)
    g_string_append_printf (bench->trace, " %s@%.1f", what, harley_bench_now_ms () - bench->start_ms);
}

static gboolean
on_idle_probe_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->idle_probe_id = 0;
  bench->idle_since_ms = harley_bench_now_ms ();
  trace (bench, "idle");
  return G_SOURCE_REMOVE;
}

static void
arm_idle_probe (Bench *bench)
{
  if (bench->idle_probe_id == 0)
    bench->idle_probe_id = g_idle_add_full (G_PRIORITY_LOW, on_idle_probe_cb, bench, NULL);
}

/* A frame begins: the wait for it was idle time. */
static void
on_before_paint_cb (GdkFrameClock *clock,
                    Bench         *bench)
{
  if (!bench->awaiting_frame)
    return;
  trace (bench, "frame");
  if (bench->idle_since_ms > 0)
    bench->idle_ms += harley_bench_now_ms () - bench->idle_since_ms;
  bench->idle_since_ms = 0;
  arm_idle_probe (bench);
}

static void
on_layout_cb (GdkFrameClock *clock,
              Bench         *bench)
{
  trace (bench, "layout");
}

static void
on_paint_cb (GdkFrameClock *clock,
             Bench         *bench)
{
  trace (bench, "paint");
}

/* Tasks {{{1 */

static void
add_task (Bench    *bench,
          TaskKind  kind,
          guint     index)
{
  Task task = { kind, index };

  g_array_append_val (bench->tasks, task);
}

/* Keystrokes, then opens; the floor and Harley take turns going first. */
static void
plan_tasks (Bench *bench)
{
  for (guint i = 0; i < bench->prefixes->len; i++)
    {
      HarleyBenchPrefix *prefix = g_ptr_array_index (bench->prefixes, i);

      if (prefix->first && i > 0)
        add_task (bench, TASK_CLEAR, i);
      add_task (bench, TASK_KEYSTROKE, i);
    }
  for (guint i = 0; i < bench->open_ids->len; i++)
    {
      add_task (bench, i % 2 ? TASK_OPEN : TASK_OPEN_FLOOR, i);
      add_task (bench, i % 2 ? TASK_OPEN_FLOOR : TASK_OPEN, i);
    }
}

static gboolean
on_task_timeout_cb (gpointer user_data)
{
  Bench *bench = user_data;

  g_printerr ("bench-window: task %u got no frame in %d s\n", bench->next_task, TASK_TIMEOUT_S);
  exit (EXIT_FAILURE);
  return G_SOURCE_REMOVE;
}

/* A keystroke adds a character at the end. gtk_editable_set_text() would
 * delete everything first, and the search entry reports an emptied entry
 * at once, so each step would also run a search for "" that typing never
 * runs. */
static void
type_prefix (GtkEditable *entry,
             const char  *typed)
{
  const char *current = gtk_editable_get_text (entry);
  int position = g_utf8_strlen (current, -1);

  if (g_str_has_prefix (typed, current) && g_utf8_strlen (typed, -1) == position + 1)
    gtk_editable_insert_text (entry, typed + strlen (current), -1, &position);
  else
    gtk_editable_set_text (entry, typed);
}

static void
act (Bench      *bench,
     const Task *task)
{
  g_autoptr(GError) error = NULL;
  gint64 id = task->kind >= TASK_OPEN_FLOOR ? g_array_index (bench->open_ids, gint64, task->index) : 0;
  HarleyBenchPrefix *prefix = task->kind == TASK_KEYSTROKE ? g_ptr_array_index (bench->prefixes, task->index) : NULL;

  switch (task->kind)
    {
    case TASK_CLEAR:
      gtk_editable_set_text (bench->entry, "");
      break;
    case TASK_KEYSTROKE:
      type_prefix (bench->entry, prefix->typed);
      break;
    case TASK_OPEN_FLOOR:
      if (!harley_bench_fetch_row (bench->store, id, &error))
        g_error ("Reading patient %" G_GINT64_FORMAT " failed: %s", id, error->message);
      gtk_widget_queue_draw (GTK_WIDGET (bench->editor));
      break;
    case TASK_OPEN:
      if (!harley_patient_editor_open (bench->editor, id, &error))
        g_error ("Opening patient %" G_GINT64_FORMAT " failed: %s", id, error->message);
      break;
    case N_TASK_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
start_task (Bench      *bench,
            const Task *task)
{
  /* Set before acting: emptying the entry searches at once. */
  bench->awaiting_list = task->kind <= TASK_KEYSTROKE;
  bench->awaiting_frame = TRUE;
  bench->idle_ms = 0;
  bench->idle_since_ms = 0;
  if (bench->trace != NULL)
    g_string_truncate (bench->trace, 0);
  bench->timeout_id = g_timeout_add_seconds (TASK_TIMEOUT_S, on_task_timeout_cb, bench);
  bench->start_ms = harley_bench_now_ms ();
  act (bench, task);
  arm_idle_probe (bench);
  if (!bench->awaiting_list)
    gdk_frame_clock_request_phase (bench->clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static gboolean
run_next_task_cb (gpointer user_data)
{
  run_next_task (user_data);
  return G_SOURCE_REMOVE;
}

static void
report_task (Bench      *bench,
             const Task *task,
             double      wall,
             double      busy)
{
  const char *what[] = { "clear", "keystroke", "open-floor", "open" };
  double rows = harley_patient_list_get_n_built (bench->list);

  if (task->kind == TASK_KEYSTROKE)
    g_array_append_val (bench->rows_built, rows);
  if (!bench->verbose)
    return;
  g_print ("# %-10s %8.3f ms (wall %8.3f)", what[task->kind], busy, wall);
  if (task->kind <= TASK_KEYSTROKE)
    g_print (" %4.0f rows '%s'", rows,
             task->kind == TASK_KEYSTROKE
             ? ((HarleyBenchPrefix *) g_ptr_array_index (bench->prefixes, task->index))->typed : "");
  g_print ("%s\n", bench->trace->str);
}

static void
finish_task (Bench *bench)
{
  const Task *task = &g_array_index (bench->tasks, Task, bench->next_task);
  double wall = harley_bench_now_ms () - bench->start_ms;
  double busy = wall - bench->idle_ms;

  g_clear_handle_id (&bench->timeout_id, g_source_remove);
  g_clear_handle_id (&bench->idle_probe_id, g_source_remove);
  bench->awaiting_frame = FALSE;
  g_array_append_val (bench->wall_ms[task->kind], wall);
  g_array_append_val (bench->busy_ms[task->kind], busy);
  report_task (bench, task, wall, busy);
  bench->next_task++;
  g_timeout_add (PAUSE_MS + g_rand_int_range (bench->rand, 0, JITTER_MS), run_next_task_cb, bench);
}

static void
print_timings (Bench *bench)
{
  const char *names[] = { NULL, "keystroke", "open_floor", "open" };

  for (guint k = TASK_KEYSTROKE; k < N_TASK_KINDS; k++)
    {
      g_autofree char *count = g_strdup_printf ("%s_count", names[k]);
      g_autofree char *wall = g_strdup_printf ("%s_wall", names[k]);

      if (bench->busy_ms[k]->len == 0)
        continue;
      harley_bench_print_count (count, bench->busy_ms[k]->len);
      harley_bench_print_timings (names[k], bench->busy_ms[k]);
      harley_bench_print_timings (wall, bench->wall_ms[k]);
    }
  if (bench->rows_built->len > 0)
    {
      harley_bench_print ("keystroke_rows_built_p50", harley_bench_percentile (bench->rows_built, 50));
      harley_bench_print ("keystroke_rows_built_max", harley_bench_percentile (bench->rows_built, 100));
    }
}

static void
run_next_task (Bench *bench)
{
  if (bench->next_task < bench->tasks->len)
    {
      start_task (bench, &g_array_index (bench->tasks, Task, bench->next_task));
      return;
    }
  print_timings (bench);
  g_application_quit (bench->app);
}

/* The list has the new query's rows: items-changed, or for a model that
 * does not signal an unchanged empty list, the query's notify. */
static void
on_list_updated_cb (Bench *bench)
{
  if (!bench->awaiting_list)
    return;
  trace (bench, "list");
  bench->awaiting_list = FALSE;
  /* A frame comes anyway when rows change; ask for one in case none did. */
  gdk_frame_clock_request_phase (bench->clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
prepare_typing (Bench *bench)
{
  HarleyWindow *window = HARLEY_WINDOW (bench->window);
  g_autoptr(GError) error = NULL;

  bench->store = harley_application_get_store (HARLEY_APPLICATION (bench->app));
  bench->entry = harley_window_get_search_entry (window);
  bench->editor = harley_window_get_editor (window);
  bench->list = HARLEY_PATIENT_LIST (harley_window_get_patient_list (window));
  bench->prefixes = harley_bench_prefixes_derive (bench->store, bench->n_prefixes, &error);
  if (bench->prefixes == NULL
      || (bench->open_ids = harley_bench_sample_ids (bench->store, bench->n_opens, &error)) == NULL)
    g_error ("Preparing the keystrokes failed: %s", error->message);
  g_signal_connect_swapped (bench->list, "items-changed", G_CALLBACK (on_list_updated_cb), bench);
  g_signal_connect_swapped (bench->list, "notify::query", G_CALLBACK (on_list_updated_cb), bench);
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_before_paint_cb), bench);
  if (bench->verbose)
    {
      bench->trace = g_string_new (NULL);
      g_signal_connect (bench->clock, "layout", G_CALLBACK (on_layout_cb), bench);
      g_signal_connect (bench->clock, "paint", G_CALLBACK (on_paint_cb), bench);
    }
  bench->rand = g_rand_new_with_seed (SEED);
  bench->tasks = g_array_new (FALSE, FALSE, sizeof (Task));
  for (guint k = 0; k < N_TASK_KINDS; k++)
    {
      bench->wall_ms[k] = g_array_new (FALSE, FALSE, sizeof (double));
      bench->busy_ms[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  bench->rows_built = g_array_new (FALSE, FALSE, sizeof (double));
  plan_tasks (bench);
}

static gboolean
on_rest_done_cb (gpointer user_data)
{
  Bench *bench = user_data;

  harley_bench_print_count ("rss_kib", harley_bench_rss_kib ());
  if (!bench->harley || bench->n_prefixes + bench->n_opens == 0)
    {
      g_application_quit (bench->app);
      return G_SOURCE_REMOVE;
    }
  prepare_typing (bench);
  run_next_task (bench);
  return G_SOURCE_REMOVE;
}

/* The first frame {{{1 */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  if (!bench->painted)
    {
      bench->painted = TRUE;
      harley_bench_print ("first_frame_ms", since_start_ms (bench));
      harley_bench_print ("first_frame_procstat_ms", harley_bench_process_age_ms ());
      if (bench->main_ms >= 0)
        harley_bench_print ("main_entry_ms", bench->main_ms);
      g_timeout_add_seconds (REST_SECONDS, on_rest_done_cb, bench);
      return;
    }
  trace (bench, "painted");
  if (bench->awaiting_frame && !bench->awaiting_list)
    finish_task (bench);
}

static void
on_window_realize_cb (GtkWidget *widget,
                      Bench     *bench)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  bench->clock = gdk_surface_get_frame_clock (surface);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
}

static void
watch_window (Bench     *bench,
              GtkWindow *window)
{
  if (bench->window != NULL)
    return;
  bench->window = window;
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), bench);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Bench          *bench)
{
  watch_window (bench, window);
}

static void
on_bare_activate_cb (GApplication *app,
                     Bench        *bench)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* Harley's window size and title, nothing in it but the header bar */
  gtk_window_set_title (GTK_WINDOW (window), "Harley");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  watch_window (bench, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* main {{{1 */

static GApplication *
create_application (Bench      *bench,
                    const char *database)
{
  GApplication *app;

  if (!bench->harley)
    {
      app = G_APPLICATION (adw_application_new ("org.harleydesk.Harley.BenchBare",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate_cb), bench);
      return app;
    }
  app = G_APPLICATION (harley_application_new ());
  harley_application_set_database_path (HARLEY_APPLICATION (app), database);
  /* A notice over the window would take the keystrokes. */
  harley_application_set_disk_check_root (HARLEY_APPLICATION (app), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), bench);
  return app;
}

int
main (int   argc,
      char *argv[])
{
  gboolean bare = FALSE;
  g_autofree char *database = NULL;
  Bench bench = { .n_prefixes = 200, .n_opens = 50 };
  const GOptionEntry entries[] = {
    { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "The floor: a window with a header bar", NULL },
    { "harley", 0, 0, G_OPTION_ARG_FILENAME, &database, "Harley on this database", "FILE" },
    { "prefixes", 'n', 0, G_OPTION_ARG_INT, &bench.n_prefixes, "Keystrokes to type (200)", "N" },
    { "opens", 'o', 0, G_OPTION_ARG_INT, &bench.n_opens, "Records to open (50)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &bench.verbose, "Print every timing as a # comment", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  char *app_argv[] = { argv[0], NULL };
  int status;

  read_t0 (&bench);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || bare == (database != NULL) || bench.n_prefixes < 0 || bench.n_opens < 0)
    {
      g_printerr ("Usage: bench-window --bare | --harley DATABASE [--prefixes N] [--opens N]\n");
      return EXIT_FAILURE;
    }
  /* Harley would make an empty practice of a missing file. */
  if (database != NULL && !g_file_test (database, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bench-window: there is no database at %s\n", database);
      return EXIT_FAILURE;
    }
  bench.harley = database != NULL;
  bench.app = create_application (&bench, database);
  status = g_application_run (bench.app, 1, app_argv);
  if (!bench.painted)
    {
      g_printerr ("bench-window: the window was never painted\n");
      status = EXIT_FAILURE;
    }
  g_object_unref (bench.app);
  return status;
}
