/*
 * Moving bytes between an open file and its caller: read, write, pread, pwrite and lseek.
 *
 * The caller's bytes are in kernel memory (vfs_read(), vfs_write(): the kernel's own reads,
 * the tests) or in user memory (vfs_read_user(), vfs_write_user(): read(2) and write(2)).
 * Drivers see kernel buffers only (include/kernel/fs.h: struct file_operations), so user
 * bytes pass through a bounce buffer, a chunk at a time.  What makes one call one operation,
 * however many chunks it takes, is the locks it holds from its first byte to its last:
 *
 *   f_pos_lock  files with a position (FMODE_ATOMIC_POS): two processes sharing an open file
 *               never interleave their chunks, and each starts where the other stopped;
 *   i_mutex     regular files: reads and writes of one file are atomic to each other, as
 *               POSIX asks, whichever open file they come through, so O_APPEND writers never
 *               interleave.  A file system's read and write of a regular file run with it held.
 *
 * Streams (pipes, the console) have neither a position nor a lock here: a reader asleep on an
 * empty pipe holds nothing up.  A read of a stream returns what its first chunk gave (asking
 * again could block); a write goes on until all is written or a chunk falls short.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/stat.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/compiler.h>

#include "internal.h"

#define MAX_RW_COUNT 0x7ffff000UL /* the most one read or write moves, as in Linux */
#define IO_CHUNK     PAGE_SIZE	  /* the bounce buffer for user memory */
#define SMALL_IO     256	  /* transfers this small bounce on the stack, not in kmalloc's */

/*
 * Where one call's bytes are: a kernel buffer (bounce NULL), or user memory at uaddr copied
 * through bounce, which holds bounce_size bytes.
 */
struct rw_buf {
	void *kbuf;
	uint64_t uaddr;
	void *bounce;
	size_t bounce_size;
};

static ssize_t read_check(const struct file *file)
{
	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file->f_inode->i_mode))
		return -EISDIR;
	return file->f_op && file->f_op->read ? 0 : -EINVAL;
}

static ssize_t write_check(const struct file *file)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	return file->f_op && file->f_op->write ? 0 : -EINVAL;
}

static bool is_regular(const struct file *file)
{
	return S_ISREG(file->f_inode->i_mode);
}

/* Take the locks a whole read or write of file holds (see the top of this file). */
static void rw_lock(struct file *file)
{
	if (file->f_mode & FMODE_ATOMIC_POS)
		mutex_lock(&file->f_pos_lock);
	if (is_regular(file))
		mutex_lock(&file->f_inode->i_mutex);
}

static void rw_unlock(struct file *file)
{
	if (is_regular(file))
		mutex_unlock(&file->f_inode->i_mutex);
	if (file->f_mode & FMODE_ATOMIC_POS)
		mutex_unlock(&file->f_pos_lock);
}

/* The size of the next chunk, and where the driver reads it into or writes it from. */
static size_t next_chunk(const struct rw_buf *buf, size_t left, size_t done, void **at)
{
	if (!buf->bounce) {
		*at = (char *)buf->kbuf + done;
		return left;
	}
	*at = buf->bounce;
	return MIN(left, buf->bounce_size);
}

/*
 * Read up to len bytes at *pos into buf, a chunk at a time; rw_lock() held.  Bytes the caller
 * could not take (a bad user address) are not counted, and *pos does not pass them.
 */
static ssize_t read_each_chunk(struct file *file, const struct rw_buf *buf, size_t len, loff_t *pos)
{
	size_t done = 0;

	while (done < len) {
		void *at;
		size_t chunk = next_chunk(buf, len - done, done, &at);
		ssize_t n = file->f_op->read(file, at, chunk, pos);

		if (n < 0)
			return done ? (ssize_t)done : n;
		if (n > 0 && buf->bounce && copy_to_user(buf->uaddr + done, at, (size_t)n)) {
			*pos -= n;
			return done ? (ssize_t)done : -EFAULT;
		}
		done += (size_t)n;
		if ((size_t)n < chunk || !(file->f_mode & FMODE_ATOMIC_POS))
			break;
	}
	return (ssize_t)done;
}

/* read_each_chunk(), and a regular file asked for bytes was accessed (inode_accessed()). */
static __hotpath ssize_t read_chunks(struct file *file, const struct rw_buf *buf, size_t len,
				     loff_t *pos)
{
	ssize_t ret = read_each_chunk(file, buf, len, pos);

	if (is_regular(file) && len > 0)
		inode_accessed(file->f_inode);
	return ret;
}

/* Write len bytes of buf at *pos, a chunk at a time, until done or a chunk falls short. */
static __hotpath ssize_t write_chunks(struct file *file, const struct rw_buf *buf, size_t len,
				      loff_t *pos)
{
	size_t done = 0;

	while (done < len) {
		void *at;
		size_t chunk = next_chunk(buf, len - done, done, &at);
		ssize_t n;

		if (buf->bounce && copy_from_user(at, buf->uaddr + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		n = file->f_op->write(file, at, chunk, pos);
		if (n < 0)
			return done ? (ssize_t)done : n;
		done += (size_t)n;
		if ((size_t)n < chunk)
			break;
	}
	return (ssize_t)done;
}

typedef ssize_t (*chunks_fn)(struct file *file, const struct rw_buf *buf, size_t len, loff_t *pos);

/* One read or write at the file position, under the locks of a whole call. */
static __hotpath ssize_t rw_at_f_pos(struct file *file, const struct rw_buf *buf, size_t len,
				     chunks_fn chunks)
{
	loff_t pos;
	ssize_t ret;

	len = MIN(len, MAX_RW_COUNT);
	rw_lock(file);
	pos = file->f_mode & FMODE_ATOMIC_POS ? file->f_pos : 0;
	ret = chunks(file, buf, len, &pos);
	if (file->f_mode & FMODE_ATOMIC_POS)
		file->f_pos = pos;
	rw_unlock(file);
	return ret;
}

/* The same with user memory at uaddr, through a bounce buffer of the right size. */
static __hotpath ssize_t rw_user(struct file *file, uint64_t uaddr, size_t len, chunks_fn chunks)
{
	char small[SMALL_IO];
	struct rw_buf buf = { .uaddr = uaddr, .bounce = small, .bounce_size = sizeof(small) };
	ssize_t ret;

	if (len > SMALL_IO) {
		buf.bounce = kmalloc(IO_CHUNK);
		buf.bounce_size = IO_CHUNK;
		if (!buf.bounce)
			return -ENOMEM;
	}
	ret = rw_at_f_pos(file, &buf, len, chunks);
	if (buf.bounce != small)
		kfree(buf.bounce);
	return ret;
}

ssize_t vfs_read(struct file *file, void *kbuf, size_t len)
{
	ssize_t err = read_check(file);
	struct rw_buf buf = { .kbuf = kbuf };

	return err ? err : rw_at_f_pos(file, &buf, len, read_chunks);
}

ssize_t vfs_write(struct file *file, const void *kbuf, size_t len)
{
	ssize_t err = write_check(file);
	struct rw_buf buf = { .kbuf = (void *)kbuf };

	return err ? err : rw_at_f_pos(file, &buf, len, write_chunks);
}

__hotpath ssize_t vfs_read_user(struct file *file, uint64_t ubuf, size_t len)
{
	ssize_t err = read_check(file);

	return err ? err : rw_user(file, ubuf, len, read_chunks);
}

__hotpath ssize_t vfs_write_user(struct file *file, uint64_t ubuf, size_t len)
{
	ssize_t err = write_check(file);

	return err ? err : rw_user(file, ubuf, len, write_chunks);
}

/* ---- at a given position ---- */

/* Whether the file has positions pread/pwrite can use. */
static ssize_t positional_check(const struct file *file, loff_t pos)
{
	if (!(file->f_mode & FMODE_ATOMIC_POS) || !file->f_op->llseek)
		return -ESPIPE;
	return pos < 0 ? -EINVAL : 0;
}

/* pread and pwrite: the inode's lock, not the file's (the file position stays as it is). */
static ssize_t rw_at(struct file *file, const struct rw_buf *buf, size_t len, loff_t pos,
		     chunks_fn chunks)
{
	ssize_t ret;

	if (is_regular(file))
		mutex_lock(&file->f_inode->i_mutex);
	ret = chunks(file, buf, MIN(len, MAX_RW_COUNT), &pos);
	if (is_regular(file))
		mutex_unlock(&file->f_inode->i_mutex);
	return ret;
}

ssize_t vfs_pread(struct file *file, void *kbuf, size_t len, loff_t pos)
{
	ssize_t err = read_check(file);
	struct rw_buf buf = { .kbuf = kbuf };

	if (!err)
		err = positional_check(file, pos);
	return err ? err : rw_at(file, &buf, len, pos, read_chunks);
}

ssize_t vfs_pwrite(struct file *file, const void *kbuf, size_t len, loff_t pos)
{
	ssize_t err = write_check(file);
	struct rw_buf buf = { .kbuf = (void *)kbuf };

	if (!err)
		err = positional_check(file, pos);
	return err ? err : rw_at(file, &buf, len, pos, write_chunks);
}

/* ---- seeking ---- */

static loff_t inode_size(struct inode *inode)
{
	loff_t size;

	mutex_lock(&inode->i_mutex);
	size = inode->i_size;
	mutex_unlock(&inode->i_mutex);
	return size;
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t base, pos;

	assert_mutex_held(&file->f_pos_lock);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = inode_size(file->f_inode);
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &pos) || pos < 0)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}

loff_t vfs_lseek(struct file *file, loff_t offset, int whence)
{
	loff_t pos;

	if (!file->f_op || !file->f_op->llseek)
		return -ESPIPE;
	mutex_lock(&file->f_pos_lock);
	pos = file->f_op->llseek(file, offset, whence);
	mutex_unlock(&file->f_pos_lock);
	return pos;
}
