/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-clinic-list"

/* The printed clinic list of a day: who is expected, when, with their
 * dates of birth, NHS numbers and alerts, one part per clinician, and
 * apart from them those who cancelled or did not attend.
 *
 * The day is read once, when the list is made. The same pages are drawn
 * into a PDF (harley_clinic_list_write_pdf) or onto any cairo_t, such as
 * GtkPrintOperation's ::draw-page with GTK_UNIT_POINTS:
 *
 *   n_pages = harley_clinic_list_get_n_pages (list, width, height);
 *   harley_clinic_list_draw_page (list, cr, width, height, page_nr);
 *
 * Text goes through Pango with the generic "Sans" family, so fontconfig
 * finds a font for any script on the machine, and cairo embeds it. */

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "harley-clinic-list-private.h"
#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-render-util.h"
#include "harley-validate.h"

/* A4 in points */
#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

struct _HarleyClinicList
{
  GObject              parent_instance;

  /* Owned data */
  char                *database;   /* the store's file, never to be written over */
  char                *title;
  HarleyClinicHeading  heading;
  GPtrArray           *sections;   /* HarleyClinicSection */
  HarleyClinicPages   *pages;      /* for the last page size asked for */
};

G_DEFINE_FINAL_TYPE (HarleyClinicList, harley_clinic_list, G_TYPE_OBJECT)
G_DEFINE_QUARK (harley-clinic-list-error-quark, harley_clinic_list_error)

/* Sections {{{1 */

static void
section_free (HarleyClinicSection *section)
{
  g_free (section->name);
  g_free (section->role);
  g_free (section->clinics);
  g_ptr_array_unref (section->expected);
  g_ptr_array_unref (section->not_coming);
  g_free (section);
}

static char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "consultant") == 0)
    return g_strdup (_("Consultant"));
  if (g_strcmp0 (role, "nurse") == 0)
    return g_strdup (_("Nurse"));
  return NULL;
}

static HarleyClinicSection *
section_new (gint64      clinician_id,
             const char *name,
             const char *role)
{
  HarleyClinicSection *section = g_new0 (HarleyClinicSection, 1);

  section->clinician_id = clinician_id;
  section->name = g_strdup (name != NULL ? name : "");
  section->role = role_label (role);
  section->expected = g_ptr_array_new_with_free_func (g_object_unref);
  section->not_coming = g_ptr_array_new_with_free_func (g_object_unref);
  return section;
}

static HarleyClinicSection *
find_section (GPtrArray *sections,
              gint64     clinician_id)
{
  for (guint i = 0; i < sections->len; i++)
    {
      HarleyClinicSection *section = g_ptr_array_index (sections, i);

      if (section->clinician_id == clinician_id)
        return section;
    }
  return NULL;
}

static gboolean
has_clinic (GArray *days,
            gint64  clinician_id)
{
  for (guint i = 0; i < days->len; i++)
    if (g_array_index (days, HarleySessionDay, i).clinician_id == clinician_id)
      return TRUE;
  return FALSE;
}

static gboolean
has_appointment (GPtrArray *appointments,
                 gint64     clinician_id)
{
  for (guint i = 0; i < appointments->len; i++)
    if (harley_appointment_get_info (g_ptr_array_index (appointments, i))->clinician_id == clinician_id)
      return TRUE;
  return FALSE;
}

/* The clinicians in the diary's order: the one asked for, or each who
 * has a clinic or an appointment that day. */
static void
add_clinicians (GPtrArray *sections,
                GPtrArray *clinicians,
                GArray    *days,
                GPtrArray *appointments,
                gint64     only)
{
  for (guint i = 0; i < clinicians->len; i++)
    {
      const HarleyClinician *c = g_ptr_array_index (clinicians, i);

      if (only != 0 ? c->id == only : has_clinic (days, c->id) || has_appointment (appointments, c->id))
        g_ptr_array_add (sections, section_new (c->id, c->name, c->role));
    }
}

/* A clinician no longer in the diary's columns may still have had
 * appointments that day: they get a section of their own. */
static void
add_appointments (GPtrArray *sections,
                  GPtrArray *appointments,
                  gint64     only)
{
  for (guint i = 0; i < appointments->len; i++)
    {
      HarleyAppointment *a = g_ptr_array_index (appointments, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (a);
      HarleyClinicSection *section;

      if (only != 0 && info->clinician_id != only)
        continue;
      if ((section = find_section (sections, info->clinician_id)) == NULL)
        {
          section = section_new (info->clinician_id, info->clinician_name, NULL);
          g_ptr_array_add (sections, section);
        }
      g_ptr_array_add (harley_appointment_is_active (a) ? section->expected : section->not_coming,
                       g_object_ref (a));
    }
}

/* Clinics {{{1 */

static char *
location_name (HarleyStore *store,
               gint64       location_id)
{
  g_autoptr(HarleyContact) place = NULL;

  if (location_id == 0 || (place = harley_contact_load (store, location_id, NULL)) == NULL)
    return NULL;
  return g_strdup (harley_contact_get_name (place));
}

static void
append_clinic (GString                *text,
               GPtrArray              *places,
               HarleyStore            *store,
               const HarleySessionDay *day)
{
  g_autofree char *start = harley_format_minutes (day->start);
  g_autofree char *end = harley_format_minutes (day->end);
  g_autofree char *place = location_name (store, day->location_id);

  if (text->len > 0)
    g_string_append (text, " · ");
  if (place == NULL)
    {
      g_string_append_printf (text, "%s–%s", start, end);
      return;
    }
  /* TRANSLATORS: a clinic's times and place, "09:00–12:30 at The London Clinic" */
  g_string_append_printf (text, _("%s–%s at %s"), start, end, place);
  g_ptr_array_add (places, g_steal_pointer (&place));
}

/* Places of appointments booked away from the clinic's own place. */
static void
append_other_places (GString                   *text,
                     GPtrArray                 *places,
                     const HarleyClinicSection *section)
{
  for (guint i = 0; i < section->expected->len; i++)
    {
      const char *place = harley_appointment_get_info (g_ptr_array_index (section->expected, i))->location_name;

      if (place == NULL || g_ptr_array_find_with_equal_func (places, place, g_str_equal, NULL))
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: a place some appointments are at, "also at Spire Hospital" */
      g_string_append_printf (text, text->len > 0 ? _("also at %s") : _("At %s"), place);
      g_ptr_array_add (places, g_strdup (place));
    }
}

static void
describe_clinics (HarleyClinicSection *section,
                  HarleyStore         *store,
                  GArray              *days)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < days->len; i++)
    if (g_array_index (days, HarleySessionDay, i).clinician_id == section->clinician_id)
      append_clinic (text, places, store, &g_array_index (days, HarleySessionDay, i));
  if (text->len == 0)
    g_string_append (text, _("No clinic this day"));
  append_other_places (text, places, section);
  section->clinics = g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
read_sections (HarleyStore  *store,
               const GDate  *date,
               gint64        only,
               GError      **error)
{
  g_autoptr(GPtrArray) appointments = harley_diary_list_range (store, date, date, error);
  g_autoptr(GArray) days = NULL;
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);

  if (appointments == NULL
      || (days = harley_diary_list_sessions (store, date, date, error)) == NULL
      || (clinicians = harley_diary_list_clinicians (store, error)) == NULL)
    return NULL;
  add_clinicians (sections, clinicians, days, appointments, only);
  add_appointments (sections, appointments, only);
  if (only != 0 && sections->len == 0)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_NOT_FOUND,
                   _("That clinician is not in the diary. Choose one of the diary's clinicians."));
      return NULL;
    }
  for (guint i = 0; i < sections->len; i++)
    describe_clinics (g_ptr_array_index (sections, i), store, days);
  return g_steal_pointer (&sections);
}

/* The heading {{{1 */

/* Cairo reads PNG alone; a logo of another kind is left off the list. */
static cairo_surface_t *
read_logo (HarleyStore *store)
{
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = harley_store_get_practice_logo (store, &mime_type);

  if (g_strcmp0 (mime_type, "image/png") != 0)
    return NULL;
  return _harley_render_load_png (bytes);
}

static char *
practice_detail (HarleyStore *store,
                 const char  *key)
{
  char *value = harley_store_get_practice_detail (store, key);

  if (value != NULL && g_strstrip (value)[0] != '\0')
    return value;
  g_free (value);
  return NULL;
}

/* The address, stored a line a row, on one line with the phone number. */
static char *
practice_contact (HarleyStore *store)
{
  g_autofree char *address = practice_detail (store, "address");
  g_autofree char *phone = practice_detail (store, "phone");
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (address != NULL ? address : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", lines[i]);
  if (phone != NULL)
    /* TRANSLATORS: the practice's telephone number under its name */
    g_string_append_printf (text, text->len > 0 ? _(" · Telephone %s") : _("Telephone %s"), phone);
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  /* TRANSLATORS: the day of a clinic list, as strftime: "Monday 14 January 2030" */
  return g_date_time_format (noon, _("%A %-d %B %Y"));
}

static void
read_heading (HarleyClinicHeading *heading,
              HarleyStore         *store,
              const GDate         *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  heading->practice_name = practice_detail (store, "name");
  heading->practice_contact = practice_contact (store);
  heading->logo = read_logo (store);
  heading->date = *date;
  heading->day = format_day (date);
  heading->printed = harley_format_date_time (now);
}

/* The object {{{1 */

static void
harley_clinic_list_finalize (GObject *object)
{
  HarleyClinicList *self = HARLEY_CLINIC_LIST (object);

  g_clear_pointer (&self->pages, _harley_clinic_pages_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->heading.logo, cairo_surface_destroy);
  g_free (self->heading.practice_name);
  g_free (self->heading.practice_contact);
  g_free (self->heading.day);
  g_free (self->heading.printed);
  g_free (self->database);
  g_free (self->title);

  G_OBJECT_CLASS (harley_clinic_list_parent_class)->finalize (object);
}

static void
harley_clinic_list_class_init (HarleyClinicListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = harley_clinic_list_finalize;
}

static void
harley_clinic_list_init (HarleyClinicList *self)
{
}

/**
 * harley_clinic_list_new:
 * @store: the practice database
 * @date: the day to list
 * @clinician_id: one clinician's list, or 0 for every clinician with a
 *   clinic or an appointment that day
 * @error: where to say what went wrong
 *
 * Reads the day's appointments and clinics; nothing is read again later.
 *
 * Returns: (transfer full): the clinic list, or %NULL with @error set
 *   (%HARLEY_DIARY_ERROR_NOT_FOUND for an unknown clinician)
 */
HarleyClinicList *
harley_clinic_list_new (HarleyStore  *store,
                        const GDate  *date,
                        gint64        clinician_id,
                        GError      **error)
{
  g_autoptr(HarleyClinicList) self = NULL;
  g_autoptr(GPtrArray) sections = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (clinician_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((sections = read_sections (store, date, clinician_id, error)) == NULL)
    return NULL;
  self = g_object_new (HARLEY_TYPE_CLINIC_LIST, NULL);
  self->sections = g_steal_pointer (&sections);
  self->database = g_strdup (harley_store_get_path (store));
  read_heading (&self->heading, store, date);
  /* TRANSLATORS: a PDF's title and a print job's name; %s is the day */
  self->title = g_strdup_printf (_("Clinic list — %s"), self->heading.day);
  return g_steal_pointer (&self);
}

/**
 * harley_clinic_list_get_title:
 *
 * Returns: "Clinic list — Monday 14 January 2030", for a print job or a
 *   file's title
 */
const char *
harley_clinic_list_get_title (HarleyClinicList *self)
{
  g_return_val_if_fail (HARLEY_IS_CLINIC_LIST (self), NULL);
  return self->title;
}

static HarleyClinicPages *
get_pages (HarleyClinicList *self,
           double            width,
           double            height)
{
  if (self->pages == NULL || !_harley_clinic_pages_fit (self->pages, width, height))
    {
      g_clear_pointer (&self->pages, _harley_clinic_pages_free);
      self->pages = _harley_clinic_pages_new (&self->heading, self->sections, width, height);
    }
  return self->pages;
}

/**
 * harley_clinic_list_get_n_pages:
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Returns: how many pages the list takes at that size, at least 1
 */
guint
harley_clinic_list_get_n_pages (HarleyClinicList *self,
                                double            width,
                                double            height)
{
  g_return_val_if_fail (HARLEY_IS_CLINIC_LIST (self), 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);
  return _harley_clinic_pages_count (get_pages (self, width, height));
}

/**
 * harley_clinic_list_draw_page:
 * @cr: where to draw, in points, with (0, 0) at the page's top left corner
 * @width: the page's width in points
 * @height: the page's height in points
 * @page_nr: the page, from 0
 *
 * Draws one page of the list as laid out for that page size.
 */
void
harley_clinic_list_draw_page (HarleyClinicList *self,
                              cairo_t          *cr,
                              double            width,
                              double            height,
                              guint             page_nr)
{
  HarleyClinicPages *pages;

  g_return_if_fail (HARLEY_IS_CLINIC_LIST (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);
  pages = get_pages (self, width, height);
  g_return_if_fail (page_nr < _harley_clinic_pages_count (pages));
  _harley_clinic_pages_draw (pages, cr, page_nr);
}

/* The PDF {{{1 */

typedef struct
{
  int fd;
  int error;   /* errno of the first failed write */
} PdfSink;

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  PdfSink *sink = closure;

  if ((sink->error = _harley_render_write_all (sink->fd, data, length)) != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  /* TRANSLATORS: %s is a file, then the system's reason */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("The clinic list could not be saved as “%s”: %s."), name, g_strerror (saved_errno));
}

static void
draw_a4_page (cairo_t  *cr,
              guint     page,
              gpointer  user_data)
{
  harley_clinic_list_draw_page (user_data, cr, A4_WIDTH, A4_HEIGHT, page);
}

/* Draws every page as A4 into @fd; returns 0 or an errno. */
static int
render_pdf (int       fd,
            gpointer  user_data)
{
  HarleyClinicList *self = user_data;
  PdfSink sink = { fd, 0 };
  guint n_pages = harley_clinic_list_get_n_pages (self, A4_WIDTH, A4_HEIGHT);
  cairo_status_t status;

  status = _harley_render_pdf (write_to_fd, &sink, A4_WIDTH, A4_HEIGHT, self->title,
                               n_pages, draw_a4_page, self);
  if (sink.error != 0)
    return sink.error;
  if (status == CAIRO_STATUS_NO_MEMORY)
    return ENOMEM;
  return status == CAIRO_STATUS_SUCCESS ? 0 : EIO;
}

/* A slip in a file name must not put a PDF where the practice's records
 * are. */
static gboolean
check_not_database (HarleyClinicList  *self,
                    const char        *path,
                    GError           **error)
{
  g_autofree char *name = NULL;

  if (!_harley_render_is_database (self->database, path))
    return TRUE;
  name = g_filename_display_name (path);
  g_set_error (error, HARLEY_CLINIC_LIST_ERROR, HARLEY_CLINIC_LIST_ERROR_IS_DATABASE,
               _("“%s” holds the practice’s records. Save the clinic list as another file."), name);
  return FALSE;
}

/**
 * harley_clinic_list_write_pdf:
 * @path: the PDF file to write; one already there is replaced
 * @error: where to say what went wrong
 *
 * Writes the list on A4 pages into a new file beside @path, readable by
 * its owner alone, and renames it to @path once it is whole: a failure
 * (a full disk, say) leaves no half-written list, and any earlier one as
 * it was. The practice database is never written over
 * (%HARLEY_CLINIC_LIST_ERROR_IS_DATABASE).
 *
 * Returns: %TRUE if the list was written
 */
gboolean
harley_clinic_list_write_pdf (HarleyClinicList  *self,
                              const char        *path,
                              GError           **error)
{
  int saved_errno;

  g_return_val_if_fail (HARLEY_IS_CLINIC_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_database (self, path, error))
    return FALSE;
  if ((saved_errno = _harley_render_write_file (path, render_pdf, self)) == 0)
    return TRUE;
  set_file_error (error, saved_errno, path);
  return FALSE;
}
