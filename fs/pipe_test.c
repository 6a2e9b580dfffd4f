/*
 * Tests of pipes (fs/pipe.c): data in order and across the end of the ring, end of file,
 * EPIPE, readers and writers that block and are woken, O_NONBLOCK, the pipe's inode, and the
 * pages of the ring.  SIGPIPE needs a user process: user/bin tests it.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/pipe.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "testlib.h"

#define BLOCK_WAIT_NS (20 * NSEC_PER_MSEC) /* long enough for a worker to reach its sleep */

/* One read or write made by a kernel thread, which may block. */
struct pipe_call {
	struct file *file;
	char buf[PIPE_BUF];
	size_t len;
	ssize_t result;
	bool finished; /* set, atomically, once the call has returned */
};

static int pipe_call_read(void *arg)
{
	struct pipe_call *call = arg;

	call->result = vfs_read(call->file, call->buf, call->len);
	__atomic_store_n(&call->finished, true, __ATOMIC_RELEASE);
	return 0;
}

static int pipe_call_write(void *arg)
{
	struct pipe_call *call = arg;

	call->result = vfs_write(call->file, call->buf, call->len);
	__atomic_store_n(&call->finished, true, __ATOMIC_RELEASE);
	return 0;
}

/* Start fn(call) in a kernel thread and give it time to block; whether it is still blocked. */
static bool pipe_call_blocks(struct pipe_call *call, kthread_fn_t fn, struct task **task)
{
	*task = kthread_create(fn, call, "ktest-pipe");
	if (!*task)
		return false;
	sleep_ns(BLOCK_WAIT_NS);
	return !__atomic_load_n(&call->finished, __ATOMIC_ACQUIRE);
}

/* Fill the pipe behind write_end to the brim; whether all PIPE_BUF_SIZE bytes went in. */
static bool pipe_fill(struct file *write_end)
{
	char *bytes = kzalloc(PIPE_BUF_SIZE);
	bool full = bytes && vfs_write(write_end, bytes, PIPE_BUF_SIZE) == PIPE_BUF_SIZE;

	kfree(bytes);
	return full;
}

KTEST(pipe_write_read, "pipe: bytes written are read back in order; a read takes what is there")
{
	struct file *r, *w;
	char buf[16] = { 0 };

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	KTEST_EXPECT(vfs_write(w, "hello, ", 7) == 7);
	KTEST_EXPECT(vfs_write(w, "pipe", 4) == 4);
	KTEST_EXPECT(vfs_read(r, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == 6 && memcmp(buf, ", pipe", 6) == 0);
	KTEST_EXPECT(vfs_write(w, "", 0) == 0 && vfs_read(r, buf, 0) == 0);
	file_put(r);
	file_put(w);
}

KTEST(pipe_ring_wraps, "pipe: data that wraps around the end of the ring comes back intact")
{
	const size_t len = PIPE_BUF_SIZE * 3 / 4;
	char *out = kmalloc(len), *in = kmalloc(len);
	struct file *r, *w;

	KTEST_ASSERT(out && in);
	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < len; i++)
			out[i] = (char)(i * 7 + round);
		KTEST_EXPECT(vfs_write(w, out, len) == (ssize_t)len);
		KTEST_EXPECT(vfs_read(r, in, len) == (ssize_t)len && memcmp(in, out, len) == 0);
	}
	file_put(r);
	file_put(w);
	kfree(out);
	kfree(in);
}

KTEST(pipe_eof, "pipe: with every writer closed, a read drains what is left, then returns 0")
{
	struct file *r, *w;
	char buf[8];

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	KTEST_EXPECT(vfs_write(w, "last", 4) == 4);
	file_put(w);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == 4 && memcmp(buf, "last", 4) == 0);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == 0);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == 0);
	file_put(r);
}

KTEST(pipe_epipe, "pipe: a write with no reader is EPIPE (a kernel thread gets no signal)")
{
	struct file *r, *w;

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	file_put(r);
	KTEST_EXPECT(vfs_write(w, "lost", 4) == -EPIPE);
	KTEST_EXPECT(vfs_write(w, "", 0) == 0);
	file_put(w);
}

KTEST(pipe_reader_woken, "pipe: a reader blocked on an empty pipe is woken by another's write")
{
	static struct pipe_call call;
	struct file *r, *w;
	struct task *task;

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	call = (struct pipe_call){ .file = r, .len = sizeof(call.buf) };
	KTEST_EXPECT(pipe_call_blocks(&call, pipe_call_read, &task));
	KTEST_ASSERT(task);
	KTEST_EXPECT(vfs_write(w, "wake", 4) == 4);
	kthread_join(task);
	KTEST_EXPECT(call.result == 4 && memcmp(call.buf, "wake", 4) == 0);
	file_put(r);
	file_put(w);
}

KTEST(pipe_writer_woken, "pipe: a writer blocked on a full pipe is woken by another's read")
{
	static struct pipe_call call;
	struct file *r, *w;
	struct task *task;
	char buf[100];

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	KTEST_ASSERT(pipe_fill(w));
	call = (struct pipe_call){ .file = w, .len = sizeof(buf) };
	memset(call.buf, 'x', sizeof(buf));
	KTEST_EXPECT(pipe_call_blocks(&call, pipe_call_write, &task));
	KTEST_ASSERT(task);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == sizeof(buf));
	kthread_join(task);
	KTEST_EXPECT(call.result == sizeof(buf));
	file_put(r);
	file_put(w);
}

KTEST(pipe_close_wakes_reader, "pipe: closing the last writer wakes a blocked reader with EOF")
{
	static struct pipe_call call;
	struct file *r, *w;
	struct task *task;

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	call = (struct pipe_call){ .file = r, .len = 8 };
	KTEST_EXPECT(pipe_call_blocks(&call, pipe_call_read, &task));
	KTEST_ASSERT(task);
	file_put(w);
	kthread_join(task);
	KTEST_EXPECT(call.result == 0);
	file_put(r);
}

KTEST(pipe_close_wakes_writer, "pipe: closing the last reader wakes a blocked writer with EPIPE")
{
	static struct pipe_call call;
	struct file *r, *w;
	struct task *task;

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	KTEST_ASSERT(pipe_fill(w));
	call = (struct pipe_call){ .file = w, .len = 8 };
	KTEST_EXPECT(pipe_call_blocks(&call, pipe_call_write, &task));
	KTEST_ASSERT(task);
	file_put(r);
	kthread_join(task);
	KTEST_EXPECT(call.result == -EPIPE);
	file_put(w);
}

KTEST(pipe_nonblock, "pipe: O_NONBLOCK makes an empty read and a full write EAGAIN")
{
	struct file *r, *w;
	char buf[8];

	KTEST_EXPECT(pipe_create_flags(&r, &w, O_APPEND) == -EINVAL);
	KTEST_ASSERT(pipe_create_flags(&r, &w, O_NONBLOCK) == 0);
	KTEST_EXPECT((r->f_flags & O_NONBLOCK) && (w->f_flags & O_NONBLOCK));
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == -EAGAIN);
	KTEST_EXPECT(pipe_fill(w));
	KTEST_EXPECT(vfs_write(w, "x", 1) == -EAGAIN);
	file_put(w);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == sizeof(buf)); /* bytes outlive the writer */
	file_put(r);
}

KTEST(pipe_atomic_writes, "pipe: up to PIPE_BUF bytes go in whole or not at all, more in part")
{
	char *bytes = kzalloc(PIPE_BUF_SIZE);
	struct file *r, *w;

	KTEST_ASSERT(bytes);
	KTEST_ASSERT(pipe_create_flags(&r, &w, O_NONBLOCK) == 0);
	KTEST_EXPECT(vfs_write(w, bytes, PIPE_BUF_SIZE - 10) == PIPE_BUF_SIZE - 10);
	KTEST_EXPECT(vfs_write(w, bytes, 20) == -EAGAIN); /* 10 bytes free: all or nothing */
	KTEST_EXPECT(vfs_write(w, bytes, PIPE_BUF + 1) == 10);
	KTEST_EXPECT(vfs_read(r, bytes, PIPE_BUF) == PIPE_BUF);
	KTEST_EXPECT(vfs_write(w, bytes, PIPE_BUF) == PIPE_BUF);
	file_put(r);
	file_put(w);
	kfree(bytes);
}

KTEST(pipe_inode, "pipe: both ends are one S_IFIFO inode, mode 0600; no seek, one direction each")
{
	struct stat st_r, st_w;
	struct file *r, *w;
	char buf[4];

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	KTEST_EXPECT(vfs_fstat(r, &st_r) == 0 && vfs_fstat(w, &st_w) == 0);
	KTEST_EXPECT(S_ISFIFO(st_r.st_mode) && (st_r.st_mode & 07777) == 0600);
	KTEST_EXPECT(st_r.st_ino == st_w.st_ino && st_r.st_dev == st_w.st_dev);
	KTEST_EXPECT(st_r.st_size == 0 && st_r.st_uid == 0);
	KTEST_EXPECT(vfs_lseek(r, 0, SEEK_SET) == -ESPIPE && vfs_lseek(w, 0, SEEK_CUR) == -ESPIPE);
	KTEST_EXPECT(vfs_pread(r, buf, sizeof(buf), 0) == -ESPIPE);
	KTEST_EXPECT(vfs_write(r, "x", 1) == -EBADF && vfs_read(w, buf, sizeof(buf)) == -EBADF);
	file_put(r);
	file_put(w);
}

KTEST(pipe_not_mountable, "pipe: pipefs cannot be mounted and is not in the mount table")
{
	struct vfs_scratch s;
	char *table = kmalloc(PAGE_SIZE);

	KTEST_ASSERT(table);
	KTEST_ASSERT(scratch_mount(&s));
	KTEST_EXPECT(vfs_mkdir(&s.root, "m", 0755) == 0);
	KTEST_EXPECT(vfs_mount(&s.root, "none", "m", "pipefs", 0, NULL) == -EINVAL);
	vfs_mounts_show(table, PAGE_SIZE);
	KTEST_EXPECT(!strstr(table, "pipefs"));
	scratch_unmount(&s);
	kfree(table);
}

KTEST(pipe_ring_pages, "pipe: its ring's pages are taken by the first write, not before")
{
	const uint64_t ring_pages = 1 << PIPE_BUF_ORDER;
	struct file *r, *w;
	uint64_t before;
	char buf[8];

	KTEST_ASSERT(pipe_create(&r, &w) == 0);
	before = free_page_count();
	KTEST_EXPECT(vfs_write(w, "abc", 3) == 3);
	KTEST_EXPECT(free_page_count() == before - ring_pages);
	KTEST_EXPECT(vfs_read(r, buf, sizeof(buf)) == 3 && vfs_write(w, "d", 1) == 1);
	KTEST_EXPECT(free_page_count() == before - ring_pages);
	file_put(r);
	file_put(w);
}

/* Make count pipes with data in them, then close them all. */
static bool pipes_round_trip(int count)
{
	struct file *ends[10][2];
	bool ok = true;

	for (int i = 0; i < count; i++) {
		if (pipe_create(&ends[i][0], &ends[i][1]) < 0) {
			count = i;
			ok = false;
			break;
		}
		ok &= vfs_write(ends[i][1], "data", 4) == 4;
	}
	for (int i = 0; i < count; i++) {
		file_put(ends[i][0]);
		file_put(ends[i][1]);
	}
	return ok;
}

KTEST(pipe_pages_back, "pipe: after 10 pipes are made and closed, every page is free again")
{
	uint64_t before;

	KTEST_ASSERT(pipes_round_trip(10)); /* fills kmalloc's caches first */
	before = free_page_count();
	KTEST_EXPECT(pipes_round_trip(10));
	KTEST_EXPECT(free_page_count() == before);
}
