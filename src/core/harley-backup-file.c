/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup"

/* The Harley backup file (.hbak), format version 1.
 *
 * A copy of the practice database, encrypted with a key made from the
 * backup passphrase, so that a lost backup drive reveals nothing. All
 * integers are big-endian.
 *
 *   offset  size  field
 *        0     8  magic "HARLEYBK"
 *        8     2  format version: 1
 *       10     1  key derivation: 1 = Argon2id v1.3 (libsodium crypto_pwhash,
 *                 crypto_pwhash_ALG_ARGON2ID13)
 *       11     1  cipher: 1 = XChaCha20-Poly1305 secretstream (libsodium
 *                 crypto_secretstream_xchacha20poly1305)
 *       12     4  chunk size: bytes of the database in each chunk (65536)
 *       16     8  Argon2id opslimit
 *       24     8  Argon2id memlimit, in bytes
 *       32    16  salt (crypto_pwhash_SALTBYTES), random for each file
 *       48    24  secretstream header
 *       72        the stream: records, each a 4-byte length and that many
 *                 bytes of ciphertext (the plaintext and 17 bytes of tag)
 *
 * The key is crypto_pwhash (passphrase, salt, opslimit, memlimit,
 * Argon2id). Record 1 is the summary, a GKeyFile text (group [Backup]:
 * Made, Harley, Schema, Size; group [Rows]: table=count), pushed with tag
 * MESSAGE and the 72 header bytes as additional data, so a changed header
 * fails it too. Then the database file in chunk-size pieces, the last one
 * tagged FINAL; nothing may follow it.
 *
 * Reading: a first record that does not authenticate means a wrong
 * passphrase; a later one that does not, a stream that ends before FINAL,
 * or anything after it, a damaged file. A reader checks the limits in the
 * header before using them, so a damaged header cannot make it allocate
 * without bound.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "harley-backup-private.h"

#define MAGIC               "HARLEYBK"
#define MAGIC_SIZE          8
#define FORMAT_VERSION      1
#define KDF_ARGON2ID13      1
#define CIPHER_SECRETSTREAM 1
#define HEADER_SIZE         72
#define CHUNK_SIZE          (64 * 1024)
#define MIN_CHUNK_SIZE      4096
#define MAX_CHUNK_SIZE      (4 * 1024 * 1024)
#define MAX_SUMMARY_SIZE    (16 * 1024)
#define MAX_OPSLIMIT        16
#define MAX_MEMLIMIT        ((guint64) 1 << 30)
#define ABYTES              crypto_secretstream_xchacha20poly1305_ABYTES

/* Backups made while this is "fast" use libsodium's smallest limits, so
 * that the tests run in seconds. Only the tests set it; the limits used
 * are in each file's header, so reading never depends on it. */
#define TEST_KDF_VARIABLE   "HARLEY_BACKUP_TEST_KDF"

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);

typedef struct
{
  guint16 version;
  guint8  kdf;
  guint8  cipher;
  guint32 chunk_size;
  guint64 opslimit;
  guint64 memlimit;
  guint8  salt[crypto_pwhash_SALTBYTES];
  guint8  stream[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
} Header;

/* The key and the stream's state, in guarded memory wiped when freed. */
typedef struct
{
  unsigned char                               key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  crypto_secretstream_xchacha20poly1305_state state;
} Secrets;

/* Errors {{{1 */

gboolean
_harley_backup_ensure_sodium (GError **error)
{
  if (sodium_init () >= 0)
    return TRUE;
  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
               _("Harley could not start its encryption library, so no backup was read or "
                 "written. Restart the computer and try again."));
  return FALSE;
}

void
_harley_backup_set_io_error (GError     **error,
                             int          errsv,
                             const char  *name)
{
  if (errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_NO_SPACE,
                 _("There is not enough space for “%s”. Free some space on that disk, or use "
                   "a bigger one, then try again; the practice database has not been changed."),
                 name);
  else if (errsv == EFBIG)
    g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                 _("“%s” is larger than that disk can hold in one file (drives formatted as "
                   "FAT32 take at most 4 GB). Use a drive formatted as exFAT or ext4, then try "
                   "again; the practice database has not been changed."),
                 name);
  else
    g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                 _("Harley could not write “%s”: %s. Check that the disk is still connected "
                   "and not write-protected, then try again; the practice database has not "
                   "been changed."),
                 name, g_strerror (errsv));
}

static void
set_damaged (GError     **error,
             const char  *file,
             const char  *why)
{
  g_autofree char *name = g_filename_display_basename (file);

  /* TRANSLATORS: the first %s is a file's name, the second why it is
   * unusable, e.g. "it ends too soon" */
  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_DAMAGED,
               _("The backup “%s” is damaged or incomplete (%s), so Harley will not use it. "
                 "Try an older backup; nothing has been changed."),
               name, why);
}

static void
set_read_error (GError     **error,
                const char  *file,
                int          errsv)
{
  g_autofree char *name = g_filename_display_basename (file);

  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
               _("Harley could not read the backup “%s”: %s. Check that the disk is still "
                 "connected, then try again; nothing has been changed."),
               name, g_strerror (errsv));
}

/* Plain reads and writes {{{1 */

gboolean
_harley_backup_write_all (int          fd,
                          const void  *data,
                          gsize        length,
                          const char  *name,
                          GError     **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          _harley_backup_set_io_error (error, n < 0 ? errno : ENOSPC, name);
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Reads up to @length bytes, fewer only at the end of the file. */
static gssize
read_full (int     fd,
           void   *data,
           gsize   length)
{
  guint8 *p = data;
  gsize done = 0;

  while (done < length)
    {
      gssize n = read (fd, p + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += (gsize) n;
    }
  return (gssize) done;
}

/* The header {{{1 */

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static void
put_u64 (guint8  *p,
         guint64  v)
{
  put_u32 (p, v >> 32);
  put_u32 (p + 4, (guint32) v);
}

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint64
get_u64 (const guint8 *p)
{
  return ((guint64) get_u32 (p) << 32) | get_u32 (p + 4);
}

static void
encode_header (const Header *header,
               guint8        bytes[HEADER_SIZE])
{
  memcpy (bytes, MAGIC, MAGIC_SIZE);
  bytes[8] = header->version >> 8;
  bytes[9] = header->version & 0xff;
  bytes[10] = header->kdf;
  bytes[11] = header->cipher;
  put_u32 (bytes + 12, header->chunk_size);
  put_u64 (bytes + 16, header->opslimit);
  put_u64 (bytes + 24, header->memlimit);
  memcpy (bytes + 32, header->salt, sizeof header->salt);
  memcpy (bytes + 48, header->stream, sizeof header->stream);
}

static void
decode_header (const guint8  bytes[HEADER_SIZE],
               Header       *header)
{
  header->version = (bytes[8] << 8) | bytes[9];
  header->kdf = bytes[10];
  header->cipher = bytes[11];
  header->chunk_size = get_u32 (bytes + 12);
  header->opslimit = get_u64 (bytes + 16);
  header->memlimit = get_u64 (bytes + 24);
  memcpy (header->salt, bytes + 32, sizeof header->salt);
  memcpy (header->stream, bytes + 48, sizeof header->stream);
}

static void
set_not_a_backup (GError     **error,
                  const char  *file)
{
  g_autofree char *name = g_filename_display_basename (file);

  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_NOT_A_BACKUP,
               _("“%s” is not a Harley backup. Choose one that Harley made, named like "
                 "“harley-20300114-091500.hbak”."), name);
}

static void
set_too_new (GError     **error,
             const char  *file)
{
  g_autofree char *name = g_filename_display_basename (file);

  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_TOO_NEW,
               _("The backup “%s” was made by a newer Harley. Update Harley, then try again; "
                 "nothing has been changed."), name);
}

/* What the first bytes say before the header is trusted. A file cut
 * short inside the header is damaged only if it starts like a backup. */
static gboolean
check_magic_and_version (const char    *file,
                         const guint8  *bytes,
                         gsize          n,
                         GError       **error)
{
  if (n == 0 || memcmp (bytes, MAGIC, MIN (n, MAGIC_SIZE)) != 0)
    {
      set_not_a_backup (error, file);
      return FALSE;
    }
  if (n >= 10 && ((bytes[8] << 8) | bytes[9]) > FORMAT_VERSION)
    {
      set_too_new (error, file);
      return FALSE;
    }
  if (n < HEADER_SIZE)
    {
      set_damaged (error, file, _("it ends too soon"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_header (const char    *file,
              const Header  *header,
              GError       **error)
{
  if (header->version == 0 || header->kdf != KDF_ARGON2ID13
      || header->cipher != CIPHER_SECRETSTREAM
      || header->chunk_size < MIN_CHUNK_SIZE || header->chunk_size > MAX_CHUNK_SIZE
      || header->opslimit < crypto_pwhash_OPSLIMIT_MIN || header->opslimit > MAX_OPSLIMIT
      || header->memlimit < crypto_pwhash_MEMLIMIT_MIN || header->memlimit > MAX_MEMLIMIT)
    {
      set_damaged (error, file, _("its header is not valid"));
      return FALSE;
    }
  return TRUE;
}

/* Keys {{{1 */

static void
choose_limits (Header *header)
{
  if (g_strcmp0 (g_getenv (TEST_KDF_VARIABLE), "fast") == 0)
    {
      g_debug ("Using the smallest key derivation limits, for the tests");
      header->opslimit = crypto_pwhash_OPSLIMIT_MIN;
      header->memlimit = crypto_pwhash_MEMLIMIT_MIN;
      return;
    }
  header->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  header->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
}

static Secrets *
secrets_new (const Header  *header,
             const char    *passphrase,
             GError       **error)
{
  Secrets *secrets = sodium_malloc (sizeof (Secrets));

  if (secrets != NULL
      && crypto_pwhash (secrets->key, sizeof secrets->key, passphrase, strlen (passphrase),
                        header->salt, header->opslimit, (size_t) header->memlimit,
                        crypto_pwhash_ALG_ARGON2ID13) == 0)
    return secrets;
  if (secrets != NULL)
    sodium_free (secrets);
  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
               _("There is not enough memory to work out the backup's key. Close other "
                 "programs and try again; nothing has been changed."));
  return NULL;
}

static void
secrets_free (Secrets *secrets)
{
  if (secrets != NULL)
    sodium_free (secrets);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secrets, secrets_free)

/* The summary {{{1 */

GBytes *
_harley_backup_summary_to_bytes (const HarleyBackupSummary *summary)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *made = g_date_time_format_iso8601 (summary->made);
  GHashTableIter iter;
  gpointer table, count;
  gsize length;
  char *text;

  g_key_file_set_string (keys, "Backup", "Made", made);
  g_key_file_set_string (keys, "Backup", "Harley", summary->harley_version);
  g_key_file_set_integer (keys, "Backup", "Schema", summary->schema);
  g_key_file_set_uint64 (keys, "Backup", "Size", summary->size);
  g_hash_table_iter_init (&iter, summary->rows);
  while (g_hash_table_iter_next (&iter, &table, &count))
    g_key_file_set_int64 (keys, "Rows", table, *(gint64 *) count);
  text = g_key_file_to_data (keys, &length, NULL);
  return g_bytes_new_take (text, length);
}

static gboolean
read_rows (GKeyFile             *keys,
           HarleyBackupSummary  *summary)
{
  g_auto(GStrv) tables = g_key_file_get_keys (keys, "Rows", NULL, NULL);

  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 count = g_key_file_get_int64 (keys, "Rows", tables[i], &error);

      if (error != NULL || count < 0)
        return FALSE;
      g_hash_table_insert (summary->rows, g_strdup (tables[i]), g_memdup2 (&count, sizeof count));
    }
  return TRUE;
}

/* The summary was authenticated, so a text that does not parse was
 * written wrongly, not changed on the way: the file is no use. */
HarleyBackupSummary *
_harley_backup_summary_from_bytes (const guint8  *text,
                                   gsize          length)
{
  g_autoptr(HarleyBackupSummary) summary = _harley_backup_summary_new ();
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  gint64 schema;

  if (!g_key_file_load_from_data (keys, (const char *) text, length, G_KEY_FILE_NONE, NULL))
    return NULL;
  made = g_key_file_get_string (keys, "Backup", "Made", NULL);
  summary->made = made != NULL ? g_date_time_new_from_iso8601 (made, NULL) : NULL;
  summary->harley_version = g_key_file_get_string (keys, "Backup", "Harley", NULL);
  schema = g_key_file_get_int64 (keys, "Backup", "Schema", &error);
  summary->schema = error == NULL && schema >= 0 && schema <= G_MAXINT ? (int) schema : -1;
  summary->size = g_key_file_get_uint64 (keys, "Backup", "Size", &error);
  if (summary->made == NULL || summary->harley_version == NULL || summary->schema < 0
      || error != NULL || !read_rows (keys, summary))
    return NULL;
  _harley_backup_fill_counts (summary);
  return g_steal_pointer (&summary);
}

/* Writing {{{1 */

static gboolean
write_record (int            out_fd,
              const char    *out_name,
              guint8        *record,
              gsize          cipher_length,
              GError       **error)
{
  put_u32 (record, (guint32) cipher_length);
  return _harley_backup_write_all (out_fd, record, 4 + cipher_length, out_name, error);
}

static gboolean
push_summary (Secrets                    *secrets,
              const guint8               *header_bytes,
              const HarleyBackupSummary  *summary,
              int                         out_fd,
              const char                 *out_name,
              GError                    **error)
{
  g_autoptr(GBytes) text = _harley_backup_summary_to_bytes (summary);
  gsize length = g_bytes_get_size (text);
  g_autofree guint8 *record = g_malloc (4 + length + ABYTES);

  g_assert (length <= MAX_SUMMARY_SIZE);
  crypto_secretstream_xchacha20poly1305_push (&secrets->state, record + 4, NULL,
                                              g_bytes_get_data (text, NULL), length,
                                              header_bytes, HEADER_SIZE,
                                              crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  return write_record (out_fd, out_name, record, length + ABYTES, error);
}

static gboolean
push_body (Secrets                    *secrets,
           int                         plain_fd,
           guint64                     size,
           int                         out_fd,
           const char                 *out_name,
           GError                    **error)
{
  g_autofree guint8 *plain = g_malloc (CHUNK_SIZE);
  g_autofree guint8 *record = g_malloc (4 + CHUNK_SIZE + ABYTES);
  guint64 done = 0;
  gboolean ok = TRUE;

  /* The last chunk is known from the size, so a database whose size is a
   * multiple of the chunk still ends with a FINAL chunk that holds data. */
  do
    {
      gsize want = (gsize) MIN ((guint64) CHUNK_SIZE, size - done);
      guint8 tag;

      if (read_full (plain_fd, plain, want) != (gssize) want)
        {
          g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                       _("Harley could not read back its copy of the practice database. "
                         "Check that there is space in the temporary folder, then try the "
                         "backup again."));
          ok = FALSE;
          break;
        }
      done += want;
      tag = done == size ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                         : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      crypto_secretstream_xchacha20poly1305_push (&secrets->state, record + 4, NULL, plain, want,
                                                  NULL, 0, tag);
      ok = write_record (out_fd, out_name, record, want + ABYTES, error);
    }
  while (ok && done < size);
  /* The plain buffer held patients' records. */
  sodium_memzero (plain, CHUNK_SIZE);
  return ok;
}

/**
 * _harley_backup_encrypt:
 * @plain_fd: the copy of the database, at its start
 * @out_fd: the backup file, empty
 * @out_name: its name, for messages
 * @passphrase: the backup passphrase
 * @summary: what the copy holds; its size is the copy's
 * @error: where to put a failure
 *
 * Writes the backup file format described at the top of this file.
 */
gboolean
_harley_backup_encrypt (int                         plain_fd,
                        int                         out_fd,
                        const char                 *out_name,
                        const char                 *passphrase,
                        const HarleyBackupSummary  *summary,
                        GError                    **error)
{
  Header header = { FORMAT_VERSION, KDF_ARGON2ID13, CIPHER_SECRETSTREAM, CHUNK_SIZE };
  guint8 header_bytes[HEADER_SIZE];
  g_autoptr(Secrets) secrets = NULL;

  if (!_harley_backup_ensure_sodium (error))
    return FALSE;
  choose_limits (&header);
  randombytes_buf (header.salt, sizeof header.salt);
  if ((secrets = secrets_new (&header, passphrase, error)) == NULL)
    return FALSE;
  crypto_secretstream_xchacha20poly1305_init_push (&secrets->state, header.stream, secrets->key);
  encode_header (&header, header_bytes);
  return _harley_backup_write_all (out_fd, header_bytes, HEADER_SIZE, out_name, error)
         && push_summary (secrets, header_bytes, summary, out_fd, out_name, error)
         && push_body (secrets, plain_fd, summary->size, out_fd, out_name, error);
}

/* Reading {{{1 */

typedef struct
{
  const char *file;
  int         fd;
  guint32     max_record;
  guint8     *record;        /* ciphertext, max_record bytes */
  guint8     *plain;         /* its plaintext */
} Reader;

static void
reader_clear (Reader *reader)
{
  if (reader->fd >= 0)
    close (reader->fd);
  if (reader->plain != NULL)
    sodium_memzero (reader->plain, reader->max_record);
  g_clear_pointer (&reader->record, g_free);
  g_clear_pointer (&reader->plain, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* Reads one record's ciphertext. Every record comes before FINAL, so a
 * file that ends here was cut short. */
static gboolean
read_record (Reader  *reader,
             gsize   *length,
             GError **error)
{
  guint8 prefix[4];
  gssize n = read_full (reader->fd, prefix, 4);
  guint32 want = n == 4 ? get_u32 (prefix) : 0;

  if (n == 4 && (want < ABYTES || want > reader->max_record))
    {
      set_damaged (error, reader->file, _("a part of it has a wrong length"));
      return FALSE;
    }
  if (n == 4)
    n = read_full (reader->fd, reader->record, want);
  if (n < 0)
    {
      set_read_error (error, reader->file, errno);
      return FALSE;
    }
  if (n != (gssize) want || want == 0)
    {
      set_damaged (error, reader->file, _("it ends too soon"));
      return FALSE;
    }
  *length = want;
  return TRUE;
}

static gboolean
read_header (Reader  *reader,
             Header  *header,
             guint8   bytes[HEADER_SIZE],
             GError **error)
{
  gssize n = read_full (reader->fd, bytes, HEADER_SIZE);

  if (n < 0)
    {
      set_read_error (error, reader->file, errno);
      return FALSE;
    }
  if (!check_magic_and_version (reader->file, bytes, (gsize) n, error))
    return FALSE;
  decode_header (bytes, header);
  return check_header (reader->file, header, error);
}

static HarleyBackupSummary *
pull_summary (Reader        *reader,
              Secrets       *secrets,
              const guint8  *header_bytes,
              GError       **error)
{
  HarleyBackupSummary *summary;
  unsigned long long plain_length = 0;
  gsize length = 0;
  guint8 tag = 0;

  if (!read_record (reader, &length, error))
    return NULL;
  if (crypto_secretstream_xchacha20poly1305_pull (&secrets->state, reader->plain, &plain_length, &tag,
                                                  reader->record, length, header_bytes, HEADER_SIZE) != 0)
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_WRONG_PASSPHRASE,
                   _("That passphrase does not open this backup. Check it (capital letters "
                     "count) and try again; nothing has been changed."));
      return NULL;
    }
  if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE || plain_length > MAX_SUMMARY_SIZE
      || (summary = _harley_backup_summary_from_bytes (reader->plain, (gsize) plain_length)) == NULL)
    {
      set_damaged (error, reader->file, _("its summary cannot be read"));
      return NULL;
    }
  return summary;
}

static gboolean
check_nothing_after (Reader  *reader,
                     GError **error)
{
  guint8 byte;
  gssize n = read_full (reader->fd, &byte, 1);

  if (n < 0)
    set_read_error (error, reader->file, errno);
  else if (n > 0)
    set_damaged (error, reader->file, _("something was added after its end"));
  return n == 0;
}

static gboolean
pull_body (Reader                     *reader,
           Secrets                    *secrets,
           const HarleyBackupSummary  *summary,
           int                         plain_fd,
           const char                 *plain_name,
           GError                    **error)
{
  guint64 done = 0;
  guint8 tag = 0;

  while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      unsigned long long n = 0;
      gsize length = 0;

      if (!read_record (reader, &length, error))
        return FALSE;
      if (crypto_secretstream_xchacha20poly1305_pull (&secrets->state, reader->plain, &n, &tag,
                                                      reader->record, length, NULL, 0) != 0
          || (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
              && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
          || (done += n) > summary->size)
        {
          set_damaged (error, reader->file, _("a part of it fails its check"));
          return FALSE;
        }
      if (!_harley_backup_write_all (plain_fd, reader->plain, (gsize) n, plain_name, error))
        return FALSE;
    }
  if (done != summary->size)
    {
      set_damaged (error, reader->file, _("it holds less than its summary says"));
      return FALSE;
    }
  return check_nothing_after (reader, error);
}

static gboolean
open_reader (Reader      *reader,
             const char  *file,
             GError     **error)
{
  reader->file = file;
  reader->fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (reader->fd < 0)
    {
      set_read_error (error, file, errno);
      return FALSE;
    }
  return TRUE;
}

/**
 * _harley_backup_decrypt:
 * @file: a backup file
 * @passphrase: its passphrase
 * @plain_fd: where to write the database, or -1 to read only the summary
 * @plain_name: (nullable): that file's name, for messages
 * @error: where to put a failure
 *
 * Reads a backup file, authenticating every chunk. What was written to
 * @plain_fd before a failure must be thrown away.
 *
 * Returns: (transfer full) (nullable): the summary
 */
HarleyBackupSummary *
_harley_backup_decrypt (const char  *file,
                        const char  *passphrase,
                        int          plain_fd,
                        const char  *plain_name,
                        GError     **error)
{
  g_auto(Reader) reader = { NULL, -1 };
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(Secrets) secrets = NULL;
  guint8 header_bytes[HEADER_SIZE];
  Header header;

  if (!_harley_backup_ensure_sodium (error) || !open_reader (&reader, file, error)
      || !read_header (&reader, &header, header_bytes, error))
    return NULL;
  reader.max_record = MAX (header.chunk_size, MAX_SUMMARY_SIZE) + ABYTES;
  reader.record = g_malloc (reader.max_record);
  reader.plain = g_malloc (reader.max_record);
  if ((secrets = secrets_new (&header, passphrase, error)) == NULL)
    return NULL;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&secrets->state, header.stream, secrets->key) != 0)
    {
      set_damaged (error, file, _("its header is not valid"));
      return NULL;
    }
  if ((summary = pull_summary (&reader, secrets, header_bytes, error)) == NULL)
    return NULL;
  if (plain_fd >= 0 && !pull_body (&reader, secrets, summary, plain_fd, plain_name, error))
    return NULL;
  return g_steal_pointer (&summary);
}
