/*
 * Tests of the user-mode helper (kernel/umh.c), with the programs of the initramfs: a helper
 * gets a new pid, runs, and is reaped by the kernel; a failed execve comes back as its errno
 * with nothing left behind; argv and envp arrive (a shell writes them to a file); the helper is
 * root, parentless, in a session of its own, seen by /proc and killed by a signal; and many
 * helpers give back every page and process.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/rcu.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/umh.h>
#include <kernel/vfs.h>
#include <kernel/workqueue.h>
#include <lib/format.h>
#include <lib/string.h>

#include "../fs/testlib.h"

#define WAIT_LIMIT_S 20 /* for a helper to exit: generous, four CPUs may share one core */
#define LEAK_ROUNDS  50

static const char *const no_env[] = { NULL };

/* Run path with no arguments but its name. */
static int run_helper(const char *path)
{
	const char *const argv[] = { path, NULL };

	return call_usermodehelper(path, argv, no_env);
}

static int count_processes(void)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p;
	int n = 0;

	list_for_each_entry(p, &proc_all_list, all_link)
		n++;
	spin_unlock_irqrestore(&proc_lock, flags);
	return n;
}

static bool pid_exists(int pid)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	bool exists = proc_find_unreaped(pid) != NULL;

	spin_unlock_irqrestore(&proc_lock, flags);
	return exists;
}

/* Wait until process pid has gone (exited: a helper leaves no zombie); false if it stays. */
static bool wait_gone(int pid)
{
	uint64_t end = clock_monotonic_ns() + WAIT_LIMIT_S * NSEC_PER_SEC;

	while (pid_exists(pid)) {
		if (clock_monotonic_ns() > end)
			return false;
		sleep_ns(NSEC_PER_MSEC);
	}
	return true;
}

/* After helpers have gone: let the worker free them, and RCU what they held. */
static void settle(void)
{
	flush_scheduled_work();
	rcu_barrier();
	synchronize_rcu();
}

KTEST(umh_runs_and_is_reaped, "umh: /bin/true gets a new pid, runs and is reaped by the kernel")
{
	struct umh_stats before = umh_get_stats();
	int pid = run_helper("/bin/true");

	KTEST_ASSERT(pid > 0);
	KTEST_EXPECT(pid != current_task()->pid);
	KTEST_EXPECT(umh_get_stats().started == before.started + 1);
	KTEST_EXPECT(umh_get_stats().failed == before.failed);
	KTEST_EXPECT(wait_gone(pid));
	settle();
}

KTEST(umh_missing_enoent, "umh: a missing program is ENOENT, and no process is left")
{
	struct umh_stats before = umh_get_stats();
	int processes = count_processes();

	KTEST_EXPECT(run_helper("/bin/no-such-program") == -ENOENT);
	KTEST_EXPECT(count_processes() == processes);
	KTEST_EXPECT(umh_get_stats().failed == before.failed + 1);
	KTEST_EXPECT(umh_get_stats().started == before.started);
}

KTEST(umh_not_executable_eacces, "umh: a file without an x bit (/etc/passwd) is EACCES")
{
	int processes = count_processes();

	KTEST_EXPECT(run_helper("/etc/passwd") == -EACCES);
	KTEST_EXPECT(count_processes() == processes);
}

KTEST(umh_not_elf_enoexec, "umh: an executable file that is neither ELF nor #! is ENOEXEC")
{
	static const char path[] = "/tmp/ktest-umh-text";
	int processes = count_processes();
	struct file *file;

	KTEST_ASSERT(vfs_open(NULL, path, O_WRONLY | O_CREAT | O_TRUNC, 0755, &file) == 0);
	KTEST_EXPECT(vfs_write(file, "plain text\n", 11) == 11);
	file_put(file);
	KTEST_EXPECT(run_helper(path) == -ENOEXEC);
	KTEST_EXPECT(count_processes() == processes);
	KTEST_EXPECT(vfs_unlink(NULL, path) == 0);
}

KTEST(umh_argv_envp_arrive, "umh: argv and envp arrive (a shell writes $0, $1 and $UMH_TEST)")
{
	static const char out[] = "/tmp/ktest-umh-args";
	const char *const argv[] = {
		"/bin/sh", "-c",     "echo \"$0|$1|$UMH_TEST\" > /tmp/ktest-umh-args",
		"first",   "second", NULL
	};
	const char *const envp[] = { "UMH_TEST=arrived", NULL };
	char text[64];
	int pid;

	vfs_unlink(NULL, out);
	pid = call_usermodehelper("/bin/sh", argv, envp);
	KTEST_ASSERT(pid > 0);
	KTEST_ASSERT(wait_gone(pid));
	KTEST_EXPECT(test_read_file(NULL, out, text, sizeof(text)) > 0);
	KTEST_EXPECT(strcmp(text, "first|second|arrived\n") == 0);
	KTEST_EXPECT(vfs_unlink(NULL, out) == 0);
	settle();
}

/* Whether helper p is as include/kernel/umh.h promises; caller holds proc_lock. */
static bool helper_as_promised(struct proc *p)
{
	return !p->parent && p->kernel_reaped && p->pgid == p->pid && p->sid == p->pid &&
	       p->cred.uid == 0 && p->cred.euid == 0 && p->cred.gid == 0 &&
	       p->umask == INIT_UMASK && p->sig.blocked == 0 && p->files && p->cwd.dentry;
}

KTEST(umh_helper_identity,
      "umh: a helper is root, ppid 0, its own session; /proc shows, kill ends it")
{
	const char *const argv[] = { "/bin/sleep", "30", NULL };
	struct signal_info info = { .code = SI_USER };
	char path[32], want[32], text[512];
	unsigned long flags;
	struct proc *p;
	bool promised = false;
	long killed = -ESRCH;
	int pid = call_usermodehelper("/bin/sleep", argv, no_env);

	KTEST_ASSERT(pid > 0);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	snprintf(want, sizeof(want), "\nPid:\t%d\nPPid:\t0\n", pid);
	KTEST_EXPECT(test_read_file(NULL, path, text, sizeof(text)) > 0);
	KTEST_EXPECT(strstr(text, want) != NULL);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid); /* ppid pgrp session tty_nr */
	snprintf(want, sizeof(want), " 0 %d %d 0 ", pid, pid);
	KTEST_EXPECT(test_read_file(NULL, path, text, sizeof(text)) > 0);
	KTEST_EXPECT(strchr(text, ')') && strstr(strchr(text, ')'), want)); /* no terminal */
	flags = spin_lock_irqsave(&proc_lock);
	p = proc_find(pid);
	if (p) {
		promised = helper_as_promised(p);
		killed = signal_kill_one(NULL, p, SIGKILL, &info);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	KTEST_EXPECT(promised);
	KTEST_EXPECT(killed == 0);
	KTEST_EXPECT(wait_gone(pid));
	KTEST_EXPECT(test_read_file(NULL, path, text, sizeof(text)) == -ENOENT);
	settle();
}

/* Start /bin/true LEAK_ROUNDS times, all at once, and wait until every one has gone. */
static bool run_many(void)
{
	int pids[LEAK_ROUNDS];
	bool ok = true;

	for (int i = 0; i < LEAK_ROUNDS; i++) {
		pids[i] = run_helper("/bin/true");
		ok &= pids[i] > 0;
	}
	for (int i = 0; i < LEAK_ROUNDS; i++)
		ok &= pids[i] <= 0 || wait_gone(pids[i]);
	settle();
	return ok;
}

static uint64_t free_pages_now(void)
{
	return free_memory_pages();
}

KTEST(umh_no_leak, "umh: 50 helpers that exit at once give back every page and process")
{
	int processes = count_processes();
	uint64_t before;

	KTEST_ASSERT(run_many()); /* warm up: kernel stacks' page tables, kmalloc's slabs */
	before = free_pages_now();
	KTEST_EXPECT(run_many());
	KTEST_EXPECT(free_pages_now() == before);
	KTEST_EXPECT(count_processes() == processes);
}
