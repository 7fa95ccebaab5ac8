/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Crash safety. A child process (harley-test-crash-child.h) runs
 * Harley's real write paths in a loop on one database, taking a patient,
 * an appointment, a letter and a sample each a step further in turn:
 * patients saved and changed, appointments booked, moved and marked,
 * letters written, addressed, typed, sent for approval and approved with
 * their PDFs, samples taken, sent, reported and reviewed. Before each
 * operation it writes down over a pipe what it is about to do, and after
 * harley_*() returned (its commit done) that it is done. The parent kills
 * it with SIGKILL at a random moment, then opens the database as Harley
 * does and checks that it passes integrity_check, that every operation
 * reported done is there, that the one under way when the kill came is
 * there whole or not at all, and that nothing anywhere is half-written:
 * each patient has its search keys and its "created" line, each history
 * line its twin on the patient's timeline, each approved letter its PDFs,
 * each sample state its history and result. Then the next child goes on
 * with the same file.
 *
 * 200 kills in the suite (see SUITE_KILLS); `test-crash --kills 1000
 * [--seed N]` for more, printing the figures (see bench/README.md). */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-test-crash-child.h"
#include "harley-test-util.h"

/* Under AddressSanitizer, as .ci/run runs the unit tests (with
 * fast_unwind_on_malloc=0), everything runs some ten times slower: each
 * of SQLite's allocations records its stack. There the kills come within
 * 0.3 s rather than 30 ms, to land as far into the operations, and the
 * suite makes 40 of them; the normal build, which CI tests too
 * (build-aux/test.sh), makes 200. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifdef SANITIZED
#define SUITE_KILLS  40
#define MAX_DELAY_US 300000
#else
#define SUITE_KILLS  200
#define MAX_DELAY_US 30000
#endif

static guint    option_kills = SUITE_KILLS;
static guint32  option_seed;
static gboolean option_seed_set;

/* The parent's model {{{1 */

/* A row as the reported operations left it; a copy with one more applied
 * is what it may be if that one was under way. */
typedef struct
{
  char    kind;        /* P patient, A appointment, L letter, S sample */
  gint64  id;
  char   *value;       /* P: given name; A: starts; L: body; S: description */
  char   *state;       /* A: status; L, S: state */
  guint   events;      /* P: "changed" lines; A, L, S: its own history lines */
  guint   recipients;  /* L */
  guint   versions;    /* L: approved versions */
} Entity;

typedef struct
{
  char   *op;
  gint64  target;
  char   *arg;
} Intent;

static void
entity_free (Entity *e)
{
  g_free (e->value);
  g_free (e->state);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entity, entity_free)

static Entity *
entity_copy (const Entity *e)
{
  Entity *copy = g_memdup2 (e, sizeof *e);

  copy->value = g_strdup (e->value);
  copy->state = g_strdup (e->state);
  return copy;
}

static char
kind_of (const char *op)
{
  if (g_str_has_prefix (op, "patient"))
    return 'P';
  if (g_str_equal (op, "book") || g_str_equal (op, "move") || g_str_equal (op, "status"))
    return 'A';
  if (g_str_has_prefix (op, "letter") || g_str_equal (op, "recipient"))
    return 'L';
  g_assert (g_str_has_prefix (op, "sample"));
  return 'S';
}

static gboolean
creates (const char *op)
{
  return g_str_has_suffix (op, "-new") || g_str_equal (op, "book");
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* @e (nullable for a new row) with @intent applied, as Harley's write
 * paths apply it. */
static Entity *
apply (const Entity *e,
       const Intent *intent,
       gint64        id)
{
  Entity *next = e != NULL ? entity_copy (e) : g_new0 (Entity, 1);
  const char *op = intent->op;

  next->kind = kind_of (op);
  next->id = id;
  if (creates (op))
    {
      next->events = next->kind == 'P' ? 0 : 1;
      set_text (&next->value, next->kind == 'L' ? "" : intent->arg);
      set_text (&next->state, next->kind == 'A' ? "booked" : next->kind == 'L' ? "draft"
                              : next->kind == 'S' ? "taken" : NULL);
    }
  else if (g_str_equal (op, "patient-edit") || g_str_equal (op, "move"))
    {
      set_text (&next->value, intent->arg);
      next->events++;
    }
  else if (g_str_equal (op, "recipient"))
    next->recipients++;
  else if (g_str_equal (op, "letter-body"))
    set_text (&next->value, intent->arg);   /* a draft's text: no history line */
  else
    {
      set_text (&next->state, intent->arg);
      next->events++;
      if (g_str_equal (op, "letter-approve"))
        next->versions++;
    }
  return next;
}

static char *
signature (const Entity *e)
{
  if (e == NULL)
    return g_strdup ("missing");
  return g_strdup_printf ("%c%" G_GINT64_FORMAT " value=%s state=%s events=%u recipients=%u versions=%u",
                          e->kind, e->id, e->value, e->state, e->events, e->recipients, e->versions);
}

/* Reading the file {{{1 */

static sqlite3_stmt *
query (sqlite3    *db,
       const char *sql,
       gint64      id)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      id)
{
  sqlite3_stmt *stmt = query (db, sql, id);
  gint64 value = -1;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static const char * const entity_sql[] = {
  "SELECT given_name, NULL, (SELECT count(*) FROM patient_event e WHERE e.patient_id = p.id "
  "AND kind = 'changed'), 0, 0 FROM patient p WHERE id = ?",
  "SELECT starts, status, (SELECT count(*) FROM appointment_event e WHERE e.appointment_id = a.id), 0, 0 "
  "FROM appointment a WHERE id = ?",
  "SELECT body, state, (SELECT count(*) FROM letter_event e WHERE e.letter_id = l.id), "
  "(SELECT count(*) FROM letter_recipient r WHERE r.letter_id = l.id), "
  "(SELECT count(*) FROM letter_version v WHERE v.letter_id = l.id) FROM letter l WHERE id = ?",
  "SELECT description, state, (SELECT count(*) FROM sample_event e WHERE e.sample_id = s.id), 0, 0 "
  "FROM sample s WHERE id = ?",
};

/* Statements are prepared once for each opening of the file: under
 * AddressSanitizer, preparing is what takes the time. */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *entity[G_N_ELEMENTS (entity_sql)];
} Reader;

static void
reader_clear (Reader *r)
{
  for (guint i = 0; i < G_N_ELEMENTS (r->entity); i++)
    sqlite3_finalize (r->entity[i]);
}

static Entity *
read_entity (Reader *r,
             char    kind,
             gint64  id)
{
  guint which = (guint) (strchr ("PALS", kind) - "PALS");
  sqlite3_stmt *stmt;
  Entity *e = NULL;

  if (r->entity[which] == NULL)
    g_assert_cmpint (sqlite3_prepare_v2 (r->db, entity_sql[which], -1, &r->entity[which], NULL), ==, SQLITE_OK);
  stmt = r->entity[which];
  sqlite3_bind_int64 (stmt, 1, id);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      e = g_new0 (Entity, 1);
      e->kind = kind;
      e->id = id;
      e->value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->state = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->events = (guint) sqlite3_column_int (stmt, 2);
      e->recipients = (guint) sqlite3_column_int (stmt, 3);
      e->versions = (guint) sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  return e;
}

/* A new row the operation under way may have written, found by what it
 * was given; 0 if it is not there. */
static gint64
find_created (sqlite3      *db,
              const Intent *intent)
{
  static const char * const sql[] = {
    "SELECT id FROM patient WHERE given_name = ?2",
    "SELECT id FROM appointment WHERE patient_id = ?1 AND starts = ?2",
    "SELECT id FROM letter WHERE patient_id = ?1 AND subject = ?2",
    "SELECT id FROM sample WHERE patient_id = ?1 AND description = ?2",
  };
  sqlite3_stmt *stmt = query (db, sql[strchr ("PALS", kind_of (intent->op)) - "PALS"], intent->target);
  gint64 id = 0;

  sqlite3_bind_text (stmt, 2, intent->arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return id;
}

/* Nothing anywhere half-written: what each write path writes together
 * is there together. Each query counts the rows that break the rule; they
 * are asked in one statement. */
static const char * const whole[] = {
  /* a patient, its "created" line and its search keys */
  "SELECT count(*) FROM patient p WHERE (SELECT count(*) FROM patient_event e WHERE e.patient_id = p.id "
  "AND e.kind = 'created') <> 1 OR NOT EXISTS (SELECT 1 FROM patient_name_key k WHERE k.patient_id = p.id) "
  "OR NOT EXISTS (SELECT 1 FROM patient_id_key k WHERE k.patient_id = p.id)",
  /* a change to a patient (its name ends in Z), and its line */
  "SELECT count(*) FROM patient p WHERE (SELECT count(*) FROM patient_event e WHERE e.patient_id = p.id "
  "AND e.kind = 'changed') <> (p.given_name GLOB '*Z')",
  /* an appointment's history line and its twin on the timeline */
  "SELECT abs ((SELECT count(*) FROM appointment_event) "
  "- (SELECT count(*) FROM patient_event WHERE kind = 'appointment')) "
  "+ (SELECT count(*) FROM appointment a WHERE NOT EXISTS "
  "(SELECT 1 FROM appointment_event e WHERE e.appointment_id = a.id))",
  /* the same for letters */
  "SELECT abs ((SELECT count(*) FROM letter_event) - (SELECT count(*) FROM patient_event WHERE kind = 'letter')) "
  "+ (SELECT count(*) FROM letter l WHERE NOT EXISTS (SELECT 1 FROM letter_event e WHERE e.letter_id = l.id))",
  /* an approved letter: its version, and a PDF for each copy */
  "SELECT count(*) FROM letter l WHERE l.state IN ('approved', 'sent', 'filed') AND "
  "(NOT EXISTS (SELECT 1 FROM letter_version v WHERE v.letter_id = l.id AND v.version = l.version) "
  "OR (SELECT count(*) FROM letter_copy c JOIN letter_version v ON v.id = c.version_id "
  "WHERE v.letter_id = l.id AND v.version = l.version) "
  "<> (SELECT count(*) FROM letter_recipient r WHERE r.letter_id = l.id AND r.role = 'cc'))",
  /* a sample's steps: one history line each, each on the timeline too,
   * and a result once received */
  "SELECT abs ((SELECT count(*) FROM sample_event) "
  "- (SELECT count(*) FROM patient_event WHERE kind IN ('sample', 'result')))",
  "SELECT count(*) FROM sample s WHERE (SELECT count(*) FROM sample_event e WHERE e.sample_id = s.id) "
  "<> 1 + (s.state <> 'taken') + (s.state IN ('received', 'reviewed')) + (s.state = 'reviewed') "
  "OR (s.state IN ('received', 'reviewed')) <> EXISTS (SELECT 1 FROM result r WHERE r.sample_id = s.id)",
};

/* The crash test {{{1 */

typedef struct
{
  char       *dir;
  char       *path;
  GRand      *rand;
  guint32     seed;
  Child       child;
  GHashTable *model;        /* "P12" → Entity */
  GPtrArray  *touched;      /* keys changed by the last child */
  guint       kill;
  /* figures */
  GHashTable *done_by_op;   /* op → operations reported done */
  guint       done;
  guint       under_way_kept;
  guint       under_way_lost;
  gint64      started;
} Crash;

static char *
key_for (char   kind,
         gint64 id)
{
  return g_strdup_printf ("%c%" G_GINT64_FORMAT, kind, id);
}

static void
crash_fail (Crash      *c,
            const char *what,
            const char *expected,
            const char *found)
{
  g_error ("After kill %u (seed %u): %s\n  expected: %s\n  found:    %s", c->kill, c->seed, what, expected, found);
}

/* The reported operations, applied to the model; the last, if under way,
 * returned in @under_way. */
static void
take_lines (Crash   *c,
            char    *text,
            Intent **under_way)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree Intent *pending = NULL;
  g_auto(GStrv) parts = NULL;

  g_ptr_array_set_size (c->touched, 0);
  /* The last piece is what followed the last newline: nothing, as each
   * line goes in one write. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == 'F')
        crash_fail (c, "the child's operation failed", "success", line);
      if (line[0] == 'I')
        {
          g_strfreev (parts);
          parts = g_strsplit (line, " ", 4);
          g_assert_cmpuint (g_strv_length (parts), ==, 4);
          g_free (pending);
          pending = g_new0 (Intent, 1);
          pending->op = parts[1];
          pending->target = g_ascii_strtoll (parts[2], NULL, 10);
          pending->arg = parts[3];
        }
      else if (line[0] == 'D')
        {
          gint64 id = g_ascii_strtoll (line + 2, NULL, 10);
          char *key;
          Entity *before;

          g_assert_nonnull (pending);
          key = key_for (kind_of (pending->op), id);
          before = g_hash_table_lookup (c->model, key);
          g_assert_true (creates (pending->op) == (before == NULL));
          g_hash_table_replace (c->model, key, apply (before, pending, id));
          g_ptr_array_add (c->touched, g_strdup (key));
          g_hash_table_replace (c->done_by_op, g_strdup (pending->op),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (c->done_by_op,
                                                                                         pending->op)) + 1));
          g_clear_pointer (&pending, g_free);
          c->done++;
        }
    }
  *under_way = NULL;
  if (pending != NULL)
    {
      Intent *intent = g_new0 (Intent, 1);

      intent->op = g_strdup (pending->op);
      intent->target = pending->target;
      intent->arg = g_strdup (pending->arg);
      *under_way = intent;
    }
}

static void
intent_free (Intent *intent)
{
  g_free (intent->op);
  g_free (intent->arg);
  g_free (intent);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Intent, intent_free)

static void
check_entity (Crash      *c,
              Reader     *r,
              const char *key)
{
  const Entity *expected = g_hash_table_lookup (c->model, key);
  g_autoptr(Entity) found = read_entity (r, expected->kind, expected->id);
  g_autofree char *want = signature (expected);
  g_autofree char *have = signature (found);

  if (!g_str_equal (want, have))
    crash_fail (c, "a change reported done is not in the file as it was made", want, have);
}

/* A patient can be found by the name it has now: its keys were written
 * with it. */
static void
check_search (Crash       *c,
              HarleyStore *store,
              const char  *key)
{
  const Entity *e = g_hash_table_lookup (c->model, key);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (e->value, " Crash", NULL);
  gboolean found = FALSE;

  harley_register_search (store, name, HARLEY_SEARCH_DEFAULT, 50, ids, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    found |= g_array_index (ids, gint64, i) == e->id;
  if (!found)
    crash_fail (c, "a patient cannot be found by name", name, "not in the search results");
}

/* The operation under way when the child died: all of it, or none. */
static void
check_under_way (Crash        *c,
                 Reader       *r,
                 const Intent *intent)
{
  g_autofree char *key = NULL;
  g_autoptr(Entity) found = NULL;
  g_autoptr(Entity) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *found_text = NULL;
  const Entity *before = NULL;
  gint64 id = intent->target;

  if (creates (intent->op))
    id = find_created (r->db, intent);
  key = key_for (kind_of (intent->op), id);
  if (!creates (intent->op))
    before = g_hash_table_lookup (c->model, key);
  found = id != 0 ? read_entity (r, kind_of (intent->op), id) : NULL;
  after = apply (before, intent, id);
  before_text = signature (before);
  after_text = signature (after);
  found_text = signature (found);
  if (g_str_equal (found_text, after_text))
    c->under_way_kept++;
  else if (g_str_equal (found_text, before_text))
    c->under_way_lost++;
  else
    {
      g_autofree char *either = g_strdup_printf ("%s\n  or:       %s", before_text, after_text);

      crash_fail (c, "the change under way when the child was killed is half there", either, found_text);
    }
  if (found != NULL)
    g_hash_table_replace (c->model, g_steal_pointer (&key), g_steal_pointer (&found));
}

static void
check_whole (Crash   *c,
             sqlite3 *db)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    g_string_append_printf (sql, "%s(%s)", i > 0 ? ", " : "", whole[i]);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    if (sqlite3_column_int64 (stmt, (int) i) != 0)
      crash_fail (c, "something is half-written", "no row breaking the rule", whole[i]);
  sqlite3_finalize (stmt);
}

/* Opens the file as Harley does (its own quick check left out: the whole
 * integrity_check follows), and checks it all. */
static void
check_file (Crash        *c,
            const Intent *under_way,
            gboolean      everything)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = harley_store_open_full (c->path, HARLEY_STORE_OPEN_DEFER_CHECK, &error);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *changing = NULL;
  Reader reader = { 0 };
  sqlite3 *db;

  /* The row the operation under way changes is checked by itself. */
  if (under_way != NULL && !creates (under_way->op))
    changing = key_for (kind_of (under_way->op), under_way->target);
  if (store == NULL)
    crash_fail (c, "the file does not open", "a practice", error->message);
  db = reader.db = harley_store_get_db (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (integrity, "ok") != 0)
    crash_fail (c, "integrity_check", "ok", integrity);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check", 0), ==, 0);
  check_whole (c, db);

  if (everything)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, c->model);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        check_entity (c, &reader, key);
    }
  else
    for (guint i = 0; i < c->touched->len; i++)
      {
        const char *key = g_ptr_array_index (c->touched, i);

        if (g_strcmp0 (key, changing) == 0)
          continue;
        check_entity (c, &reader, key);
        if (key[0] == 'P')
          check_search (c, store, key);
      }
  if (under_way != NULL)
    check_under_way (c, &reader, under_way);
  reader_clear (&reader);
}

static void
read_into (int      fd,
           GString *text,
           gboolean until_ready)
{
  char buffer[4096];
  gssize n;

  while (!(until_ready && strstr (text->str, "R\n") != NULL))
    {
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }
}

static void
crash_once (Crash *c)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(Intent) under_way = NULL;
  int fds[2];
  int status = 0;
  pid_t pid;
  char *after_ready;

  g_assert_cmpint (pipe (fds), ==, 0);
  c->child.run = c->kill;
  c->child.k = 0;
  c->child.fd = fds[1];
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      child_main (c->path, &c->child);
    }
  close (fds[1]);

  read_into (fds[0], text, TRUE);
  if (strstr (text->str, "R\n") == NULL)
    crash_fail (c, "the child did not start", "R", text->str);
  g_usleep (g_rand_int_range (c->rand, 0, MAX_DELAY_US + 1));
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  read_into (fds[0], text, FALSE);
  close (fds[0]);
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    crash_fail (c, "the child died on its own", "killed", text->str);

  after_ready = strstr (text->str, "R\n") + 2;
  take_lines (c, after_ready, &under_way);
  check_file (c, under_way, FALSE);
}

static void
crash_set_up (Crash *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyContact) gp = harley_contact_new (HARLEY_CONTACT_GP, "Dr Amir Khan");
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, "Meridian Blood Sciences");

  c->dir = harley_test_make_dir ();
  c->path = harley_test_db_path (c->dir);
  c->seed = option_seed_set ? option_seed : g_test_rand_int ();
  c->rand = g_rand_new_with_seed (c->seed);
  c->model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entity_free);
  c->touched = g_ptr_array_new_with_free_func (g_free);
  c->done_by_op = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store = harley_store_open (c->path, &error);
  g_assert_no_error (error);
  harley_contact_set_turnaround_days (lab, 2);
  g_assert_true (harley_contact_save (store, gp, &error));
  g_assert_true (harley_contact_save (store, lab, &error));
  c->child.gp = harley_contact_get_id (gp);
  c->child.lab = harley_contact_get_id (lab);
  g_test_message ("crash test: %u kills, seed %u (repeat with --seed %u), in %s", option_kills, c->seed, c->seed,
                  c->dir);
  c->started = g_get_monotonic_time ();
}

static void
crash_tear_down (Crash *c)
{
  harley_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c->path);
  g_rand_free (c->rand);
  g_hash_table_unref (c->model);
  g_ptr_array_unref (c->touched);
  g_hash_table_unref (c->done_by_op);
}

static void
test_crash (void)
{
  Crash c = { 0 };
  double seconds;

  crash_set_up (&c);
  for (c.kill = 1; c.kill <= option_kills; c.kill++)
    crash_once (&c);
  c.kill = option_kills;
  /* Every change reported over the whole run, after all the kills. */
  check_file (&c, NULL, TRUE);
  seconds = (g_get_monotonic_time () - c.started) / (double) G_USEC_PER_SEC;

  g_test_message ("crash_kills %u", option_kills);
  g_test_message ("crash_seed %u", c.seed);
  g_test_message ("crash_operations_reported_done %u", c.done);
  {
    g_autoptr(GList) ops = g_list_sort (g_hash_table_get_keys (c.done_by_op), (GCompareFunc) g_strcmp0);

    for (GList *l = ops; l != NULL; l = l->next)
      g_test_message ("crash_done_%s %u", (const char *) l->data,
                      GPOINTER_TO_UINT (g_hash_table_lookup (c.done_by_op, l->data)));
  }
  g_test_message ("crash_under_way_found_whole %u", c.under_way_kept);
  g_test_message ("crash_under_way_found_absent %u", c.under_way_lost);
  g_test_message ("crash_rows_checked_at_end %u", g_hash_table_size (c.model));
  g_test_message ("crash_seconds %.1f", seconds);
  g_test_message ("crash_ms_per_kill %.1f", seconds * 1000 / option_kills);
  g_assert_cmpuint (c.done, >, 0);
  crash_tear_down (&c);
}

/* --kills N and --seed N, taken out before GLib sees the arguments. */
static void
parse_options (int    *argc,
               char ***argv)
{
  int kept = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];

      if ((g_str_equal (arg, "--kills") || g_str_equal (arg, "--seed")) && i + 1 < *argc)
        {
          guint64 value = g_ascii_strtoull ((*argv)[++i], NULL, 10);

          if (g_str_equal (arg, "--kills"))
            option_kills = (guint) MAX (value, 1);
          else
            {
              option_seed = (guint32) value;
              option_seed_set = TRUE;
            }
        }
      else
        (*argv)[kept++] = (*argv)[i];
    }
  *argc = kept;
  (*argv)[kept] = NULL;
}

int
main (int   argc,
      char *argv[])
{
  parse_options (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/sigkill", test_crash);
  return g_test_run ();
}
