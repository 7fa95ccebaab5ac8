/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup"

/* Where the practice's backups go, how many are kept and their
 * passphrase, and how the last good backup is described.
 *
 * These are the practice's, not one computer user's, so they live in the
 * practice database's details (keys "backup_folder", "backup_keep",
 * "backup_passphrase") beside "last_backup_at" and "last_backup_file",
 * which harley_backup_create () records.
 *
 * Keeping the passphrase in the database is safe for what it protects:
 * whoever can read the live database already holds every record in it,
 * so the passphrase beside them gives nothing more. The backup's
 * encryption protects the copies that leave the computer (a USB drive, a
 * NAS), and a backup holds its own passphrase only inside the encryption
 * made with it, so it never gives the passphrase to anyone who does not
 * already have it. The passphrase is not in the audit trail (practice
 * details are not audited) and is read into wiped, unswappable memory. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "harley-backup-settings.h"
#include "harley-validate.h"

#define KEY_FOLDER      "backup_folder"
#define KEY_KEEP        "backup_keep"
#define KEY_PASSPHRASE  "backup_passphrase"
#define KEY_LAST_AT     "last_backup_at"
#define KEY_LAST_FILE   "last_backup_file"

/* Reading and writing {{{1 */

static guint
parse_keep (const char *text)
{
  guint64 keep;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, HARLEY_BACKUP_MAX_KEEP, &keep, NULL))
    return HARLEY_BACKUP_DEFAULT_KEEP;
  return (guint) keep;
}

static char *
dup_detail (HarleyStore *store,
            const char  *key)
{
  char *value = harley_store_get_practice_detail (store, key);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/**
 * harley_backup_settings_load:
 * @store: the practice database
 *
 * Returns: (transfer full): the backup settings and the last good backup
 */
HarleyBackupSettings *
harley_backup_settings_load (HarleyStore *store)
{
  HarleyBackupSettings *settings;
  g_autofree char *keep = NULL;
  g_autofree char *last_at = NULL;
  g_autoptr(HarleyBackupSecret) passphrase = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  settings = g_new0 (HarleyBackupSettings, 1);
  keep = dup_detail (store, KEY_KEEP);
  last_at = dup_detail (store, KEY_LAST_AT);
  passphrase = harley_backup_settings_dup_passphrase (store);
  settings->folder = dup_detail (store, KEY_FOLDER);
  settings->keep = parse_keep (keep);
  settings->has_passphrase = passphrase != NULL;
  if (last_at != NULL)
    settings->last_at = g_date_time_new_from_iso8601 (last_at, NULL);
  settings->last_file = dup_detail (store, KEY_LAST_FILE);
  return settings;
}

void
harley_backup_settings_free (HarleyBackupSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->folder);
  g_clear_pointer (&settings->last_at, g_date_time_unref);
  g_free (settings->last_file);
  g_free (settings);
}

/**
 * harley_backup_settings_is_ready:
 * @settings: the backup settings
 *
 * Returns: whether a folder and a passphrase are set, so that Harley may
 *   back up by itself
 */
gboolean
harley_backup_settings_is_ready (const HarleyBackupSettings *settings)
{
  return settings->folder != NULL && settings->has_passphrase;
}

/**
 * harley_backup_settings_dup_passphrase:
 * @store: the practice database
 *
 * Returns: (transfer full) (nullable): the backup passphrase, in memory
 *   freed with harley_backup_secret_free (), or %NULL when none is set
 */
HarleyBackupSecret *
harley_backup_settings_dup_passphrase (HarleyStore *store)
{
  char *plain = harley_store_get_practice_detail (store, KEY_PASSPHRASE);
  HarleyBackupSecret *secret = NULL;

  if (plain != NULL && *plain != '\0')
    {
      secret = harley_backup_secret_new ();
      g_strlcpy (secret, plain, HARLEY_BACKUP_MAX_PASSPHRASE + 1);
    }
  if (plain != NULL)
    sodium_memzero (plain, strlen (plain));
  g_free (plain);
  return secret;
}

static void
set_settings_error (GError     **error,
                    const char  *message)
{
  g_set_error_literal (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED, message);
}

/**
 * harley_backup_settings_set_folder:
 * @store: the practice database
 * @folder: (nullable): a folder that is there, or %NULL for none
 * @error: where to put a failure
 */
gboolean
harley_backup_settings_set_folder (HarleyStore  *store,
                                   const char   *folder,
                                   GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  if (folder != NULL && *folder != '\0'
      && (!g_path_is_absolute (folder) || !g_file_test (folder, G_FILE_TEST_IS_DIR)))
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("The folder “%s” is not there. Connect the backup drive, or choose "
                     "another folder."), folder);
      return FALSE;
    }
  return harley_store_set_practice_detail (store, KEY_FOLDER, folder, error);
}

/**
 * harley_backup_settings_set_keep:
 * @store: the practice database
 * @keep: how many backups to keep in the folder, 1 to %HARLEY_BACKUP_MAX_KEEP
 * @error: where to put a failure
 */
gboolean
harley_backup_settings_set_keep (HarleyStore  *store,
                                 guint         keep,
                                 GError      **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  if (keep < 1 || keep > HARLEY_BACKUP_MAX_KEEP)
    {
      set_settings_error (error, _("Keep between 1 and 1000 backups."));
      return FALSE;
    }
  text = g_strdup_printf ("%u", keep);
  return harley_store_set_practice_detail (store, KEY_KEEP, text, error);
}

/**
 * harley_backup_check_new_passphrase:
 * @passphrase: the new passphrase
 * @again: the same, typed a second time
 * @error: where to put what is wrong, as a sentence to show
 *
 * A new passphrase has at least %HARLEY_BACKUP_MIN_PASSPHRASE characters
 * and is typed the same twice, to catch a slip that would lock the
 * practice out of its backups.
 */
gboolean
harley_backup_check_new_passphrase (const char  *passphrase,
                                    const char  *again,
                                    GError     **error)
{
  g_return_val_if_fail (passphrase != NULL && again != NULL, FALSE);

  if (strlen (passphrase) > HARLEY_BACKUP_MAX_PASSPHRASE)
    set_settings_error (error, _("The passphrase is too long: at most 1023 bytes."));
  else if (g_utf8_strlen (passphrase, -1) < HARLEY_BACKUP_MIN_PASSPHRASE)
    set_settings_error (error, _("A backup passphrase needs at least 8 characters; a phrase of "
                                 "several words is better."));
  else if (strcmp (passphrase, again) != 0)
    set_settings_error (error, _("The two passphrases are not the same. Type it again in both "
                                 "boxes."));
  else
    return TRUE;
  return FALSE;
}

/**
 * harley_backup_settings_set_passphrase:
 * @store: the practice database
 * @passphrase: the new passphrase
 * @again: the same, typed a second time
 * @error: where to put a failure
 *
 * Sets the passphrase of the backups made from now on. Backups made
 * before keep the passphrase they were made with.
 */
gboolean
harley_backup_settings_set_passphrase (HarleyStore  *store,
                                       const char   *passphrase,
                                       const char   *again,
                                       GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  return harley_backup_check_new_passphrase (passphrase, again, error)
         && harley_store_set_practice_detail (store, KEY_PASSPHRASE, passphrase, error);
}

/* Due or not {{{1 */

/**
 * harley_backup_is_due:
 * @last: (nullable): when the last good backup was made
 * @now: the time now
 *
 * Returns: whether there has been no good backup for
 *   %HARLEY_BACKUP_DUE_AFTER, or none at all; a backup dated in the future
 *   (a clock put back) is due too
 */
gboolean
harley_backup_is_due (GDateTime *last,
                      GDateTime *now)
{
  GTimeSpan age;

  g_return_val_if_fail (now != NULL, TRUE);

  if (last == NULL)
    return TRUE;
  age = g_date_time_difference (now, last);
  return age < 0 || age >= HARLEY_BACKUP_DUE_AFTER;
}

/* Describing {{{1 */

static GDate *
london_day (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, harley_london_time_zone ());
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/**
 * harley_backup_describe_when:
 * @when: a moment
 * @now: the time now
 *
 * Returns: (transfer full): @when as the practice's clocks read it: "today
 *   at 14:02", "yesterday at 09:30" or "on 23/11/2026 at 14:02"
 */
char *
harley_backup_describe_when (GDateTime *when,
                             GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, harley_london_time_zone ());
  g_autoptr(GDate) day = london_day (when);
  g_autoptr(GDate) today = london_day (now);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *date = NULL;
  int days = g_date_days_between (day, today);

  if (days == 0)
    return g_strdup_printf (_("today at %s"), time);
  if (days == 1)
    return g_strdup_printf (_("yesterday at %s"), time);
  date = harley_format_gdate (day);
  /* TRANSLATORS: "on 23/11/2026 at 14:02" */
  return g_strdup_printf (_("on %s at %s"), date, time);
}

/**
 * harley_backup_describe_last:
 * @settings: the backup settings
 * @now: the time now
 *
 * Returns: (transfer full): "Last good backup: today at 14:02, to
 *   …/Harley Backups, 12.0 MB", the size left out when the drive is not
 *   there, or "No backup yet"
 */
char *
harley_backup_describe_last (const HarleyBackupSettings *settings,
                             GDateTime                  *now)
{
  g_autofree char *when = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *size = NULL;
  GStatBuf st;

  if (settings->last_at == NULL || settings->last_file == NULL)
    return g_strdup (_("No backup yet"));
  when = harley_backup_describe_when (settings->last_at, now);
  folder = g_path_get_dirname (settings->last_file);
  folder_name = g_filename_display_basename (folder);
  if (g_stat (settings->last_file, &st) != 0)
    /* TRANSLATORS: "Last good backup: today at 14:02, to …/Harley Backups" */
    return g_strdup_printf (_("Last good backup: %s, to …/%s"), when, folder_name);
  size = g_format_size ((guint64) st.st_size);
  /* TRANSLATORS: "Last good backup: today at 14:02, to …/Harley Backups, 12.0 MB" */
  return g_strdup_printf (_("Last good backup: %s, to …/%s, %s"), when, folder_name, size);
}

/**
 * harley_backup_describe_overdue:
 * @settings: the backup settings
 * @now: the time now
 *
 * Returns: (transfer full) (nullable): what the window warns of, "No
 *   backup yet" or "No backup for 3 days", or %NULL when a good backup is
 *   less than a day old
 */
char *
harley_backup_describe_overdue (const HarleyBackupSettings *settings,
                                GDateTime                  *now)
{
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDate) today = NULL;
  int days;

  if (!harley_backup_is_due (settings->last_at, now))
    return NULL;
  if (settings->last_at == NULL)
    return g_strdup (_("No backup yet"));
  if (g_date_time_difference (now, settings->last_at) < 0)
    return g_strdup (_("The last backup is dated in the future: check the computer's clock"));
  /* Days as the calendar on the wall counts them: one made on Saturday
   * is three days old on Tuesday, whatever the hour. */
  day = london_day (settings->last_at);
  today = london_day (now);
  days = g_date_days_between (day, today);
  if (days <= 1)
    return g_strdup (_("No backup since yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No backup for %d day", "No backup for %d days", days),
                          days);
}

/**
 * harley_backup_describe_holdings:
 * @summary: what a backup holds
 *
 * Returns: (transfer full): "200 patients, 1500 appointments, 300
 *   letters, 40 samples"
 */
char *
harley_backup_describe_holdings (const HarleyBackupSummary *summary)
{
  /* TRANSLATORS: what a backup holds */
  return g_strdup_printf (_("%" G_GINT64_FORMAT " patients, %" G_GINT64_FORMAT " appointments, "
                            "%" G_GINT64_FORMAT " letters, %" G_GINT64_FORMAT " samples"),
                          summary->patients, summary->appointments, summary->letters,
                          summary->samples);
}
