/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-address-book"

#include <glib/gi18n-lib.h>

#include "harley-address-book.h"
#include "harley-question.h"
#include "harley-validate.h"

struct _HarleyAddressBook
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkDropDown   *kind_dropdown;
  GtkListBox    *contact_list;
  GtkStack      *stack;
  AdwPreferencesGroup *form_group;
  AdwEntryRow   *name_row;
  AdwComboRow   *practice_row;
  AdwEntryRow   *code_row;
  AdwEntryRow   *address_row;
  AdwEntryRow   *town_row;
  AdwEntryRow   *postcode_row;
  AdwEntryRow   *phone_row;
  AdwEntryRow   *email_row;
  AdwEntryRow   *notes_row;
  AdwActionRow  *turnaround_row;      /* laboratories and hospitals only */
  GtkEntry      *turnaround_entry;
  GtkDropDown   *turnaround_counting; /* working days, calendar days */

  /* Owned references */
  HarleyStore   *store;
  GListModel    *contacts;
  GListStore    *practices;  /* None, then the GP practices: a GP's practice */
  HarleyContact *contact;    /* being edited; id 0 when new */

  /* What waits on the "discard changes?" question */
  enum { GO_NOWHERE, GO_ROW, GO_KIND, GO_NEW } pending;
  int            pending_row;
  HarleyContactKind shown_kind;

  guint          loaded : 1;
  guint          filling : 1;
  guint          dirty : 1;
};

G_DEFINE_FINAL_TYPE (HarleyAddressBook, harley_address_book, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *property;
  gsize       offset;
  gboolean  (*check) (const char *, char **, GError **);
} rows[] = {
  { "name", G_STRUCT_OFFSET (HarleyAddressBook, name_row), NULL },
  { "code", G_STRUCT_OFFSET (HarleyAddressBook, code_row), NULL },
  { "address-lines", G_STRUCT_OFFSET (HarleyAddressBook, address_row), NULL },
  { "post-town", G_STRUCT_OFFSET (HarleyAddressBook, town_row), NULL },
  { "postcode", G_STRUCT_OFFSET (HarleyAddressBook, postcode_row), harley_validate_postcode },
  { "phone", G_STRUCT_OFFSET (HarleyAddressBook, phone_row), harley_validate_phone },
  { "email", G_STRUCT_OFFSET (HarleyAddressBook, email_row), harley_validate_email },
  { "notes", G_STRUCT_OFFSET (HarleyAddressBook, notes_row), NULL },
};

static AdwEntryRow *
row_at (HarleyAddressBook *self,
        guint              i)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, rows[i].offset);
}

/* Only laboratories and hospital departments send results back. */
static gboolean
has_turnaround (HarleyContactKind kind)
{
  return kind == HARLEY_CONTACT_LABORATORY || kind == HARLEY_CONTACT_HOSPITAL;
}

/* "10 working days", "3 calendar days" */
static char *
dup_turnaround (HarleyContact *contact)
{
  int days = harley_contact_get_turnaround_days (contact);

  if (days < 0)
    return NULL;
  if (harley_contact_get_turnaround_working (contact))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day", "%d working days", days), days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d calendar day", "%d calendar days", days), days);
}

/* "Leeds, 0113 496 0000 · 10 working days" */
static char *
dup_contact_subtitle (HarleyContact *contact)
{
  const char *town = harley_contact_get_post_town (contact);
  const char *phone = harley_contact_get_phone (contact);
  g_autofree char *turnaround = has_turnaround (harley_contact_get_kind (contact)) ? dup_turnaround (contact) : NULL;
  g_autofree char *where = NULL;

  if (town != NULL && phone != NULL)
    where = g_strdup_printf ("%s, %s", town, phone);
  else
    where = g_strdup (town != NULL ? town : phone);
  if (turnaround == NULL || where == NULL)
    return where != NULL ? g_steal_pointer (&where) : g_steal_pointer (&turnaround);
  return g_strdup_printf ("%s · %s", where, turnaround);
}

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  HarleyContact *contact = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = dup_contact_subtitle (contact);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), harley_contact_get_name (contact));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  return row;
}

static HarleyContactKind
current_kind (HarleyAddressBook *self)
{
  return MIN (gtk_drop_down_get_selected (self->kind_dropdown), HARLEY_CONTACT_N_KINDS - 1);
}

static void
reload (HarleyAddressBook *self)
{
  g_autoptr(GError) error = NULL;

  self->loaded = TRUE;
  g_clear_object (&self->contacts);
  self->contacts = harley_contact_list (self->store, current_kind (self), &error);
  if (error != NULL)
    g_warning ("The address book could not be read: %s", error->message);
  gtk_list_box_bind_model (self->contact_list, self->contacts, create_contact_row, NULL, NULL);
}

/* A GP belongs to a practice, whose address letters to the GP use. */
static void
load_practices (HarleyAddressBook *self)
{
  g_autoptr(GListModel) practices = harley_contact_list (self->store, HARLEY_CONTACT_GP_PRACTICE, NULL);
  g_autoptr(HarleyContact) none = harley_contact_new (HARLEY_CONTACT_OTHER, _("None"));
  guint n = practices ? g_list_model_get_n_items (practices) : 0;

  g_list_store_remove_all (self->practices);
  g_list_store_append (self->practices, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (practices, i);

      g_list_store_append (self->practices, item);
    }
}

static void
show_practice (HarleyAddressBook *self,
               HarleyContact     *contact)
{
  gboolean is_gp = harley_contact_get_kind (contact) == HARLEY_CONTACT_GP;
  guint chosen = 0;
  guint n;

  gtk_widget_set_visible (GTK_WIDGET (self->practice_row), is_gp);
  if (!is_gp)
    return;
  load_practices (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->practices));
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(HarleyContact) practice = g_list_model_get_item (G_LIST_MODEL (self->practices), i);

      if (harley_contact_get_id (practice) == harley_contact_get_organisation_id (contact))
        chosen = i;
    }
  adw_combo_row_set_selected (self->practice_row, chosen);
}

static gint64
chosen_practice (HarleyAddressBook *self)
{
  HarleyContact *practice = adw_combo_row_get_selected_item (self->practice_row);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->practice_row)) || practice == NULL)
    return 0;
  return harley_contact_get_id (practice);
}

enum { COUNT_WORKING, COUNT_CALENDAR };

static void
show_turnaround (HarleyAddressBook *self,
                 HarleyContact     *contact)
{
  int days = harley_contact_get_turnaround_days (contact);
  g_autofree char *shown = days >= 0 ? g_strdup_printf ("%d", days) : g_strdup ("");

  gtk_widget_set_visible (GTK_WIDGET (self->turnaround_row), has_turnaround (harley_contact_get_kind (contact)));
  gtk_editable_set_text (GTK_EDITABLE (self->turnaround_entry), shown);
  gtk_widget_remove_css_class (GTK_WIDGET (self->turnaround_entry), "error");
  gtk_drop_down_set_selected (self->turnaround_counting,
                              harley_contact_get_turnaround_working (contact) ? COUNT_WORKING : COUNT_CALENDAR);
}

/* Reads the turnaround into @edited; a hidden one is kept as it was. */
static gboolean
read_turnaround (HarleyAddressBook  *self,
                 HarleyContact      *edited,
                 GError            **error)
{
  GtkWidget *entry = GTK_WIDGET (self->turnaround_entry);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint64 days = 0;

  gtk_widget_remove_css_class (entry, "error");
  if (!gtk_widget_get_visible (GTK_WIDGET (self->turnaround_row)))
    {
      harley_contact_set_turnaround_days (edited, harley_contact_get_turnaround_days (self->contact));
      harley_contact_set_turnaround_working (edited, harley_contact_get_turnaround_working (self->contact));
      return TRUE;
    }
  if (*text != '\0'
      && !g_ascii_string_to_unsigned (text, 10, 0, HARLEY_CONTACT_MAX_TURNAROUND_DAYS, &days, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Enter the usual turnaround as a number of days from 0 to %d, or leave it empty."),
                   HARLEY_CONTACT_MAX_TURNAROUND_DAYS);
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_grab_focus (entry);
      return FALSE;
    }
  harley_contact_set_turnaround_days (edited, *text != '\0' ? (int) days : -1);
  harley_contact_set_turnaround_working (edited,
                                         gtk_drop_down_get_selected (self->turnaround_counting) != COUNT_CALENDAR);
  return TRUE;
}

static void
show_contact (HarleyAddressBook *self,
              HarleyContact     *contact)
{
  g_set_object (&self->contact, contact);
  self->filling = TRUE;
  show_practice (self, contact);
  show_turnaround (self, contact);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *shown = NULL;

      g_object_get (contact, rows[i].property, &value, NULL);
      lines = g_strsplit (value ? value : "", "\n", -1);
      shown = g_strjoinv (", ", lines);
      gtk_editable_set_text (GTK_EDITABLE (row_at (self, i)), shown);
      gtk_widget_remove_css_class (GTK_WIDGET (row_at (self, i)), "error");
    }
  adw_preferences_group_set_title (self->form_group,
                                   harley_contact_get_id (contact) ? harley_contact_get_name (contact)
                                                                   : _("New Entry"));
  adw_preferences_group_set_description (self->form_group, harley_contact_kind_label (harley_contact_get_kind (contact)));
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "book.archive", harley_contact_get_id (contact) != 0);
  self->filling = FALSE;
  self->dirty = FALSE;
}

static void
on_practice_row_selected_cb (HarleyAddressBook *self)
{
  if (!self->filling && self->contact != NULL)
    self->dirty = TRUE;
}

static void
on_row_changed_cb (HarleyAddressBook *self)
{
  if (!self->filling && self->contact != NULL)
    self->dirty = TRUE;
}

static void on_contact_list_row_selected_cb (HarleyAddressBook *self,
                                             GtkListBoxRow     *row);
static void on_kind_dropdown_selected_cb    (HarleyAddressBook *self);

/* Puts the list or the kind back as they were when she keeps editing. */
static void
stay (HarleyAddressBook *self)
{
  guint n = self->contacts ? g_list_model_get_n_items (self->contacts) : 0;
  GtkListBoxRow *row = NULL;

  g_signal_handlers_block_by_func (self->contact_list, on_contact_list_row_selected_cb, self);
  g_signal_handlers_block_by_func (self->kind_dropdown, on_kind_dropdown_selected_cb, self);
  gtk_drop_down_set_selected (self->kind_dropdown, self->shown_kind);
  for (guint i = 0; i < n && self->contact != NULL; i++)
    {
      g_autoptr(HarleyContact) c = g_list_model_get_item (self->contacts, i);

      if (harley_contact_get_id (c) == harley_contact_get_id (self->contact) && harley_contact_get_id (c) != 0)
        row = gtk_list_box_get_row_at_index (self->contact_list, i);
    }
  if (row != NULL)
    gtk_list_box_select_row (self->contact_list, row);
  else
    gtk_list_box_unselect_all (self->contact_list);
  g_signal_handlers_unblock_by_func (self->kind_dropdown, on_kind_dropdown_selected_cb, self);
  g_signal_handlers_unblock_by_func (self->contact_list, on_contact_list_row_selected_cb, self);
}

static void
on_discard_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        HarleyAddressBook *self)
{
  int pending = self->pending;

  self->pending = GO_NOWHERE;
  if (g_strcmp0 (response, HARLEY_ANSWER_DISCARD) != 0)
    {
      stay (self);
      return;
    }
  self->dirty = FALSE;
  if (pending == GO_ROW)
    on_contact_list_row_selected_cb (self, gtk_list_box_get_row_at_index (self->contact_list, self->pending_row));
  else if (pending == GO_KIND)
    on_kind_dropdown_selected_cb (self);
  else if (pending == GO_NEW)
    harley_address_book_new_entry (self);
}

/* Asks before leaving an entry with unsaved typing; TRUE when it asked. */
static gboolean
ask_first (HarleyAddressBook *self,
           int                pending,
           int                row)
{
  const char *name = self->contact ? harley_contact_get_name (self->contact) : NULL;
  g_autofree char *body = NULL;

  if (!self->dirty)
    return FALSE;
  self->pending = pending;
  self->pending_row = row;
  body = g_strdup_printf (_("The changes to %s are not saved. Save them with Ctrl+S."),
                          name ? name : _("the new entry"));
  harley_ask_before_losing (GTK_WIDGET (self), _("Discard Changes?"), body,
                            _("_Keep Editing"), _("_Discard"),
                            G_CALLBACK (on_discard_response_cb), self);
  return TRUE;
}

static void
on_contact_list_row_selected_cb (HarleyAddressBook *self,
                                 GtkListBoxRow     *row)
{
  g_autoptr(HarleyContact) contact = NULL;

  if (row == NULL)
    return;
  contact = g_list_model_get_item (self->contacts, gtk_list_box_row_get_index (row));
  if (self->contact != NULL && harley_contact_get_id (contact) == harley_contact_get_id (self->contact))
    return;
  if (ask_first (self, GO_ROW, gtk_list_box_row_get_index (row)))
    return;
  show_contact (self, contact);
}

static void
on_kind_dropdown_selected_cb (HarleyAddressBook *self)
{
  if (self->store == NULL || current_kind (self) == self->shown_kind)
    return;
  if (ask_first (self, GO_KIND, 0))
    return;
  self->shown_kind = current_kind (self);
  reload (self);
  g_clear_object (&self->contact);
  self->dirty = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
harley_address_book_new_entry (HarleyAddressBook *self)
{
  g_autoptr(HarleyContact) contact = NULL;

  if (ask_first (self, GO_NEW, 0))
    return;
  contact = harley_contact_new (current_kind (self), NULL);
  gtk_list_box_unselect_all (self->contact_list);
  show_contact (self, contact);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* Reads and checks one row; commas in an address become new lines. */
static gboolean
read_row (HarleyAddressBook  *self,
          guint               i,
          char              **value,
          GError            **error)
{
  AdwEntryRow *row = row_at (self, i);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (*text != '\0' && rows[i].check != NULL && !rows[i].check (text, value, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return FALSE;
    }
  if (*text != '\0' && rows[i].check == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint p = 0; parts[p] != NULL; p++)
        g_strstrip (parts[p]);
      *value = g_strjoinv (g_str_equal (rows[i].property, "address-lines") ? "\n" : ", ", parts);
    }
  return TRUE;
}

/**
 * harley_address_book_save:
 * @self: a #HarleyAddressBook
 * @error: where to put what is wrong
 *
 * Checks and saves the entry being edited.
 */
gboolean
harley_address_book_save (HarleyAddressBook  *self,
                          GError            **error)
{
  g_autoptr(HarleyContact) edited = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->contact == NULL)
    return TRUE;
  if (*name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  edited = harley_contact_new (harley_contact_get_kind (self->contact), NULL);
  g_object_set (edited, "id", harley_contact_get_id (self->contact),
                "organisation-id", chosen_practice (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = NULL;

      if (!read_row (self, i, &value, error))
        return FALSE;
      g_object_set (edited, rows[i].property, value, NULL);
    }
  if (!read_turnaround (self, edited, error))
    return FALSE;
  if (!harley_contact_save (self->store, edited, error))
    return FALSE;
  reload (self);
  show_contact (self, edited);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
toast (HarleyAddressBook *self,
       const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
book_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HarleyAddressBook *self = HARLEY_ADDRESS_BOOK (widget);
  g_autoptr(GError) error = NULL;

  if (!harley_address_book_save (self, &error))
    toast (self, error->message);
  else if (self->contact != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Saved %s"), harley_contact_get_name (self->contact));

      toast (self, message);
    }
}

static void
book_archive_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleyAddressBook *self = HARLEY_ADDRESS_BOOK (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->contact == NULL || harley_contact_get_id (self->contact) == 0)
    return;
  if (!harley_contact_set_archived (self->store, harley_contact_get_id (self->contact), TRUE, &error))
    {
      toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("%s archived: records that name this entry keep it"),
                             harley_contact_get_name (self->contact));
  g_clear_object (&self->contact);
  self->dirty = FALSE;
  reload (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
book_new_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  harley_address_book_new_entry (HARLEY_ADDRESS_BOOK (widget));
}

/* The address book is read when first shown, not at start-up. */
static void
harley_address_book_map (GtkWidget *widget)
{
  HarleyAddressBook *self = HARLEY_ADDRESS_BOOK (widget);

  GTK_WIDGET_CLASS (harley_address_book_parent_class)->map (widget);
  if (!self->loaded && self->store != NULL)
    reload (self);
}

static void
harley_address_book_dispose (GObject *object)
{
  HarleyAddressBook *self = HARLEY_ADDRESS_BOOK (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_ADDRESS_BOOK);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->contact);
  g_clear_object (&self->contacts);
  g_clear_object (&self->practices);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_address_book_parent_class)->dispose (object);
}

static void
harley_address_book_class_init (HarleyAddressBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_address_book_dispose;
  widget_class->map = harley_address_book_map;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/contacts/harley-address-book.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, contact_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, form_group);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, practice_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, code_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, address_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, town_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, phone_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, email_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, notes_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, turnaround_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, turnaround_entry);
  gtk_widget_class_bind_template_child (widget_class, HarleyAddressBook, turnaround_counting);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_practice_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "book.save", NULL, book_save_action);
  gtk_widget_class_install_action (widget_class, "book.new", NULL, book_new_action);
  gtk_widget_class_install_action (widget_class, "book.archive", NULL, book_archive_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "book.save", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harley_address_book_init (HarleyAddressBook *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < HARLEY_CONTACT_N_KINDS; i++)
    gtk_string_list_append (kinds, harley_contact_kind_label (i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  self->shown_kind = current_kind (self);
  self->practices = g_list_store_new (HARLEY_TYPE_CONTACT);
  adw_combo_row_set_expression (self->practice_row,
                                gtk_property_expression_new (HARLEY_TYPE_CONTACT, NULL, "name"));
  adw_combo_row_set_model (self->practice_row, G_LIST_MODEL (self->practices));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_swapped (row_at (self, i), "changed", G_CALLBACK (on_row_changed_cb), self);
}

void
harley_address_book_set_store (HarleyAddressBook *self,
                               HarleyStore       *store)
{
  g_return_if_fail (HARLEY_IS_ADDRESS_BOOK (self));

  if (g_set_object (&self->store, store) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
harley_address_book_show_kind (HarleyAddressBook *self,
                               HarleyContactKind  kind)
{
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

/**
 * harley_address_book_choose_practice:
 * @self: a #HarleyAddressBook showing a GP
 * @practice_id: a GP practice in the address book, or 0 for none
 *
 * Chooses the GP's practice as the "GP practice" row does.
 *
 * Returns: whether that practice is listed
 */
gboolean
harley_address_book_choose_practice (HarleyAddressBook *self,
                                     gint64             practice_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->practices));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HarleyContact) practice = g_list_model_get_item (G_LIST_MODEL (self->practices), i);

      if (harley_contact_get_id (practice) == practice_id)
        {
          adw_combo_row_set_selected (self->practice_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * harley_address_book_get_row:
 * @self: a #HarleyAddressBook
 * @property: a #HarleyContact property: "name", "postcode" … or
 *   "turnaround-days"
 *
 * Returns: (transfer none) (nullable): the entry that edits it
 */
GtkEditable *
harley_address_book_get_row (HarleyAddressBook *self,
                             const char        *property)
{
  if (g_str_equal (property, "turnaround-days"))
    return GTK_EDITABLE (self->turnaround_entry);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].property, property))
      return GTK_EDITABLE (row_at (self, i));
  return NULL;
}

/**
 * harley_address_book_get_turnaround_row:
 * @self: a #HarleyAddressBook
 *
 * The "Usual turnaround" row, shown for laboratories and hospitals only.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
harley_address_book_get_turnaround_row (HarleyAddressBook *self)
{
  return GTK_WIDGET (self->turnaround_row);
}

/**
 * harley_address_book_count_working_days:
 * @self: a #HarleyAddressBook showing a laboratory or hospital
 * @working: %TRUE for working days, %FALSE for calendar days
 *
 * Chooses how the turnaround is counted, as its drop-down does.
 */
void
harley_address_book_count_working_days (HarleyAddressBook *self,
                                        gboolean           working)
{
  gtk_drop_down_set_selected (self->turnaround_counting, working ? COUNT_WORKING : COUNT_CALENDAR);
}
