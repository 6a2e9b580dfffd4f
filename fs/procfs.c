/*
 * procfs, the file system of type "proc" the kernel mounts on /proc: files whose contents are
 * made up from the kernel's own tables when they are opened.
 *
 *   /proc/mounts         the mount table, "source target fstype rw,options 0 0" a line
 *   /proc/meminfo        MemTotal, MemFree, MemAvailable in kB as in Linux, then in pages
 *   /proc/slabinfo       kmalloc's size classes in Linux's slabinfo 2.1 format (root only)
 *   /proc/file-nr        the open files (struct file) in the whole system: the first field
 *                        of Linux's /proc/sys/fs/file-nr, what a leak check counts
 *   /proc/uptime         seconds since boot, and idle seconds (not counted: always 0.00)
 *   /proc/lockorder      the lock-order checker's graph: which lock classes nest in which
 *   /proc/containers     a line per container subsystem: its hierarchy, its number of
 *                        containers, enabled (1), as Linux's /proc/cgroups
 *   /proc/container_release  release notification's counters: containers queued, agents
 *                        started and failed, queued ones cancelled by rmdir or skipped
 *   /proc/sys/kernel/threads-max  the most processes the machine runs (include/kernel/rlimit.h)
 *   /proc/<pid>/status   Name, Umask, State, Tgid, Pid, PPid, Uid, Gid and Groups, as in Linux
 *   /proc/<pid>/stat     one line of Linux's 52 fields: pid (name) state ppid pgrp session
 *                        tty_nr tpgid, then what Corral does not count (0; threads 1)
 *   /proc/<pid>/cmdline  the argv of its last execve, each string NUL-ended
 *   /proc/<pid>/container  a line per hierarchy, "id:subsystems:/path", as Linux's cgroup
 *   /proc/self/          the same files, for whichever process opens them
 *
 * Names.  No dentry is pinned: lookup makes an inode for the name it is asked about (a number
 * names a directory if that process exists), and the dentry goes when nobody uses it any more.
 * Inode numbers are computed from what they name, so a name keeps its number from one lookup
 * to the next.  The VFS has no symbolic links, so self is a directory whose files stand for
 * "the process that opens me": show() resolves PROC_SELF to the caller.
 *
 * Contents.  open() writes the whole text into a buffer that the open file keeps, and read()
 * copies from it: each open takes a snapshot, so a reader never sees half of one state and half
 * of another; reopen to see newer values.
 *
 * Processes come and go.  procfs never keeps a pointer to a struct proc: an inode remembers a
 * pid number, and each show finds the process again on proc_all_list and copies what it shows,
 * all under proc_lock.  A process that is gone (reaped) makes lookup and open fail with ENOENT.
 * Zombies are listed until their parent reaps them, as in Linux.  Lock order: vfs_lock (held by
 * lookup and iterate) before proc_lock.
 */
#include <kernel/chrdev.h>
#include <kernel/container.h>
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/lockorder.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/proc.h>
#include <kernel/rcu.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/vfs.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/string.h>

#include "internal.h"

#define PROC_SELF (-1) /* the pid of /proc/self's files: the caller */

#define PROCFS_ROOT_INO	      1
#define PROCFS_PID_INO_BASE   0x100 /* /proc/<pid> is BASE + 16 * pid; its files follow it */
#define PROCFS_PID_INO_STRIDE 16

/* One name procfs shows, in the root, in a pid directory or in a directory of /proc/sys. */
struct procfs_entry {
	const char *name;
	mode_t mode; /* S_IFREG | 0444 or S_IFDIR | 0555 */
	/*
	 * Files: write the text for process pid (PROC_SELF: the caller) into buf, as snprintf
	 * does; return the whole length (>= size: it did not fit), or a negative errno.
	 */
	long (*show)(int pid, char *buf, size_t size);
	/* A directory of fixed names (/proc/sys ...): its entries; NULL for the others. */
	const struct procfs_entry *children;
	size_t nchildren;
	ino_t ino; /* in such a directory: the entry's inode number, below PROCFS_PID_INO_BASE */
};

/* What a procfs inode names (in i_private; the root has none). */
struct procfs_inode {
	const struct procfs_entry *entry;
	int pid; /* the process of a pid directory and its files, PROC_SELF, or 0 */
};

/* ---- processes, read under proc_lock ---- */

/* The process pid (PROC_SELF: the caller), zombies included, or NULL.  proc_lock held. */
static struct proc *procfs_find_locked(int pid)
{
	struct proc *p;

	assert_spin_locked(&proc_lock);
	if (pid == PROC_SELF)
		return current_proc();
	list_for_each_entry(p, &proc_all_list, all_link)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* What status and stat show of a process, copied out under proc_lock. */
struct procfs_proc_info {
	char name[TASK_NAME_MAX];
	char state; /* 'R', 'S', 'T' or 'Z' */
	int pid, ppid, pgid, sid;
	struct cred cred;
	mode_t umask;
};

/*
 * A snapshot: a task's state changes under runqueue_lock, which is not taken here.  A stopped
 * process (sig.stopped changes under proc_lock too) sleeps until continued: T, not S.
 */
static char procfs_state(const struct proc *p)
{
	if (p->zombie)
		return 'Z';
	if (p->sig.stopped)
		return 'T';
	return READ_ONCE(p->task->state) == TASK_SLEEPING ? 'S' : 'R';
}

static bool procfs_get_info(int pid, struct procfs_proc_info *info)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = procfs_find_locked(pid);

	if (p) {
		strlcpy(info->name, p->task->name, sizeof(info->name));
		info->state = procfs_state(p);
		info->pid = p->pid;
		info->ppid = p->parent ? p->parent->pid : 0;
		info->pgid = p->pgid;
		info->sid = p->sid;
		info->cred = p->cred;
		info->umask = p->umask;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return p != NULL;
}

/* The smallest pid at least from among the processes, or -1. */
static int procfs_next_pid(loff_t from)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p;
	int next = -1;

	list_for_each_entry(p, &proc_all_list, all_link)
		if (p->pid >= from && (next < 0 || p->pid < next))
			next = p->pid;
	spin_unlock_irqrestore(&proc_lock, flags);
	return next;
}

/* ---- what the files show ---- */

/* snprintf at buf + *len, counting the whole length in *len even when it does not fit. */
static void procfs_printf(char *buf, size_t size, size_t *len, const char *fmt, ...) __printf(4, 5);

static void procfs_printf(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	char *at = *len < size ? buf + *len : NULL;
	va_list ap;

	va_start(ap, fmt);
	*len += (size_t)vsnprintf(at, at ? size - *len : 0, fmt, ap);
	va_end(ap);
}

static long procfs_show_mounts(int pid, char *buf, size_t size)
{
	return (long)vfs_mounts_show(buf, size);
}

/* Free memory counts the pages kept for reuse (free_memory_pages()), as sysinfo(2) does. */
static long procfs_show_meminfo(int pid, char *buf, size_t size)
{
	uint64_t total = total_page_count();
	uint64_t free = free_memory_pages();
	uint64_t kb = PAGE_SIZE / 1024;
	size_t len = 0;

	procfs_printf(buf, size, &len, "%-16s%8lu kB\n", "MemTotal:", (unsigned long)(total * kb));
	procfs_printf(buf, size, &len, "%-16s%8lu kB\n", "MemFree:", (unsigned long)(free * kb));
	procfs_printf(buf, size, &len, "%-16s%8lu kB\n",
		      "MemAvailable:", (unsigned long)(free * kb));
	procfs_printf(buf, size, &len, "%-16s%8lu\n", "PagesTotal:", (unsigned long)total);
	procfs_printf(buf, size, &len, "%-16s%8lu\n", "PagesFree:", (unsigned long)free);
	return (long)len;
}

/*
 * Linux's slabinfo 2.1: a kmalloc-N line per size class, the largest first as Linux lists
 * them.  A slab is one page; Corral has no per-CPU caches, so the tunables are 0.
 */
static long procfs_show_slabinfo(int pid, char *buf, size_t size)
{
	struct kmalloc_class_info info;
	unsigned int last = 0;
	size_t len = 0;

	procfs_printf(buf, size, &len,
		      "slabinfo - version: 2.1\n# name            <active_objs> <num_objs> "
		      "<objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> "
		      "<sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	while (kmalloc_class_info(last + 1, &info))
		last++;
	for (unsigned int cls = last + 1; cls-- > 0 && kmalloc_class_info(cls, &info);) {
		unsigned long per_slab = PAGE_SIZE / info.size;
		char name[24];

		snprintf(name, sizeof(name), "kmalloc-%lu", (unsigned long)info.size);
		procfs_printf(
		    buf, size, &len,
		    "%-17s %6lu %6lu %6lu %4lu %4d : tunables %4d %4d %4d : slabdata %6lu "
		    "%6lu %6d\n",
		    name, info.objects, info.slabs * per_slab, (unsigned long)info.size, per_slab,
		    1, 0, 0, 0, info.slabs - info.empty_slabs, info.slabs, 0);
	}
	return (long)len;
}

static long procfs_show_file_nr(int pid, char *buf, size_t size)
{
	return (long)snprintf(buf, size, "%ld\n", open_files_count());
}

/* The lock-order checker's edges (debug builds; empty otherwise). */
static long procfs_show_lockorder(int pid, char *buf, size_t size)
{
	return lockorder_show(buf, size);
}

static long procfs_show_containers(int pid, char *buf, size_t size)
{
	return container_show_summary(buf, size);
}

static long procfs_show_container_release(int pid, char *buf, size_t size)
{
	return container_release_show(buf, size);
}

static long procfs_show_rcu(int pid, char *buf, size_t size)
{
	return rcu_show(buf, size);
}

static long procfs_show_uptime(int pid, char *buf, size_t size)
{
	uint64_t centis = clock_monotonic_ns() / (NSEC_PER_SEC / 100);

	return snprintf(buf, size, "%lu.%02lu 0.00\n", (unsigned long)(centis / 100),
			(unsigned long)(centis % 100));
}

static const char *procfs_state_name(char state)
{
	switch (state) {
	case 'S':
		return "S (sleeping)";
	case 'T':
		return "T (stopped)";
	case 'Z':
		return "Z (zombie)";
	default:
		return "R (running)";
	}
}

/*
 * Linux's lines, fewer of them: Uid and Gid give the real, effective, saved and file-system
 * ids; Groups the supplementary groups, each followed by a space.
 */
static long procfs_show_status(int pid, char *buf, size_t size)
{
	struct procfs_proc_info info;
	const struct cred *c = &info.cred;
	size_t len = 0;

	if (!procfs_get_info(pid, &info))
		return -ENOENT;
	procfs_printf(buf, size, &len,
		      "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n"
		      "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nGroups:\t",
		      info.name, info.umask, procfs_state_name(info.state), info.pid, info.pid,
		      info.ppid, c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid,
		      c->fsgid);
	for (unsigned int i = 0; i < c->ngroups; i++)
		procfs_printf(buf, size, &len, "%u ", c->groups[i]);
	procfs_printf(buf, size, &len, "\n");
	return (long)len;
}

/*
 * Linux's 52 fields, of which Corral has the first eight: pid (name) state ppid pgrp session
 * tty_nr tpgid, the terminal being the console (5, 1) when the session has it.  The counts
 * it does not keep are 0, but for num_threads (field 20), which is 1.
 */
static long procfs_show_stat(int pid, char *buf, size_t size)
{
	struct procfs_proc_info info;
	int tpgid, tty;
	size_t len = 0;

	if (!procfs_get_info(pid, &info))
		return -ENOENT;
	tpgid = console_foreground_of(info.sid);
	tty = tpgid > 0 ? TTYAUX_MAJOR << 8 | CONSOLE_MINOR : 0;
	procfs_printf(buf, size, &len, "%d (%s) %c %d %d %d %d %d", info.pid, info.name, info.state,
		      info.ppid, info.pgid, info.sid, tty, tpgid);
	for (int field = 9; field <= 52; field++)
		procfs_printf(buf, size, &len, field == 20 ? " 1" : " 0");
	procfs_printf(buf, size, &len, "\n");
	return (long)len;
}

static long procfs_show_cmdline(int pid, char *buf, size_t size)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = procfs_find_locked(pid);
	long len = p ? (long)p->cmdline_len : -ENOENT;

	if (p && p->cmdline_len < size)
		memcpy(buf, p->cmdline, p->cmdline_len);
	spin_unlock_irqrestore(&proc_lock, flags);
	return len;
}

static long procfs_show_threads_max(int pid, char *buf, size_t size)
{
	return snprintf(buf, size, "%d\n", procs_max);
}

/* /proc/sys/kernel, and /proc/sys, directories of fixed names. */
static const struct procfs_entry procfs_sys_kernel_entries[] = {
	{ .name = "threads-max",
	  .mode = S_IFREG | 0444,
	  .show = procfs_show_threads_max,
	  .ino = 0x21 },
};

static const struct procfs_entry procfs_sys_entries[] = {
	{ .name = "kernel",
	  .mode = S_IFDIR | 0555,
	  .children = procfs_sys_kernel_entries,
	  .nchildren = ARRAY_SIZE(procfs_sys_kernel_entries),
	  .ino = 0x20 },
};

/* The root's names; self is a pid directory, sys one of fixed names. */
static const struct procfs_entry procfs_root_entries[] = {
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = procfs_show_mounts },
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = procfs_show_meminfo },
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = procfs_show_slabinfo },
	{ .name = "file-nr", .mode = S_IFREG | 0444, .show = procfs_show_file_nr },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = procfs_show_uptime },
	{ .name = "lockorder", .mode = S_IFREG | 0444, .show = procfs_show_lockorder },
	{ .name = "containers", .mode = S_IFREG | 0444, .show = procfs_show_containers },
	{ .name = "container_release",
	  .mode = S_IFREG | 0444,
	  .show = procfs_show_container_release },
	{ .name = "rcu", .mode = S_IFREG | 0444, .show = procfs_show_rcu },
	{ .name = "self", .mode = S_IFDIR | 0555 },
	{ .name = "sys",
	  .mode = S_IFDIR | 0555,
	  .children = procfs_sys_entries,
	  .nchildren = ARRAY_SIZE(procfs_sys_entries) },
};

/* The names in each pid directory, and in self. */
static const struct procfs_entry procfs_pid_entries[] = {
	{ .name = "status", .mode = S_IFREG | 0444, .show = procfs_show_status },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = procfs_show_stat },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = procfs_show_cmdline },
	{ .name = "container", .mode = S_IFREG | 0444, .show = container_show_proc },
};

static const struct procfs_entry procfs_pid_dir = { .name = "<pid>", .mode = S_IFDIR | 0555 };

/* Root positions: ".", "..", the entries above, then each pid at PROCFS_PID_POS + pid. */
#define PROCFS_PID_POS ((loff_t)(2 + ARRAY_SIZE(procfs_root_entries)))

static ino_t procfs_pid_ino(int pid)
{
	return PROCFS_PID_INO_BASE + PROCFS_PID_INO_STRIDE * (ino_t)(pid == PROC_SELF ? 0 : pid);
}

static const struct procfs_entry *procfs_find_entry(const struct procfs_entry *table, size_t count,
						    const char *name, size_t len)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(table[i].name) == len && memcmp(table[i].name, name, len) == 0)
			return &table[i];
	return NULL;
}

/* ---- open files ---- */

/* The text of an open procfs file: made at open, read from, freed at the last close. */
struct procfs_text {
	size_t len;
	char data[];
};

#define PROCFS_SHOW_TRIES 4

/* Show entry into a buffer large enough, trying again with more room when it did not fit. */
static int procfs_make_text(const struct procfs_inode *pi, struct procfs_text **out)
{
	size_t size = PAGE_SIZE - sizeof(struct procfs_text);

	for (int try = 0; try < PROCFS_SHOW_TRIES; try++) {
		struct procfs_text *text = kmalloc(sizeof(*text) + size);
		long len;

		if (!text)
			return -ENOMEM;
		len = pi->entry->show(pi->pid, text->data, size);
		if (len >= 0 && (size_t)len < size) {
			text->len = (size_t)len;
			*out = text;
			return 0;
		}
		kfree(text);
		if (len < 0)
			return (int)len;
		size = 2 * (size_t)len; /* room for it to grow a little before the next try */
	}
	return -EAGAIN;
}

static int procfs_open(struct inode *inode, struct file *file)
{
	struct procfs_text *text = NULL;
	int err;

	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	err = procfs_make_text(inode->i_private, &text);
	if (!err)
		file->private_data = text;
	return err;
}

static int procfs_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t procfs_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	const struct procfs_text *text = file->private_data;

	if (*pos >= (loff_t)text->len)
		return 0;
	len = MIN(len, text->len - (size_t)*pos);
	memcpy(buf, text->data + *pos, len);
	*pos += (loff_t)len;
	return (ssize_t)len;
}

static const struct file_operations procfs_file_fops = {
	.open = procfs_open,
	.release = procfs_release,
	.read = procfs_read,
	.llseek = generic_file_llseek,
};

/* ---- inodes ---- */

static const struct inode_operations procfs_pid_dir_iops, procfs_table_dir_iops;
static const struct file_operations procfs_pid_dir_fops, procfs_table_dir_fops;

/* A new inode for entry of process pid, numbered ino, owned by the process's effective ids. */
static struct inode *procfs_new_inode(struct super_block *sb, const struct procfs_entry *entry,
				      int pid, ino_t ino)
{
	struct procfs_inode *pi = kmalloc(sizeof(*pi));
	struct inode *inode = pi ? inode_alloc(sb, entry->mode) : NULL;
	struct procfs_proc_info info;

	if (!inode) {
		kfree(pi);
		return NULL;
	}
	*pi = (struct procfs_inode){ .entry = entry, .pid = pid };
	inode->i_private = pi;
	inode->i_ino = ino;
	if (pid > 0 && procfs_get_info(pid, &info)) {
		inode->i_uid = info.cred.euid;
		inode->i_gid = info.cred.egid;
	}
	if (S_ISDIR(entry->mode)) {
		inode->i_nlink = 2;
		inode->i_op = entry->children ? &procfs_table_dir_iops : &procfs_pid_dir_iops;
		inode->i_fop = entry->children ? &procfs_table_dir_fops : &procfs_pid_dir_fops;
	} else {
		inode->i_fop = &procfs_file_fops;
	}
	return inode;
}

static void procfs_evict_inode(struct inode *inode)
{
	kfree(inode->i_private);
}

/* Instantiate dentry with a new inode, or leave it negative if inode is NULL for want of memory. */
static int procfs_instantiate(struct dentry *dentry, struct inode *inode)
{
	if (!inode)
		return -ENOMEM;
	d_instantiate(dentry, inode);
	return 0;
}

/* ---- the root directory ---- */

/* The pid a name spells in decimal (no sign, no leading zero), or -1. */
static int procfs_parse_pid(const char *name, size_t len)
{
	long pid = 0;

	if (len == 0 || len > 9 || name[0] == '0')
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return (int)pid;
}

static int procfs_root_lookup(struct inode *dir, struct dentry *dentry)
{
	const struct procfs_entry *entry =
	    procfs_find_entry(procfs_root_entries, ARRAY_SIZE(procfs_root_entries), dentry->d_name,
			      dentry->d_name_len);
	struct procfs_proc_info info;
	int pid;

	if (entry) {
		ino_t ino = 2 + (ino_t)(entry - procfs_root_entries);

		pid = S_ISDIR(entry->mode) && !entry->children ? PROC_SELF : 0;
		return procfs_instantiate(dentry, procfs_new_inode(dir->i_sb, entry, pid, ino));
	}
	pid = procfs_parse_pid(dentry->d_name, dentry->d_name_len);
	if (pid <= 0 || !procfs_get_info(pid, &info))
		return 0;
	return procfs_instantiate(
	    dentry, procfs_new_inode(dir->i_sb, &procfs_pid_dir, pid, procfs_pid_ino(pid)));
}

static bool procfs_emit_entry(struct dir_context *ctx, const struct procfs_entry *entry, ino_t ino)
{
	return dir_emit(ctx, entry->name, strlen(entry->name), ino, MODE_TO_DT(entry->mode));
}

static int procfs_root_iterate(struct file *file, struct dir_context *ctx)
{
	char name[12];
	int pid;

	if (!dir_emit_dots(file, ctx))
		return 0;
	for (; ctx->pos < PROCFS_PID_POS; ctx->pos++)
		if (!procfs_emit_entry(ctx, &procfs_root_entries[ctx->pos - 2], (ino_t)ctx->pos))
			return 0;
	while ((pid = procfs_next_pid(ctx->pos - PROCFS_PID_POS)) > 0) {
		snprintf(name, sizeof(name), "%d", pid);
		if (!dir_emit(ctx, name, strlen(name), procfs_pid_ino(pid), DT_DIR))
			return 0;
		ctx->pos = PROCFS_PID_POS + pid + 1;
	}
	return 0;
}

static const struct inode_operations procfs_root_iops = {
	.lookup = procfs_root_lookup,
};

static const struct file_operations procfs_root_fops = {
	.llseek = generic_file_llseek,
	.iterate = procfs_root_iterate,
};

/* ---- pid directories and self ---- */

static bool procfs_proc_exists(int pid)
{
	struct procfs_proc_info info;

	return procfs_get_info(pid, &info);
}

static int procfs_pid_lookup(struct inode *dir, struct dentry *dentry)
{
	const struct procfs_inode *pi = dir->i_private;
	const struct procfs_entry *entry = procfs_find_entry(
	    procfs_pid_entries, ARRAY_SIZE(procfs_pid_entries), dentry->d_name, dentry->d_name_len);
	ino_t ino;

	if (!entry || !procfs_proc_exists(pi->pid))
		return 0;
	ino = procfs_pid_ino(pi->pid) + 1 + (ino_t)(entry - procfs_pid_entries);
	return procfs_instantiate(dentry, procfs_new_inode(dir->i_sb, entry, pi->pid, ino));
}

static int procfs_pid_iterate(struct file *file, struct dir_context *ctx)
{
	const struct procfs_inode *pi = file->f_inode->i_private;

	if (!dir_emit_dots(file, ctx) || !procfs_proc_exists(pi->pid))
		return 0;
	for (; ctx->pos - 2 < (loff_t)ARRAY_SIZE(procfs_pid_entries); ctx->pos++) {
		ino_t ino = procfs_pid_ino(pi->pid) + (ino_t)ctx->pos - 1;

		if (!procfs_emit_entry(ctx, &procfs_pid_entries[ctx->pos - 2], ino))
			return 0;
	}
	return 0;
}

static const struct inode_operations procfs_pid_dir_iops = {
	.lookup = procfs_pid_lookup,
};

static const struct file_operations procfs_pid_dir_fops = {
	.llseek = generic_file_llseek,
	.iterate = procfs_pid_iterate,
};

/* ---- directories of fixed names: /proc/sys and below ---- */

static int procfs_table_lookup(struct inode *dir, struct dentry *dentry)
{
	const struct procfs_entry *table = ((const struct procfs_inode *)dir->i_private)->entry;
	const struct procfs_entry *entry = procfs_find_entry(table->children, table->nchildren,
							     dentry->d_name, dentry->d_name_len);

	if (!entry)
		return 0;
	return procfs_instantiate(dentry, procfs_new_inode(dir->i_sb, entry, 0, entry->ino));
}

static int procfs_table_iterate(struct file *file, struct dir_context *ctx)
{
	const struct procfs_entry *table =
	    ((const struct procfs_inode *)file->f_inode->i_private)->entry;

	if (!dir_emit_dots(file, ctx))
		return 0;
	for (; ctx->pos - 2 < (loff_t)table->nchildren; ctx->pos++) {
		const struct procfs_entry *entry = &table->children[ctx->pos - 2];

		if (!procfs_emit_entry(ctx, entry, entry->ino))
			return 0;
	}
	return 0;
}

static const struct inode_operations procfs_table_dir_iops = {
	.lookup = procfs_table_lookup,
};

static const struct file_operations procfs_table_dir_fops = {
	.llseek = generic_file_llseek,
	.iterate = procfs_table_iterate,
};

/* ---- mounting ---- */

static const struct super_operations procfs_super_ops = {
	.evict_inode = procfs_evict_inode,
};

/* Each mount is an instance of its own; they all show the same processes. */
static int procfs_mount(struct file_system_type *type, const char *source, unsigned long flags,
			const void *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, &procfs_super_ops);
	struct inode *root;

	if (!sb)
		return -ENOMEM;
	root = inode_alloc(sb, S_IFDIR | 0555);
	if (root) {
		root->i_ino = PROCFS_ROOT_INO;
		root->i_nlink = 2;
		root->i_op = &procfs_root_iops;
		root->i_fop = &procfs_root_fops;
	}
	sb->s_root = root ? d_make_root(root) : NULL;
	if (!sb->s_root) {
		sb_free(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

/* Nothing is pinned: with the last mount gone, only the root dentry is left. */
static void procfs_kill_sb(struct super_block *sb)
{
	dentry_put_locked(sb->s_root);
	sb_free(sb);
}

static struct file_system_type procfs_type = {
	.name = "proc",
	.mount = procfs_mount,
	.kill_sb = procfs_kill_sb,
};

void procfs_init(void)
{
	BUILD_BUG_ON(ARRAY_SIZE(procfs_pid_entries) >= PROCFS_PID_INO_STRIDE);
	if (register_filesystem(&procfs_type) < 0)
		panic("procfs: cannot register");
}
