/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli diary list | book | export-ics | clinic-list */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-cli.h"
#include "harley-diary.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

/**
 * _harley_cli_parse_day:
 * @text: (nullable): "YYYY-MM-DD" or "dd/mm/yyyy"; %NULL for today in
 *   Europe/London
 *
 * Returns: %FALSE, having said why, if @text is not a day
 */
gboolean
_harley_cli_parse_day (const char *option,
                       const char *text,
                       GDate      *date)
{
  g_autoptr(GError) error = NULL;
  int minutes;

  if (text == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      return harley_wall_time_from_utc (now, date, &minutes);
    }
  if (!harley_parse_date (text, date, &error))
    {
      g_printerr (_("harley-cli: %s “%s”: %s\n"), option, text, error->message);
      return FALSE;
    }
  return TRUE;
}

/* List {{{1 */

static void
append_json_appointment (GString           *out,
                         HarleyAppointment *appointment)
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (appointment);
  g_autofree char *day = harley_wall_time_to_iso (&info->date, info->start);
  g_autofree char *end = harley_wall_time_to_iso (&info->date, info->end);

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"patient_id\": %" G_GINT64_FORMAT
                          ", \"start\": \"%s\", \"end\": \"%s\", \"patient\": ",
                          info->id, info->patient_id, day, end);
  harley_cli_json_append_string (out, info->patient_name);
  g_string_append (out, ", \"date_of_birth\": ");
  harley_cli_json_append_string (out, info->date_of_birth);
  g_string_append (out, ", \"nhs_number\": ");
  harley_cli_json_append_string (out, info->nhs_number);
  g_string_append_printf (out, ", \"clinician_id\": %" G_GINT64_FORMAT ", \"clinician\": ", info->clinician_id);
  harley_cli_json_append_string (out, info->clinician_name);
  g_string_append (out, ", \"location\": ");
  harley_cli_json_append_string (out, info->location_name);
  g_string_append (out, ", \"type\": ");
  harley_cli_json_append_string (out, info->type_name);
  g_string_append_printf (out, ", \"status\": \"%s\", \"overbooked\": %s, \"notes\": ",
                          harley_appointment_status_to_string (info->status), info->overbooked ? "true" : "false");
  harley_cli_json_append_string (out, info->notes);
  g_string_append (out, "}");
}

static void
print_json (GPtrArray *appointments)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < appointments->len; i++)
    {
      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      append_json_appointment (out, g_ptr_array_index (appointments, i));
    }
  g_string_append (out, appointments->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

static void
print_table (GPtrArray *appointments)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < appointments->len; i++)
    {
      HarleyAppointment *a = g_ptr_array_index (appointments, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (a);
      g_autofree char *when = harley_appointment_dup_when (a);
      g_autofree char *dob = harley_format_date (info->date_of_birth);

      g_string_append_printf (out, "%-7" G_GINT64_FORMAT " %s  %s  %s (%s)  %s  %s%s\n", info->id, when,
                              info->clinician_name, info->patient_name, dob != NULL ? dob : "",
                              info->type_name, harley_appointment_status_label (info->status),
                              info->overbooked ? _(", overbooked") : "");
    }
  fwrite (out->str, 1, out->len, stdout);
}

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  g_autofree char *date_text = NULL;
  gboolean json = FALSE;
  gint64 days = 1;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text, N_("The first day (default today)"), N_("DATE") },
    { "days", 'n', 0, G_OPTION_ARG_INT64, &days, N_("How many days (default 1)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the appointments as JSON"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "diary list", NULL,
                                  _("Lists the appointments of a day, cancelled ones too, by time."),
                                  NULL, entries, FALSE, &args);
  GDate from, to;

  if (status >= 0)
    return status;
  if (days < 1 || days > 366)
    return _harley_cli_usage ("harley-cli diary list", _("--days must be between 1 and 366."));
  if (!_harley_cli_parse_day ("--date", date_text, &from))
    return HARLEY_CLI_EXIT_USAGE;
  to = from;
  g_date_add_days (&to, (guint) days - 1);
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((appointments = harley_diary_list_range (store, &from, &to, &error)) == NULL)
    return _harley_cli_fail (error);
  if (json)
    print_json (appointments);
  else if (appointments->len > 0)
    print_table (appointments);
  else
    g_printerr (_("No appointments.\n"));
  return HARLEY_CLI_EXIT_OK;
}

/* Book {{{1 */

static gint64
first_clinician (HarleyStore *store)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (store, NULL);

  if (clinicians == NULL || clinicians->len == 0)
    return 0;
  return ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
}

static int
type_minutes (HarleyStore *store,
              gint64       type_id)
{
  g_autoptr(GPtrArray) types = harley_diary_list_types (store, NULL);

  for (guint i = 0; types != NULL && i < types->len; i++)
    if (((HarleyAppointmentType *) g_ptr_array_index (types, i))->id == type_id)
      return ((HarleyAppointmentType *) g_ptr_array_index (types, i))->minutes;
  return 15;
}

static int
refused (const GError *error)
{
  g_printerr (_("harley-cli: Not booked. %s\n"), error->message);
  switch (error->code)
    {
    case HARLEY_DIARY_ERROR_DOUBLE_BOOKED:
      g_printerr (_("To book it anyway, add --overbook.\n"));
      break;
    case HARLEY_DIARY_ERROR_BLOCKED:
      g_printerr (_("To book it anyway, add --allow-blocked.\n"));
      break;
    case HARLEY_DIARY_ERROR_IN_PAST:
      g_printerr (_("To record a past appointment, add --allow-past.\n"));
      break;
    case HARLEY_DIARY_ERROR_OUTSIDE_SESSION:
      g_printerr (_("To book it anyway, add --allow-outside-session.\n"));
      break;
    case HARLEY_DIARY_ERROR_SAME_DAY:
      g_printerr (_("To book a second appointment that day, add --allow-same-day.\n"));
      break;
    case HARLEY_DIARY_ERROR_INVALID:
    case HARLEY_DIARY_ERROR_NOT_FOUND:
    case HARLEY_DIARY_ERROR_STATUS:
    default:
      break;
    }
  return HARLEY_CLI_EXIT_USAGE;
}

typedef struct
{
  gint64    patient;
  gint64    clinician;
  gint64    minutes;
  char     *type;
  char     *start;
  char     *notes;
  gboolean  overbook;
  gboolean  allow_blocked;
  gboolean  allow_past;
  gboolean  allow_outside;
  gboolean  allow_same_day;
} BookOptions;

static int
book (HarleyStore       *store,
      const BookOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyAppointment) booked = NULL;
  g_autofree char *when = NULL;
  HarleyBooking b = { 0 };
  HarleyBookFlags flags = (o->overbook ? HARLEY_BOOK_OVERBOOK : 0)
                          | (o->allow_blocked ? HARLEY_BOOK_ALLOW_BLOCKED : 0)
                          | (o->allow_past ? HARLEY_BOOK_ALLOW_PAST : 0)
                          | (o->allow_outside ? HARLEY_BOOK_ALLOW_OUTSIDE_SESSION : 0)
                          | (o->allow_same_day ? HARLEY_BOOK_ALLOW_SAME_DAY : 0);
  gint64 id;

  b.patient_id = o->patient;
  b.clinician_id = o->clinician != 0 ? o->clinician : first_clinician (store);
  b.notes = o->notes;
  if ((b.type_id = harley_diary_find_type (store, o->type)) == 0)
    {
      g_printerr (_("harley-cli: There is no appointment type “%s”.\n"), o->type);
      return HARLEY_CLI_EXIT_USAGE;
    }
  if (!harley_wall_time_parse (o->start, &b.date, &b.start, &error))
    {
      g_printerr (_("harley-cli: --start: %s\n"), error->message);
      return HARLEY_CLI_EXIT_USAGE;
    }
  b.end = b.start + (o->minutes > 0 ? (int) MIN (o->minutes, 1440) : type_minutes (store, b.type_id));
  if ((id = harley_diary_book (store, &b, flags, &error)) == 0)
    return error->domain == HARLEY_STORE_ERROR ? _harley_cli_fail (error) : refused (error);
  if ((booked = harley_diary_load (store, id, &error)) == NULL)
    return _harley_cli_fail (error);
  when = harley_appointment_dup_when (booked);
  g_print (_("Booked appointment %" G_GINT64_FORMAT ": %s, %s, %s.\n"), id,
           harley_appointment_get_info (booked)->patient_name, harley_appointment_get_info (booked)->type_name,
           when);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_book (HarleyCli  *cli,
          char      **args)
{
  BookOptions o = { 0 };
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_INT64, &o.patient, N_("The patient's number, from “patients search”"), N_("ID") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &o.type, N_("The appointment type, e.g. “Follow-up”"), N_("TYPE") },
    { "start", 's', 0, G_OPTION_ARG_STRING, &o.start, N_("When, as “YYYY-MM-DD HH:MM”"), N_("TIME") },
    { "minutes", 'm', 0, G_OPTION_ARG_INT64, &o.minutes, N_("How long (default: the type's length)"), N_("N") },
    { "clinician", 'c', 0, G_OPTION_ARG_INT64, &o.clinician, N_("The clinician (default: the first)"), N_("ID") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o.notes, N_("Notes for the appointment"), N_("TEXT") },
    { "overbook", 0, 0, G_OPTION_ARG_NONE, &o.overbook, N_("Book even if the clinician is busy then"), NULL },
    { "allow-blocked", 0, 0, G_OPTION_ARG_NONE, &o.allow_blocked, N_("Book in blocked time"), NULL },
    { "allow-past", 0, 0, G_OPTION_ARG_NONE, &o.allow_past, N_("Record an appointment in the past"), NULL },
    { "allow-outside-session", 0, 0, G_OPTION_ARG_NONE, &o.allow_outside, N_("Book outside the clinics"), NULL },
    { "allow-same-day", 0, 0, G_OPTION_ARG_NONE, &o.allow_same_day,
      N_("Book even if the patient has an appointment that day"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  int status = _harley_cli_parse (cli, "diary book", NULL,
                                  _("Books an appointment under the same rules as the diary: a clash "
                                    "with another booking, blocked time, a time in the past, outside a "
                                    "clinic, or a second appointment that day is refused (exit status 2, "
                                    "nothing written) unless its option says to go ahead."),
                                  NULL, entries, FALSE, &args);

  if (status < 0 && (o.patient <= 0 || o.type == NULL || o.start == NULL))
    status = _harley_cli_usage ("harley-cli diary book", _("Give --patient, --type and --start."));
  else if (status < 0 && (store = _harley_cli_open (cli, FALSE, &status)) != NULL)
    status = book (store, &o);
  g_free (o.type);
  g_free (o.start);
  g_free (o.notes);
  return status;
}

/* Dispatch {{{1 */

static const HarleyCliCommand subcommands[] = {
  { "list", N_("List a day's appointments"), run_list },
  { "book", N_("Book an appointment"), run_book },
  { "export-ics", N_("Export the diary as an iCalendar file"), _harley_cli_diary_export_ics },
  { "clinic-list", N_("Print a day's clinic list as a PDF"), _harley_cli_diary_clinic_list },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with the diary."), word);
}

static const HarleyCliGroup group = {
  .name = "diary",
  .summary = N_("The consultant's diary."),
  .say_what_to_do = N_("Say what to do, such as “diary list” or “diary book”."),
  .describe_unknown = describe_unknown,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
  .name_width = 12,
};

/**
 * _harley_cli_diary:
 * @cli: the run's settings
 * @args: "diary" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_diary (HarleyCli  *cli,
                   char      **args)
{
  return _harley_cli_run_group (cli, args, &group);
}
