/*
 * Tests of devfs (fs/devfs.c) as the kernel mounts it on /dev: the registered character
 * devices are its names, with their numbers and modes; nothing can be made or removed there;
 * and another instance mounts and unmounts like any file system.
 */
#include <kernel/chrdev.h>
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "testlib.h"

#define MOUNT_DIR "/ktest-devfs"

KTEST(devfs_lists_devices, "devfs: /dev lists console, tty, null and zero as character devices")
{
	KTEST_EXPECT(test_dir_lists("/dev", "console", DT_CHR));
	KTEST_EXPECT(test_dir_lists("/dev", "tty", DT_CHR));
	KTEST_EXPECT(test_dir_lists("/dev", "null", DT_CHR));
	KTEST_EXPECT(test_dir_lists("/dev", "zero", DT_CHR));
	KTEST_EXPECT(!test_dir_lists("/dev", "nothing", DT_CHR));
}

KTEST(devfs_node_attributes, "devfs: each node has its device number and mode, and one st_ino")
{
	struct stat st;

	KTEST_EXPECT(vfs_stat(NULL, "/dev/null", &st) == 0);
	KTEST_EXPECT(st.st_mode == (S_IFCHR | 0666) && st.st_rdev == dev_to_user(MKDEV(1, 3)));
	KTEST_EXPECT(vfs_stat(NULL, "/dev/console", &st) == 0);
	KTEST_EXPECT(st.st_mode == (S_IFCHR | 0600) && st.st_rdev == dev_to_user(MKDEV(5, 1)));
	KTEST_EXPECT(vfs_stat(NULL, "/dev/tty", &st) == 0);
	KTEST_EXPECT(st.st_mode == (S_IFCHR | 0666) && st.st_rdev == dev_to_user(MKDEV(5, 0)));
	KTEST_EXPECT(test_ino(NULL, "/dev/zero") == test_ino(NULL, "/dev/./zero"));
	KTEST_EXPECT(test_ino(NULL, "/dev/zero") != test_ino(NULL, "/dev/null"));
	KTEST_EXPECT(vfs_stat(NULL, "/dev/nothing", &st) == -ENOENT);
	KTEST_EXPECT(vfs_stat(NULL, "/dev/null/", &st) == -ENOTDIR);
}

KTEST(devfs_tty_is_the_console, "devfs: /dev/tty opens to the console driver and takes writes")
{
	struct file *file;

	KTEST_ASSERT(vfs_open(NULL, "/dev/tty", O_WRONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "devfs: hello through /dev/tty\n", 30) == 30);
	file_put(file);
}

KTEST(devfs_no_changes, "devfs: mknod, mkdir, create, unlink and rename in /dev are refused")
{
	struct file *file;

	KTEST_EXPECT(vfs_mknod(NULL, "/dev/x", S_IFCHR | 0600, MKDEV(1, 3)) == -EPERM);
	KTEST_EXPECT(vfs_mkdir(NULL, "/dev/d", 0755) == -EPERM);
	KTEST_EXPECT(vfs_open(NULL, "/dev/f", O_WRONLY | O_CREAT, 0644, &file) == -EACCES);
	KTEST_EXPECT(vfs_unlink(NULL, "/dev/null") == -EPERM);
	KTEST_EXPECT(vfs_rename(NULL, "/dev/null", "/dev/empty") == -EPERM);
	KTEST_EXPECT(vfs_stat(NULL, "/dev/null", &(struct stat){ 0 }) == 0);
}

KTEST(devfs_second_mount, "devfs: another instance mounts elsewhere; umount is EBUSY while in use")
{
	struct file *file;
	char buf[4] = { 1, 1, 1, 1 };

	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR, 0755) == 0);
	KTEST_EXPECT(vfs_mount(NULL, "devfs", MOUNT_DIR, "devfs", 0, NULL) == 0);
	KTEST_ASSERT(vfs_open(NULL, MOUNT_DIR "/zero", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == 4 && memcmp(buf, "\0\0\0\0", 4) == 0);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == -EBUSY);
	file_put(file);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == 0);
	KTEST_EXPECT(test_ino(NULL, MOUNT_DIR "/zero") == -ENOENT);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR) == 0);
}
