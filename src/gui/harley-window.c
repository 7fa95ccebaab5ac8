/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-window"

#include <glib/gi18n-lib.h>

#include "harley-patient-row.h"
#include "harley-privacy.h"
#include "harley-window-private.h"

G_DEFINE_FINAL_TYPE (HarleyWindow, harley_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_list_status (HarleyWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->patients));
  const char *query = harley_patient_list_get_query (self->patients);
  g_autofree char *text = NULL;

  switch (harley_patient_list_get_kind (self->patients))
    {
    case HARLEY_SEARCH_RECENT:
      text = g_strdup (n ? _("Recently changed patients") : _("No patients yet: add one with Ctrl+N"));
      break;
    case HARLEY_SEARCH_TOO_SHORT:
      text = g_strdup_printf (_("Type at least %d digits or letters of a number"), HARLEY_SEARCH_MIN_IDENTIFIER);
      break;
    case HARLEY_SEARCH_NAME:
    case HARLEY_SEARCH_IDENTIFIER:
    case HARLEY_SEARCH_DATE_OF_BIRTH:
    default:
      if (harley_patient_list_get_more (self->patients))
        text = g_strdup_printf (_("The first %u patients: type more to narrow the list"), n);
      else if (n == 0)
        text = g_strdup_printf (_("No patient matches “%s”"), query);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients", n), n);
      break;
    }
  gtk_label_set_text (self->list_status, text);
}

static void
select_patient_row (HarleyWindow *self,
                    gint64        id)
{
  guint position = id ? harley_patient_list_find (self->patients, id) : G_MAXUINT;

  g_signal_handlers_block_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_single_selection_set_selected (self->selection, position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
  g_signal_handlers_unblock_matched (self->selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* When its list changes, a GtkSingleSelection looks for the selected item
 * among all the new rows, building each one. Unselecting first keeps a
 * keystroke's work to the rows on screen; the open patient's row is then
 * found again by id. */
static void
requery (HarleyWindow *self,
         const char   *query)
{
  gint64 current = harley_patient_editor_get_patient_id (self->editor);

  select_patient_row (self, 0);
  if (query != NULL)
    harley_patient_list_set_query (self->patients, query);
  else
    harley_patient_list_refresh (self->patients);
  select_patient_row (self, current);
  update_list_status (self);
}

/**
 * harley_window_open_patient:
 * @self: a #HarleyWindow
 * @id: the patient to show
 *
 * Shows a patient's record, asking first about unsaved changes.
 */
void
harley_window_open_patient (HarleyWindow *self,
                            gint64        id)
{
  g_autoptr(GError) error = NULL;

  if (id == harley_patient_editor_get_patient_id (self->editor) && id != 0)
    return;
  if (harley_patient_editor_get_dirty (self->editor))
    {
      _harley_window_guard_unsaved (self, id, FALSE);
      return;
    }
  if (!harley_patient_editor_open (self->editor, id, &error))
    {
      harley_window_toast (self, error->message);
      id = harley_patient_editor_get_patient_id (self->editor);
    }
  select_patient_row (self, id);
}

static void
on_selection_changed_cb (HarleyWindow *self)
{
  HarleyPatient *patient = gtk_single_selection_get_selected_item (self->selection);

  if (patient != NULL)
    harley_window_open_patient (self, harley_patient_get_id (patient));
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   HarleyWindow   *self)
{
  requery (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_activate_cb (GtkSearchEntry *entry,
                             HarleyWindow   *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->patients)) == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  harley_window_open_patient (self, harley_patient_list_get_id (self->patients, selected));
  if (harley_patient_editor_get_patient_id (self->editor) == harley_patient_list_get_id (self->patients, selected))
    harley_patient_editor_focus_first (self->editor);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry *entry,
                                HarleyWindow   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_patient_list_view_activate_cb (GtkListView  *view,
                                  guint         position,
                                  HarleyWindow *self)
{
  harley_window_open_patient (self, harley_patient_list_get_id (self->patients, position));
  harley_patient_editor_focus_first (self->editor);
}

/* GTK 4.8 has no gtk_list_view_scroll_to(): rows are all one height, so
 * the adjustment tells where a row is. */
static void
scroll_to_row (HarleyWindow *self,
               guint         position)
{
  GtkScrollable *scrollable = GTK_SCROLLABLE (self->patient_list_view);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (scrollable);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->patients));
  double row, top, page;

  if (adjustment == NULL || n == 0)
    return;
  row = gtk_adjustment_get_upper (adjustment) / n;
  top = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (position * row < top)
    gtk_adjustment_set_value (adjustment, position * row);
  else if ((position + 1) * row > top + page)
    gtk_adjustment_set_value (adjustment, (position + 1) * row - page);
}

/* Up and Down in the search move through the matches, opening each, while
 * the cursor stays in the search: type, arrow, Enter. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          HarleyWindow          *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->patients));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_Up) || n == 0)
    return GDK_EVENT_PROPAGATE;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = keyval == GDK_KEY_Down ? 0 : n - 1;
  else if (keyval == GDK_KEY_Down)
    next = MIN (selected + 1, n - 1);
  else
    next = selected > 0 ? selected - 1 : 0;
  gtk_single_selection_set_selected (self->selection, next);
  scroll_to_row (self, next);
  return GDK_EVENT_STOP;
}

static void
on_editor_saved_cb (HarleyPatientEditor *editor,
                    HarleyPatient       *patient,
                    HarleyWindow        *self)
{
  g_autofree char *name = harley_patient_dup_display_name (patient);
  g_autofree char *message = g_strdup_printf (_("Saved %s"), name);

  requery (self, NULL);
  harley_window_toast (self, message);
}

static void
on_editor_archived_cb (HarleyPatientEditor *editor,
                       HarleyPatient       *patient,
                       HarleyWindow        *self)
{
  g_autofree char *name = harley_patient_dup_display_name (patient);
  g_autofree char *message = NULL;

  if (harley_patient_get_flag (patient, HARLEY_PATIENT_ARCHIVED))
    message = g_strdup_printf (_("%s archived: find archived patients from the main menu"), name);
  else
    message = g_strdup_printf (_("%s brought back from the archive"), name);
  requery (self, NULL);
  harley_window_toast (self, message);
}

static void
on_address_book_changed_cb (HarleyAddressBook *book,
                            HarleyWindow      *self)
{
  harley_patient_editor_reload_address_book (self->editor);
}

/**
 * harley_window_get_address_book:
 * @self: a #HarleyWindow
 *
 * The address book is made the first time it is needed, not at start-up.
 *
 * Returns: (transfer none): the address book section
 */
HarleyAddressBook *
harley_window_get_address_book (HarleyWindow *self)
{
  if (self->address_book != NULL)
    return self->address_book;
  self->address_book = g_object_new (HARLEY_TYPE_ADDRESS_BOOK, "hexpand", TRUE, "vexpand", TRUE, NULL);
  harley_address_book_set_store (self->address_book, self->store);
  g_signal_connect (self->address_book, "changed", G_CALLBACK (on_address_book_changed_cb), self);
  gtk_box_append (self->address_book_page, GTK_WIDGET (self->address_book));
  return self->address_book;
}

static void
on_diary_open_patient_cb (HarleyDiaryPage *diary,
                          gint64           patient_id,
                          HarleyWindow    *self)
{
  gtk_stack_set_visible_child_name (self->stack, "patients");
  harley_window_open_patient (self, patient_id);
}

/**
 * harley_window_get_diary:
 * @self: a #HarleyWindow
 *
 * The diary is made the first time it is needed, not at start-up.
 *
 * Returns: (transfer none): the diary section
 */
HarleyDiaryPage *
harley_window_get_diary (HarleyWindow *self)
{
  if (self->diary != NULL)
    return self->diary;
  self->diary = g_object_new (HARLEY_TYPE_DIARY_PAGE, "hexpand", TRUE, "vexpand", TRUE, NULL);
  harley_diary_page_set_store (self->diary, self->store);
  g_signal_connect (self->diary, "open-patient", G_CALLBACK (on_diary_open_patient_cb), self);
  gtk_box_append (self->diary_box, GTK_WIDGET (self->diary));
  return self->diary;
}

/**
 * harley_window_get_letters:
 * @self: a #HarleyWindow
 *
 * The Letters section is made the first time it is needed.
 *
 * Returns: (transfer none): the Letters section
 */
HarleyLettersPage *
harley_window_get_letters (HarleyWindow *self)
{
  if (self->letters != NULL)
    return self->letters;
  self->letters = harley_letters_page_new (self->store);
  gtk_widget_set_hexpand (GTK_WIDGET (self->letters), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->letters), TRUE);
  gtk_box_append (self->letters_box, GTK_WIDGET (self->letters));
  gtk_widget_set_visible (GTK_WIDGET (self->letters), !harley_privacy_get_active ());
  return self->letters;
}

/**
 * harley_window_get_samples:
 * @self: a #HarleyWindow
 *
 * The Samples section is made the first time it is needed.
 *
 * Returns: (transfer none): the Samples section
 */
HarleySamplesPage *
harley_window_get_samples (HarleyWindow *self)
{
  if (self->samples != NULL)
    return self->samples;
  self->samples = harley_samples_page_new (self->store);
  gtk_widget_set_hexpand (GTK_WIDGET (self->samples), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->samples), TRUE);
  gtk_box_append (self->samples_box, GTK_WIDGET (self->samples));
  gtk_widget_set_visible (GTK_WIDGET (self->samples), !harley_privacy_get_active ());
  return self->samples;
}

static void
on_stack_visible_child_cb (HarleyWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (name, "address-book") == 0)
    harley_window_get_address_book (self);
  else if (g_strcmp0 (name, "patients") == 0)
    harley_patient_editor_refresh_history (self->editor);
  else if (g_strcmp0 (name, "diary") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (harley_diary_page_get_grid (harley_window_get_diary (self))));
  else if (g_strcmp0 (name, "letters") == 0)
    harley_letters_page_refresh (harley_window_get_letters (self));
  else if (g_strcmp0 (name, "samples") == 0)
    {
      harley_samples_page_refresh (harley_window_get_samples (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->samples));
    }
}

static gboolean
harley_window_close_request (GtkWindow *window)
{
  HarleyWindow *self = HARLEY_WINDOW (window);

  /* The question about unsaved changes would show them: unlock first */
  if (harley_window_is_locked (self) && harley_patient_editor_get_dirty (self->editor))
    return TRUE;
  if (harley_patient_editor_get_dirty (self->editor))
    {
      /* asked once; a second request waits for the answer */
      if (!self->closing)
        {
          self->closing = TRUE;
          _harley_window_guard_unsaved (self, 0, FALSE);
        }
      return TRUE;
    }
  return GTK_WINDOW_CLASS (harley_window_parent_class)->close_request (window);
}

static void
harley_window_dispose (GObject *object)
{
  HarleyWindow *self = HARLEY_WINDOW (object);

  _harley_window_lock_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_WINDOW);
  /* "list.show-archived" holds the patient list, and through it the
   * store, which a restore needs closed with the window. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list", NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->patients);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (harley_window_parent_class)->dispose (object);
}

static void
harley_window_class_init (HarleyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = harley_window_dispose;
  window_class->close_request = harley_window_close_request;

  g_type_ensure (HARLEY_TYPE_PATIENT_EDITOR);
  g_type_ensure (HARLEY_TYPE_PATIENT);
  g_type_ensure (HARLEY_TYPE_BACKUP_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/harley-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, list_status);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, patient_list_view);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, diary_box);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, letters_box);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, samples_box);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, address_book_page);
  gtk_widget_class_bind_template_child (widget_class, HarleyWindow, backup_status);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_cb);

  _harley_window_class_actions_init (widget_class);
  _harley_window_class_lock_init (widget_class);
}

static void
harley_window_init (HarleyWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->patient_list_view));
  g_signal_connect (self->editor, "archived", G_CALLBACK (on_editor_archived_cb), self);
  _harley_window_lock_init (self);
}

static void
on_show_archived_cb (HarleyWindow *self)
{
  select_patient_row (self, harley_patient_editor_get_patient_id (self->editor));
  update_list_status (self);
}

static void
add_list_actions (HarleyWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GPropertyAction) show_archived =
    g_property_action_new ("show-archived", self->patients, "show-archived");

  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_archived));
  g_signal_connect_object (self->patients, "notify::show-archived", G_CALLBACK (on_show_archived_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list", G_ACTION_GROUP (group));
}

static void
bind_settings (HarleyWindow *self)
{
  if (self->settings == NULL)
    return;
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-archived", self->patients, "show-archived", G_SETTINGS_BIND_DEFAULT);
}

void
harley_window_show_practice_name (HarleyWindow *self)
{
  g_autofree char *name = NULL;

  /* Preferences closing with the window, which has let go of the store */
  if (self->store == NULL || self->window_title == NULL)
    return;
  name = harley_store_get_practice_detail (self->store, "name");
  adw_window_title_set_subtitle (self->window_title, name ? name : "");
}

/* The patient list, as a stack of models:
 *
 *   HarleyPatientList     ids of the matches from SQLite; a HarleyPatient is
 *                         built only for a row the view asks for
 *     └ GtkSingleSelection
 *         └ GtkListView   rows from harley_patient_row_factory_new ()
 */
static void
setup_patient_list (HarleyWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = harley_patient_row_factory_new ();

  self->patients = harley_patient_list_new (self->store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->patients)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self);
  gtk_list_view_set_factory (self->patient_list_view, factory);
  gtk_list_view_set_model (self->patient_list_view, GTK_SELECTION_MODEL (self->selection));
  update_list_status (self);
}

/**
 * harley_window_new:
 * @application: the application
 * @store: the open practice database
 *
 * Returns: (transfer full): the main window
 */
HarleyWindow *
harley_window_new (HarleyApplication *application,
                   HarleyStore       *store)
{
  HarleyWindow *self = g_object_new (HARLEY_TYPE_WINDOW, "application", application, NULL);

  self->store = g_object_ref (store);
  self->settings = harley_application_get_settings (application);
  if (self->settings != NULL)
    g_object_ref (self->settings);
  harley_patient_editor_set_store (self->editor, store);
  harley_backup_status_set_store (self->backup_status, store);
  setup_patient_list (self);
  add_list_actions (self);
  bind_settings (self);
  harley_window_show_practice_name (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

GtkEditable *
harley_window_get_search_entry (HarleyWindow *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GListModel *
harley_window_get_patient_list (HarleyWindow *self)
{
  return G_LIST_MODEL (self->patients);
}

/**
 * harley_window_get_store:
 *
 * Returns: (transfer none): the open practice database
 */
HarleyStore *
harley_window_get_store (HarleyWindow *self)
{
  return self->store;
}

HarleyPatientEditor *
harley_window_get_editor (HarleyWindow *self)
{
  return self->editor;
}

void
harley_window_toast (HarleyWindow *self,
                     const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * harley_window_set_damaged:
 * @self: a #HarleyWindow
 * @error: what the whole-file check found, or why it could not run
 *
 * The check that runs beside start-up found damage, or could not run:
 * nothing may be written, so the desk becomes read-only and says what to do.
 */
void
harley_window_set_damaged (HarleyWindow *self,
                           const GError *error)
{
  gboolean damaged = g_error_matches (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DAMAGED);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              damaged ? _("The Practice Database Is Damaged")
                                                      : _("Harley Could Not Check the Practice Database"),
                                              NULL);

  if (damaged)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("%s Nothing can be saved until Harley is started again."),
                                    error->message);

  gtk_widget_set_sensitive (GTK_WIDGET (self->editor), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient", FALSE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
