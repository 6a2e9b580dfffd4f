/*
 * Tests of descriptor tables (fs/fdtable.c): lowest-free numbering, dup and dup2 sharing an
 * open file, close-on-exec, fork's copy, and that references are counted right.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/file.h>
#include <kernel/ktest.h>
#include <kernel/vfs.h>

#include "testlib.h"

/* Open /dev/null: a file that every test can make any number of. */
static struct file *open_null(void)
{
	struct file *file;

	return vfs_open(NULL, "/dev/null", O_RDWR, 0, &file) == 0 ? file : NULL;
}

static int file_count(struct file *file)
{
	return __atomic_load_n(&file->f_count, __ATOMIC_RELAXED);
}

KTEST(fd_install_lowest, "fd_install gives the lowest free descriptor; EMFILE when all are taken")
{
	struct fdtable *table = fdtable_alloc();
	struct file *file = open_null();

	KTEST_ASSERT(table && file);
	for (int fd = 0; fd < FDTABLE_SIZE; fd++) {
		file_get(file);
		KTEST_EXPECT(fd_install(table, file, 0) == fd);
	}
	KTEST_EXPECT(fd_install(table, file, 0) == -EMFILE);
	KTEST_EXPECT(fd_close(table, 5) == 0 && fd_close(table, 3) == 0);
	KTEST_EXPECT(fd_close(table, 3) == -EBADF && fd_close(table, -1) == -EBADF);
	KTEST_EXPECT(fd_close(table, FDTABLE_SIZE) == -EBADF);
	file_get(file);
	KTEST_EXPECT(fd_install(table, file, 0) == 3);
	KTEST_EXPECT(fd_get(table, 5) == NULL);
	fdtable_release(table);
	KTEST_EXPECT(file_count(file) == 1);
	file_put(file);
}

KTEST(fd_lookup_own_no_reference, "fd_lookup_own: the open file of a descriptor, no reference "
				  "taken; NULL for one closed or out of range")
{
	struct fdtable *table = fdtable_alloc();
	struct file *file = open_null();
	int fd;

	KTEST_ASSERT(table && file);
	fd = fd_install(table, file, 0);
	KTEST_EXPECT(fd_lookup_own(table, fd) == file && file_count(file) == 1);
	KTEST_EXPECT(fd_lookup_own(table, fd + 1) == NULL);
	KTEST_EXPECT(fd_lookup_own(table, -1) == NULL &&
		     fd_lookup_own(table, FDTABLE_SIZE) == NULL);
	KTEST_EXPECT(fd_close(table, fd) == 0 && fd_lookup_own(table, fd) == NULL);
	fdtable_release(table);
}

KTEST(fd_dup_shares_position, "dup: both descriptors name one open file and share its position")
{
	struct fdtable *table = fdtable_alloc();
	struct vfs_scratch s;
	struct file *file, *copy;
	int fd, fd2;

	KTEST_ASSERT(table && scratch_mount(&s));
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDWR | O_CREAT, 0644, &file) == 0);
	fd = fd_install(table, file, 0);
	fd2 = fd_dup(table, fd);
	KTEST_EXPECT(fd == 0 && fd2 == 1);
	KTEST_EXPECT(fd_dup(table, 9) == -EBADF);
	copy = fd_get(table, fd2);
	KTEST_EXPECT(copy == file && file_count(file) == 3);
	KTEST_EXPECT(vfs_write(copy, "abc", 3) == 3);
	KTEST_EXPECT(vfs_lseek(file, 0, SEEK_CUR) == 3);
	file_put(copy);
	fdtable_release(table);
	scratch_unmount(&s);
}

KTEST(fd_dup2_replaces, "dup2: replaces the target descriptor; dup2(fd, fd) is fd; EBADF, EINVAL")
{
	struct fdtable *table = fdtable_alloc();
	struct file *a = open_null(), *b = open_null();

	KTEST_ASSERT(table && a && b);
	KTEST_EXPECT(fd_install(table, a, 0) == 0 && fd_install(table, b, O_CLOEXEC) == 1);
	file_get(b);
	KTEST_EXPECT(fd_dup2(table, 0, 1) == 1);
	KTEST_EXPECT(file_count(b) == 1); /* the table's reference to b was dropped */
	KTEST_EXPECT(fd_get_flags(table, 1) == 0);
	KTEST_EXPECT(fd_dup2(table, 1, 1) == 1);
	KTEST_EXPECT(fd_dup2(table, 7, 7) == -EBADF && fd_dup2(table, 7, 1) == -EBADF);
	KTEST_EXPECT(fd_dup2(table, 0, FDTABLE_SIZE) == -EBADF);
	KTEST_EXPECT(fd_dup2(table, 0, 40) == 40);
	KTEST_EXPECT(fd_dup3(table, 0, 0, 0) == -EINVAL);
	KTEST_EXPECT(fd_dup3(table, 0, 41, O_CLOEXEC) == 41);
	KTEST_EXPECT(fd_get_flags(table, 41) == FD_CLOEXEC);
	KTEST_EXPECT(file_count(a) == 4); /* descriptors 0, 1, 40 and 41 */
	fdtable_release(table);
	file_put(b);
}

KTEST(fd_cloexec, "close-on-exec: only marked descriptors close; F_SETFD marks, dup clears")
{
	struct fdtable *table = fdtable_alloc();
	struct file *file = open_null();
	struct file *kept;

	KTEST_ASSERT(table && file);
	file_get(file);
	file_get(file);
	KTEST_EXPECT(fd_install(table, file, O_CLOEXEC) == 0);
	KTEST_EXPECT(fd_install(table, file, 0) == 1);
	KTEST_EXPECT(fd_install(table, file, 0) == 2);
	KTEST_EXPECT(fd_set_flags(table, 2, FD_CLOEXEC) == 0);
	KTEST_EXPECT(fd_get_flags(table, 2) == FD_CLOEXEC);
	KTEST_EXPECT(fd_dup_min(table, 2, 10, 0) == 10 && fd_get_flags(table, 10) == 0);
	KTEST_EXPECT(fd_get_flags(table, 9) == -EBADF && fd_set_flags(table, 9, 0) == -EBADF);
	fdtable_close_on_exec(table);
	KTEST_EXPECT(fd_get(table, 0) == NULL && fd_get(table, 2) == NULL);
	kept = fd_get(table, 1);
	KTEST_EXPECT(kept == file && file_count(file) == 3);
	if (kept)
		file_put(kept);
	fdtable_release(table);
}

KTEST(fd_clone_for_fork, "fdtable_clone: the copy shares open files and flags; closes are separate")
{
	struct fdtable *table = fdtable_alloc();
	struct fdtable *copy;
	struct file *file = open_null();
	struct file *got;

	KTEST_ASSERT(table && file);
	KTEST_EXPECT(fd_install(table, file, O_CLOEXEC) == 0);
	copy = fdtable_clone(table);
	KTEST_ASSERT(copy);
	KTEST_EXPECT(file_count(file) == 2 && fd_get_flags(copy, 0) == FD_CLOEXEC);
	KTEST_EXPECT(fd_close(copy, 0) == 0);
	got = fd_get(table, 0);
	KTEST_EXPECT(got == file && file_count(file) == 2);
	if (got)
		file_put(got);
	fdtable_release(copy);
	fdtable_release(table);
}
