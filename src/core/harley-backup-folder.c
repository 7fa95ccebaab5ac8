/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup"

/* The backup folder: the names Harley gives backups, the generations it
 * keeps, and whether the folder shares a disk with the database.
 *
 * Only names of Harley's own form are ever listed or removed, so a folder
 * the practice also keeps other files in is safe.
 */

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "harley-backup-private.h"

#define NAME_PREFIX     "harley-"
#define NAME_SUFFIX     ".hbak"
#define PART_SUFFIX     ".part"
#define STAMP_LENGTH    15     /* YYYYMMDD-HHMMSS */
#define MAX_SAME_SECOND 100

/* Backup names {{{1 */

/* "harley-YYYYMMDD-HHMMSS[-N].hbak": the stamp and N, or FALSE for any
 * other name, which is never touched. */
static gboolean
parse_name (const char *name,
            char        stamp[STAMP_LENGTH + 1],
            guint64    *sequence)
{
  const char *p;
  char *rest = NULL;

  *sequence = 0;
  if (!g_str_has_prefix (name, NAME_PREFIX) || !g_str_has_suffix (name, NAME_SUFFIX))
    return FALSE;
  p = name + strlen (NAME_PREFIX);
  if (strlen (p) < STAMP_LENGTH + strlen (NAME_SUFFIX))
    return FALSE;
  for (guint i = 0; i < STAMP_LENGTH; i++)
    if (i == 8 ? p[i] != '-' : !g_ascii_isdigit (p[i]))
      return FALSE;
  memcpy (stamp, p, STAMP_LENGTH);
  stamp[STAMP_LENGTH] = '\0';
  p += STAMP_LENGTH;
  if (g_str_equal (p, NAME_SUFFIX))
    return TRUE;
  if (p[0] != '-' || !g_ascii_isdigit (p[1]))
    return FALSE;
  *sequence = g_ascii_strtoull (p + 1, &rest, 10);
  return g_str_equal (rest, NAME_SUFFIX) && *sequence >= 1 && *sequence <= MAX_SAME_SECOND;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  g_autofree char *name_a = g_path_get_basename (*(char * const *) a);
  g_autofree char *name_b = g_path_get_basename (*(char * const *) b);
  char stamp_a[STAMP_LENGTH + 1], stamp_b[STAMP_LENGTH + 1];
  guint64 seq_a, seq_b;
  int cmp;

  parse_name (name_a, stamp_a, &seq_a);
  parse_name (name_b, stamp_b, &seq_b);
  if ((cmp = strcmp (stamp_b, stamp_a)) != 0)
    return cmp;
  return seq_b < seq_a ? -1 : seq_b > seq_a;
}

/**
 * harley_backup_list:
 * @folder: a backup folder
 * @error: where to put a failure
 *
 * Lists the backups Harley made in @folder, by their names
 * (harley-YYYYMMDD-HHMMSS.hbak, local time), newest first.
 *
 * Returns: (transfer full) (element-type filename) (nullable): their paths
 */
GPtrArray *
harley_backup_list (const char  *folder,
                    GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  if ((dir = g_dir_open (folder, 0, &local_error)) == NULL)
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("Harley cannot open the backup folder: %s. Check that the backup drive "
                     "is connected."), local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char stamp[STAMP_LENGTH + 1];
      guint64 sequence;

      if (parse_name (name, stamp, &sequence))
        g_ptr_array_add (files, g_build_filename (folder, name, NULL));
    }
  g_ptr_array_sort (files, compare_newest_first);
  return g_steal_pointer (&files);
}

/* The next free number for a backup made in the second @stamp: 0 for
 * none yet, else one past the highest, so that a newer backup never takes
 * the name of an older one that was pruned and sorts before it. */
static gint64
next_sequence (const char *folder,
               const char *stamp)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  gint64 next = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *backup = g_strdup (name);
      char found[STAMP_LENGTH + 1];
      guint64 sequence;

      if (g_str_has_suffix (backup, PART_SUFFIX))
        backup[strlen (backup) - strlen (PART_SUFFIX)] = '\0';
      if (parse_name (backup, found, &sequence) && g_str_equal (found, stamp))
        next = MAX (next, (gint64) sequence + 1);
    }
  return next;
}

char *
_harley_backup_choose_name (const char  *folder,
                            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  gint64 sequence = next_sequence (folder, stamp);
  g_autofree char *name = NULL;

  if (sequence > MAX_SAME_SECOND)
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("Too many backups were started this second. Wait a moment, then try again."));
      return NULL;
    }
  if (sequence == 0)
    name = g_strconcat (NAME_PREFIX, stamp, NAME_SUFFIX, NULL);
  else
    name = g_strdup_printf (NAME_PREFIX "%s-%" G_GINT64_FORMAT NAME_SUFFIX, stamp, sequence);
  return g_build_filename (folder, name, NULL);
}

/* Generations {{{1 */

/* A ".part" older than the new backup is left from a run that was cut
 * off (a drive pulled out, a crash) and will never be finished. */
static void
remove_stale_parts (const char *folder,
                    const char *target)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *backup = NULL;
      char stamp[STAMP_LENGTH + 1];
      guint64 sequence;

      if (!g_str_has_suffix (name, NAME_SUFFIX PART_SUFFIX))
        continue;
      backup = g_build_filename (folder, name, NULL);
      backup[strlen (backup) - strlen (PART_SUFFIX)] = '\0';
      if (parse_name (strrchr (backup, G_DIR_SEPARATOR) + 1, stamp, &sequence)
          && compare_newest_first (&backup, &target) > 0)
        {
          g_autofree char *part = g_strconcat (backup, PART_SUFFIX, NULL);

          g_unlink (part);
        }
    }
}

/* Keeps the newest @keep backups, @target (just verified) always among
 * them, whatever the clock did. */
void
_harley_backup_prune (const char *folder,
                      guint       keep,
                      const char *target)
{
  g_autoptr(GPtrArray) files = harley_backup_list (folder, NULL);
  guint kept = 1;

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      if (g_str_equal (path, target))
        continue;
      if (kept < keep)
        kept++;
      else if (g_unlink (path) != 0)
        g_warning ("Could not remove the old backup %s: %s", path, g_strerror (errno));
    }
  remove_stale_parts (folder, target);
}

/* The same disk {{{1 */

/* The sysfs folder of the whole disk under a block device: a partition's
 * parent; an encrypted or LVM volume's (dm-N) single underlying device's. */
static char *
whole_disk (const char *sys_path,
            guint       depth)
{
  g_autofree char *partition = g_build_filename (sys_path, "partition", NULL);
  g_autofree char *slaves = g_build_filename (sys_path, "slaves", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *first;

  if (g_file_test (partition, G_FILE_TEST_EXISTS))
    return g_path_get_dirname (sys_path);
  if (depth < 4 && (dir = g_dir_open (slaves, 0, NULL)) != NULL && (first = g_dir_read_name (dir)) != NULL
      && g_dir_read_name (dir) == NULL)
    {
      g_autofree char *link = g_build_filename (slaves, first, NULL);
      char resolved[PATH_MAX];

      if (realpath (link, resolved) != NULL)
        return whole_disk (resolved, depth + 1);
    }
  return g_strdup (sys_path);
}

static char *
disk_of (dev_t device)
{
  g_autofree char *link = g_strdup_printf ("/sys/dev/block/%u:%u", major (device), minor (device));
  char resolved[PATH_MAX];

  /* Major 0 is a file system with no block device of its own (tmpfs,
   * btrfs subvolumes, network shares): nothing more can be said. */
  if (major (device) == 0 || realpath (link, resolved) == NULL)
    return NULL;
  return whole_disk (resolved, 0);
}

/**
 * harley_backup_is_same_disk:
 * @database: the practice database (its folder is used if it is missing)
 * @folder: a backup folder
 *
 * Says whether backups in @folder would be lost with the database's disk:
 * the same file system, or partitions of the same disk. A backup there
 * is worth warning about.
 *
 * Returns: %TRUE when they are on the same disk as far as can be told
 */
gboolean
harley_backup_is_same_disk (const char *database,
                            const char *folder)
{
  g_autofree char *database_dir = NULL;
  g_autofree char *disk_a = NULL;
  g_autofree char *disk_b = NULL;
  GStatBuf a, b;

  g_return_val_if_fail (database != NULL && folder != NULL, FALSE);

  database_dir = g_path_get_dirname (database);
  if ((g_stat (database, &a) != 0 && g_stat (database_dir, &a) != 0) || g_stat (folder, &b) != 0)
    return FALSE;
  if (a.st_dev == b.st_dev)
    return TRUE;
  disk_a = disk_of (a.st_dev);
  disk_b = disk_of (b.st_dev);
  return disk_a != NULL && disk_b != NULL && g_str_equal (disk_a, disk_b);
}
