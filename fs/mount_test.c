/*
 * Tests of the mount tree (fs/mount.c, fs/namei.c): mounting a second ramfs on a directory of
 * the root, walking into it and out of it with "..", mounts stacked and nested, names across
 * mounts, umount's EBUSY, and every file-system type.  They work in /ktest-mnt, made and
 * removed by each test.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/mount.h>
#include <kernel/vfs.h>
#include <lib/format.h>
#include <lib/string.h>

#include "testlib.h"

#define MOUNT_DIR "/ktest-mnt"

static bool mount_scratch_dir(void)
{
	return vfs_mkdir(NULL, MOUNT_DIR, 0755) == 0 &&
	       vfs_mount(NULL, "scratch", MOUNT_DIR, "ramfs", 0, NULL) == 0;
}

static bool unmount_scratch_dir(void)
{
	return vfs_umount(NULL, MOUNT_DIR, 0) == 0 && vfs_rmdir(NULL, MOUNT_DIR) == 0;
}

KTEST(mount_walk_in_and_out, "mount: path walk enters a mounted ramfs and '..' leaves it")
{
	struct path root, inside, up;

	vfs_get_root(&root);
	KTEST_ASSERT(mount_scratch_dir());
	KTEST_EXPECT(vfs_mkdir(NULL, MOUNT_DIR "/d", 0755) == 0);
	KTEST_ASSERT(vfs_path_lookup(NULL, MOUNT_DIR, 0, &inside) == 0);
	KTEST_EXPECT(inside.mnt != root.mnt && inside.dentry == inside.mnt->mnt_root);
	KTEST_ASSERT(vfs_path_lookup(&inside, "d/../..", 0, &up) == 0);
	KTEST_EXPECT(up.mnt == root.mnt && up.dentry == root.dentry);
	path_put(&up);
	KTEST_EXPECT(test_ino(&inside, "../dev/null") == test_ino(NULL, "/dev/null"));
	KTEST_EXPECT(test_ino(NULL, MOUNT_DIR "/d/../d/..") == test_ino(&inside, "."));
	path_put(&inside);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR "/d") == 0);
	KTEST_EXPECT(unmount_scratch_dir());
	path_put(&root);
}

KTEST(mount_hides_and_reveals, "mount: files under a mount point are hidden until umount")
{
	char buf[8];

	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR, 0755) == 0);
	KTEST_ASSERT(test_write_file(NULL, MOUNT_DIR "/under", "u") == 0);
	KTEST_ASSERT(vfs_mount(NULL, "scratch", MOUNT_DIR, "ramfs", 0, NULL) == 0);
	KTEST_EXPECT(test_ino(NULL, MOUNT_DIR "/under") == -ENOENT);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == 0);
	KTEST_EXPECT(test_read_file(NULL, MOUNT_DIR "/under", buf, sizeof(buf)) == 1);
	KTEST_EXPECT(vfs_unlink(NULL, MOUNT_DIR "/under") == 0);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR) == 0);
}

KTEST(mount_umount_busy, "umount: EBUSY with a file open in it, a cwd in it, or a mount on it")
{
	struct path cwd;
	struct file *file;

	KTEST_ASSERT(mount_scratch_dir());
	KTEST_ASSERT(vfs_open(NULL, MOUNT_DIR "/f", O_RDWR | O_CREAT, 0644, &file) == 0);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == -EBUSY);
	file_put(file);
	KTEST_ASSERT(vfs_path_lookup(NULL, MOUNT_DIR, 0, &cwd) == 0);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == -EBUSY);
	KTEST_EXPECT(vfs_umount(&cwd, ".", 0) == -EBUSY);
	path_put(&cwd);
	KTEST_EXPECT(vfs_mkdir(NULL, MOUNT_DIR "/inner", 0755) == 0);
	KTEST_EXPECT(vfs_mount(NULL, "inner", MOUNT_DIR "/inner", "ramfs", 0, NULL) == 0);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == -EBUSY);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR "/inner", 0) == 0);
	KTEST_EXPECT(unmount_scratch_dir());
	KTEST_EXPECT(vfs_umount(NULL, "/", 0) == -EBUSY);
}

KTEST(mount_rmdir_mountpoint, "rmdir of a mount point, or rename of one, is EBUSY")
{
	KTEST_ASSERT(mount_scratch_dir());
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR) == -EBUSY);
	KTEST_EXPECT(vfs_rename(NULL, MOUNT_DIR, "/ktest-elsewhere") == -EBUSY);
	KTEST_EXPECT(unmount_scratch_dir());
}

KTEST(mount_errors, "mount: ENODEV for an unknown type, ENOTDIR on a file; umount EINVAL")
{
	KTEST_ASSERT(mount_scratch_dir());
	KTEST_ASSERT(test_write_file(NULL, MOUNT_DIR "/f", "") == 0);
	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR "/d", 0755) == 0);
	KTEST_EXPECT(vfs_mount(NULL, "x", MOUNT_DIR "/d", "nosuchfs", 0, NULL) == -ENODEV);
	KTEST_EXPECT(vfs_mount(NULL, "x", MOUNT_DIR "/f", "ramfs", 0, NULL) == -ENOTDIR);
	KTEST_EXPECT(vfs_mount(NULL, "x", MOUNT_DIR "/none", "ramfs", 0, NULL) == -ENOENT);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR "/d", 0) == -EINVAL);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 4) == -EINVAL);
	KTEST_EXPECT(vfs_rename(NULL, MOUNT_DIR "/f", "/ktest-f") == -EXDEV);
	KTEST_EXPECT(unmount_scratch_dir());
}

KTEST(mount_path_name, "vfs_path_name: the absolute name of a path, across a mount")
{
	struct path path;
	char buf[64];

	KTEST_ASSERT(mount_scratch_dir());
	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR "/sub", 0755) == 0);
	KTEST_ASSERT(vfs_path_lookup(NULL, MOUNT_DIR "/sub/", 0, &path) == 0);
	KTEST_EXPECT(vfs_path_name(&path, buf, sizeof(buf)) == 14);
	KTEST_EXPECT(strcmp(buf, MOUNT_DIR "/sub") == 0);
	KTEST_EXPECT(vfs_path_name(&path, buf, 14) == -ERANGE);
	path_put(&path);
	KTEST_ASSERT(vfs_path_lookup(NULL, "/", 0, &path) == 0);
	KTEST_EXPECT(vfs_path_name(&path, buf, sizeof(buf)) == 1 && strcmp(buf, "/") == 0);
	path_put(&path);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR "/sub") == 0);
	KTEST_EXPECT(unmount_scratch_dir());
}

KTEST(mount_table, "the mount table lists the root and a new mount as /proc/mounts does")
{
	char *buf = kmalloc(PAGE_SIZE);
	size_t len;

	KTEST_ASSERT(buf);
	KTEST_ASSERT(mount_scratch_dir());
	len = vfs_mounts_show(buf, PAGE_SIZE);
	KTEST_EXPECT(len == strlen(buf) && strncmp(buf, "rootfs / ramfs rw 0 0\n", 22) == 0);
	KTEST_EXPECT(strstr(buf, "\nscratch " MOUNT_DIR " ramfs rw 0 0\n") != NULL);
	KTEST_EXPECT(vfs_mounts_show(buf, 10) == len && strlen(buf) == 9);
	KTEST_EXPECT(unmount_scratch_dir());
	KTEST_EXPECT(vfs_mounts_show(buf, PAGE_SIZE) < len && strstr(buf, "scratch") == NULL);
	kfree(buf);
}

/* Mount a ramfs, put a file in it, unmount it. */
static bool mount_fill_unmount(void)
{
	return mount_scratch_dir() && vfs_mkdir(NULL, MOUNT_DIR "/a", 0755) == 0 &&
	       test_write_file(NULL, MOUNT_DIR "/a/f", "some data") == 0 && unmount_scratch_dir();
}

KTEST(mount_pages_return, "umount of a ramfs with files in it frees all their pages")
{
	uint64_t before;

	KTEST_ASSERT(mount_fill_unmount()); /* fills kmalloc's caches first */
	before = free_page_count();
	KTEST_EXPECT(mount_fill_unmount());
	KTEST_EXPECT(free_page_count() == before);
}

KTEST(mount_stacked, "mount: a second mount on a mount point hides the first until umount")
{
	struct path top;
	char buf[8];

	KTEST_ASSERT(mount_scratch_dir());
	KTEST_ASSERT(test_write_file(NULL, MOUNT_DIR "/lower", "low") == 0);
	KTEST_EXPECT(vfs_mount(NULL, "upper", MOUNT_DIR, "tmpfs", 0, NULL) == 0);
	KTEST_EXPECT(test_ino(NULL, MOUNT_DIR "/lower") == -ENOENT);
	KTEST_ASSERT(vfs_path_lookup(NULL, MOUNT_DIR, 0, &top) == 0);
	KTEST_EXPECT(test_ino(&top, "..") == test_ino(NULL, "/"));
	KTEST_EXPECT(strcmp(top.mnt->mnt_sb->s_type->name, "tmpfs") == 0);
	path_put(&top);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, 0) == 0);
	KTEST_EXPECT(test_read_file(NULL, MOUNT_DIR "/lower", buf, sizeof(buf)) == 3);
	KTEST_EXPECT(vfs_unlink(NULL, MOUNT_DIR "/lower") == 0);
	KTEST_EXPECT(unmount_scratch_dir());
}

KTEST(mount_nested_dotdot, "mount: '..' climbs out of a mount inside a mount, one level at a time")
{
	struct path inner;
	char buf[64];

	KTEST_ASSERT(mount_scratch_dir());
	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR "/a", 0755) == 0);
	KTEST_ASSERT(vfs_mount(NULL, "inner", MOUNT_DIR "/a", "ramfs", 0, NULL) == 0);
	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR "/a/b", 0755) == 0);
	KTEST_ASSERT(vfs_path_lookup(NULL, MOUNT_DIR "/a/b", 0, &inner) == 0);
	KTEST_EXPECT(test_ino(&inner, "..") == test_ino(NULL, MOUNT_DIR "/a"));
	KTEST_EXPECT(test_ino(&inner, "../..") == test_ino(NULL, MOUNT_DIR));
	KTEST_EXPECT(test_ino(&inner, "../../..") == test_ino(NULL, "/"));
	KTEST_EXPECT(test_ino(&inner, "../../../../..") == test_ino(NULL, "/"));
	KTEST_EXPECT(vfs_path_name(&inner, buf, sizeof(buf)) > 0);
	KTEST_EXPECT(strcmp(buf, MOUNT_DIR "/a/b") == 0);
	path_put(&inner);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR "/a/b") == 0);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR "/a", 0) == 0);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR "/a") == 0);
	KTEST_EXPECT(unmount_scratch_dir());
}

/* Mount fstype on MOUNT_DIR, check its line in the table, unmount it. */
static bool mount_type_round_trip(const char *fstype)
{
	char *buf = kmalloc(PAGE_SIZE);
	char line[64];
	bool ok;

	snprintf(line, sizeof(line), "\nsrc " MOUNT_DIR " %s rw 0 0\n", fstype);
	ok = buf && vfs_mount(NULL, "src", MOUNT_DIR, fstype, 0, NULL) == 0;
	if (ok) {
		vfs_mounts_show(buf, PAGE_SIZE);
		ok = strstr(buf, line) != NULL;
		ok &= vfs_umount(NULL, MOUNT_DIR, 0) == 0;
	}
	kfree(buf);
	return ok;
}

KTEST(mount_every_type, "mount: ramfs, tmpfs, devfs and proc each mount, show, and unmount")
{
	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR, 0755) == 0);
	KTEST_EXPECT(mount_type_round_trip("ramfs"));
	KTEST_EXPECT(mount_type_round_trip("tmpfs"));
	KTEST_EXPECT(mount_type_round_trip("devfs"));
	KTEST_EXPECT(mount_type_round_trip("proc"));
	KTEST_EXPECT(vfs_mount(NULL, "src", MOUNT_DIR, "pipefs", 0, NULL) == -EINVAL);
	KTEST_EXPECT(vfs_mount(NULL, "src", MOUNT_DIR, "ramfs", 0, NULL) == 0);
	KTEST_EXPECT(vfs_umount(NULL, MOUNT_DIR, MNT_FORCE | UMOUNT_NOFOLLOW) == 0);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR) == 0);
}

/* Mount fstype, remount it read-only and back, and unmount it: true if all went well. */
static bool remount_round_trip(const char *fstype)
{
	bool ok = vfs_mount(NULL, "src", MOUNT_DIR, fstype, 0, NULL) == 0 &&
		  vfs_remount(NULL, MOUNT_DIR, MS_RDONLY, NULL) == 0 &&
		  vfs_remount(NULL, MOUNT_DIR, 0, "") == 0;

	return vfs_umount(NULL, MOUNT_DIR, 0) == 0 && ok;
}

KTEST(mount_remount_every_type, "mount -o remount: ramfs, tmpfs, devfs and proc each take it")
{
	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR, 0755) == 0);
	KTEST_EXPECT(remount_round_trip("ramfs"));
	KTEST_EXPECT(remount_round_trip("tmpfs"));
	KTEST_EXPECT(remount_round_trip("devfs")); /* no super_operations at all */
	KTEST_EXPECT(remount_round_trip("proc"));
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR) == 0);
}

/* The mode, owner and group of MOUNT_DIR's root after mounting fstype with options. */
static int mount_root_stat(const char *fstype, const char *options, struct stat *st)
{
	int err = vfs_mount(NULL, "src", MOUNT_DIR, fstype, 0, options);

	if (err)
		return err;
	err = vfs_stat(NULL, MOUNT_DIR, st);
	vfs_umount(NULL, MOUNT_DIR, 0);
	return err;
}

KTEST(mount_root_modes, "mount: tmpfs's root is 1777 and ramfs's 0755; mode=, uid=, gid= set it")
{
	struct stat st;

	KTEST_ASSERT(vfs_mkdir(NULL, MOUNT_DIR, 0755) == 0);
	KTEST_EXPECT(mount_root_stat("tmpfs", NULL, &st) == 0 && st.st_mode == (S_IFDIR | 01777));
	KTEST_EXPECT(st.st_uid == 0 && st.st_gid == 0);
	KTEST_EXPECT(mount_root_stat("ramfs", "", &st) == 0 && st.st_mode == (S_IFDIR | 0755));
	KTEST_EXPECT(mount_root_stat("tmpfs", "size=1m,mode=700,uid=1000,gid=1001", &st) == 0);
	KTEST_EXPECT(st.st_mode == (S_IFDIR | 0700) && st.st_uid == 1000 && st.st_gid == 1001);
	KTEST_EXPECT(mount_root_stat("ramfs", "mode=9", &st) == -EINVAL);
	KTEST_EXPECT(mount_root_stat("ramfs", "mode=17777", &st) == -EINVAL);
	KTEST_EXPECT(mount_root_stat("tmpfs", "uid=x", &st) == -EINVAL);
	KTEST_EXPECT(vfs_rmdir(NULL, MOUNT_DIR) == 0);
}
