/*
 * Pipes (include/kernel/pipe.h says what they promise), and pipefs, the file system their
 * inodes live on.
 *
 * A pipe is a ring buffer with counts of the files that read and write it, and a wait queue
 * for each side: readers sleep on rd_wait until there are bytes or no writer, writers on
 * wr_wait until there is room or no reader.  Whoever changes one of those conditions wakes
 * the other side: a write wakes readers, a read wakes writers, closing an end wakes both.
 *
 * The ring is allocated by the first write, so a pipe that is never written (one that only
 * signals end of file when closed, say) takes no page; it is freed with the pipe.
 *
 * pipefs is mounted once at boot with vfs_kern_mount(), outside the mount tree, like Linux's.
 * Each pipe gets an inode of its own there (S_IFIFO, with the pipe in i_private) and a
 * dentry of its own from d_make_root(), in no directory; its two ends are file_alloc()s of
 * that path.  The files hold the dentry, the dentry holds the inode, so closing the last end
 * evicts the inode, and pipefs_evict_inode() frees the pipe and its ring.
 *
 * The bytes are copied under the pipe's spinlock: they go between kernel buffers only (the
 * VFS copies user memory in and out, fs/read_write.c), so nothing there can fault or sleep.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/pipe.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/vfs.h>
#include <kernel/wait.h>
#include <lib/compiler.h>
#include <lib/string.h>

#include "internal.h"

BUILD_BUG_ON(PIPE_BUF_SIZE != PAGE_SIZE << PIPE_BUF_ORDER);
BUILD_BUG_ON(PIPE_BUF > PIPE_BUF_SIZE);

/*
 * One pipe.  lock guards everything below it; it is a spinlock taken with interrupts off,
 * before the wait queues' own locks (include/kernel/wait.h), and nothing that may sleep is
 * called while holding it.
 */
struct pipe {
	struct spinlock lock;
	char *buf;		   /* the ring, PIPE_BUF_SIZE bytes; NULL until the first write */
	size_t head;		   /* index in buf of the oldest unread byte */
	size_t len;		   /* unread bytes, from head on, wrapping at the end of buf */
	unsigned int readers;	   /* open files reading the pipe */
	unsigned int writers;	   /* open files writing the pipe */
	struct wait_queue rd_wait; /* readers wait here for bytes, or for no writer */
	struct wait_queue wr_wait; /* writers wait here for room, or for no reader */
};

/* The mount of pipefs that every pipe's inode is on: set once at boot, then constant. */
static struct vfsmount *pipe_mnt;

/* Whether pipefs has its one super block; vfs_lock guards it (mount and kill_sb hold it). */
static bool pipefs_mounted;

static const struct file_operations pipe_fops;

/* ---- the pipe itself ---- */

static struct pipe *pipe_alloc(void)
{
	struct pipe *pipe = kzalloc(sizeof(*pipe));

	if (!pipe)
		return NULL;
	spin_lock_init(&pipe->lock, "pipe");
	wait_queue_init(&pipe->rd_wait, "pipe_read");
	wait_queue_init(&pipe->wr_wait, "pipe_write");
	return pipe;
}

/* Free a pipe that no file uses any more; pipe_free(NULL) does nothing. */
static void pipe_free(struct pipe *pipe)
{
	if (!pipe)
		return;
	BUG_ON(pipe->readers || pipe->writers);
	if (pipe->buf)
		free_pages(virt_to_phys(pipe->buf), PIPE_BUF_ORDER);
	kfree(pipe);
}

/* Make sure the pipe has its ring, for a write; pipe->lock held.  0, or -ENOMEM. */
static int pipe_alloc_ring(struct pipe *pipe)
{
	uint64_t phys;

	assert_spin_locked(&pipe->lock);
	if (pipe->buf)
		return 0;
	phys = alloc_pages(PIPE_BUF_ORDER);
	if (!phys)
		return -ENOMEM;
	pipe->buf = phys_to_virt(phys);
	return 0;
}

/* Take up to len unread bytes into buf; pipe->lock held.  Returns how many. */
static size_t pipe_copy_out(struct pipe *pipe, char *buf, size_t len)
{
	size_t n = MIN(len, pipe->len);
	size_t first = MIN(n, PIPE_BUF_SIZE - pipe->head);

	assert_spin_locked(&pipe->lock);
	if (n == 0)
		return 0;
	memcpy(buf, pipe->buf + pipe->head, first);
	if (n > first) /* the rest, from the start of the ring */
		memcpy(buf + first, pipe->buf, n - first);
	pipe->head = (pipe->head + n) % PIPE_BUF_SIZE;
	pipe->len -= n;
	return n;
}

/*
 * Add as many of buf's len bytes as there is room for; pipe->lock held, and the ring there
 * (pipe_alloc_ring()).  Returns how many.
 */
static size_t pipe_copy_in(struct pipe *pipe, const char *buf, size_t len)
{
	size_t tail = (pipe->head + pipe->len) % PIPE_BUF_SIZE;
	size_t n = MIN(len, PIPE_BUF_SIZE - pipe->len);
	size_t first = MIN(n, PIPE_BUF_SIZE - tail);

	assert_spin_locked(&pipe->lock);
	memcpy(pipe->buf + tail, buf, first);
	if (n > first) /* the rest, at the start of the ring */
		memcpy(pipe->buf, buf + first, n - first);
	pipe->len += n;
	return n;
}

/*
 * Wait until the pipe has bytes or no writer; pipe->lock held.  Returns 0, -EAGAIN (it would
 * wait, and nonblock says not to) or -ERESTARTSYS (a signal came).
 */
static int pipe_wait_data(struct pipe *pipe, bool nonblock)
{
	assert_spin_locked(&pipe->lock);
	if (nonblock && !pipe->len && pipe->writers)
		return -EAGAIN;
	return wait_event_interruptible_locked(&pipe->rd_wait, pipe->len || !pipe->writers,
					       &pipe->lock);
}

/*
 * Wait until there is room for need bytes, or no reader; pipe->lock held.  Returns 0 when
 * there is room, -EPIPE when no reader is left, -EAGAIN or -ERESTARTSYS as pipe_wait_data().
 */
static int pipe_wait_room(struct pipe *pipe, size_t need, bool nonblock)
{
	int err;

	assert_spin_locked(&pipe->lock);
	if (nonblock && PIPE_BUF_SIZE - pipe->len < need && pipe->readers)
		return -EAGAIN;
	err = wait_event_interruptible_locked(
	    &pipe->wr_wait, PIPE_BUF_SIZE - pipe->len >= need || !pipe->readers, &pipe->lock);
	if (err)
		return err;
	return pipe->readers ? 0 : -EPIPE;
}

/* EPIPE comes with SIGPIPE to the writing process; a kernel thread only gets the error. */
static void pipe_send_sigpipe(void)
{
	struct proc *p = current_proc();

	if (p)
		signal_send(p, SIGPIPE, NULL);
}

/* ---- the files of its two ends ---- */

/* Count the new file as a reader, a writer, or both, by its access mode. */
static int pipe_open(struct inode *inode, struct file *file)
{
	struct pipe *pipe = inode->i_private;
	unsigned long flags = spin_lock_irqsave(&pipe->lock);

	if (file->f_mode & FMODE_READ)
		pipe->readers++;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers++;
	spin_unlock_irqrestore(&pipe->lock, flags);
	file->private_data = pipe;
	return 0;
}

/* The last close of an end: the other side's sleepers learn of it (EOF, or EPIPE). */
static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe *pipe = file->private_data;
	unsigned long flags = spin_lock_irqsave(&pipe->lock);

	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	wake_up_all(&pipe->rd_wait);
	wake_up_all(&pipe->wr_wait);
	spin_unlock_irqrestore(&pipe->lock, flags);
	return 0;
}

/* Read what is there, up to len bytes, waiting for something first; 0 is end of file. */
static __hotpath ssize_t pipe_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	struct pipe *pipe = file->private_data;
	unsigned long flags;
	ssize_t ret;

	if (len == 0)
		return 0;
	flags = spin_lock_irqsave(&pipe->lock);
	ret = pipe_wait_data(pipe, file->f_flags & O_NONBLOCK);
	if (ret == 0) {
		ret = (ssize_t)pipe_copy_out(pipe, buf, len);
		if (ret > 0)
			wake_up_all(&pipe->wr_wait);
	}
	spin_unlock_irqrestore(&pipe->lock, flags);
	return ret;
}

/*
 * Write all len bytes, waiting for room as needed.  Up to PIPE_BUF bytes wait until they fit
 * at once and go in whole; more go in as room appears.  Returns the bytes written, or, if
 * none were, the error that stopped it (-ENOMEM too, if there is no page for the ring).
 */
static __hotpath ssize_t pipe_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	struct pipe *pipe = file->private_data;
	size_t need = len <= PIPE_BUF ? len : 1;
	bool nonblock = file->f_flags & O_NONBLOCK;
	unsigned long flags;
	size_t done = 0;
	int err = 0;

	if (len == 0)
		return 0;
	flags = spin_lock_irqsave(&pipe->lock);
	while (done < len && !(err = pipe_wait_room(pipe, need, nonblock)) &&
	       !(err = pipe_alloc_ring(pipe))) {
		done += pipe_copy_in(pipe, (const char *)buf + done, len - done);
		wake_up_all(&pipe->rd_wait);
	}
	spin_unlock_irqrestore(&pipe->lock, flags);
	if (err == -EPIPE)
		pipe_send_sigpipe();
	return done ? (ssize_t)done : err;
}

/* No llseek: the VFS answers ESPIPE. */
static const struct file_operations pipe_fops = {
	.open = pipe_open,
	.release = pipe_release,
	.read = pipe_read,
	.write = pipe_write,
};

/* ---- making one ---- */

/* A pipefs inode for pipe, owned by the caller's effective user and group. */
static struct inode *pipe_inode_alloc(struct pipe *pipe)
{
	struct inode *inode = inode_alloc(pipe_mnt->mnt_sb, S_IFIFO | 0600);
	const struct cred *cred = current_cred();

	if (!inode)
		return NULL;
	inode->i_fop = &pipe_fops;
	inode->i_private = pipe;
	inode->i_uid = cred->fsuid;
	inode->i_gid = cred->fsgid;
	return inode;
}

/* Open path's read end, then its write end; on failure neither is left open. */
static int pipe_open_ends(const struct path *path, unsigned int flags, struct file **read_end,
			  struct file **write_end)
{
	int err = file_alloc(path, O_RDONLY | flags, &pipe_fops, read_end);

	if (err)
		return err;
	err = file_alloc(path, O_WRONLY | flags, &pipe_fops, write_end);
	if (err)
		file_put(*read_end);
	return err;
}

int pipe_create_flags(struct file **read_end, struct file **write_end, unsigned int flags)
{
	struct path path = { .mnt = pipe_mnt };
	struct inode *inode;
	struct pipe *pipe;
	int err;

	BUG_ON(!pipe_mnt); /* pipefs_init() has not run */
	if (flags & ~O_NONBLOCK)
		return -EINVAL;
	pipe = pipe_alloc();
	if (!pipe)
		return -ENOMEM;
	inode = pipe_inode_alloc(pipe);
	if (!inode) {
		pipe_free(pipe);
		return -ENOMEM;
	}
	path.dentry = d_make_root(inode); /* on failure, the inode goes, and the pipe with it */
	if (!path.dentry)
		return -ENOMEM;
	err = pipe_open_ends(&path, flags, read_end, write_end);
	dentry_put(path.dentry);
	return err;
}

int pipe_create(struct file **read_end, struct file **write_end)
{
	return pipe_create_flags(read_end, write_end, 0);
}

/* ---- pipefs ---- */

static void pipefs_evict_inode(struct inode *inode)
{
	pipe_free(inode->i_private);
}

static const struct super_operations pipefs_super_ops = {
	.evict_inode = pipefs_evict_inode,
};

/* The one super block, for the kernel's own mount; mount(2) of pipefs is EINVAL, as in Linux. */
static int pipefs_mount(struct file_system_type *type, const char *source, unsigned long flags,
			const void *data, struct super_block **out)
{
	struct super_block *sb;
	struct inode *root;

	assert_mutex_held(&vfs_lock);
	if (pipefs_mounted)
		return -EINVAL;
	sb = sb_alloc(type, &pipefs_super_ops);
	if (!sb)
		return -ENOMEM;
	root = inode_alloc(sb, S_IFDIR | 0600);
	sb->s_root = root ? d_make_root(root) : NULL;
	if (!sb->s_root) {
		sb_free(sb);
		return -ENOMEM;
	}
	pipefs_mounted = true;
	*out = sb;
	return 0;
}

static void pipefs_kill_sb(struct super_block *sb)
{
	dentry_put_locked(sb->s_root);
	sb_free(sb);
	pipefs_mounted = false;
}

static struct file_system_type pipefs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = pipefs_kill_sb,
};

void pipefs_init(void)
{
	if (register_filesystem(&pipefs_type) < 0 ||
	    vfs_kern_mount("pipefs", 0, NULL, &pipe_mnt) < 0)
		panic("pipefs: cannot mount");
}
