/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a file's disk is encrypted, so that a stolen computer or disk
 * does not give away the practice's records. */
typedef enum
{
  HARLEY_DISK_UNKNOWN,         /* in memory, on a network or of a kind Harley cannot see into */
  HARLEY_DISK_NOT_ENCRYPTED,
  HARLEY_DISK_ENCRYPTED,       /* dm-crypt (LUKS or plain), eCryptfs or fscrypt */
} HarleyDiskEncryption;

#define HARLEY_DISK_SYSFS "/sys"

HarleyDiskEncryption  harley_disk_get_encryption         (const char  *path,
                                                          const char  *sysfs_root,
                                                          char       **detail);
HarleyDiskEncryption  harley_disk_get_device_encryption  (guint        major,
                                                          guint        minor,
                                                          const char  *sysfs_root,
                                                          char       **detail);

G_END_DECLS
