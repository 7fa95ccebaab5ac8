/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "harley-store.h"

#include "harley-letter-draw.h"

G_BEGIN_DECLS

/* harley-cli's exit status; `harley-cli --help` lists them. A script can
 * tell from it what to say to the person at the desk. */
typedef enum
{
  HARLEY_CLI_EXIT_OK          = 0,
  HARLEY_CLI_EXIT_FAILED      = 1,   /* anything else that went wrong */
  HARLEY_CLI_EXIT_USAGE       = 2,   /* wrong command or input: nothing written */
  HARLEY_CLI_EXIT_NOT_HARLEY  = 3,
  HARLEY_CLI_EXIT_TOO_NEW     = 4,
  HARLEY_CLI_EXIT_DAMAGED     = 5,
  HARLEY_CLI_EXIT_IN_USE      = 6,
  HARLEY_CLI_EXIT_READ_ONLY   = 7,
  HARLEY_CLI_EXIT_NO_DATABASE = 8,
  HARLEY_CLI_EXIT_AUDIT_BROKEN = 9,  /* the audit trail was tampered with: keep the file */
} HarleyCliExit;

typedef struct
{
  char *database;    /* --database, or NULL for the default */
} HarleyCli;

/* A command, or one of a group's sub-commands. The summary, which --help
 * lists, is marked for translation and translated when shown. */
typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (HarleyCli  *cli,
                    char      **args);
} HarleyCliCommand;

/* A command made of sub-commands, such as "diary list" and "diary book".
 * Its texts, too, are marked for translation and translated when shown. */
typedef struct
{
  const char              *name;             /* "diary" */
  const char              *summary;          /* what --help says it is */
  const char              *say_what_to_do;   /* when no sub-command is given */
  char                  *(*describe_unknown) (const char *word);  /* a word that is not one */
  const HarleyCliCommand  *subcommands;
  guint                    n_subcommands;
  int                      name_width;       /* of the names' column in --help */
} HarleyCliGroup;

int           harley_cli_run                 (int                  argc,
                                              char               **argv);
int           harley_cli_exit_status         (const GError        *error);
void          harley_cli_json_append_string  (GString             *out,
                                              const char          *text);

/* Shared by the commands in harley-cli-*.c */
int           _harley_cli_parse              (HarleyCli           *cli,
                                              const char          *command,
                                              const char          *parameters,
                                              const char          *summary,
                                              const char          *description,
                                              const GOptionEntry  *entries,
                                              gboolean             strict_posix,
                                              char              ***args);
int           _harley_cli_fail               (const GError        *error);
int           _harley_cli_usage              (const char          *command,
                                              const char          *message);
HarleyStore  *_harley_cli_open               (HarleyCli           *cli,
                                              gboolean             create,
                                              int                 *status);
int           _harley_cli_run_group          (HarleyCli           *cli,
                                              char               **args,
                                              const HarleyCliGroup *group);
int           _harley_cli_patients           (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_diary              (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_templates          (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_letters            (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_audit              (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_backup             (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_users              (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_samples            (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_samples_manifest   (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_results            (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_calls              (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_subject_access     (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_retention          (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_diary_export_ics   (HarleyCli           *cli,
                                              char               **args);
int           _harley_cli_diary_clinic_list  (HarleyCli           *cli,
                                              char               **args);
gboolean      _harley_cli_parse_day          (const char          *option,
                                              const char          *text,
                                              GDate               *date);

G_END_DECLS
