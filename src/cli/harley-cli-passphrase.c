/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* Reading a passphrase, for backups and for users.
 *
 * A passphrase is never an argument, where ps(1) and the shell's history
 * would show it: it is asked for on the terminal without echo, or for
 * scripts read as one line from --passphrase-fd N, as gpg does. It is
 * kept in memory that is never swapped out and is wiped when freed. */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "harley-cli-passphrase.h"

#define MIN_NEW_PASSPHRASE 8

static int
refuse (const char *message)
{
  g_printerr ("harley-cli: %s\n", message);
  return HARLEY_CLI_EXIT_USAGE;
}

/* Reads one line into @secret with read(2), a byte at a time, so that no
 * buffer of stdio's keeps a copy and nothing past the line is taken. */
static gboolean
read_line (int                 fd,
           HarleyBackupSecret *secret,
           gboolean           *too_long)
{
  gsize length = 0;
  char c;
  gssize n;

  *too_long = FALSE;
  while ((n = read (fd, &c, 1)) == 1 || (n < 0 && errno == EINTR))
    {
      if (n < 0 || c == '\0')
        continue;
      if (c == '\n')
        break;
      if (length == HARLEY_BACKUP_MAX_PASSPHRASE)
        *too_long = TRUE;
      else
        secret[length++] = c;
    }
  if (length > 0 && secret[length - 1] == '\r')
    length--;
  secret[length] = '\0';
  return n >= 0;
}

/* For the signal handler: the terminal and how it was. */
static volatile sig_atomic_t tty_fd = -1;
static struct termios tty_saved;

/* Ctrl+C at the prompt must not leave the terminal without echo. */
static void
on_signal_restore_tty (int signum)
{
  if (tty_fd >= 0)
    tcsetattr (tty_fd, TCSAFLUSH, &tty_saved);
  raise (signum);
}

static void
handle_signals (void (*handler) (int))
{
  /* Not SIGTSTP: the shell puts the terminal back for a stopped job, and
   * the prompt must still be quiet when it carries on. */
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction action = { 0 };

  action.sa_handler = handler;
  action.sa_flags = handler == SIG_DFL ? 0 : SA_RESETHAND;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

static gboolean
ask_on_terminal (int                 tty,
                 const char         *prompt,
                 HarleyBackupSecret *secret,
                 gboolean           *too_long)
{
  struct termios quiet;
  gboolean ok;

  if (tcgetattr (tty, &tty_saved) != 0)
    return FALSE;
  quiet = tty_saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  tty_fd = tty;
  handle_signals (on_signal_restore_tty);
  if (write (tty, prompt, strlen (prompt)) < 0 || tcsetattr (tty, TCSAFLUSH, &quiet) != 0)
    ok = FALSE;
  else
    ok = read_line (tty, secret, too_long);
  tcsetattr (tty, TCSAFLUSH, &tty_saved);
  handle_signals (SIG_DFL);
  tty_fd = -1;
  return ok;
}

static int
read_from_terminal (const HarleyCliSecretSource *source,
                    HarleyBackupSecret *secret,
                    gboolean           *too_long)
{
  g_autoptr(HarleyBackupSecret) again = NULL;
  int tty = g_open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
  gboolean ok, again_too_long = FALSE;

  if (tty < 0)
    return refuse (_("A passphrase is needed, but there is no terminal to ask for it "
                     "on. Give it with --passphrase-fd N."));
  ok = ask_on_terminal (tty, _(source->prompt), secret, too_long);
  if (ok && source->twice)
    {
      again = harley_backup_secret_new ();
      ok = ask_on_terminal (tty, _("The same passphrase again: "), again, &again_too_long);
      if (ok && strcmp (secret, again) != 0)
        {
          close (tty);
          return refuse (_("The two passphrases were not the same. Nothing was written; try again."));
        }
    }
  close (tty);
  return ok ? -1 : refuse (_("The passphrase could not be read from the terminal. Try again."));
}

/**
 * _harley_cli_read_secret:
 * @source: where the passphrase comes from
 * @secret: filled with it
 *
 * Returns: -1 with @secret filled, or the exit status to end with
 */
int
_harley_cli_read_secret (const HarleyCliSecretSource *source,
                         HarleyBackupSecret          *secret)
{
  gboolean too_long = FALSE;
  int status = -1;

  if (source->fd >= 0 && !read_line (source->fd, secret, &too_long))
    return refuse (_("The passphrase could not be read from --passphrase-fd. Check the number "
                     "of the file descriptor."));
  if (source->fd < 0 && (status = read_from_terminal (source, secret, &too_long)) >= 0)
    return status;
  if (too_long)
    return refuse (_("The passphrase is too long: at most 1023 bytes."));
  if (*secret == '\0')
    return refuse (_("The passphrase is empty. Nothing was done."));
  if (source->twice && g_utf8_strlen (secret, -1) < MIN_NEW_PASSPHRASE)
    return refuse (_("A new passphrase needs at least 8 characters; a phrase of several "
                     "words is better. Nothing was written."));
  return -1;
}
