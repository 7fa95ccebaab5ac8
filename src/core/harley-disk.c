/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-disk"

/* Is the practice database on an encrypted disk? Debian 12's SQLCipher is
 * too old to encrypt the file itself, so Harley relies on the disk, and
 * tells the secretary when it is not.
 *
 * The file's st_dev names its block device, MAJ:MIN, which sysfs shows as
 * <root>/dev/block/MAJ:MIN, a link to the device's folder. From there the
 * chain is walked down: a device-mapper device (LVM, dm-crypt) lists what
 * it is built on in slaves/, a partition (sda1, nvme0n1p2) lies in its
 * disk's folder, a loop device reads a file named in loop/backing_file.
 * A dm-crypt device, LUKS or plain, has a dm/uuid starting "CRYPT-". The
 * disk is encrypted when every way down passes through one. eCryptfs and
 * fscrypt encrypt files rather than disks and are asked of the file.
 *
 * The sysfs root is a parameter so that the tests can build trees for
 * each kind of disk. Nothing here is translated: the detail is for the
 * log and for the tests, and the window says what to do in its own words.
 */

#include <errno.h>
#include <fcntl.h>
#include <linux/fscrypt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "harley-disk.h"

/* Deep enough for a loop file on LVM on LUKS on RAID, short of a loop. */
#define MAX_DEPTH 16

/* Filesystems' magic numbers (linux/magic.h), those a database may sit on
 * that have no block device of their own to look at. */
#define TMPFS_MAGIC      0x01021994
#define RAMFS_MAGIC      0x858458f6
#define OVERLAYFS_MAGIC  0x794c7630
#define NFS_MAGIC        0x6969
#define SMB_MAGIC        0x517b
#define SMB2_MAGIC       0xfe534d42
#define CIFS_MAGIC       0xff534d42
#define FUSE_MAGIC       0x65735546
#define ECRYPTFS_MAGIC   0xf15f

typedef struct
{
  const char *root;
  guint       depth;
  GString    *detail;
} Walk;

static HarleyDiskEncryption walk_device (Walk       *walk,
                                         const char *dir);
static HarleyDiskEncryption walk_dev_t  (Walk       *walk,
                                         guint       major,
                                         guint       minor);

/* The first line of a small sysfs file, or NULL. */
static char *
read_attribute (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  text[strcspn (text, "\n")] = '\0';
  return text;
}

static char *
resolve (const char *path)
{
  return realpath (path, NULL);
}

static HarleyDiskEncryption
say (Walk                 *walk,
     HarleyDiskEncryption  result,
     const char           *what)
{
  if (walk->detail->len > 0)
    g_string_append (walk->detail, " → ");
  g_string_append (walk->detail, what);
  return result;
}

/* Every way down must be encrypted; one that is not outweighs one that
 * cannot be told. */
static HarleyDiskEncryption
combine (HarleyDiskEncryption a,
         HarleyDiskEncryption b)
{
  if (a == HARLEY_DISK_NOT_ENCRYPTED || b == HARLEY_DISK_NOT_ENCRYPTED)
    return HARLEY_DISK_NOT_ENCRYPTED;
  if (a == HARLEY_DISK_UNKNOWN || b == HARLEY_DISK_UNKNOWN)
    return HARLEY_DISK_UNKNOWN;
  return HARLEY_DISK_ENCRYPTED;
}

/* A disk image: as safe as the disk its file is on. */
static HarleyDiskEncryption
walk_loop (Walk       *walk,
           const char *backing)
{
  struct stat st;

  say (walk, HARLEY_DISK_UNKNOWN, backing);
  if (stat (backing, &st) != 0)
    return say (walk, HARLEY_DISK_UNKNOWN, "the loop device's file is not there");
  return walk_dev_t (walk, major (st.st_dev), minor (st.st_dev));
}

/* Built on other devices (LVM, RAID, dm-crypt's own disk): encrypted only
 * if each of them is, as a volume group may span an encrypted disk and
 * one that is not. */
static HarleyDiskEncryption
walk_slaves (Walk       *walk,
             const char *dir,
             gboolean   *any)
{
  g_autofree char *slaves = g_build_filename (dir, "slaves", NULL);
  g_autoptr(GDir) listing = g_dir_open (slaves, 0, NULL);
  HarleyDiskEncryption result = HARLEY_DISK_ENCRYPTED;
  const char *name;

  *any = FALSE;
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *link = g_build_filename (slaves, name, NULL);
      g_autofree char *target = resolve (link);
      HarleyDiskEncryption one;

      *any = TRUE;
      one = target != NULL ? walk_device (walk, target)
                           : say (walk, HARLEY_DISK_UNKNOWN, "a device it is built on is missing");
      result = combine (result, one);
    }
  return result;
}

static HarleyDiskEncryption
walk_device (Walk       *walk,
             const char *dir)
{
  g_autofree char *name = g_path_get_basename (dir);
  g_autofree char *uuid = read_attribute (dir, "dm/uuid");
  g_autofree char *backing = read_attribute (dir, "loop/backing_file");
  g_autofree char *partition = read_attribute (dir, "partition");
  HarleyDiskEncryption result;
  gboolean any = FALSE;

  if (++walk->depth > MAX_DEPTH)
    return say (walk, HARLEY_DISK_UNKNOWN, "too many devices deep");
  say (walk, HARLEY_DISK_UNKNOWN, name);
  if (uuid != NULL && g_str_has_prefix (uuid, "CRYPT-"))
    return say (walk, HARLEY_DISK_ENCRYPTED, "dm-crypt");
  if (backing != NULL)
    return walk_loop (walk, backing);
  result = walk_slaves (walk, dir, &any);
  if (any)
    return result;
  if (partition != NULL)
    {
      g_autofree char *disk = g_path_get_dirname (dir);

      return walk_device (walk, disk);
    }
  return say (walk, HARLEY_DISK_NOT_ENCRYPTED, "not encrypted");
}

static HarleyDiskEncryption
walk_dev_t (Walk  *walk,
            guint  major,
            guint  minor)
{
  g_autofree char *number = g_strdup_printf ("%u:%u", major, minor);
  g_autofree char *link = g_build_filename (walk->root, "dev", "block", number, NULL);
  g_autofree char *dir = resolve (link);

  if (dir == NULL)
    return say (walk, HARLEY_DISK_UNKNOWN, "no block device for it");
  return walk_device (walk, dir);
}

/**
 * harley_disk_get_device_encryption:
 * @major: a block device's major number
 * @minor: its minor number
 * @sysfs_root: where sysfs is, #HARLEY_DISK_SYSFS
 * @detail: (out) (optional) (transfer full): the devices walked, for the log
 *
 * Returns: whether everything under that device is encrypted
 */
HarleyDiskEncryption
harley_disk_get_device_encryption (guint        major,
                                   guint        minor,
                                   const char  *sysfs_root,
                                   char       **detail)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Walk walk = { sysfs_root, 0, text };
  HarleyDiskEncryption result;

  g_return_val_if_fail (sysfs_root != NULL, HARLEY_DISK_UNKNOWN);

  result = walk_dev_t (&walk, major, minor);
  if (detail != NULL)
    *detail = g_strdup (text->str);
  return result;
}

/* A filesystem with no block device of its own, or one that encrypts
 * files: what it is, else NULL to look at the device. */
static const char *
describe_filesystem (long                  type,
                     HarleyDiskEncryption *result)
{
  *result = HARLEY_DISK_UNKNOWN;
  switch ((unsigned long) type & 0xffffffffUL)
    {
    case TMPFS_MAGIC:
    case RAMFS_MAGIC:
      return "in memory (tmpfs), gone when the computer stops";
    case OVERLAYFS_MAGIC:
      return "an overlay filesystem, as in a container";
    case NFS_MAGIC:
    case SMB_MAGIC:
    case SMB2_MAGIC:
    case CIFS_MAGIC:
      return "a network drive: its server's disk decides";
    case FUSE_MAGIC:
      return "a FUSE filesystem";
    case ECRYPTFS_MAGIC:
      *result = HARLEY_DISK_ENCRYPTED;
      return "eCryptfs";
    default:
      return NULL;
    }
}

/* fscrypt (ext4, f2fs): a policy on the file's folder. */
static gboolean
has_fscrypt_policy (const char *path)
{
  struct fscrypt_policy_v1 policy;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int status;

  if (fd < 0)
    return FALSE;
  status = ioctl (fd, FS_IOC_GET_ENCRYPTION_POLICY, &policy);
  /* A v2 policy answers EOVERFLOW to the v1 question: it is there. */
  if (status != 0 && errno == EOVERFLOW)
    status = 0;
  close (fd);
  return status == 0;
}

/**
 * harley_disk_get_encryption:
 * @path: a file, such as the practice database
 * @sysfs_root: where sysfs is, #HARLEY_DISK_SYSFS
 * @detail: (out) (optional) (transfer full): what was found, for the log
 *
 * Returns: whether @path is kept encrypted on its disk
 */
HarleyDiskEncryption
harley_disk_get_encryption (const char  *path,
                            const char  *sysfs_root,
                            char       **detail)
{
  HarleyDiskEncryption result = HARLEY_DISK_UNKNOWN;
  const char *what;
  struct statfs fs;
  struct stat st;

  g_return_val_if_fail (path != NULL, HARLEY_DISK_UNKNOWN);
  g_return_val_if_fail (sysfs_root != NULL, HARLEY_DISK_UNKNOWN);

  if (stat (path, &st) != 0 || statfs (path, &fs) != 0)
    what = "the file is not there";
  else if ((what = describe_filesystem (fs.f_type, &result)) == NULL && has_fscrypt_policy (path))
    {
      result = HARLEY_DISK_ENCRYPTED;
      what = "fscrypt";
    }
  if (what == NULL)
    return harley_disk_get_device_encryption (major (st.st_dev), minor (st.st_dev), sysfs_root, detail);
  if (detail != NULL)
    *detail = g_strdup (what);
  return result;
}
