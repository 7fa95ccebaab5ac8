/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-preferences"

#include <glib/gi18n-lib.h>

#include "harley-diary.h"
#include "harley-preferences-backups-private.h"
#include "harley-preferences-letters-private.h"
#include "harley-preferences-users-private.h"
#include "harley-user.h"
#include "harley-preferences-window.h"
#include "harley-question.h"
#include "harley-window.h"

#define N_DETAILS 7

/* A clinician or an appointment type as shown, with what is saved, so
 * that closing writes only the rows that changed. */
typedef struct
{
  gint64          id;
  AdwEntryRow    *row;
  GtkSpinButton  *minutes;          /* types only */
  GtkColorButton *colour;           /* types only */
  char           *saved_name;
  int             saved_minutes;
  char           *saved_colour;
} DiaryRow;

struct _HarleyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *consultant_row;
  AdwEntryRow          *qualifications_row;
  AdwEntryRow          *gmc_row;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkWidget            *remove_logo_button;
  AdwPreferencesPage   *diary_page;
  GtkListBox           *clinician_list;
  AdwEntryRow          *new_clinician_row;
  GtkDropDown          *new_clinician_role;
  GtkListBox           *type_list;
  AdwEntryRow          *new_type_row;
  GtkSpinButton        *new_type_minutes;
  GtkColorButton       *new_type_colour;
  GtkLabel             *clinician_problem;
  GtkLabel             *type_problem;

  /* The page added after the template's */
  HarleyPreferencesLetters *letters_page;

  /* Owned references */
  HarleyStore          *store;
  GtkFileChooserNative *chooser;
  char                 *loaded[N_DETAILS];   /* as saved, to write only changes */
  GPtrArray            *clinicians;          /* of DiaryRow, in the list's order */
  GPtrArray            *types;               /* of DiaryRow */

  guint                 discard : 1;
};

G_DEFINE_FINAL_TYPE (HarleyPreferencesWindow, harley_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The practice details, as stored: key → row. */
static const char *detail_keys[N_DETAILS] = {
  "name", "address", "phone", "email", "consultant", "qualifications", "gmc"
};

static AdwEntryRow *
row_for (HarleyPreferencesWindow *self,
         guint                    i)
{
  AdwEntryRow *rows[] = {
    self->name_row, self->address_row, self->phone_row, self->email_row,
    self->consultant_row, self->qualifications_row, self->gmc_row,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (detail_keys));
  return rows[i];
}

static void
show_logo (HarleyPreferencesWindow *self)
{
  g_autoptr(GBytes) bytes = harley_store_get_practice_logo (self->store, NULL);
  g_autoptr(GdkTexture) texture = bytes ? gdk_texture_new_from_bytes (bytes, NULL) : NULL;

  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->remove_logo_button, texture != NULL);
  adw_action_row_set_subtitle (self->logo_row, texture ? _("Shown at the top of every letter")
                                                       : _("No logo: letters are headed with the practice name"));
}

/* An address is stored a line a row, and shown with commas. */
static char *
row_value (HarleyPreferencesWindow *self,
           guint                    i)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row_for (self, i))), ",", -1);

  for (guint p = 0; parts[p] != NULL; p++)
    g_strstrip (parts[p]);
  return g_strjoinv ("\n", parts);
}

static void
load_details (HarleyPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (detail_keys); i++)
    {
      g_autofree char *value = harley_store_get_practice_detail (self->store, detail_keys[i]);
      g_auto(GStrv) lines = g_strsplit (value ? value : "", "\n", -1);
      g_autofree char *shown = g_strjoinv (", ", lines);

      gtk_editable_set_text (GTK_EDITABLE (row_for (self, i)), shown);
      self->loaded[i] = row_value (self, i);
    }
  show_logo (self);
}

/* The diary's clinicians and appointment types */

/* The stored role, and the words she knows it by */
static const struct {
  const char *role;
  const char *label;
} roles[] = {
  { "consultant", N_("Consultant") },
  { "nurse", N_("Nurse") },
  { "other", N_("Other clinician") },
};

/* Offered for a new appointment type: the first not in use */
static const char *type_colours[] = {
  "#3584e4", "#2ec27e", "#e66100", "#9141ac", "#f5c211", "#e01b24",
  "#986a44", "#1c71d8", "#26a269", "#c64600", "#613583", "#77767b",
};

static void
diary_row_free (DiaryRow *r)
{
  g_free (r->saved_name);
  g_free (r->saved_colour);
  g_free (r);
}

static const char *
role_label (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (role, roles[i].role) == 0)
      return _(roles[i].label);
  return role;
}

/* The name as typed, without the spaces around it */
static char *
dup_name (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* As the store keeps it: "#rrggbb", lower case */
static char *
dup_colour (GtkColorButton *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) CLAMP (rgba.red * 255. + .5, 0., 255.),
                          (guint) CLAMP (rgba.green * 255. + .5, 0., 255.),
                          (guint) CLAMP (rgba.blue * 255. + .5, 0., 255.));
}

static void
set_colour (GtkColorButton *button,
            const char     *colour)
{
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, colour))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
}

/* The diary behind is drawn with the clinicians and types, so it is
 * read again after each change. */
static void
reload_diary (HarleyPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (HARLEY_IS_WINDOW (parent))
    harley_diary_page_reload (harley_window_get_diary (HARLEY_WINDOW (parent)));
}

/* What went wrong is said under the list, where she is looking, and
 * the row is marked, until she types in a row of that list again. */
static GtkLabel *
problem_label_for (HarleyPreferencesWindow *self,
                   AdwEntryRow             *row)
{
  if (gtk_widget_is_ancestor (GTK_WIDGET (row), GTK_WIDGET (self->clinician_list)))
    return self->clinician_problem;
  return self->type_problem;
}

/* The message is scrolled into view, as the marked row is, once it has
 * its place on the page: a frame or two after it is shown. */
static gboolean
reveal_problem_cb (GtkWidget     *label,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double hidden;

  if (scroller == NULL || !gtk_widget_get_visible (label))
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (label) == 0 || !gtk_widget_compute_bounds (label, scroller, &bounds))
    return G_SOURCE_CONTINUE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  hidden = bounds.origin.y + bounds.size.height + 12 - gtk_adjustment_get_page_size (adjustment);
  if (hidden > 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + hidden);
  return G_SOURCE_REMOVE;
}

static void
show_problem (HarleyPreferencesWindow *self,
              AdwEntryRow             *row,
              const char              *message)
{
  GtkLabel *label = problem_label_for (self, row);

  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->diary_page);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_widget_add_tick_callback (GTK_WIDGET (label), reveal_problem_cb, NULL, NULL);
}

/* An empty name is marked at once: it cannot be saved. The row that
 * adds one may be empty. */
static void
on_name_changed_cb (GtkEditable             *row,
                    HarleyPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (row)));
  gboolean adds = row == GTK_EDITABLE (self->new_clinician_row) || row == GTK_EDITABLE (self->new_type_row);

  gtk_widget_set_visible (GTK_WIDGET (problem_label_for (self, ADW_ENTRY_ROW (row))), FALSE);
  if (*name == '\0' && !adds)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
add_clinician_row (HarleyPreferencesWindow *self,
                   const HarleyClinician   *c)
{
  DiaryRow *r = g_new0 (DiaryRow, 1);

  r->id = c->id;
  r->saved_name = g_strdup (c->name);
  r->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->row), role_label (c->role));
  gtk_editable_set_text (GTK_EDITABLE (r->row), c->name);
  g_signal_connect (r->row, "changed", G_CALLBACK (on_name_changed_cb), self);
  /* Above the row that adds one, which stays last */
  gtk_list_box_insert (self->clinician_list, GTK_WIDGET (r->row), self->clinicians->len);
  g_ptr_array_add (self->clinicians, r);
}

static GtkSpinButton *
new_minutes_button (int minutes)
{
  GtkWidget *button = gtk_spin_button_new_with_range (5, 480, 5);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (button), minutes);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Usual length in minutes"));
  return GTK_SPIN_BUTTON (button);
}

static GtkWidget *
new_minutes_label (void)
{
  GtkWidget *label = gtk_label_new (_("min"));

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkColorButton *
new_colour_button (const char *colour)
{
  GtkColorButton *button = GTK_COLOR_BUTTON (gtk_color_button_new ());

  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  gtk_color_button_set_modal (button, TRUE);
  gtk_color_button_set_title (button, _("Colour in the Diary"));
  gtk_widget_set_valign (GTK_WIDGET (button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Colour in the diary"));
  set_colour (button, colour);
  return button;
}

static void
add_type_row (HarleyPreferencesWindow     *self,
              const HarleyAppointmentType *t)
{
  DiaryRow *r = g_new0 (DiaryRow, 1);

  r->id = t->id;
  r->saved_name = g_strdup (t->name);
  r->saved_minutes = t->minutes;
  r->saved_colour = g_strdup (t->colour);
  r->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (r->row), t->name);
  g_signal_connect (r->row, "changed", G_CALLBACK (on_name_changed_cb), self);
  r->minutes = new_minutes_button (t->minutes);
  adw_entry_row_add_suffix (r->row, GTK_WIDGET (r->minutes));
  adw_entry_row_add_suffix (r->row, new_minutes_label ());
  r->colour = new_colour_button (t->colour);
  adw_entry_row_add_suffix (r->row, GTK_WIDGET (r->colour));
  gtk_list_box_insert (self->type_list, GTK_WIDGET (r->row), self->types->len);
  g_ptr_array_add (self->types, r);
}

static gboolean
colour_in_use (HarleyPreferencesWindow *self,
               const char              *colour)
{
  for (guint i = 0; i < self->types->len; i++)
    {
      g_autofree char *shown = dup_colour (((DiaryRow *) g_ptr_array_index (self->types, i))->colour);

      if (g_strcmp0 (shown, colour) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
suggest_type_colour (HarleyPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_colours); i++)
    if (!colour_in_use (self, type_colours[i]))
      {
        set_colour (self->new_type_colour, type_colours[i]);
        return;
      }
  set_colour (self->new_type_colour, type_colours[0]);
}

static void
load_diary (HarleyPreferencesWindow *self)
{
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GError) error = NULL;

  if ((clinicians = harley_diary_list_clinicians (self->store, &error)) == NULL
      || (types = harley_diary_list_types (self->store, &error)) == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      gtk_widget_set_sensitive (GTK_WIDGET (self->diary_page), FALSE);
      return;
    }
  for (guint i = 0; i < clinicians->len; i++)
    add_clinician_row (self, g_ptr_array_index (clinicians, i));
  for (guint i = 0; i < types->len; i++)
    add_type_row (self, g_ptr_array_index (types, i));
  suggest_type_colour (self);
}

/* Adding is done at once, as choosing the logo is; the rows above keep
 * what was typed in them. */
static void
on_add_clinician_cb (HarleyPreferencesWindow *self)
{
  g_autofree char *name = dup_name (self->new_clinician_row);
  guint role = MIN (gtk_drop_down_get_selected (self->new_clinician_role), G_N_ELEMENTS (roles) - 1);
  g_autoptr(GError) error = NULL;
  HarleyClinician added = { 0 };

  if (*name == '\0')
    {
      show_problem (self, self->new_clinician_row, _("Type the new clinician's name, then press Add."));
      return;
    }
  added.id = harley_diary_add_clinician (self->store, name, roles[role].role, &error);
  if (added.id == 0)
    {
      show_problem (self, self->new_clinician_row, error->message);
      return;
    }
  added.name = name;
  added.role = (char *) roles[role].role;
  add_clinician_row (self, &added);
  gtk_editable_set_text (GTK_EDITABLE (self->new_clinician_row), "");
  reload_diary (self);
}

/* A type's name is its own in any case, as a booking from harley-cli
 * names its type in any case. */
static gboolean
check_type_name (HarleyPreferencesWindow  *self,
                 gint64                    id,
                 const char               *name,
                 const char               *was,
                 GError                  **error)
{
  gint64 existing;

  if (*name == '\0')
    {
      if (was != NULL)
        g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                     _("Type a name for the appointment type that was “%s”."), was);
      else
        g_set_error_literal (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                             _("Type the new appointment type's name, then press Add."));
      return FALSE;
    }
  existing = harley_diary_find_type (self->store, name);
  if (existing != 0 && existing != id)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_CONSTRAINT,
                   _("There is already an appointment type called “%s”. Choose another name."), name);
      return FALSE;
    }
  return TRUE;
}

/* The store's words for a clash are a database's: say it plainly. */
static gboolean
save_type (HarleyPreferencesWindow  *self,
           gint64                    id,
           const char               *name,
           int                       minutes,
           const char               *colour,
           GError                  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (harley_diary_save_type (self->store, id, name, minutes, colour, &local_error))
    return TRUE;
  if (g_error_matches (local_error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_CONSTRAINT))
    g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_CONSTRAINT,
                 _("There is already an appointment type called “%s”. Choose another name."), name);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The type just added: the one not shown yet */
static HarleyAppointmentType *
find_new_type (HarleyPreferencesWindow *self)
{
  g_autoptr(GPtrArray) types = harley_diary_list_types (self->store, NULL);

  for (guint i = 0; types != NULL && i < types->len; i++)
    {
      HarleyAppointmentType *t = g_ptr_array_index (types, i);
      gboolean shown = FALSE;

      for (guint j = 0; !shown && j < self->types->len; j++)
        shown = ((DiaryRow *) g_ptr_array_index (self->types, j))->id == t->id;
      if (!shown)
        return g_ptr_array_steal_index (types, i);
    }
  return NULL;
}

static void
on_add_type_cb (HarleyPreferencesWindow *self)
{
  g_autofree char *name = dup_name (self->new_type_row);
  g_autofree char *colour = dup_colour (self->new_type_colour);
  g_autoptr(HarleyAppointmentType) added = NULL;
  g_autoptr(GError) error = NULL;
  int minutes;

  gtk_spin_button_update (self->new_type_minutes);
  minutes = gtk_spin_button_get_value_as_int (self->new_type_minutes);
  if (!check_type_name (self, 0, name, NULL, &error)
      || !save_type (self, 0, name, minutes, colour, &error))
    {
      show_problem (self, self->new_type_row, error->message);
      return;
    }
  if ((added = find_new_type (self)) != NULL)
    add_type_row (self, added);
  gtk_editable_set_text (GTK_EDITABLE (self->new_type_row), "");
  suggest_type_colour (self);
  reload_diary (self);
}

static gboolean
save_clinicians (HarleyPreferencesWindow  *self,
                 gboolean                 *changed,
                 GError                  **error)
{
  for (guint i = 0; i < self->clinicians->len; i++)
    {
      DiaryRow *r = g_ptr_array_index (self->clinicians, i);
      g_autofree char *name = dup_name (r->row);
      g_autoptr(GError) local_error = NULL;

      if (g_strcmp0 (name, r->saved_name) == 0)
        continue;
      if (*name == '\0')
        g_set_error (&local_error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                     _("Type a name for the clinician who was “%s”."), r->saved_name);
      if (*name == '\0' || !harley_diary_rename_clinician (self->store, r->id, name, &local_error))
        {
          show_problem (self, r->row, local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_free (r->saved_name);
      r->saved_name = g_steal_pointer (&name);
      *changed = TRUE;
    }
  return TRUE;
}

static gboolean
save_types (HarleyPreferencesWindow  *self,
            gboolean                 *changed,
            GError                  **error)
{
  for (guint i = 0; i < self->types->len; i++)
    {
      DiaryRow *r = g_ptr_array_index (self->types, i);
      g_autofree char *name = dup_name (r->row);
      g_autofree char *colour = dup_colour (r->colour);
      g_autoptr(GError) local_error = NULL;
      int minutes;

      gtk_spin_button_update (r->minutes);
      minutes = gtk_spin_button_get_value_as_int (r->minutes);
      if (g_strcmp0 (name, r->saved_name) == 0 && minutes == r->saved_minutes
          && g_strcmp0 (colour, r->saved_colour) == 0)
        continue;
      if (!check_type_name (self, r->id, name, r->saved_name, &local_error)
          || !save_type (self, r->id, name, minutes, colour, &local_error))
        {
          show_problem (self, r->row, local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_free (r->saved_name);
      r->saved_name = g_steal_pointer (&name);
      r->saved_minutes = minutes;
      g_free (r->saved_colour);
      r->saved_colour = g_steal_pointer (&colour);
      *changed = TRUE;
    }
  return TRUE;
}

/* The practice details */

/* Those that changed, all in one transaction */
static gboolean
save_details (HarleyPreferencesWindow  *self,
              GError                  **error)
{
  const char *keys[G_N_ELEMENTS (detail_keys)];
  char *values[G_N_ELEMENTS (detail_keys)];
  guint n = 0;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (detail_keys); i++)
    {
      char *value = row_value (self, i);

      if (g_strcmp0 (value, self->loaded[i]) == 0)
        {
          g_free (value);
          continue;
        }
      keys[n] = detail_keys[i];
      values[n++] = value;
    }
  ok = n == 0 || harley_store_set_practice_details (self->store, keys, (const char * const *) values, n, error);
  for (guint i = 0; i < n; i++)
    g_free (values[i]);
  if (ok)
    {
      for (guint i = 0; i < G_N_ELEMENTS (detail_keys); i++)
        {
          g_free (self->loaded[i]);
          self->loaded[i] = row_value (self, i);
        }
    }
  return ok;
}

/**
 * harley_preferences_window_save:
 * @self: a #HarleyPreferencesWindow
 * @error: where to put a failure
 *
 * Writes what changed: the practice details, all in one transaction,
 * then each clinician and appointment type renamed or changed, then the
 * envelope's window. A row that cannot be saved is shown, marked, with
 * what was typed kept.
 */
gboolean
harley_preferences_window_save (HarleyPreferencesWindow  *self,
                                GError                  **error)
{
  gboolean changed = FALSE;
  gboolean ok;

  g_return_val_if_fail (HARLEY_IS_PREFERENCES_WINDOW (self), FALSE);

  ok = save_details (self, error)
       && save_clinicians (self, &changed, error)
       && save_types (self, &changed, error)
       && _harley_preferences_letters_save (self->letters_page, error);
  if (changed)
    reload_diary (self);
  return ok;
}

static void
on_unsaved_close_cb (AdwMessageDialog        *dialog,
                     const char              *response,
                     HarleyPreferencesWindow *self)
{
  if (g_strcmp0 (response, HARLEY_ANSWER_DISCARD) == 0)
    {
      /* The question outlives this window by the rest of its answer: it
       * must not be left holding it (GTK 4.8 would unhook a freed window). */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      self->discard = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Saving on close can fail (a full disk, a damaged file): she is told,
 * and may go back or close without the changes. */
static gboolean
harley_preferences_window_close_request (GtkWindow *window)
{
  HarleyPreferencesWindow *self = HARLEY_PREFERENCES_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (self->discard || harley_preferences_window_save (self, &error))
    return GTK_WINDOW_CLASS (harley_preferences_window_parent_class)->close_request (window);
  harley_ask_before_losing (GTK_WIDGET (window), _("Some Changes Were Not Saved"), error->message,
                            _("_Go Back"), _("_Close Without Saving"),
                            G_CALLBACK (on_unsaved_close_cb), self);
  return TRUE;
}

static void
on_logo_chosen_cb (GtkNativeDialog         *chooser,
                   int                      response,
                   HarleyPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture != NULL)
    {
      type = g_content_type_guess (NULL, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
      harley_store_set_practice_logo (self->store, bytes, type, &error);
    }
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("That picture cannot be used as a logo: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }
  show_logo (self);
}

static void
on_choose_logo_clicked_cb (HarleyPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Practice Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_logo_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_remove_logo_clicked_cb (HarleyPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!harley_store_set_practice_logo (self->store, NULL, NULL, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  show_logo (self);
}

static void
harley_preferences_window_dispose (GObject *object)
{
  HarleyPreferencesWindow *self = HARLEY_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PREFERENCES_WINDOW);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (self->loaded); i++)
    g_clear_pointer (&self->loaded[i], g_free);
  g_clear_pointer (&self->clinicians, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_preferences_window_parent_class)->dispose (object);
}

static void
harley_preferences_window_class_init (HarleyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = harley_preferences_window_dispose;
  window_class->close_request = harley_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/preferences/harley-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, consultant_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, qualifications_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, gmc_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, remove_logo_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, diary_page);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, clinician_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, new_clinician_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, new_clinician_role);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, type_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, new_type_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, new_type_minutes);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, new_type_colour);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, clinician_problem);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesWindow, type_problem);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_logo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_logo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clinician_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
}

static void
harley_preferences_window_init (HarleyPreferencesWindow *self)
{
  g_autoptr(GtkStringList) role_labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->clinicians = g_ptr_array_new_with_free_func ((GDestroyNotify) diary_row_free);
  self->types = g_ptr_array_new_with_free_func ((GDestroyNotify) diary_row_free);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_labels, _(roles[i].label));
  gtk_drop_down_set_model (self->new_clinician_role, G_LIST_MODEL (role_labels));
}

/* Turns off every page's changes but the Users page's (your passphrase,
 * the lock) for someone who is not an administrator */
static void
keep_for_administrators (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_PAGE (child) && !HARLEY_IS_PREFERENCES_USERS (child))
        gtk_widget_set_sensitive (child, FALSE);
      else if (!ADW_IS_PREFERENCES_PAGE (child))
        keep_for_administrators (child);
    }
}

/**
 * harley_preferences_window_new:
 * @parent: (nullable): the main window
 * @store: the practice database
 *
 * Returns: (transfer full): the preferences, holding the practice's details
 */
HarleyPreferencesWindow *
harley_preferences_window_new (GtkWindow   *parent,
                               HarleyStore *store)
{
  HarleyPreferencesWindow *self = g_object_new (HARLEY_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  load_details (self);
  load_diary (self);
  self->letters_page = _harley_preferences_letters_new (store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->letters_page));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (_harley_preferences_backups_new (store)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (_harley_preferences_users_new (store)));
  if (!harley_user_signed_in_can (store, HARLEY_ROLE_ADMINISTRATOR))
    {
      keep_for_administrators (GTK_WIDGET (self));
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Only an administrator can change these preferences")));
    }
  return self;
}
