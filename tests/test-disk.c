/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Whether the database's disk is encrypted, on pretend /sys trees laid
 * out as the kernel lays out each kind of disk Harley may be kept on. */

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include "harley-disk.h"
#include "harley-test-sysfs.h"
#include "harley-test-util.h"

typedef struct
{
  char *root;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = harley_test_make_dir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  harley_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

static void
assert_device (Fixture              *fixture,
               guint                 major,
               guint                 minor,
               HarleyDiskEncryption  expected,
               const char           *detail_part)
{
  g_autofree char *detail = NULL;
  HarleyDiskEncryption got = harley_disk_get_device_encryption (major, minor, fixture->root, &detail);

  g_test_message ("%u:%u: %s", major, minor, detail);
  g_assert_cmpint (got, ==, expected);
  g_assert_nonnull (strstr (detail, detail_part));
}

/* /dev/sda1, straight on the disk. */
static void
test_plain_partition (Fixture       *fixture,
                      gconstpointer  data)
{
  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/0000:00:17.0/block/sda", 8, 0);
  harley_test_sysfs_add_partition (fixture->root, "devices/pci0000:00/0000:00:17.0/block/sda/sda1", 8, 1, "1");

  assert_device (fixture, 8, 1, HARLEY_DISK_NOT_ENCRYPTED, "sda1 → sda → not encrypted");
  assert_device (fixture, 8, 0, HARLEY_DISK_NOT_ENCRYPTED, "sda");
}

/* Debian's "guided, encrypted LVM": sda5 → LUKS (dm-0) → LVM root (dm-1). */
static void
test_lvm_on_luks (Fixture       *fixture,
                  gconstpointer  data)
{
  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/block/sda", 8, 0);
  harley_test_sysfs_add_partition (fixture->root, "devices/pci0000:00/block/sda/sda5", 8, 5, "5");
  harley_test_sysfs_add_luks (fixture->root, "devices/virtual/block/dm-0", 253, 0,
                              "devices/pci0000:00/block/sda/sda5");
  harley_test_sysfs_add (fixture->root, "devices/virtual/block/dm-1", 253, 1);
  harley_test_sysfs_set (fixture->root, "devices/virtual/block/dm-1", "dm/uuid",
                         "LVM-Xg0bYz3kS1mP7qR2tU9vW4xA6cE8fH0jNdKlMoPqRsTuVwXyZaBcDeFgHiJkL");
  harley_test_sysfs_slave (fixture->root, "devices/virtual/block/dm-1", "devices/virtual/block/dm-0");

  assert_device (fixture, 253, 1, HARLEY_DISK_ENCRYPTED, "dm-1 → dm-0 → dm-crypt");
  /* The partition under it holds only ciphertext, but is not itself. */
  assert_device (fixture, 8, 5, HARLEY_DISK_NOT_ENCRYPTED, "sda5");
}

/* LUKS inside a logical volume (Fedora's and others' other order). */
static void
test_luks_on_lvm (Fixture       *fixture,
                  gconstpointer  data)
{
  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/block/sdb", 8, 16);
  harley_test_sysfs_add (fixture->root, "devices/virtual/block/dm-0", 253, 0);
  harley_test_sysfs_set (fixture->root, "devices/virtual/block/dm-0", "dm/uuid", "LVM-abc");
  harley_test_sysfs_slave (fixture->root, "devices/virtual/block/dm-0", "devices/pci0000:00/block/sdb");
  harley_test_sysfs_add_luks (fixture->root, "devices/virtual/block/dm-1", 253, 1, "devices/virtual/block/dm-0");

  assert_device (fixture, 253, 1, HARLEY_DISK_ENCRYPTED, "dm-1 → dm-crypt");
  assert_device (fixture, 253, 0, HARLEY_DISK_NOT_ENCRYPTED, "dm-0 → sdb → not encrypted");
}

/* LVM with no encryption, and a volume group on two disks only one of
 * which is encrypted: neither is safe. */
static void
test_lvm_without_luks (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *lv = "devices/virtual/block/dm-2";

  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/block/sda", 8, 0);
  harley_test_sysfs_add_partition (fixture->root, "devices/pci0000:00/block/sda/sda2", 8, 2, "2");
  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/block/sdb", 8, 16);
  harley_test_sysfs_add_luks (fixture->root, "devices/virtual/block/dm-0", 253, 0,
                              "devices/pci0000:00/block/sdb");
  harley_test_sysfs_add (fixture->root, "devices/virtual/block/dm-1", 253, 1);
  harley_test_sysfs_set (fixture->root, "devices/virtual/block/dm-1", "dm/uuid", "LVM-plain");
  harley_test_sysfs_slave (fixture->root, "devices/virtual/block/dm-1", "devices/pci0000:00/block/sda/sda2");
  harley_test_sysfs_add (fixture->root, lv, 253, 2);
  harley_test_sysfs_set (fixture->root, lv, "dm/uuid", "LVM-spanning");
  harley_test_sysfs_slave (fixture->root, lv, "devices/pci0000:00/block/sda/sda2");
  harley_test_sysfs_slave (fixture->root, lv, "devices/virtual/block/dm-0");

  assert_device (fixture, 253, 1, HARLEY_DISK_NOT_ENCRYPTED, "dm-1 → sda2 → sda → not encrypted");
  assert_device (fixture, 253, 2, HARLEY_DISK_NOT_ENCRYPTED, "dm-crypt");
}

/* NVMe names its partitions nvme0n1p2; the partition's folder is still
 * inside its disk's. */
static void
test_nvme (Fixture       *fixture,
           gconstpointer  data)
{
  const char *disk = "devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1";

  harley_test_sysfs_add (fixture->root, disk, 259, 0);
  harley_test_sysfs_add_partition (fixture->root, "devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1/nvme0n1p2",
                                   259, 2, "2");
  harley_test_sysfs_add_partition (fixture->root, "devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1/nvme0n1p3",
                                   259, 3, "3");
  harley_test_sysfs_add_luks (fixture->root, "devices/virtual/block/dm-0", 254, 0,
                              "devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1/nvme0n1p3");

  assert_device (fixture, 259, 2, HARLEY_DISK_NOT_ENCRYPTED, "nvme0n1p2 → nvme0n1 → not encrypted");
  assert_device (fixture, 254, 0, HARLEY_DISK_ENCRYPTED, "dm-crypt");
}

/* A loop device is as safe as the disk its image file is on: here, the
 * disk this test's own folder is on, pretended encrypted and then not. */
static void
test_loop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *image = g_build_filename (fixture->root, "disk.img", NULL);
  struct stat st;

  g_assert_true (g_file_set_contents (image, "", 0, NULL));
  g_assert_cmpint (stat (image, &st), ==, 0);
  harley_test_sysfs_add (fixture->root, "devices/virtual/block/loop0", 7, 0);
  harley_test_sysfs_set (fixture->root, "devices/virtual/block/loop0", "loop/backing_file", image);
  harley_test_sysfs_add (fixture->root, "devices/virtual/block/loop1", 7, 1);
  harley_test_sysfs_set (fixture->root, "devices/virtual/block/loop1", "loop/backing_file", "/nowhere/gone.img");

  /* Before the image's disk is in the tree, it cannot be told. */
  assert_device (fixture, 7, 0, HARLEY_DISK_UNKNOWN, "no block device for it");
  assert_device (fixture, 7, 1, HARLEY_DISK_UNKNOWN, "the loop device's file is not there");
  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/block/sdc", 8, 32);
  harley_test_sysfs_add_luks (fixture->root, "devices/virtual/block/dm-5", major (st.st_dev), minor (st.st_dev),
                              "devices/pci0000:00/block/sdc");
  assert_device (fixture, 7, 0, HARLEY_DISK_ENCRYPTED, "loop0 → ");
}

/* What cannot be read is not called safe, nor unsafe. */
static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  assert_device (fixture, 8, 1, HARLEY_DISK_UNKNOWN, "no block device for it");
  harley_test_sysfs_add (fixture->root, "devices/virtual/block/dm-0", 253, 0);
  harley_test_sysfs_set (fixture->root, "devices/virtual/block/dm-0", "dm/uuid", "LVM-x");
  harley_test_sysfs_slave (fixture->root, "devices/virtual/block/dm-0", "devices/pci0000:00/block/sdz");
  assert_device (fixture, 253, 0, HARLEY_DISK_UNKNOWN, "a device it is built on is missing");
  assert_device (fixture, 0, 42, HARLEY_DISK_UNKNOWN, "no block device for it");
}

/* A file: its filesystem first, then its device in the tree. */
static void
test_file (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->root, "practice.db", NULL);
  g_autofree char *gone = g_build_filename (fixture->root, "gone.db", NULL);
  g_autofree char *detail = NULL;
  struct statfs fs;
  struct stat st;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (statfs (path, &fs), ==, 0);
  g_assert_cmpint (harley_disk_get_encryption (gone, fixture->root, &detail), ==, HARLEY_DISK_UNKNOWN);
  g_assert_cmpstr (detail, ==, "the file is not there");
  g_clear_pointer (&detail, g_free);
  if (major (st.st_dev) == 0)
    {
      /* tmpfs, overlay, btrfs: no block device to pretend about. */
      g_assert_cmpint (harley_disk_get_encryption (path, fixture->root, &detail), ==, HARLEY_DISK_UNKNOWN);
      g_test_message ("%s", detail);
      return;
    }
  harley_test_sysfs_add (fixture->root, "devices/pci0000:00/block/sda", major (st.st_dev), minor (st.st_dev));
  g_assert_cmpint (harley_disk_get_encryption (path, fixture->root, &detail), ==, HARLEY_DISK_NOT_ENCRYPTED);
  g_assert_cmpstr (detail, ==, "sda → not encrypted");
}

/* tmpfs, when the machine has it at /dev/shm: in memory, so unknown. */
static void
test_tmpfs (void)
{
  g_autofree char *detail = NULL;
  struct statfs fs;

  if (statfs ("/dev/shm", &fs) != 0 || fs.f_type != 0x01021994)
    {
      g_test_skip ("/dev/shm is not tmpfs here");
      return;
    }
  g_assert_cmpint (harley_disk_get_encryption ("/dev/shm", "/sys", &detail), ==, HARLEY_DISK_UNKNOWN);
  g_assert_nonnull (strstr (detail, "tmpfs"));
}

/* The real /sys answers too, whatever it says about this machine. */
static void
test_real_sysfs (void)
{
  g_autofree char *detail = NULL;
  HarleyDiskEncryption got = harley_disk_get_encryption (g_get_tmp_dir (), HARLEY_DISK_SYSFS, &detail);

  g_test_message ("%s: %d, %s", g_get_tmp_dir (), got, detail);
  g_assert_nonnull (detail);
  g_assert_cmpuint (strlen (detail), >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/disk/plain-partition", Fixture, NULL, fixture_set_up, test_plain_partition, fixture_tear_down);
  g_test_add ("/disk/lvm-on-luks", Fixture, NULL, fixture_set_up, test_lvm_on_luks, fixture_tear_down);
  g_test_add ("/disk/luks-on-lvm", Fixture, NULL, fixture_set_up, test_luks_on_lvm, fixture_tear_down);
  g_test_add ("/disk/lvm-without-luks", Fixture, NULL, fixture_set_up, test_lvm_without_luks, fixture_tear_down);
  g_test_add ("/disk/nvme", Fixture, NULL, fixture_set_up, test_nvme, fixture_tear_down);
  g_test_add ("/disk/loop", Fixture, NULL, fixture_set_up, test_loop, fixture_tear_down);
  g_test_add ("/disk/missing", Fixture, NULL, fixture_set_up, test_missing, fixture_tear_down);
  g_test_add ("/disk/file", Fixture, NULL, fixture_set_up, test_file, fixture_tear_down);
  g_test_add_func ("/disk/tmpfs", test_tmpfs);
  g_test_add_func ("/disk/real-sysfs", test_real_sysfs);
  return g_test_run ();
}
