/*
 * User processes: what a task has when it runs a program in user mode (kernel/proc.c,
 * fork.c, exec.c, exit.c, signal.c; process groups and sessions: pgrp.c).
 *
 * A process is a task (include/kernel/task.h) plus a struct proc: an address space, open
 * files, a working directory, credentials, signal state, and its place in the tree of
 * processes: a parent, children, and an exit status the parent collects with wait4().
 * Processes are single-threaded, so "the process" and "its task" are one thread of control.
 *
 * Life of a process:
 *
 *   fork() -> runs -> exit()/fatal signal -> zombie (proc->zombie) -> parent's wait4() reaps
 *            |    ^                          |                        it: the task and the
 * stop signal v    | SIGCONT                  children go to init       struct proc are freed
 *          stopped (sig.stopped; SIGKILL ends it too)
 *
 * An orphan's parent becomes init (pid 1); init reaps it.  If init exits, the machine powers
 * off with its status.  A process the kernel started with no parent (a user-mode helper,
 * kernel/umh.c) is reaped by the kernel itself as it exits (proc_set_kernel_reaped()).
 *
 * Lock order: proc_lock, then a process's sig.lock, then wait-queue locks, then
 * runqueue_lock.  proc_lock is a spinlock taken with interrupts off.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/cred.h>
#include <kernel/fs.h>
#include <kernel/rlimit.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/wait.h>
#include <kernel/waitstatus.h>
#include <kernel/workqueue.h>
#include <lib/list.h>
#include <arch/interrupts.h>

struct mm;
struct task;
struct fdtable;
struct css_group;

/* CPU time in timer ticks (TIMER_HZ a second): in user mode, and in the kernel. */
struct cpu_times {
	uint64_t user;
	uint64_t system;
};

/*
 * Guards every process's parent, children, sibling, all_link, zombie, exit_status, job_report,
 * pgid and sid, the list of all processes, and the writes of the credentials, the umask and
 * the command line.  See the top of the file for the order.
 */
extern struct spinlock proc_lock;

/* Every process not yet reaped, by all_link, and how many there are.  Protected by proc_lock. */
extern struct list_head proc_all_list;
extern int proc_count;

struct proc {
	struct task *task; /* constant */
	int pid;	   /* constant: the task's pid */

	/* proc_lock must be held when using these: */
	struct proc *parent;	   /* NULL only for init and kernel threads made processes */
	struct list_head children; /* struct proc, by sibling */
	struct list_head sibling;  /* on parent->children */
	struct list_head all_link; /* on the list of all processes */
	bool zombie;		   /* exited; exit_status is valid; waiting to be reaped */
	int exit_status;	   /* wait4() status word */
	int job_report;		   /* CLD_STOPPED or CLD_CONTINUED: news for the parent's wait4()
				      (WUNTRACED, WCONTINUED), given once; 0: none */
	int pgid;		   /* process group (include/kernel/pgrp.h) */
	int sid;		   /* session */

	/* Written by the process itself under proc_lock; read without it by the process: */
	struct cred cred;   /* its ids and groups (include/kernel/cred.h, kernel/cred.c) */
	mode_t umask;	    /* permission bits a file, directory or node it makes never gets */
	char *cmdline;	    /* argv, each string NUL-ended (/proc/<pid>/cmdline); kmalloc'd */
	size_t cmdline_len; /* bytes in cmdline, at most PROC_CMDLINE_MAX; 0: cmdline NULL */

	/* Its resource limits (include/kernel/rlimit.h); written and read under proc_lock: */
	struct rlimit_user rlim[RLIM_NLIMITS];

	/* Only the process itself uses these (exec and exit replace them): */
	struct mm *mm;		/* its address space; NULL in a kernel thread, after exit */
	struct fdtable *files;	/* open descriptors; NULL for none (fs/proc_files.c) */
	struct path cwd;	/* working directory, with references; dentry NULL: the root */
	int fault_sig;		/* the last fault's signal, 0 if none; for the log line: */
	const char *fault_what; /* what it was ("divide error"); NULL: a page fault at addr */
	uint64_t fault_addr;
	uint64_t fault_ip;
	uint64_t tls_base; /* the thread pointer, for TLS (arch_prctl()); loaded on every switch */
	/* A system call a signal interrupted, until kernel/signal.c decides what follows: */
	long restart_error; /* -ERESTARTSYS or -ERESTARTNOHAND; 0: none */
	int restart_nr;	    /* its number, to make it again */

	/*
	 * CPU time, sampled by the timer tick: each tick adds to the time of the process it
	 * interrupted (proc_account_tick()).  Written only by the CPU running the process, in its
	 * timer interrupt, with no lock; read with READ_ONCE.
	 */
	struct cpu_times cpu;
	/*
	 * The CPU time of its children that it reaped, and of theirs (wait4 adds them).  Written
	 * only by the process itself; read by it, or by its parent once it is a zombie or stopped.
	 */
	struct cpu_times children_cpu;

	/*
	 * Its containers (include/kernel/container.h): the css_group it belongs to, read under
	 * rcu_read_lock() and changed with task_lock held; its place on that css_group's task
	 * list (css_group_lock); and whether it has left its containers for good, as it exits.
	 */
	struct spinlock task_lock;
	struct css_group *css_group;
	struct list_head css_group_link;
	bool container_exiting; /* task_lock */

	struct signal_state sig;       /* its own lock */
	struct wait_queue child_wait;  /* wait4() sleeps here; a child's exit wakes it */
	struct wait_queue signal_wait; /* pause(), or a stopped process, sleeps here */
	struct trap_frame start_frame; /* fork, init: the registers it starts user mode with */

	/* Set before it is linked, constant after (proc_set_kernel_reaped()): */
	bool kernel_reaped;	      /* no parent: the kernel frees it when it exits */
	struct work_struct reap_work; /* kernel_reaped: queued by its exit, frees it */
};

/* The current task's process, or NULL in a kernel thread.  Inline: every system call asks. */
static inline struct proc *current_proc(void)
{
	struct task *task = current_task();

	return task ? task->proc : NULL;
}

/* The trap frame at the top of task's kernel stack: its user registers while in the kernel. */
struct trap_frame *task_user_frame(struct task *task);

/* The umask of init (and of a process without a parent), as on Linux. */
#define INIT_UMASK 0022

/*
 * Make a struct proc for task (not yet on any list): with a parent, a copy of its credentials,
 * umask and command line; without one, root's credentials and INIT_UMASK; signals default.
 */
struct proc *proc_alloc(struct task *task, struct proc *parent);

/*
 * Put p on the list of all processes and its parent's children, in the parent's process group
 * and session (without a parent: a group and session of its own).  Takes proc_lock.
 */
void proc_link(struct proc *p);

/*
 * proc_link() for a forked child: under the same hold of proc_lock, first ask whether its
 * parent may fork (rlimit_may_fork()).  0, or -EAGAIN with nothing linked.
 */
int proc_link_forked(struct proc *child);

/* Take p off the list of all processes, as it is reaped.  Caller holds proc_lock. */
void proc_unlist(struct proc *p);

/*
 * Free what is left of a reaped process: its struct proc and what its address space kept at
 * exit (the task is freed by the reaper).
 */
void proc_free(struct proc *p);

/* The living process with this pid, or NULL; caller holds proc_lock. */
struct proc *proc_find(int pid);

/* The process with this pid, a zombie too (its pid exists until it is reaped), or NULL;
 * caller holds proc_lock. */
struct proc *proc_find_unreaped(int pid);

/*
 * After execve: give p its new name (task->name, for logs and /proc/<pid>/status) and its
 * command line, the argc NUL-ended strings at args (cut at PROC_CMDLINE_MAX bytes).  Called by
 * the process itself; takes proc_lock.  Never fails: without memory the command line is empty.
 */
#define PROC_CMDLINE_MAX 4096
void proc_set_command(struct proc *p, const char *name, const char *args, int argc);

/* Charge one timer tick to p's CPU time, user or system; from the timer interrupt, no lock. */
void proc_account_tick(struct proc *p, bool user_mode);

/* p's CPU time, and with its reaped children's added (what wait4 reports of a child). */
struct cpu_times proc_cpu_times(struct proc *p);
struct cpu_times proc_cpu_times_with_children(struct proc *p);

/* Write times to user memory as a struct rusage (<kernel/resource.h>): 0, or -EFAULT. */
int rusage_copy_out(uint64_t urusage, struct cpu_times times);

/* The first process, the parent of orphans; NULL until init starts. */
extern struct proc *init_proc;

/* The scheduler's hook on every switch: FPU registers, address space, kernel stack. */
void proc_switch(struct task *prev, struct task *next);

/* On every return to user mode, interrupts off: reschedule and deliver signals as due, then
 * make again a system call that a signal interrupted and no handler answered. */
void exit_to_user_mode(struct trap_frame *frame);

/*
 * The one way the kernel starts a user process of its own, init or a user-mode helper
 * (kernel/umh.c): a kernel thread becomes a process without a parent (proc_become()), starts
 * its first program (proc_exec_first()) and enters user mode (arch_enter_user()).
 *
 * proc_become(): the calling kernel thread becomes a process, its task's proc: root's
 * credentials, INIT_UMASK, signals default, in every hierarchy's top container; not yet on
 * any list (proc_link() puts it there).  NULL when out of memory.
 */
struct proc *proc_become(void);

/* Undo proc_become() for a process never linked: the thread is a kernel thread again. */
void proc_unbecome(struct proc *p);

/*
 * The calling thread, made process p, execs path with argv and envp, its stdin, stdout and
 * stderr on /dev/console (its controlling terminal only if p is init) and its working
 * directory the root.  0 with p's start_frame ready for arch_enter_user(), or a negative errno.
 */
int proc_exec_first(struct proc *p, const char *path, const char *const argv[],
		    const char *const envp[]);

/*
 * Start init: the calling kernel thread becomes process 1's task and execs path with argv and
 * envp, stdin, stdout and stderr on /dev/console.  Returns only on failure, with the error.
 */
int proc_start_init(const char *path, const char *const argv[], const char *const envp[]);

/*
 * p, not yet linked and without a parent, will be reaped by the kernel: when it exits, it
 * leaves the list of processes at once and the system workqueue frees its task and struct
 * proc, as nobody will wait4() for it (a user-mode helper, kernel/umh.c).
 */
void proc_set_kernel_reaped(struct proc *p);

/*
 * End the current process with wait4() status word status: release its files and memory,
 * give its children to init, become a zombie, notify the parent.  No return.
 */
__attribute__((noreturn)) void proc_exit(int status);

/*
 * wait4() for the kernel: reap a child (pid > 0: that one; -1: any; 0: one in the caller's
 * group; below -1: one in group -pid) into *status, or with WUNTRACED or WCONTINUED report
 * its stop or continue, once; returns its pid, 0 (WNOHANG, none so far), -ECHILD, -ESRCH
 * (INT_MIN) or -EINTR.  With a child, *usage (unless NULL) is its CPU time with its reaped
 * children's; a reaped child's is added to the caller's children_cpu.
 */
long proc_wait(int pid, int *status, int options, struct cpu_times *usage);

/*
 * Replace the current process's program: argv and envp are kernel strings (NULL-terminated
 * arrays); frame is where the process will enter user mode.  Returns 0 or a negative errno;
 * on success the old address space is gone.
 */
int kernel_execve(const char *path, const char *const argv[], const char *const envp[],
		  struct trap_frame *frame);

/* The message for an errno value, for log lines ("No such file or directory"). */
const char *errno_message(int err);

#endif
