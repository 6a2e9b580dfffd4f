/*
 * Tests of the initramfs (fs/initramfs.c, fs/init.c): archives are built in memory, parsed
 * and unpacked into a scratch ramfs, whole or damaged in each way the parser knows; and the
 * root the kernel booted with has /dev and, given an initramfs, its files.
 */
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/vfs.h>
#include <lib/format.h>
#include <lib/string.h>

#include "internal.h"
#include "testlib.h"

#define ARCHIVE_MAX 8192

struct archive {
	char *buf;
	size_t len;
};

static void put_bytes(struct archive *a, const void *data, size_t len)
{
	if (a->len + len <= ARCHIVE_MAX)
		memcpy(a->buf + a->len, data, len);
	a->len += len;
}

static void put_padding(struct archive *a)
{
	while (a->len % 4)
		put_bytes(a, "", 1);
}

/* One newc member: mtime 1000, owner uid 7 gid 8, rdev from major and minor. */
static void put_member(struct archive *a, const char *name, mode_t mode, const char *data,
		       unsigned int major, unsigned int minor)
{
	char header[111];
	size_t size = data ? strlen(data) : 0;

	snprintf(header, sizeof(header),
		 "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X", 1, mode, 7, 8, 1,
		 1000, size, 0, 0, major, minor, strlen(name) + 1, 0);
	put_bytes(a, header, 110);
	put_bytes(a, name, strlen(name) + 1);
	put_padding(a);
	put_bytes(a, data, size);
	put_padding(a);
}

static void put_trailer(struct archive *a)
{
	put_member(a, "TRAILER!!!", 0, NULL, 0, 0);
}

/* A good archive: the root, a directory, a file, a device node. */
static void put_good_members(struct archive *a)
{
	put_member(a, ".", S_IFDIR | 0700, NULL, 0, 0);
	put_member(a, "etc", S_IFDIR | 0750, NULL, 0, 0);
	put_member(a, "etc/motd", S_IFREG | 0640, "hello\n", 0, 0);
	put_member(a, "./dev", S_IFDIR | 0755, NULL, 0, 0);
	put_member(a, "/dev/null", S_IFCHR | 0666, NULL, 1, 3);
}

static bool archive_new(struct archive *a)
{
	a->buf = kmalloc(ARCHIVE_MAX);
	a->len = 0;
	return a->buf != NULL;
}

/* Read a's entries with cpio_next: the count, or the error text in *why. */
static int parse(const struct archive *a, size_t len, const char **why)
{
	struct cpio_reader reader;
	struct cpio_entry entry;
	int count = 0, ret;

	cpio_reader_init(&reader, a->buf, len);
	while ((ret = cpio_next(&reader, &entry)) > 0)
		count++;
	*why = reader.error;
	return ret < 0 ? ret : count;
}

KTEST(cpio_unpacks_good_archive,
      "initramfs: a good archive unpacks with contents, modes, owners and times, folders' too")
{
	struct vfs_scratch s;
	struct archive a;
	struct stat st;
	char buf[16];

	KTEST_ASSERT(archive_new(&a));
	KTEST_ASSERT(scratch_mount(&s));
	put_good_members(&a);
	put_trailer(&a);
	KTEST_EXPECT(initramfs_unpack(&s.root, a.buf, a.len) == 5);
	KTEST_EXPECT(test_read_file(&s.root, "etc/motd", buf, sizeof(buf)) == 6);
	KTEST_EXPECT(strcmp(buf, "hello\n") == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "etc/motd", &st) == 0 && st.st_mode == (S_IFREG | 0640));
	KTEST_EXPECT(st.st_uid == 7 && st.st_gid == 8 && st.st_mtim.tv_sec == 1000);
	KTEST_EXPECT(vfs_stat(&s.root, "etc", &st) == 0 && st.st_mode == (S_IFDIR | 0750));
	KTEST_EXPECT(st.st_mtim.tv_sec == 1000 && st.st_atim.tv_sec == 1000);
	KTEST_EXPECT(vfs_stat(&s.root, "dev/null", &st) == 0 && st.st_mode == (S_IFCHR | 0666));
	KTEST_EXPECT(st.st_rdev == dev_to_user(MKDEV(1, 3)) && st.st_rdev == 0x103);
	KTEST_EXPECT(vfs_stat(&s.root, ".", &st) == 0 && st.st_mode == (S_IFDIR | 0700));
	scratch_unmount(&s);
	kfree(a.buf);
}

KTEST(cpio_concatenated, "initramfs: two archives back to back, with NUL padding, both unpack")
{
	struct vfs_scratch s;
	struct archive a;
	const char *why;

	KTEST_ASSERT(archive_new(&a));
	KTEST_ASSERT(scratch_mount(&s));
	put_member(&a, "one", S_IFREG | 0644, "1", 0, 0);
	put_trailer(&a);
	for (int i = 0; i < 100; i++)
		put_bytes(&a, "", 1);
	put_member(&a, "two", S_IFREG | 0644, "2", 0, 0);
	put_trailer(&a);
	KTEST_EXPECT(parse(&a, a.len, &why) == 2);
	KTEST_EXPECT(initramfs_unpack(&s.root, a.buf, a.len) == 2);
	KTEST_EXPECT(test_ino(&s.root, "one") > 0 && test_ino(&s.root, "two") > 0);
	scratch_unmount(&s);
	kfree(a.buf);
}

KTEST(cpio_truncated, "initramfs: an archive cut anywhere is rejected as truncated")
{
	struct archive a;
	const char *why;
	size_t whole;
	bool all_rejected = true;

	KTEST_ASSERT(archive_new(&a));
	put_good_members(&a);
	put_trailer(&a);
	whole = a.len;
	KTEST_EXPECT(parse(&a, whole, &why) == 5);
	for (size_t len = 0; len < whole - 4; len += 7) {
		int ret = parse(&a, len, &why);

		if (ret != -EINVAL || !why || !strstr(why, "truncated"))
			all_rejected = false;
	}
	KTEST_EXPECT(all_rejected);
	kfree(a.buf);
}

KTEST(cpio_bad_header, "initramfs: bad magic, a bad hex digit, an unterminated name are rejected")
{
	struct archive a;
	const char *why;

	KTEST_ASSERT(archive_new(&a));
	put_good_members(&a);
	put_trailer(&a);
	a.buf[0] = '1';
	KTEST_EXPECT(parse(&a, a.len, &why) == -EINVAL && strcmp(why, "bad magic") == 0);
	a.buf[0] = '0';
	a.buf[20] = 'g';
	KTEST_EXPECT(parse(&a, a.len, &why) == -EINVAL && strcmp(why, "bad number in header") == 0);
	a.buf[20] = '0';
	a.buf[110 + 1] = 'x'; /* overwrite the NUL after "." */
	KTEST_EXPECT(parse(&a, a.len, &why) == -EINVAL);
	KTEST_EXPECT(strcmp(why, "name not NUL-terminated") == 0);
	kfree(a.buf);
}

KTEST(cpio_name_too_long, "initramfs: a component over NAME_MAX is rejected, nothing unpacked")
{
	char name[NAME_MAX + 8];
	struct vfs_scratch s;
	struct archive a;
	const char *why;

	KTEST_ASSERT(archive_new(&a));
	KTEST_ASSERT(scratch_mount(&s));
	put_member(&a, "first", S_IFREG | 0644, "x", 0, 0);
	memcpy(name, "d/", 2);
	memset(name + 2, 'n', NAME_MAX + 1);
	name[NAME_MAX + 3] = '\0';
	put_member(&a, name, S_IFREG | 0644, "x", 0, 0);
	put_trailer(&a);
	KTEST_EXPECT(parse(&a, a.len, &why) == -EINVAL && strcmp(why, "name too long") == 0);
	KTEST_EXPECT(initramfs_unpack(&s.root, a.buf, a.len) == -EINVAL);
	KTEST_EXPECT(test_ino(&s.root, "first") == -ENOENT);
	scratch_unmount(&s);
	kfree(a.buf);
}

KTEST(cpio_skips_what_it_cannot_make, "initramfs: symlinks, files in missing folders are skipped")
{
	struct vfs_scratch s;
	struct archive a;

	KTEST_ASSERT(archive_new(&a));
	KTEST_ASSERT(scratch_mount(&s));
	put_member(&a, "link", S_IFLNK | 0777, "target", 0, 0);
	put_member(&a, "nowhere/file", S_IFREG | 0644, "x", 0, 0);
	put_member(&a, "kept", S_IFREG | 0644, "x", 0, 0);
	put_trailer(&a);
	KTEST_EXPECT(initramfs_unpack(&s.root, a.buf, a.len) == 1);
	KTEST_EXPECT(test_ino(&s.root, "link") == -ENOENT && test_ino(&s.root, "kept") > 0);
	scratch_unmount(&s);
	kfree(a.buf);
}

KTEST(boot_root_devices, "boot: / has /dev/console, null and zero")
{
	struct stat st;

	KTEST_EXPECT(vfs_stat(NULL, "/dev/console", &st) == 0 && S_ISCHR(st.st_mode));
	KTEST_EXPECT(st.st_rdev == dev_to_user(MKDEV(5, 1)));
	KTEST_EXPECT(vfs_stat(NULL, "/dev/null", &st) == 0);
	KTEST_EXPECT(st.st_rdev == dev_to_user(MKDEV(1, 3)));
	KTEST_EXPECT(vfs_stat(NULL, "/dev/zero", &st) == 0);
	KTEST_EXPECT(st.st_rdev == dev_to_user(MKDEV(1, 5)));
}

KTEST(boot_root_tmp, "boot: /tmp is a tmpfs anyone may write to, mode 1777")
{
	struct path tmp;
	struct stat st;

	KTEST_ASSERT(vfs_path_lookup(NULL, "/tmp", 0, &tmp) == 0);
	KTEST_EXPECT(strcmp(tmp.mnt->mnt_sb->s_type->name, "tmpfs") == 0);
	path_put(&tmp);
	KTEST_EXPECT(vfs_stat(NULL, "/tmp", &st) == 0 && st.st_mode == (S_IFDIR | 01777));
}

KTEST(boot_root_initramfs, "boot: the initramfs was unpacked into /: /etc/motd is there")
{
	struct stat st;
	char buf[32];

	if (boot_info.nmodules == 0)
		KTEST_SKIP("booted without an initramfs");
	KTEST_EXPECT(vfs_stat(NULL, "/etc/motd", &st) == 0 && st.st_mode == (S_IFREG | 0644));
	KTEST_EXPECT(test_read_file(NULL, "/etc/motd", buf, sizeof(buf)) > 0);
	KTEST_EXPECT(strncmp(buf, "Welcome to Corral", 17) == 0);
}
