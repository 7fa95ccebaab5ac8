/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-window"

/* Signing in, the lock and privacy.
 *
 * Until someone signs in, and while Harley is locked, the window shows the
 * sign-in page instead of its content, and nothing else: Harley's other
 * windows are hidden and the window's own actions (their shortcuts too)
 * are turned off, so no key press reaches a patient's details. The
 * content is kept as it was, unsaved changes and all, and comes back on
 * unlocking.
 *
 * Harley locks itself when nobody has pressed a key or moved the pointer
 * over any of its windows for the minutes set in Preferences
 * ("lock-after-minutes", 5 unless changed; 0 never), and on Ctrl+L.
 *
 * Privacy (win.privacy, the eye button, Ctrl+Shift+H) is lighter: the
 * secretary keeps working while a visitor stands at the desk, but the
 * patient list and the diary show initials, and the open record, letters
 * and samples are covered (harley-privacy.c).
 */

#include <glib/gi18n-lib.h>

#include "harley-audit.h"
#include "harley-patient-row.h"
#include "harley-privacy.h"
#include "harley-window-private.h"

#define IDLE_CHECK_SECONDS 10

static guint signed_in_signal;

/* Turns the window's own actions, and their shortcuts, off or on */
static void
set_actions_enabled (HarleyWindow *self,
                     gboolean      enabled)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_GET_CLASS (self);
  const GVariantType *parameter_type;
  const char *property;
  const char *name;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (widget_class, i, &owner, &name, &parameter_type, &property);
       i++)
    if (owner == HARLEY_TYPE_WINDOW && g_str_has_prefix (name, "win.") && !g_str_equal (name, "win.lock")
        && !g_str_equal (name, "win.sign-out"))
      gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
}

static void
hide_other_windows (HarleyWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (self) && gtk_widget_get_visible (window))
        g_ptr_array_add (self->hidden_windows, g_object_ref (window));
    }
  for (guint i = 0; i < self->hidden_windows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->hidden_windows, i), FALSE);
}

static void
show_hidden_windows (HarleyWindow *self)
{
  for (guint i = 0; i < self->hidden_windows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->hidden_windows, i), TRUE);
  g_ptr_array_set_size (self->hidden_windows, 0);
}

static void
on_signed_in_cb (HarleyWindow *self)
{
  const HarleyUser *user = harley_user_get_signed_in (self->store);

  if (self->settings != NULL && user != NULL)
    g_settings_set_string (self->settings, "last-user", user->name);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->desk);
  g_clear_object (&self->desk);
  self->sign_in = NULL;
  set_actions_enabled (self, TRUE);
  show_hidden_windows (self);
  self->last_activity = g_get_monotonic_time ();
  harley_window_show_practice_name (self);
  g_signal_emit (self, signed_in_signal, 0);
}

static void
show_sign_in (HarleyWindow         *self,
              HarleySignInPageMode  mode)
{
  if (self->sign_in != NULL)
    return;
  self->desk = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  self->sign_in = harley_sign_in_page_new (self->store, mode);
  if (mode == HARLEY_SIGN_IN_PAGE_SIGN_IN && self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-user");

      harley_sign_in_page_choose_user (self->sign_in, last);
    }
  g_signal_connect_object (self->sign_in, "signed-in", G_CALLBACK (on_signed_in_cb), self, G_CONNECT_SWAPPED);
  hide_other_windows (self);
  set_actions_enabled (self, FALSE);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->sign_in));
}

/**
 * harley_window_require_sign_in:
 * @self: the main window, just made
 *
 * Shows the sign-in page until someone signs in: on a practice database
 * nobody uses yet, the page that makes its first user.
 */
void
harley_window_require_sign_in (HarleyWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 users = harley_user_count (self->store, &error);

  if (users < 0)
    g_warning ("Could not count the users: %s", error->message);
  show_sign_in (self, users == 0 ? HARLEY_SIGN_IN_PAGE_FIRST_RUN : HARLEY_SIGN_IN_PAGE_SIGN_IN);
}

/**
 * harley_window_lock:
 * @self: the main window
 *
 * Hides everything until the signed-in user's passphrase is typed.
 * Nobody signed in (a window made without signing in) cannot be locked.
 */
void
harley_window_lock (HarleyWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->sign_in != NULL || harley_user_get_signed_in (self->store) == NULL)
    return;
  if (!harley_audit_add (self->store, HARLEY_AUDIT_SIGN_OUT, 0, "Locked Harley", NULL, &error))
    g_warning ("Could not record locking: %s", error->message);
  show_sign_in (self, HARLEY_SIGN_IN_PAGE_LOCKED);
}

gboolean
harley_window_is_locked (HarleyWindow *self)
{
  return self->sign_in != NULL;
}

/**
 * harley_window_get_sign_in_page:
 *
 * Returns: (transfer none) (nullable): the sign-in page on show
 */
GtkWidget *
harley_window_get_sign_in_page (HarleyWindow *self)
{
  return GTK_WIDGET (self->sign_in);
}

/**
 * harley_window_sign_out:
 * @self: the main window
 *
 * Lets someone else sign in at the same desk. The open record must be
 * saved or its changes discarded first, so that they are not saved under
 * the next user's name.
 */
void
harley_window_sign_out (HarleyWindow *self)
{
  if (self->sign_in != NULL || harley_user_get_signed_in (self->store) == NULL)
    return;
  if (harley_patient_editor_get_dirty (self->editor))
    {
      harley_window_toast (self, _("Save the record, or discard its changes, before signing out"));
      return;
    }
  harley_user_sign_out (self->store, "Signed out");
  show_sign_in (self, HARLEY_SIGN_IN_PAGE_SIGN_IN);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  harley_window_sign_out (HARLEY_WINDOW (widget));
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  harley_window_lock (HARLEY_WINDOW (widget));
}

/* Idle {{{1 */

static gboolean
on_any_event_cb (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 HarleyWindow             *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS || type == GDK_MOTION_NOTIFY || type == GDK_SCROLL
      || type == GDK_TOUCH_BEGIN)
    self->last_activity = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

static void
watch_window (HarleyWindow *self,
              GtkWindow    *window)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_any_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    HarleyWindow   *self)
{
  if (window != GTK_WINDOW (self))
    watch_window (self, window);
}

static guint
lock_after_minutes (HarleyWindow *self)
{
  return self->settings != NULL ? g_settings_get_uint (self->settings, "lock-after-minutes") : 5;
}

static gboolean
check_idle_cb (gpointer data)
{
  HarleyWindow *self = data;
  guint minutes = lock_after_minutes (self);

  if (minutes > 0 && g_get_monotonic_time () - self->last_activity >= minutes * 60 * G_USEC_PER_SEC)
    harley_window_lock (self);
  return G_SOURCE_CONTINUE;
}

static void
on_application_cb (HarleyWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL)
    g_signal_connect_object (app, "window-added", G_CALLBACK (on_window_added_cb), self, 0);
}

/* As if nobody had touched Harley for @seconds: for the tests, which
 * cannot wait minutes */
void
_harley_window_pretend_idle (HarleyWindow *self,
                             guint         seconds)
{
  self->last_activity = g_get_monotonic_time () - (gint64) seconds * G_USEC_PER_SEC;
  check_idle_cb (self);
}

/* Privacy {{{1 */

static GtkWidget *
make_curtain (void)
{
  GtkWidget *curtain = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (curtain), "view-conceal-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (curtain), _("Details Hidden"));
  adw_status_page_set_description (ADW_STATUS_PAGE (curtain),
                                   _("Privacy is on while someone is at the desk. Press Ctrl+Shift+H, or the "
                                     "eye button, to show them again."));
  gtk_widget_set_hexpand (curtain, TRUE);
  gtk_widget_set_vexpand (curtain, TRUE);
  return curtain;
}

/* Covers @widget, or while privacy is off shows it again */
static void
cover (GtkWidget  *widget,
       GtkWidget **curtain,
       gboolean    covered)
{
  if (*curtain == NULL)
    {
      *curtain = make_curtain ();
      gtk_widget_insert_after (*curtain, gtk_widget_get_parent (widget), widget);
    }
  gtk_widget_set_visible (*curtain, covered);
  gtk_widget_set_visible (widget, !covered);
}

/* Covers what @box holds (a page made when first shown, or not yet) */
static void
cover_box (GtkBox     *box,
           GtkWidget **curtain,
           gboolean    covered)
{
  if (*curtain == NULL)
    {
      *curtain = make_curtain ();
      gtk_box_append (box, *curtain);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, (child == *curtain) == covered);
}

/**
 * _harley_window_apply_privacy:
 *
 * Shows the window as privacy wants it now: called when it changes, and
 * when a page is made.
 */
void
_harley_window_apply_privacy (HarleyWindow *self)
{
  gboolean active = harley_privacy_get_active ();
  g_autoptr(GtkListItemFactory) factory = harley_patient_row_factory_new ();

  /* a new factory binds every row again */
  gtk_list_view_set_factory (self->patient_list_view, factory);
  cover (GTK_WIDGET (self->editor), &self->curtains[0], active);
  cover_box (self->letters_box, &self->curtains[1], active);
  cover_box (self->samples_box, &self->curtains[2], active);
  if (self->diary != NULL)
    harley_diary_page_reload (self->diary);
}

/* Setting up {{{1 */

void
_harley_window_lock_init (HarleyWindow *self)
{
  g_autoptr(GPropertyAction) privacy_action = g_property_action_new ("privacy", harley_privacy_get_default (),
                                                                     "active");

  self->hidden_windows = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_activity = g_get_monotonic_time ();
  watch_window (self, GTK_WINDOW (self));
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_cb), NULL);
  self->idle_source = g_timeout_add_seconds (IDLE_CHECK_SECONDS, check_idle_cb, self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (privacy_action));
  g_signal_connect_object (harley_privacy_get_default (), "notify::active",
                           G_CALLBACK (_harley_window_apply_privacy), self, G_CONNECT_SWAPPED);
}

void
_harley_window_lock_dispose (HarleyWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->desk != NULL)
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->desk);
  g_clear_object (&self->desk);
  self->sign_in = NULL;
  g_clear_pointer (&self->hidden_windows, g_ptr_array_unref);
}

void
_harley_window_class_lock_init (GtkWidgetClass *widget_class)
{
  /* HarleyWindow::signed-in: someone signed in, or unlocked */
  signed_in_signal = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
}
