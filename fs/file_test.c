/*
 * Tests of open files on ramfs (fs/open.c, fs/read_write.c, fs/ramfs.c): open's flags, read, write,
 * lseek, pread, stat, files of many pages, and that their pages come back.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "testlib.h"

KTEST(file_write_read_seek_stat, "ramfs file: write, lseek, read back; fstat: size, mode, nlink")
{
	struct vfs_scratch s;
	struct file *file;
	struct stat st;
	char buf[16] = { 0 };

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDWR | O_CREAT, 0640, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "hello, world", 12) == 12);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == 0); /* at the end */
	KTEST_EXPECT(vfs_lseek(file, 7, SEEK_SET) == 7);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == 5 && memcmp(buf, "world", 5) == 0);
	KTEST_EXPECT(vfs_lseek(file, -5, SEEK_CUR) == 7);
	KTEST_EXPECT(vfs_lseek(file, -12, SEEK_END) == 0);
	KTEST_EXPECT(vfs_lseek(file, -1, SEEK_SET) == -EINVAL);
	KTEST_EXPECT(vfs_lseek(file, 0, 7) == -EINVAL);
	KTEST_EXPECT(vfs_fstat(file, &st) == 0);
	KTEST_EXPECT(st.st_size == 12 && st.st_mode == (S_IFREG | 0640) && st.st_nlink == 1);
	KTEST_EXPECT(st.st_blocks == 8 && st.st_blksize == 4096);
	KTEST_EXPECT(vfs_stat(&s.root, "f", &st) == 0 && st.st_size == 12);
	file_put(file);
	scratch_unmount(&s);
}

KTEST(file_creat_excl, "open: O_CREAT|O_EXCL of an existing file is EEXIST, a missing one ENOENT")
{
	struct vfs_scratch s;
	struct file *file;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_EXPECT(vfs_open(&s.root, "f", O_RDONLY, 0, &file) == -ENOENT);
	KTEST_ASSERT(vfs_open(&s.root, "f", O_WRONLY | O_CREAT | O_EXCL, 0644, &file) == 0);
	file_put(file);
	KTEST_EXPECT(vfs_open(&s.root, "f", O_WRONLY | O_CREAT | O_EXCL, 0644, &file) == -EEXIST);
	KTEST_EXPECT(vfs_open(&s.root, "nodir/f", O_WRONLY | O_CREAT, 0644, &file) == -ENOENT);
	KTEST_EXPECT(vfs_open(&s.root, "g/", O_WRONLY | O_CREAT, 0644, &file) == -EISDIR);
	KTEST_EXPECT(vfs_open(&s.root, "f", O_ACCMODE, 0, &file) == -EINVAL);
	scratch_unmount(&s);
}

KTEST(file_trunc, "open: O_TRUNC empties a regular file, opened O_RDONLY too, as on Linux")
{
	struct vfs_scratch s;
	struct file *file;
	struct stat st;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "f", "some text") == 0);
	KTEST_ASSERT(vfs_open(&s.root, "f", O_WRONLY | O_TRUNC, 0, &file) == 0);
	KTEST_EXPECT(vfs_fstat(file, &st) == 0 && st.st_size == 0 && st.st_blocks == 0);
	file_put(file);
	KTEST_ASSERT(test_write_file(&s.root, "f", "some text") == 0);
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDONLY | O_TRUNC, 0, &file) == 0);
	KTEST_EXPECT(vfs_fstat(file, &st) == 0 && st.st_size == 0);
	file_put(file);
	scratch_unmount(&s);
}

KTEST(file_append, "open: with O_APPEND every write goes to the end, wherever the position is")
{
	struct vfs_scratch s;
	struct file *file;
	char buf[32];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "log", "one ") == 0);
	KTEST_ASSERT(vfs_open(&s.root, "log", O_RDWR | O_APPEND, 0, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "two ", 4) == 4);
	KTEST_EXPECT(vfs_lseek(file, 0, SEEK_SET) == 0);
	KTEST_EXPECT(vfs_write(file, "three", 5) == 5);
	KTEST_EXPECT(vfs_lseek(file, 0, SEEK_CUR) == 13);
	file_put(file);
	KTEST_EXPECT(test_read_file(&s.root, "log", buf, sizeof(buf)) == 13);
	KTEST_EXPECT(strcmp(buf, "one two three") == 0);
	scratch_unmount(&s);
}

KTEST(file_directory_flags, "open: O_DIRECTORY of a file is ENOTDIR; a directory to write EISDIR")
{
	struct vfs_scratch s;
	struct file *file;
	char buf[4];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "f", "x") == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_EXPECT(vfs_open(&s.root, "f", O_RDONLY | O_DIRECTORY, 0, &file) == -ENOTDIR);
	KTEST_EXPECT(vfs_open(&s.root, "d", O_WRONLY, 0, &file) == -EISDIR);
	KTEST_EXPECT(vfs_open(&s.root, "d", O_RDONLY | O_CREAT, 0644, &file) == -EISDIR);
	KTEST_ASSERT(vfs_open(&s.root, "d", O_RDONLY | O_DIRECTORY, 0, &file) == 0);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == -EISDIR);
	file_put(file);
	scratch_unmount(&s);
}

KTEST(file_access_mode, "read of a write-only file and write of a read-only one are EBADF")
{
	struct vfs_scratch s;
	struct file *file;
	char buf[4];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "f", O_WRONLY | O_CREAT, 0644, &file) == 0);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == -EBADF);
	file_put(file);
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "x", 1) == -EBADF);
	file_put(file);
	scratch_unmount(&s);
}

KTEST(file_pread_pwrite, "pread and pwrite work at an offset and leave the file position alone")
{
	struct vfs_scratch s;
	struct file *file;
	char buf[8] = { 0 };

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDWR | O_CREAT, 0644, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "abcdef", 6) == 6);
	KTEST_EXPECT(vfs_pwrite(file, "XY", 2, 1) == 2);
	KTEST_EXPECT(vfs_pread(file, buf, 4, 0) == 4 && memcmp(buf, "aXYd", 4) == 0);
	KTEST_EXPECT(vfs_pread(file, buf, 4, -1) == -EINVAL);
	KTEST_EXPECT(vfs_lseek(file, 0, SEEK_CUR) == 6);
	file_put(file);
	scratch_unmount(&s);
}

/* Byte i of the test pattern: not a multiple of the page size, so pages differ. */
static char pattern(size_t i)
{
	return (char)('a' + i % 23);
}

static bool write_pattern(struct file *file, size_t len)
{
	char chunk[100];

	for (size_t done = 0; done < len; done += sizeof(chunk)) {
		size_t n = MIN(sizeof(chunk), len - done);

		for (size_t i = 0; i < n; i++)
			chunk[i] = pattern(done + i);
		if (vfs_write(file, chunk, n) != (ssize_t)n)
			return false;
	}
	return true;
}

static bool check_pattern(struct file *file, size_t len)
{
	char chunk[128];
	size_t done = 0;

	while (done < len) {
		ssize_t n = vfs_read(file, chunk, sizeof(chunk));

		if (n <= 0)
			return false;
		for (ssize_t i = 0; i < n; i++)
			if (chunk[i] != pattern(done + (size_t)i))
				return false;
		done += (size_t)n;
	}
	return vfs_read(file, chunk, sizeof(chunk)) == 0;
}

KTEST(file_grows_pages, "ramfs: a file grows over several pages and reads back byte for byte")
{
	size_t len = 5 * PAGE_SIZE + 123;
	struct vfs_scratch s;
	struct file *file;
	struct stat st;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "big", O_RDWR | O_CREAT, 0644, &file) == 0);
	KTEST_EXPECT(write_pattern(file, len));
	KTEST_EXPECT(vfs_fstat(file, &st) == 0 && st.st_size == (int64_t)len);
	KTEST_EXPECT(st.st_blocks == 6 * PAGE_SIZE / 512);
	KTEST_EXPECT(vfs_lseek(file, 0, SEEK_SET) == 0);
	KTEST_EXPECT(check_pattern(file, len));
	file_put(file);
	scratch_unmount(&s);
}

KTEST(file_hole, "ramfs: writing past the end leaves a hole that reads as zeros and takes no page")
{
	struct vfs_scratch s;
	struct file *file;
	struct stat st;
	char buf[8];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "sparse", O_RDWR | O_CREAT, 0644, &file) == 0);
	KTEST_EXPECT(vfs_pwrite(file, "end", 3, 10 * PAGE_SIZE) == 3);
	KTEST_EXPECT(vfs_fstat(file, &st) == 0 && st.st_size == 10 * PAGE_SIZE + 3);
	KTEST_EXPECT(st.st_blocks == PAGE_SIZE / 512);
	KTEST_EXPECT(vfs_pread(file, buf, 8, 3 * PAGE_SIZE) == 8);
	KTEST_EXPECT(memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0);
	file_put(file);
	scratch_unmount(&s);
}

/* Make a 1 MiB file in a fresh scratch ramfs, unlink it, unmount. */
static bool big_file_round_trip(void)
{
	struct vfs_scratch s;
	struct file *file;
	bool ok;

	if (!scratch_mount(&s))
		return false;
	ok = vfs_open(&s.root, "big", O_RDWR | O_CREAT, 0644, &file) == 0;
	if (ok) {
		ok = write_pattern(file, 1 << 20);
		file_put(file);
	}
	ok = ok && vfs_unlink(&s.root, "big") == 0;
	scratch_unmount(&s);
	return ok;
}

KTEST(file_pages_return, "ramfs: every page of a deleted 1 MiB file goes back to the allocator")
{
	uint64_t before;

	KTEST_ASSERT(big_file_round_trip()); /* fills kmalloc's caches first */
	before = free_page_count();
	KTEST_EXPECT(big_file_round_trip());
	KTEST_EXPECT(free_page_count() == before);
}

KTEST(file_unlinked_while_open, "an unlinked file stays readable while open; its pages go at close")
{
	struct vfs_scratch s;
	struct file *file;
	uint64_t before;
	char buf[8] = { 0 };

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDWR | O_CREAT, 0644, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "kept", 4) == 4);
	before = free_page_count();
	KTEST_EXPECT(vfs_unlink(&s.root, "f") == 0);
	KTEST_EXPECT(free_page_count() == before);
	KTEST_EXPECT(test_ino(&s.root, "f") == -ENOENT);
	KTEST_EXPECT(vfs_pread(file, buf, 4, 0) == 4 && memcmp(buf, "kept", 4) == 0);
	file_put(file);
	KTEST_EXPECT(free_page_count() > before);
	scratch_unmount(&s);
}

static int set_size(const struct path *cwd, const char *name, loff_t size)
{
	struct iattr attr = { .valid = ATTR_SIZE, .size = size };
	struct path path;
	int err = vfs_path_lookup(cwd, name, 0, &path);

	if (err)
		return err;
	err = vfs_setattr(&path, &attr);
	path_put(&path);
	return err;
}

KTEST(file_truncate_sizes, "truncate: shrinking drops the tail, growing reads zeros; EISDIR, EFBIG")
{
	struct vfs_scratch s;
	struct stat st;
	char buf[16];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "f", "hello world") == 0);
	KTEST_EXPECT(set_size(&s.root, "f", 5) == 0);
	KTEST_EXPECT(test_read_file(&s.root, "f", buf, sizeof(buf)) == 5);
	KTEST_EXPECT(strcmp(buf, "hello") == 0);
	KTEST_EXPECT(set_size(&s.root, "f", 3 * PAGE_SIZE) == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "f", &st) == 0 && st.st_size == 3 * PAGE_SIZE);
	KTEST_EXPECT(st.st_blocks == PAGE_SIZE / 512);
	KTEST_EXPECT(test_read_file(&s.root, "f", buf, sizeof(buf)) == 15);
	KTEST_EXPECT(memcmp(buf, "hello\0\0\0\0\0\0\0\0\0\0", 15) == 0);
	KTEST_EXPECT(set_size(&s.root, "f", 0) == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "f", &st) == 0 && st.st_size == 0 && st.st_blocks == 0);
	KTEST_EXPECT(set_size(&s.root, "f", -1) == -EINVAL);
	KTEST_EXPECT(set_size(&s.root, "f", (loff_t)2 << 30) == -EFBIG);
	KTEST_EXPECT(set_size(&s.root, ".", 0) == -EISDIR);
	KTEST_ASSERT(vfs_mknod(&s.root, "c", S_IFCHR | 0600, MKDEV(1, 3)) == 0);
	KTEST_EXPECT(set_size(&s.root, "c", 0) == -EINVAL);
	scratch_unmount(&s);
}

/* Set an inode's three times to now less the given seconds. */
static void set_ages(struct inode *inode, int64_t atime_age, int64_t mtime_age, int64_t ctime_age)
{
	struct timespec64 now = vfs_now();

	mutex_lock(&inode->i_mutex);
	inode->i_atime = (struct timespec64){ now.tv_sec - atime_age, now.tv_nsec };
	inode->i_mtime = (struct timespec64){ now.tv_sec - mtime_age, now.tv_nsec };
	inode->i_ctime = (struct timespec64){ now.tv_sec - ctime_age, now.tv_nsec };
	mutex_unlock(&inode->i_mutex);
}

/* Read one byte of file from the start: the seconds by which that moved its access time. */
static int64_t atime_moved_by_read(struct file *file, int64_t atime_age)
{
	char byte;

	vfs_pread(file, &byte, 1, 0);
	return file->f_inode->i_atime.tv_sec - (vfs_now().tv_sec - atime_age);
}

KTEST(file_relatime, "read: atime moves when not after mtime or ctime, or a day old (relatime)")
{
	struct vfs_scratch s;
	struct file *file;
	struct inode *inode;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "f", "x") == 0);
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDONLY, 0, &file) == 0);
	inode = file->f_inode;
	set_ages(inode, 3600, 7200, 7200); /* read an hour ago, changed two hours ago */
	KTEST_EXPECT(atime_moved_by_read(file, 3600) == 0);
	set_ages(inode, 7200, 3600, 7200); /* written since it was read */
	KTEST_EXPECT(atime_moved_by_read(file, 7200) >= 7200);
	set_ages(inode, 7200, 7200, 3600); /* its attributes changed since it was read */
	KTEST_EXPECT(atime_moved_by_read(file, 7200) >= 7200);
	set_ages(inode, 7200, 7200, 7200); /* read as it changed: the same time */
	KTEST_EXPECT(atime_moved_by_read(file, 7200) >= 7200);
	set_ages(inode, 2 * 86400, 3 * 86400, 3 * 86400); /* read two days ago */
	KTEST_EXPECT(atime_moved_by_read(file, 2 * 86400) >= 2 * 86400);
	file_put(file);
	scratch_unmount(&s);
}
