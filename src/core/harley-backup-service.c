/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup"

/* Backing up while Harley runs, without stopping the window.
 *
 * One service per open practice database (harley_backup_service_get ()),
 * shared by Preferences, the window's warning and the automatic backups,
 * so that only one backup runs at a time and all of them see it.
 *
 * The app's HarleyStore is one SQLite connection used by the main thread
 * only, so a backup cannot run on it in a worker. Instead a companion
 * connection to the same file (harley_store_open_companion ()) is made on
 * the main thread and handed to the worker, which runs
 * harley_backup_create () on it: the snapshot is read in one transaction
 * through SQLite's backup API while the secretary goes on saving through
 * the main connection (WAL), and the last good backup is recorded through
 * it. The audit entry is then added on the main connection, once the
 * worker is done. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "harley-audit.h"
#include "harley-backup-service.h"

#define SERVICE_KEY          "harley-backup-service"
/* After a failed automatic backup (the drive out), wait before the next. */
#define RETRY_AFTER          G_TIME_SPAN_HOUR

struct _HarleyBackupService
{
  GObject       parent_instance;

  HarleyStore  *store;          /* weak: the store owns its service */
  GError       *last_error;
  gint64        failed_at;      /* monotonic, of the last automatic failure */
  guint         watch_id;
  gboolean      running;
};

/* What the worker needs, and what it leaves. */
typedef struct
{
  HarleyStore         *store;       /* the app's: touched on the main thread only */
  HarleyStore         *companion;   /* the worker's */
  char                *folder;
  HarleyBackupSecret  *passphrase;
  guint                keep;
  gboolean             automatic;
  char                *file;
  HarleyBackupSummary *summary;
} Job;

enum { PROP_0, PROP_RUNNING, N_PROPS };
enum { CHANGED, FINISHED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (HarleyBackupService, harley_backup_service, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->companion);
  g_free (job->folder);
  harley_backup_secret_free (job->passphrase);
  g_free (job->file);
  harley_backup_summary_free (job->summary);
  g_free (job);
}

static void
set_running (HarleyBackupService *self,
             gboolean             running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  harley_backup_service_changed (self);
}

/* The worker {{{1 */

static void
back_up_thread_cb (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->file = harley_backup_create (job->companion, job->folder, job->passphrase, job->keep,
                                    &job->summary, &error);
  /* The connection is this thread's: closed here, before the main
   * thread hears the result and may close the store. */
  g_clear_object (&job->companion);
  if (job->file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Finishing, on the main thread {{{1 */

static void
add_audit (Job *job)
{
  g_autofree char *name = g_path_get_basename (job->file);
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, job->summary->size);
  g_autofree char *patients = g_strdup_printf ("%" G_GINT64_FORMAT, job->summary->patients);
  g_autofree char *appointments = g_strdup_printf ("%" G_GINT64_FORMAT, job->summary->appointments);
  g_autofree char *letters = g_strdup_printf ("%" G_GINT64_FORMAT, job->summary->letters);
  g_autofree char *samples = g_strdup_printf ("%" G_GINT64_FORMAT, job->summary->samples);
  g_autofree char *details = harley_audit_details ("file", job->file, "size", size,
                                                   "patients", patients,
                                                   "appointments", appointments,
                                                   "letters", letters, "samples", samples,
                                                   "automatic", job->automatic ? "yes" : "no",
                                                   NULL);
  g_autoptr(GError) error = NULL;

  /* The backup is good whether or not the trail could say so. */
  if (!harley_audit_add (job->store, HARLEY_AUDIT_BACKUP, 0, name, details, &error))
    g_warning ("Could not record the backup in the audit trail: %s", error->message);
}

static void
back_up_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HarleyBackupService *self = HARLEY_BACKUP_SERVICE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_error (&self->last_error);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      add_audit (job);
      self->failed_at = 0;
    }
  else
    {
      self->last_error = g_error_copy (error);
      if (job->automatic)
        self->failed_at = g_get_monotonic_time ();
    }
  /* The store may be closed from here on: let go of it on this thread. */
  g_clear_object (&job->store);
  set_running (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0, job->file, error);
}

/* Starting {{{1 */

static gboolean
start (HarleyBackupService  *self,
       gboolean              automatic,
       GError              **error)
{
  g_autoptr(HarleyBackupSettings) settings = NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (self->store != NULL, FALSE);

  settings = harley_backup_settings_load (self->store);
  if (self->running)
    {
      g_set_error_literal (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                           _("A backup is being made already. Wait for it to finish."));
      return FALSE;
    }
  if (!harley_backup_settings_is_ready (settings))
    {
      g_set_error_literal (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                           _("Backups are not set up yet. Choose a backup folder and a "
                             "passphrase in Preferences → Backups."));
      return FALSE;
    }
  job = g_new0 (Job, 1);
  task = g_task_new (self, NULL, back_up_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job->store = g_object_ref (self->store);
  if ((job->companion = harley_store_open_companion (self->store, error)) == NULL)
    return FALSE;
  job->folder = g_steal_pointer (&settings->folder);
  job->passphrase = harley_backup_settings_dup_passphrase (self->store);
  job->keep = settings->keep;
  job->automatic = automatic;
  set_running (self, TRUE);
  g_task_run_in_thread (task, back_up_thread_cb);
  return TRUE;
}

/**
 * harley_backup_service_back_up:
 * @self: a #HarleyBackupService
 * @error: why no backup was started
 *
 * Starts a backup to the practice's backup folder with its passphrase,
 * in a worker thread. #HarleyBackupService::finished says how it went.
 *
 * Returns: whether a backup was started
 */
gboolean
harley_backup_service_back_up (HarleyBackupService  *self,
                               GError              **error)
{
  g_return_val_if_fail (HARLEY_IS_BACKUP_SERVICE (self), FALSE);
  return start (self, FALSE, error);
}

/**
 * harley_backup_service_back_up_if_due:
 * @self: a #HarleyBackupService
 * @now: the time now
 *
 * Starts a backup when backups are set up, none is running, and the last
 * good one is more than a day old (or there is none). After an automatic
 * backup failed it waits an hour before trying again.
 *
 * Returns: whether a backup was started
 */
gboolean
harley_backup_service_back_up_if_due (HarleyBackupService *self,
                                      GDateTime           *now)
{
  g_autoptr(HarleyBackupSettings) settings = NULL;

  g_return_val_if_fail (HARLEY_IS_BACKUP_SERVICE (self), FALSE);

  if (self->running || self->store == NULL
      || (self->failed_at != 0 && g_get_monotonic_time () - self->failed_at < RETRY_AFTER))
    return FALSE;
  settings = harley_backup_settings_load (self->store);
  if (!harley_backup_settings_is_ready (settings) || !harley_backup_is_due (settings->last_at, now))
    return FALSE;
  return start (self, TRUE, NULL);
}

static gboolean
watch_cb (gpointer user_data)
{
  HarleyBackupService *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!harley_backup_service_back_up_if_due (self, now))
    /* "No backup for 3 days" becomes 4 with time alone. */
    harley_backup_service_changed (self);
  return G_SOURCE_CONTINUE;
}

/**
 * harley_backup_service_watch:
 * @self: a #HarleyBackupService
 * @seconds: how often to look
 *
 * Looks every @seconds whether a backup is due, and makes one when it is:
 * the daily backup while Harley runs.
 */
void
harley_backup_service_watch (HarleyBackupService *self,
                             guint                seconds)
{
  g_return_if_fail (HARLEY_IS_BACKUP_SERVICE (self));
  g_return_if_fail (seconds > 0);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  self->watch_id = g_timeout_add_seconds (seconds, watch_cb, self);
}

/* The object {{{1 */

/**
 * harley_backup_service_changed:
 * @self: a #HarleyBackupService
 *
 * Says that the backup settings changed, so that what shows them is
 * brought up to date.
 */
void
harley_backup_service_changed (HarleyBackupService *self)
{
  g_return_if_fail (HARLEY_IS_BACKUP_SERVICE (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
harley_backup_service_get_running (HarleyBackupService *self)
{
  g_return_val_if_fail (HARLEY_IS_BACKUP_SERVICE (self), FALSE);
  return self->running;
}

/**
 * harley_backup_service_get_last_error:
 *
 * Returns: (transfer none) (nullable): why the last backup failed, or
 *   %NULL when it did not
 */
const GError *
harley_backup_service_get_last_error (HarleyBackupService *self)
{
  g_return_val_if_fail (HARLEY_IS_BACKUP_SERVICE (self), NULL);
  return self->last_error;
}

/**
 * harley_backup_service_get_store:
 *
 * Returns: (transfer none): the practice database
 */
HarleyStore *
harley_backup_service_get_store (HarleyBackupService *self)
{
  g_return_val_if_fail (HARLEY_IS_BACKUP_SERVICE (self), NULL);
  return self->store;
}

static void
harley_backup_service_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HarleyBackupService *self = HARLEY_BACKUP_SERVICE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_backup_service_finalize (GObject *object)
{
  HarleyBackupService *self = HARLEY_BACKUP_SERVICE (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_error (&self->last_error);
  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);

  G_OBJECT_CLASS (harley_backup_service_parent_class)->finalize (object);
}

static void
harley_backup_service_class_init (HarleyBackupServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = harley_backup_service_get_property;
  object_class->finalize = harley_backup_service_finalize;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HarleyBackupService::changed:
   *
   * The settings, the last good backup or a backup's running changed, or
   * time passed: what shows them should look again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HarleyBackupService::finished:
   * @file: (nullable): the new backup, when it was made
   * @error: (nullable): why it was not
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_ERROR);
}

static void
harley_backup_service_init (HarleyBackupService *self)
{
}

/**
 * harley_backup_service_get:
 * @store: an open practice database
 *
 * Returns: (transfer none): @store's backup service, made the first time
 *   and kept as long as @store
 */
HarleyBackupService *
harley_backup_service_get (HarleyStore *store)
{
  HarleyBackupService *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), SERVICE_KEY);
  if (self != NULL)
    return self;
  self = g_object_new (HARLEY_TYPE_BACKUP_SERVICE, NULL);
  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  g_object_set_data_full (G_OBJECT (store), SERVICE_KEY, self, g_object_unref);
  return self;
}
