/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A pretend /sys for the disk encryption check: block devices' folders,
 * their /sys/dev/block/MAJ:MIN links, attributes and slaves, laid out
 * as the kernel lays them out. */

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

/* Adds the device folder @dir (relative to @root) as MAJ:MIN. */
static inline void
harley_test_sysfs_add (const char *root,
                       const char *dir,
                       guint       major,
                       guint       minor)
{
  g_autofree char *path = g_build_filename (root, dir, NULL);
  g_autofree char *block = g_build_filename (root, "dev", "block", NULL);
  g_autofree char *number = g_strdup_printf ("%u:%u", major, minor);
  g_autofree char *link = g_build_filename (block, number, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (block, 0755), ==, 0);
  g_assert_cmpint (symlink (path, link), ==, 0);
}

/* Writes the attribute @name ("dm/uuid", "partition") of device @dir. */
static inline void
harley_test_sysfs_set (const char *root,
                       const char *dir,
                       const char *name,
                       const char *value)
{
  g_autofree char *path = g_build_filename (root, dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *line = g_strconcat (value, "\n", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_file_set_contents (path, line, -1, &error);
  g_assert_no_error (error);
}

/* Makes device @dir built on device @slave, as LVM and dm-crypt are. */
static inline void
harley_test_sysfs_slave (const char *root,
                         const char *dir,
                         const char *slave)
{
  g_autofree char *slaves = g_build_filename (root, dir, "slaves", NULL);
  g_autofree char *name = g_path_get_basename (slave);
  g_autofree char *link = g_build_filename (slaves, name, NULL);
  g_autofree char *target = g_build_filename (root, slave, NULL);

  g_assert_cmpint (g_mkdir_with_parents (slaves, 0755), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
}

/* A dm-crypt (LUKS2) device @dir on @slave. */
static inline void
harley_test_sysfs_add_luks (const char *root,
                            const char *dir,
                            guint       major,
                            guint       minor,
                            const char *slave)
{
  harley_test_sysfs_add (root, dir, major, minor);
  harley_test_sysfs_set (root, dir, "dm/uuid", "CRYPT-LUKS2-0f1e2d3c4b5a69788796a5b4c3d2e1f0-luks-0f1e");
  harley_test_sysfs_slave (root, dir, slave);
}

/* A partition @dir (in its disk's folder) as MAJ:MIN. */
static inline void
harley_test_sysfs_add_partition (const char *root,
                                 const char *dir,
                                 guint       major,
                                 guint       minor,
                                 const char *number)
{
  harley_test_sysfs_add (root, dir, major, minor);
  harley_test_sysfs_set (root, dir, "partition", number);
}
