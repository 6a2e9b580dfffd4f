/*
 * Tests of procfs (fs/procfs.c) as the kernel mounts it on /proc: the contents of mounts,
 * meminfo and uptime; the pid directories and self, for which the test thread becomes a
 * process for a while; what happens to a process's files when it is gone; and the errors.
 */
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/rcu.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/vfs.h>
#include <lib/format.h>
#include <lib/string.h>

#include "testlib.h"

#define TEXT_MAX 1024

/* Read the file name into a new TEXT_MAX buffer (NUL-terminated); NULL on any error. */
static char *read_text(const char *name, ssize_t *len)
{
	char *buf = kmalloc(TEXT_MAX);

	if (!buf)
		return NULL;
	*len = test_read_file(NULL, name, buf, TEXT_MAX);
	if (*len < 0) {
		kfree(buf);
		return NULL;
	}
	return buf;
}

KTEST(procfs_mounts, "procfs: /proc/mounts is the mount table, with devfs on /dev and itself")
{
	ssize_t len;
	char *text = read_text("/proc/mounts", &len);

	KTEST_ASSERT(text);
	KTEST_EXPECT(strncmp(text, "rootfs / ramfs rw 0 0\n", 22) == 0);
	KTEST_EXPECT(strstr(text, "\ndevfs /dev devfs rw 0 0\n") != NULL);
	KTEST_EXPECT(strstr(text, "\nproc /proc proc rw 0 0\n") != NULL);
	KTEST_EXPECT(len == (ssize_t)strlen(text) && text[len - 1] == '\n');
	kfree(text);
}

/* The number after key in text ("MemTotal:    1234 kB"), or -1. */
static long field_value(const char *text, const char *key)
{
	const char *at = strstr(text, key);
	long value = 0;

	if (!at)
		return -1;
	at += strlen(key);
	while (*at == ' ' || *at == '\t')
		at++;
	if (*at < '0' || *at > '9')
		return -1;
	while (*at >= '0' && *at <= '9')
		value = value * 10 + (*at++ - '0');
	return value;
}

KTEST(procfs_meminfo, "procfs: /proc/meminfo gives MemTotal and MemFree in kB, and in pages")
{
	ssize_t len;
	char *text = read_text("/proc/meminfo", &len);
	long total, free;

	KTEST_ASSERT(text);
	total = field_value(text, "MemTotal:");
	free = field_value(text, "MemFree:");
	KTEST_EXPECT(strncmp(text, "MemTotal:       ", 16) == 0 && strstr(text, " kB\n"));
	KTEST_EXPECT(total == (long)(total_page_count() * (PAGE_SIZE / 1024)));
	KTEST_EXPECT(free > 0 && free <= total);
	KTEST_EXPECT(field_value(text, "PagesTotal:") == (long)total_page_count());
	KTEST_EXPECT(field_value(text, "PagesFree:") * (long)(PAGE_SIZE / 1024) == free);
	kfree(text);
}

/* active_objs of the kmalloc-size line of /proc/slabinfo, or -1; *num_objs gets num_objs. */
static long slab_objects(size_t size, long *num_objs)
{
	char *buf = kmalloc(4096), name[24];
	ssize_t len = buf ? test_read_file(NULL, "/proc/slabinfo", buf, 4095) : -1;
	long active = -1;
	const char *line;

	snprintf(name, sizeof(name), "\nkmalloc-%lu ", (unsigned long)size);
	if (len > 0) {
		buf[len] = '\0';
		line = strstr(buf, name);
		if (line && strncmp(buf, "slabinfo - version: 2.1\n", 24) == 0) {
			active = field_value(line + 1, name + 1);
			*num_objs = field_value(line + 1 + strlen(name) + 6, "");
		}
	}
	kfree(buf);
	return active;
}

KTEST(procfs_slabinfo, "procfs: /proc/slabinfo counts kmalloc's objects in use, by size class")
{
	enum { COUNT = 64 };
	void *objects[COUNT];
	long before, during, after, num_objs = 0;

	before = slab_objects(2048, &num_objs);
	KTEST_ASSERT(before >= 0);
	for (int i = 0; i < COUNT; i++)
		objects[i] = kmalloc(2000);
	during = slab_objects(2048, &num_objs);
	KTEST_EXPECT(during >= before + COUNT); /* other CPUs may allocate meanwhile */
	KTEST_EXPECT(num_objs >= during && num_objs % 2 == 0); /* two objects a page */
	for (int i = 0; i < COUNT; i++)
		kfree(objects[i]);
	after = slab_objects(2048, &num_objs);
	KTEST_EXPECT(after <= during - COUNT);
}

KTEST(procfs_file_nr, "procfs: /proc/file-nr counts the open files, /dev/null's too")
{
	long before = open_files_count();
	struct file *file;
	ssize_t len;
	char *text;

	KTEST_ASSERT(vfs_open(NULL, "/dev/null", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(open_files_count() == before + 1);
	text = read_text("/proc/file-nr", &len);
	KTEST_ASSERT(text);
	/* Its text is made as it opens, before the new file counts: /dev/null's only. */
	KTEST_EXPECT(field_value(text, "") == before + 1);
	kfree(text);
	file_put(file);
	KTEST_EXPECT(open_files_count() == before);
}

static void count_callback(struct rcu_head *head)
{
	(void)head;
}

KTEST(procfs_rcu, "procfs: /proc/rcu counts a call_rcu() callback queued, then run after a grace "
		  "period")
{
	static struct rcu_head head;
	ssize_t len;
	char *before = read_text("/proc/rcu", &len), *after;

	KTEST_ASSERT(before);
	KTEST_EXPECT(strncmp(before, "grace_periods ", 14) == 0);
	call_rcu(&head, count_callback);
	rcu_barrier();
	after = read_text("/proc/rcu", &len);
	KTEST_ASSERT(after);
	/* Others may queue callbacks meanwhile: at least this one more, each run by now. */
	KTEST_EXPECT(field_value(after, "callbacks_queued") >=
		     field_value(before, "callbacks_queued") + 1);
	KTEST_EXPECT(field_value(after, "callbacks_run") >=
		     field_value(before, "callbacks_queued") + 1);
	KTEST_EXPECT(field_value(after, "grace_periods") > field_value(before, "grace_periods"));
	kfree(before);
	kfree(after);
}

KTEST(procfs_uptime, "procfs: /proc/uptime is 'seconds.hundredths idle.hundredths', growing")
{
	ssize_t len;
	char *text = read_text("/proc/uptime", &len);
	const char *dot;

	KTEST_ASSERT(text);
	dot = strchr(text, '.');
	KTEST_EXPECT(dot && dot > text && dot[1] >= '0' && dot[2] <= '9' && dot[3] == ' ');
	KTEST_EXPECT(dot && strcmp(dot + 3, " 0.00\n") == 0);
	KTEST_EXPECT(field_value(text, "") * NSEC_PER_SEC <= clock_monotonic_ns());
	kfree(text);
}

KTEST(procfs_root_lists_pids, "procfs: /proc lists mounts, meminfo, uptime, self and live pids")
{
	struct proc *p = test_become_proc();
	char name[12];

	KTEST_ASSERT(p);
	snprintf(name, sizeof(name), "%d", p->pid);
	KTEST_EXPECT(test_dir_lists("/proc", "mounts", DT_REG));
	KTEST_EXPECT(test_dir_lists("/proc", "meminfo", DT_REG));
	KTEST_EXPECT(test_dir_lists("/proc", "uptime", DT_REG));
	KTEST_EXPECT(test_dir_lists("/proc", "self", DT_DIR));
	KTEST_EXPECT(test_dir_lists("/proc", name, DT_DIR));
	KTEST_EXPECT(test_dir_lists("/proc/self", "status", DT_REG));
	KTEST_EXPECT(test_dir_lists("/proc/self", "cmdline", DT_REG));
	test_unbecome_proc(p);
	KTEST_EXPECT(!test_dir_lists("/proc", name, DT_DIR));
}

KTEST(procfs_status,
      "procfs: <pid>/status and self/status give Name, Umask, State, Pid, PPid, Uid, Groups")
{
	struct proc *p = test_become_proc();
	char path[32], want[64];
	char *text, *self;
	ssize_t len;

	KTEST_ASSERT(p);
	snprintf(path, sizeof(path), "/proc/%d/status", p->pid);
	text = read_text(path, &len);
	self = read_text("/proc/self/status", &len);
	KTEST_EXPECT(text && self && strcmp(text, self) == 0);
	snprintf(want, sizeof(want), "Name:\t%s\nUmask:\t0022\nState:\tR (running)\n",
		 current_task()->name);
	KTEST_EXPECT(text && strncmp(text, want, strlen(want)) == 0);
	snprintf(want, sizeof(want), "\nPid:\t%d\nPPid:\t0\n", p->pid);
	KTEST_EXPECT(text && strstr(text, want));
	KTEST_EXPECT(text && strstr(text, "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t\n"));
	kfree(text);
	kfree(self);
	test_unbecome_proc(p);
	KTEST_EXPECT(test_ino(NULL, path) == -ENOENT);
	KTEST_EXPECT(test_ino(NULL, "/proc/self/status") == -ENOENT);
}

KTEST(procfs_cmdline, "procfs: cmdline is the argv of the last exec, NUL-separated, a page at most")
{
	static const char args[] = "/bin/prog\0one\0two words\0HOME=/";
	struct proc *p = test_become_proc();
	char name[TASK_NAME_MAX];
	char *text, *long_args;
	ssize_t len;

	KTEST_ASSERT(p);
	strlcpy(name, current_task()->name, sizeof(name));
	proc_set_command(p, "prog", args, 3);
	text = read_text("/proc/self/cmdline", &len);
	KTEST_EXPECT(text && len == 24 && memcmp(text, args, 24) == 0);
	kfree(text);
	KTEST_EXPECT(strcmp(current_task()->name, "prog") == 0);
	long_args = kzalloc(2 * PAGE_SIZE);
	KTEST_EXPECT(long_args != NULL);
	if (long_args) {
		memset(long_args, 'x', 2 * PAGE_SIZE - 1);
		proc_set_command(p, "prog", long_args, 1);
		KTEST_EXPECT(p->cmdline_len == PROC_CMDLINE_MAX);
		kfree(long_args);
	}
	proc_set_command(p, name, "", 0);
	text = read_text("/proc/self/cmdline", &len);
	KTEST_EXPECT(text && len == 0);
	kfree(text);
	test_unbecome_proc(p);
}

KTEST(procfs_snapshot_outlives_proc, "procfs: an open status keeps its text after the process goes")
{
	struct proc *p = test_become_proc();
	struct file *file;
	char path[32], buf[16];

	KTEST_ASSERT(p);
	snprintf(path, sizeof(path), "/proc/%d/status", p->pid);
	KTEST_ASSERT(vfs_open(NULL, path, O_RDONLY, 0, &file) == 0);
	test_unbecome_proc(p);
	KTEST_EXPECT(vfs_read(file, buf, 5) == 5 && memcmp(buf, "Name:", 5) == 0);
	file_put(file);
	KTEST_EXPECT(vfs_open(NULL, path, O_RDONLY, 0, &file) == -ENOENT);
}

KTEST(procfs_errors, "procfs: ENOENT for unknown names and pids, EACCES to write, stable st_ino")
{
	struct file *file;
	struct stat st;

	KTEST_EXPECT(vfs_stat(NULL, "/proc/nothing", &st) == -ENOENT);
	KTEST_EXPECT(vfs_stat(NULL, "/proc/999999", &st) == -ENOENT);
	KTEST_EXPECT(vfs_stat(NULL, "/proc/0", &st) == -ENOENT);
	KTEST_EXPECT(vfs_stat(NULL, "/proc/01", &st) == -ENOENT);
	KTEST_EXPECT(vfs_open(NULL, "/proc/uptime", O_WRONLY, 0, &file) == -EACCES);
	KTEST_EXPECT(vfs_open(NULL, "/proc/new", O_WRONLY | O_CREAT, 0644, &file) == -EACCES);
	KTEST_EXPECT(vfs_mkdir(NULL, "/proc/d", 0755) == -EPERM);
	KTEST_EXPECT(vfs_stat(NULL, "/proc/meminfo", &st) == 0 && st.st_mode == (S_IFREG | 0444));
	KTEST_EXPECT(test_ino(NULL, "/proc/meminfo") == test_ino(NULL, "/proc/../proc/meminfo"));
	KTEST_EXPECT(vfs_stat(NULL, "/proc/self", &st) == 0 && st.st_mode == (S_IFDIR | 0555));
}

KTEST(procfs_lockorder, "procfs: /proc/lockorder lists the lock order seen (debug builds)")
{
	ssize_t len;
	char *text = read_text("/proc/lockorder", &len);

	KTEST_ASSERT(text);
	KTEST_EXPECT(strncmp(text, "# held -> taken", 15) == 0);
	if (CONFIG_DEBUG) /* the kernel pages behind kmalloc's slabs come from the page allocator */
		KTEST_EXPECT(strstr(text, "\nkmalloc -> page_alloc ") != NULL);
	kfree(text);
	if (!CONFIG_DEBUG)
		KTEST_SKIP("no lock-order checker in this build (DEBUG=0): the list is empty");
}
