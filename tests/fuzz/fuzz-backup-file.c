/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A whole backup file, as harley_backup_verify() and a restore read it:
 * the header, the authenticated summary and every chunk after it, opened
 * with a fixed passphrase. The seeds were made with that passphrase and
 * HARLEY_BACKUP_TEST_KDF=fast, so they open; the fuzzer mutates them.
 *
 * The key derivation takes the limits written in the header (up to 16
 * passes over 1 GiB, which a real backup may ask for). A few hundred
 * milliseconds an input would starve the fuzzer, so inputs whose header
 * asks for more than 2 passes or 1 MiB are skipped; the reader's refusal
 * of limits beyond its bounds is still tried, as those never run. */

#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harley-backup-private.h"
#include "harley-fuzz.h"

#define PASSPHRASE       "correct horse battery staple"
#define FAST_OPSLIMIT    2
#define FAST_MEMLIMIT    (1024 * 1024)
#define MAX_OPSLIMIT     16
#define MAX_MEMLIMIT     ((guint64) 1 << 30)

HarleyFuzzVerdict harley_fuzz_verdict;

static int   input_fd = -1;      /* a file in memory holding the input */
static char *input_path;         /* its name in /proc, which the reader opens */
static int   null_fd = -1;       /* where the database goes */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  input_fd = memfd_create ("harley-fuzz-backup", MFD_CLOEXEC);
  null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (input_fd, >=, 0);
  g_assert_cmpint (null_fd, >=, 0);
  input_path = g_strdup_printf ("/proc/self/fd/%d", input_fd);
  return 0;
}

static guint64
get_u64 (const uint8_t *p)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v = (v << 8) | p[i];
  return v;
}

/* Whether the reader would run a slow key derivation on this header. */
static gboolean
asks_for_slow_key (const uint8_t *data,
                   size_t         size)
{
  guint64 opslimit, memlimit;

  if (size < 32)
    return FALSE;
  opslimit = get_u64 (data + 16);
  memlimit = get_u64 (data + 24);
  if (opslimit > MAX_OPSLIMIT || memlimit > MAX_MEMLIMIT)
    return FALSE;
  return opslimit > FAST_OPSLIMIT || memlimit > FAST_MEMLIMIT;
}

static void
put_input (const uint8_t *data,
           size_t         size)
{
  size_t done = 0;

  g_assert_cmpint (ftruncate (input_fd, 0), ==, 0);
  while (done < size)
    {
      ssize_t n = pwrite (input_fd, data + done, size - done, (off_t) done);

      g_assert_cmpint (n, >, 0);
      done += (size_t) n;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  harley_fuzz_verdict = HARLEY_FUZZ_SKIPPED;
  if (asks_for_slow_key (data, size))
    return 0;
  put_input (data, size);
  g_assert_cmpint (lseek (null_fd, 0, SEEK_SET), >=, 0);
  summary = _harley_backup_decrypt (input_path, PASSPHRASE, null_fd, "/dev/null", &error);
  harley_fuzz_verdict = summary != NULL ? HARLEY_FUZZ_ACCEPTED : HARLEY_FUZZ_REFUSED;
  /* Refused with a message for the secretary, or read whole. */
  g_assert_true ((summary == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert_true (error->domain == HARLEY_BACKUP_ERROR);
      g_assert_cmpuint (strlen (error->message), >, 20);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_nonnull (summary->made);
  g_assert_cmpint (summary->schema, >=, 0);
  return 0;
}
