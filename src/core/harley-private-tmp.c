/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-private-tmp"

/* One private folder for every temporary file Harley writes: the plain
 * copy of the database a backup encrypts, print spools, previews. Letters
 * and records must not be left where other users, or the next start of a
 * crashed Harley, can find them.
 *
 * The folder is made once per process, 0700:
 *   $XDG_RUNTIME_DIR/harley/pid-<PID>-XXXXXX   (memory, this user's only)
 *   <tmp>/harley-private-<PID>-XXXXXX          (when there is no runtime dir)
 * <tmp> is $TMPDIR, or /tmp. Files in it are made with O_EXCL, 0600. It is removed when the process
 * exits; what a crashed Harley left (a folder whose process is gone) is
 * removed by the next one to start. harley_private_tmp_redirect() points
 * TMPDIR at it, so that GTK's print spools and previews go there too.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harley-private-tmp.h"

#define RUNTIME_FOLDER   "harley"
#define RUNTIME_PREFIX   "pid-"
#define TMP_PREFIX       "harley-private-"

static GMutex  lock;
static char   *private_dir;   /* this process's folder, once made */

/**
 * harley_private_tmp_remove:
 * @path: a file or folder
 *
 * Removes @path, and everything in it if it is a folder, without
 * following symbolic links.
 */
void
harley_private_tmp_remove (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  struct stat st;

  if (lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      harley_private_tmp_remove (child);
    }
  g_rmdir (path);
}

static void
set_folder_error (GError **error,
                  int      errsv)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Harley could not make a private temporary folder: %s. Check that the disk "
                 "is not full, then try again."), g_strerror (errsv));
}

/* Whether @path is a real folder of ours that no one else may enter,
 * making it so if it is ours. */
static gboolean
is_own_private_folder (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    return FALSE;
  return (st.st_mode & 077) == 0 || chmod (path, 0700) == 0;
}

/* The PID in a folder's name after @prefix, or 0. */
static pid_t
folder_pid (const char *name,
            const char *prefix)
{
  const char *digits;
  char *end = NULL;
  long pid;

  if (!g_str_has_prefix (name, prefix))
    return 0;
  digits = name + strlen (prefix);
  pid = strtol (digits, &end, 10);
  if (end == digits || *end != '-' || pid <= 0 || pid > G_MAXINT)
    return 0;
  return (pid_t) pid;
}

/* Removes the folders in @parent whose Harley is no longer running. */
static void
sweep_leftovers (const char *parent,
                 const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (parent, name, NULL);
      pid_t pid = folder_pid (name, prefix);

      if (pid == 0 || pid == getpid () || !is_own_private_folder (path))
        continue;
      if (kill (pid, 0) == 0 || errno != ESRCH)
        continue;
      g_debug ("Removing %s, left by a Harley that stopped", path);
      harley_private_tmp_remove (path);
    }
}

/* $XDG_RUNTIME_DIR/harley, if there is a runtime folder to hold it. */
static char *
runtime_parent (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *parent = NULL;

  if (runtime == NULL || !g_path_is_absolute (runtime) || !is_own_private_folder (runtime))
    return NULL;
  parent = g_build_filename (runtime, RUNTIME_FOLDER, NULL);
  if (g_mkdir (parent, 0700) != 0 && errno != EEXIST)
    return NULL;
  if (!is_own_private_folder (parent))
    {
      g_message ("%s is not a private folder of this user’s; using the temporary folder", parent);
      return NULL;
    }
  return g_steal_pointer (&parent);
}

/* As g_get_tmp_dir() finds it, without asking it: it keeps its first
 * answer, which would then not follow harley_private_tmp_redirect(). */
static const char *
tmp_parent (void)
{
  const char *tmp = g_getenv ("TMPDIR");

  return tmp != NULL && g_path_is_absolute (tmp) ? tmp : "/tmp";
}

static void
remove_at_exit (void)
{
  if (private_dir != NULL)
    harley_private_tmp_remove (private_dir);
}

static char *
make_private_dir (GError **error)
{
  g_autofree char *parent = runtime_parent ();
  g_autofree char *name = NULL;
  char *dir;

  if (parent != NULL)
    {
      sweep_leftovers (parent, RUNTIME_PREFIX);
      name = g_strdup_printf ("%s/" RUNTIME_PREFIX "%d-XXXXXX", parent, (int) getpid ());
      dir = g_mkdtemp_full (name, 0700) != NULL ? g_steal_pointer (&name) : NULL;
      if (dir != NULL)
        return dir;
    }
  sweep_leftovers (tmp_parent (), TMP_PREFIX);
  g_free (name);
  name = g_strdup_printf ("%s/" TMP_PREFIX "%d-XXXXXX", tmp_parent (), (int) getpid ());
  if (g_mkdtemp_full (name, 0700) == NULL)
    {
      set_folder_error (error, errno);
      return NULL;
    }
  return g_steal_pointer (&name);
}

/**
 * harley_private_tmp_dir:
 * @error: where to put a failure
 *
 * The process's private temporary folder (0700), made, and what crashed
 * Harleys left removed, on the first call; removed at exit.
 *
 * Returns: (transfer none) (nullable): its path
 */
const char *
harley_private_tmp_dir (GError **error)
{
  const char *dir;

  g_mutex_lock (&lock);
  if (private_dir == NULL && (private_dir = make_private_dir (error)) != NULL)
    atexit (remove_at_exit);
  dir = private_dir;
  g_mutex_unlock (&lock);
  return dir;
}

/**
 * harley_private_tmp_open:
 * @name_template: a file name ending in "XXXXXX", such as "spool-XXXXXX"
 * @path: (out) (transfer full): the file made
 * @error: where to put a failure
 *
 * Makes a new file, 0600, in the private folder: never one that was
 * there before (O_EXCL).
 *
 * Returns: its descriptor, open for reading and writing, or -1
 */
int
harley_private_tmp_open (const char  *name_template,
                         char       **path,
                         GError     **error)
{
  const char *dir = harley_private_tmp_dir (error);
  g_autofree char *full = NULL;
  int fd;

  g_return_val_if_fail (name_template != NULL && path != NULL, -1);

  if (dir == NULL)
    return -1;
  full = g_build_filename (dir, name_template, NULL);
  /* g_mkstemp_full adds O_CREAT | O_EXCL. */
  if ((fd = g_mkstemp_full (full, O_RDWR | O_CLOEXEC, 0600)) < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Harley could not make a temporary file: %s. Check that the disk is not "
                     "full, then try again."), g_strerror (errsv));
      return -1;
    }
  *path = g_steal_pointer (&full);
  return fd;
}

/**
 * harley_private_tmp_make_dir:
 * @name_template: a folder name ending in "XXXXXX"
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): a new folder, 0700, in the private one
 */
char *
harley_private_tmp_make_dir (const char  *name_template,
                             GError     **error)
{
  const char *dir = harley_private_tmp_dir (error);
  g_autofree char *full = NULL;

  if (dir == NULL)
    return NULL;
  full = g_build_filename (dir, name_template, NULL);
  if (g_mkdtemp_full (full, 0700) == NULL)
    {
      set_folder_error (error, errno);
      return NULL;
    }
  return g_steal_pointer (&full);
}

/**
 * harley_private_tmp_redirect:
 * @error: where to put a failure
 *
 * Points TMPDIR at the private folder, so that the libraries' own
 * temporary files (GTK's print spools and previews) go there. Call it
 * first thing in main(), before any thread starts and before anything
 * asks g_get_tmp_dir(), which keeps the first answer.
 *
 * Returns: whether it did
 */
gboolean
harley_private_tmp_redirect (GError **error)
{
  const char *dir = harley_private_tmp_dir (error);

  return dir != NULL && g_setenv ("TMPDIR", dir, TRUE);
}
