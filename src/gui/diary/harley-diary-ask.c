/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary-ask"

/* Booking and moving share one conversation: try; if the diary refuses
 * for a reason the user may overrule (the clinician is busy, the time is
 * blocked, in the past, outside a clinic, or the patient is already
 * booked that day), say why and ask; if she goes ahead, try again with
 * that rule set aside. Nothing is written until every refusal has been
 * answered, and nothing at all if she says no. */

#include <glib/gi18n-lib.h>

#include "harley-diary-ask.h"

typedef struct
{
  GtkWidget               *near;
  HarleyDiaryAttemptKind   kind;
  GtkWidget               *question;   /* the dialog on screen, if any */
  HarleyDiaryAttemptFunc   attempt;
  HarleyDiaryDoneFunc      done;
  gpointer                 data;
  GDestroyNotify           destroy;
  HarleyBookFlags          flags;
} Attempt;

static void run_attempt (Attempt *self);

static void
finish (Attempt  *self,
        gboolean  done)
{
  if (self->done != NULL)
    self->done (self->data, done);
  if (self->destroy != NULL)
    self->destroy (self->data);
  g_clear_weak_pointer (&self->near);
  g_free (self);
}

static gboolean
override_for (const GError     *error,
              HarleyBookFlags  *flag,
              const char      **heading)
{
  if (error->domain != HARLEY_DIARY_ERROR)
    return FALSE;
  switch ((HarleyDiaryError) error->code)
    {
    case HARLEY_DIARY_ERROR_DOUBLE_BOOKED:
      *flag = HARLEY_BOOK_OVERBOOK;
      *heading = _("Overbook?");
      return TRUE;
    case HARLEY_DIARY_ERROR_BLOCKED:
      *flag = HARLEY_BOOK_ALLOW_BLOCKED;
      *heading = _("Use Blocked Time?");
      return TRUE;
    case HARLEY_DIARY_ERROR_IN_PAST:
      *flag = HARLEY_BOOK_ALLOW_PAST;
      *heading = _("A Time That Has Passed?");
      return TRUE;
    case HARLEY_DIARY_ERROR_OUTSIDE_SESSION:
      *flag = HARLEY_BOOK_ALLOW_OUTSIDE_SESSION;
      *heading = _("Outside the Clinic?");
      return TRUE;
    case HARLEY_DIARY_ERROR_SAME_DAY:
      *flag = HARLEY_BOOK_ALLOW_SAME_DAY;
      *heading = _("A Second Appointment That Day?");
      return TRUE;
    case HARLEY_DIARY_ERROR_INVALID:
    case HARLEY_DIARY_ERROR_NOT_FOUND:
    case HARLEY_DIARY_ERROR_STATUS:
    default:
      return FALSE;
    }
}

static void
on_question_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Attempt          *self)
{
  HarleyBookFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "harley-flag"));

  /* One answer only: closing the dialog afterwards must not answer again. */
  g_signal_handlers_disconnect_by_data (dialog, self);
  self->question = NULL;
  if (g_strcmp0 (response, "go") != 0)
    {
      finish (self, FALSE);
      return;
    }
  self->flags |= flag;
  run_attempt (self);
}

static GtkWindow *
parent_window (Attempt *self)
{
  GtkRoot *root = self->near != NULL ? gtk_widget_get_root (self->near) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Closed with its window, unanswered: the same as No. */
static void
on_question_destroy_cb (GtkWidget *dialog,
                        Attempt   *self)
{
  g_signal_handlers_disconnect_by_data (dialog, self);
  self->question = NULL;
  finish (self, FALSE);
}

static void
ask (Attempt      *self,
     const GError *error)
{
  gboolean moving = self->kind == HARLEY_DIARY_ATTEMPT_MOVE;
  HarleyBookFlags flag = 0;
  const char *heading = NULL;
  const char *go;
  GtkWidget *dialog;
  gboolean can_override = override_for (error, &flag, &heading);

  if (flag == HARLEY_BOOK_OVERBOOK)
    go = _("_Overbook");
  else
    go = moving ? _("_Move Anyway") : _("_Book Anyway");
  dialog = adw_message_dialog_new (parent_window (self),
                                   can_override ? heading : moving ? _("Not Moved") : _("Not Booked"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                   can_override ? _("_Cancel") : _("_Close"));
  if (can_override)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "go", go);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "harley-flag", GUINT_TO_POINTER (flag));
  g_signal_connect (dialog, "response", G_CALLBACK (on_question_response_cb), self);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_question_destroy_cb), self);
  self->question = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_attempt (Attempt *self)
{
  g_autoptr(GError) error = NULL;

  if (self->attempt (self->data, self->flags, &error))
    {
      finish (self, TRUE);
      return;
    }
  ask (self, error);
}

/**
 * harley_diary_attempt:
 * @near: the widget whose window the questions belong to
 * @kind: a booking or a move, for the questions' words
 * @attempt: books or moves, with the flags given
 * @done: (nullable): told at the end whether it was done
 * @data: for @attempt and @done
 * @destroy: (nullable): frees @data at the end
 *
 * Books or moves, asking about each refusal the user may overrule.
 */
void
harley_diary_attempt (GtkWidget              *near,
                      HarleyDiaryAttemptKind  kind,
                      HarleyDiaryAttemptFunc  attempt,
                      HarleyDiaryDoneFunc     done,
                      gpointer                data,
                      GDestroyNotify          destroy)
{
  Attempt *self = g_new0 (Attempt, 1);

  g_set_weak_pointer (&self->near, near);
  self->kind = kind;
  self->attempt = attempt;
  self->done = done;
  self->data = data;
  self->destroy = destroy;
  run_attempt (self);
}
