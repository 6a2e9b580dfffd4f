/*
 * Descriptor tables (include/kernel/file.h): a fixed array of FDTABLE_SIZE file pointers
 * and a bitmap of close-on-exec flags, under one spinlock.  A new descriptor is also below
 * the caller's RLIMIT_NOFILE (include/kernel/rlimit.h), which is at most FDTABLE_SIZE.
 *
 * The lock is held only to read or change slots.  Dropping a file's reference may be its
 * last, which calls the driver's release and may sleep, so files taken out of a table are
 * put after the lock is released.  read() and write() look their file up with neither the
 * lock nor a reference (fd_lookup_own()): a table has one process, and it is the caller.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/rlimit.h>
#include <lib/compiler.h>

BUILD_BUG_ON(FDTABLE_SIZE > 64); /* the close-on-exec bitmap is one uint64_t */

static bool fd_in_range(int fd)
{
	return fd >= 0 && fd < FDTABLE_SIZE;
}

struct fdtable *fdtable_alloc(void)
{
	struct fdtable *table = kzalloc(sizeof(*table));

	if (table)
		spin_lock_init(&table->lock, "fdtable");
	return table;
}

/* Put file in slot fd, empty; caller holds the lock. */
static void fd_set_slot(struct fdtable *table, int fd, struct file *file, bool cloexec)
{
	assert_spin_locked(&table->lock);
	table->files[fd] = file;
	if (cloexec)
		table->cloexec |= 1ULL << fd;
	else
		table->cloexec &= ~(1ULL << fd);
}

/* Empty slot fd and return what it held (NULL if nothing); caller holds the lock. */
static struct file *fd_take_slot(struct fdtable *table, int fd)
{
	struct file *file = table->files[fd];

	assert_spin_locked(&table->lock);
	table->files[fd] = NULL;
	table->cloexec &= ~(1ULL << fd);
	return file;
}

/* The end of the descriptors the caller may make: its RLIMIT_NOFILE, within the table. */
static int fd_limit(void)
{
	uint64_t limit = rlimit_current(RLIMIT_NOFILE);

	return limit < FDTABLE_SIZE ? (int)limit : FDTABLE_SIZE;
}

/* The lowest free descriptor >= min_fd below limit, or -EMFILE; caller holds the lock. */
static int fd_find_free(struct fdtable *table, int min_fd, int limit)
{
	for (int fd = min_fd; fd < limit; fd++)
		if (!table->files[fd])
			return fd;
	return -EMFILE;
}

static int fd_install_min(struct fdtable *table, struct file *file, int min_fd, int flags)
{
	int limit = fd_limit();
	unsigned long irq = spin_lock_irqsave(&table->lock);
	int fd = fd_find_free(table, min_fd, limit);

	if (fd >= 0)
		fd_set_slot(table, fd, file, flags & O_CLOEXEC);
	spin_unlock_irqrestore(&table->lock, irq);
	return fd;
}

int fd_install(struct fdtable *table, struct file *file, int flags)
{
	return fd_install_min(table, file, 0, flags);
}

struct file *fd_get(struct fdtable *table, int fd)
{
	struct file *file;
	unsigned long irq;

	if (!fd_in_range(fd))
		return NULL;
	irq = spin_lock_irqsave(&table->lock);
	file = table->files[fd];
	if (file)
		file_get(file);
	spin_unlock_irqrestore(&table->lock, irq);
	return file;
}

__hotpath struct file *fd_lookup_own(struct fdtable *table, int fd)
{
	return fd_in_range(fd) ? READ_ONCE(table->files[fd]) : NULL;
}

int fd_close(struct fdtable *table, int fd)
{
	struct file *file;
	unsigned long irq;

	if (!fd_in_range(fd))
		return -EBADF;
	irq = spin_lock_irqsave(&table->lock);
	file = fd_take_slot(table, fd);
	spin_unlock_irqrestore(&table->lock, irq);
	if (!file)
		return -EBADF;
	file_put(file);
	return 0;
}

int fd_dup_min(struct fdtable *table, int fd, int min_fd, int flags)
{
	struct file *file;
	int newfd;

	if (min_fd < 0 || min_fd >= fd_limit())
		return -EINVAL;
	file = fd_get(table, fd);
	if (!file)
		return -EBADF;
	newfd = fd_install_min(table, file, min_fd, flags);
	if (newfd < 0)
		file_put(file);
	return newfd;
}

int fd_dup(struct fdtable *table, int fd)
{
	return fd_dup_min(table, fd, 0, 0);
}

int fd_dup3(struct fdtable *table, int oldfd, int newfd, int flags)
{
	struct file *file, *replaced;
	unsigned long irq;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	if (newfd < 0 || newfd >= fd_limit())
		return -EBADF;
	file = fd_get(table, oldfd);
	if (!file)
		return -EBADF;
	irq = spin_lock_irqsave(&table->lock);
	replaced = fd_take_slot(table, newfd);
	fd_set_slot(table, newfd, file, flags & O_CLOEXEC);
	spin_unlock_irqrestore(&table->lock, irq);
	if (replaced)
		file_put(replaced);
	return newfd;
}

int fd_dup2(struct fdtable *table, int oldfd, int newfd)
{
	struct file *file;

	if (oldfd != newfd)
		return fd_dup3(table, oldfd, newfd, 0);
	file = fd_get(table, oldfd);
	if (!file)
		return -EBADF;
	file_put(file);
	return newfd;
}

int fd_get_flags(struct fdtable *table, int fd)
{
	unsigned long irq;
	int flags = -EBADF;

	if (!fd_in_range(fd))
		return -EBADF;
	irq = spin_lock_irqsave(&table->lock);
	if (table->files[fd])
		flags = table->cloexec & (1ULL << fd) ? FD_CLOEXEC : 0;
	spin_unlock_irqrestore(&table->lock, irq);
	return flags;
}

int fd_set_flags(struct fdtable *table, int fd, int fd_flags)
{
	unsigned long irq;
	int err = -EBADF;

	if (!fd_in_range(fd))
		return -EBADF;
	irq = spin_lock_irqsave(&table->lock);
	if (table->files[fd]) {
		fd_set_slot(table, fd, table->files[fd], fd_flags & FD_CLOEXEC);
		err = 0;
	}
	spin_unlock_irqrestore(&table->lock, irq);
	return err;
}

struct fdtable *fdtable_clone(struct fdtable *table)
{
	struct fdtable *copy = fdtable_alloc();
	unsigned long irq;

	if (!copy)
		return NULL;
	irq = spin_lock_irqsave(&table->lock);
	for (int fd = 0; fd < FDTABLE_SIZE; fd++) {
		copy->files[fd] = table->files[fd];
		if (copy->files[fd])
			file_get(copy->files[fd]);
	}
	copy->cloexec = table->cloexec;
	spin_unlock_irqrestore(&table->lock, irq);
	return copy;
}

/*
 * Close every open descriptor or, when only_cloexec, every one marked close-on-exec.  The
 * files come out under one hold of the lock (a lock pair per slot cost more than the rest of
 * an exit's closing) and are put after it, since a last put may sleep.
 */
static void fd_close_all(struct fdtable *table, bool only_cloexec)
{
	struct file *taken[FDTABLE_SIZE];
	unsigned long irq = spin_lock_irqsave(&table->lock);

	for (int fd = 0; fd < FDTABLE_SIZE; fd++) {
		taken[fd] = NULL;
		if (!only_cloexec || (table->cloexec & (1ULL << fd)))
			taken[fd] = fd_take_slot(table, fd);
	}
	spin_unlock_irqrestore(&table->lock, irq);
	for (int fd = 0; fd < FDTABLE_SIZE; fd++)
		if (taken[fd])
			file_put(taken[fd]);
}

void fdtable_close_on_exec(struct fdtable *table)
{
	fd_close_all(table, true);
}

void fdtable_release(struct fdtable *table)
{
	fd_close_all(table, false);
	kfree(table);
}
