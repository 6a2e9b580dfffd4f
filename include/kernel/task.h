/*
 * Tasks and the scheduler.
 *
 * A task is a thread of control with its own kernel stack: a kernel thread, or a user process (a
 * task that also has a struct proc and an address space, include/kernel/proc.h).  Each CPU runs one
 * task at a time, this_cpu()->current; the others that are ready wait on the run queue, one global
 * FIFO (kernel/sched.c), served round robin: a task runs until it sleeps, yields, exits, or uses up
 * its time slice of SCHED_SLICE_TICKS timer ticks, when the timer interrupt preempts it. A CPU with
 * nothing to run switches to its idle task, which halts until an interrupt.
 *
 * Life of a task:
 *
 *   kthread_create() -> RUNNABLE <-> RUNNING -> task_exit() -> ZOMBIE -> kthread_join() frees it
 *                                       |   ^
 *                                  sleep v   | wake
 *                                     SLEEPING
 *
 * Lock order: any other lock (a wait queue's, a mutex's, a subsystem's) may be held while
 * taking runqueue_lock, which is innermost: nothing else is taken while holding it.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/cpu.h>
#include <kernel/spinlock.h>
#include <lib/compiler.h>
#include <lib/list.h>
#include <arch/cpu.h>
#include <arch/fpu.h>

struct proc;

#define TASK_NAME_MAX	  16
#define SCHED_SLICE_TICKS 2 /* 20 ms at TIMER_HZ 100 */

enum task_state {
	TASK_RUNNING,  /* on a CPU, as that CPU's current */
	TASK_RUNNABLE, /* on the run queue, waiting for a CPU */
	TASK_SLEEPING, /* on a wait queue or the timer's sleep list, waiting to be woken */
	TASK_ZOMBIE,   /* exited, off every CPU; its stack and struct wait for kthread_join() */
};

typedef int (*kthread_fn_t)(void *arg);

struct task {
	/* Constant once the task is created: */
	int pid;		  /* 0 for the boot CPU's idle task, then 1, 2, ... */
	char name[TASK_NAME_MAX]; /* for logs and panics; execve renames it, under proc_lock */
	void *stack;		  /* lowest mapped byte of the kernel stack; NULL: the boot stack */
	kthread_fn_t fn;	  /* what a kernel thread runs, and its argument */
	void *arg;

	/* runqueue_lock must be held when using these: */
	enum task_state state;
	struct list_head run_link; /* RUNNABLE: on the run queue; timed sleep: on the sleep list */
	uint64_t wake_at;	   /* timed sleep: the jiffies value that ends it */
	bool detached;		   /* freed when it exits, not by kthread_join() */
	/*
	 * Queued at the front of the run queue when it starts or wakes, not at the back: the
	 * kernel's service threads that a user is waiting on (the workqueue's worker; a
	 * user-mode helper until its program starts).  Set before the task starts, cleared
	 * by the task itself.
	 */
	bool urgent;
	int exit_status; /* ZOMBIE: task_exit()'s argument */
	/* The CPUs it may run on, bit i for CPU i (its cpuset, sched_setaffinity); written
	 * under runqueue_lock, read by anyone with READ_ONCE. */
	uint64_t cpus_allowed;

	/* Only the CPU running the task uses these (they change with interrupts off): */
	void *saved_sp;		 /* its stack pointer while switched out (arch_switch_to) */
	unsigned int slice_left; /* timer ticks left in its time slice */
	uint64_t exec_start;	 /* clock_monotonic_ns() when it was last charged CPU time */
	struct fpu_state fpu;	 /* its FPU/SSE registers while switched out (proc_switch()) */
	bool interruptible;	 /* a signal ends its sleep (wait_sleep_interruptible()) */
	struct held_locks mutexes_held; /* its mutexes, for the lock-order checker */

	/*
	 * A user process's state (include/kernel/proc.h); NULL for a kernel thread.  Set before
	 * the task first runs (fork) or by the task itself (the boot thread becoming init), and
	 * constant after.
	 */
	struct proc *proc;
};

#define CPUS_ALL (~0ULL) /* cpus_allowed of a task that may run anywhere */

/* Whether task may run on CPU cpu_id. */
static inline bool task_may_run_on(const struct task *task, unsigned int cpu_id)
{
	return (READ_ONCE(task->cpus_allowed) >> cpu_id) & 1;
}

/*
 * Confine task to the CPUs in mask (not empty): if it is running elsewhere, that CPU is told
 * to switch it out, and it moves to one of its own at its next switch.
 */
void task_set_cpus_allowed(struct task *task, uint64_t mask);

/* The task running on this CPU (NULL before sched_init()). */
static inline struct task *current_task(void)
{
	bool were_enabled = arch_irq_save();
	struct task *task = this_cpu()->current;

	arch_irq_restore(were_enabled);
	return task;
}

/*
 * Make the thread running kmain() task 0, the boot CPU's idle task, and start scheduling.
 * Called once, after timer_init(); kmain() then starts its work in a kernel thread and
 * calls sched_idle().
 */
void sched_init(void);

/*
 * Make the idle task of application processor cpu_id (pid 0, like task 0), with the stack it
 * boots on; NULL when out of memory.  Called by the boot CPU before starting it.
 */
struct task *sched_create_idle(unsigned int cpu_id);

/* Make idle this (application) processor's current and idle task; then call sched_idle(). */
void sched_init_cpu(struct task *idle);

/* The idle loop: run whatever is runnable, else halt until an interrupt.  Never returns. */
__attribute__((noreturn)) void sched_idle(void);

/*
 * Start a kernel thread running fn(arg) with interrupts on; name is copied (truncated to
 * TASK_NAME_MAX - 1).  When fn returns, the thread exits with fn's value.  Returns the new
 * task, runnable, or NULL when out of memory.  Someone must kthread_join() it, unless it is
 * detached.
 */
struct task *kthread_create(kthread_fn_t fn, void *arg, const char *name);

/*
 * kthread_create() without the start: the task is made but not yet runnable, so its creator
 * can finish setting it up (fork() gives it a process) before sched_start_task().
 */
struct task *task_create(kthread_fn_t fn, void *arg, const char *name);

/* Wait until task has exited, free it, and return its exit status.  Sleeps. */
int kthread_join(struct task *task);

/* Have task freed as soon as it exits; it must not be joined after this. */
void kthread_detach(struct task *task);

/* End the current task.  Its stack is freed by whoever reaps it. */
__attribute__((noreturn)) void task_exit(int status);

/* Give up the CPU: the current task goes to the back of the run queue. */
void yield(void);

/* Switch to the next runnable task if this CPU should (the preemption point of yield()). */
void schedule(void);

/* Sleep until jiffies reaches deadline (or a signal, if current->interruptible). */
void task_sleep_until(uint64_t deadline);

/* Sleep at least ns nanoseconds of the monotonic clock. */
void sleep_ns(uint64_t ns);

/*
 * Put the current task to sleep.  The caller has interrupts off and holds lock_a (and
 * lock_b unless NULL), under which it made sure someone will call task_wake() on it; both are
 * released once it is marked sleeping, so no wake-up is lost.  Returns, interrupts still off
 * and neither lock held, after task_wake() (or at once, for a task sleeping interruptibly
 * with a signal pending).  For wait queues (kernel/wait.c).
 */
void sched_sleep_releasing(struct spinlock *lock_a, struct spinlock *lock_b);

/* Make a sleeping task runnable; does nothing to a task that is not SLEEPING. */
void task_wake(struct task *task);

/*
 * Called by every CPU's timer tick, user_mode saying whether it interrupted a program rather
 * than the kernel: charges the tick to the current process's CPU time (proc_account_tick()),
 * wakes timed sleepers and charges the time slice.
 */
void sched_tick(bool user_mode);

/* Called at the end of every interrupt handler: preempts the current task if it is due. */
void sched_irq_exit(void);

/*
 * A preemption the timer asked for while this CPU could not switch (it held a spinlock or was
 * in an RCU read section): switch now if it may, called when the last such section ends.
 * Without it a thread that is nearly always inside one would never be preempted.
 */
void sched_preempt_if_due(void);

/* Panic if the caller may not sleep: it holds a spinlock, or it is an idle task. */
void might_sleep(void);

/* Times a task has been preempted by the timer since boot (for tests and statistics). */
uint64_t sched_preemption_count(void);

/* ---- between kernel/task.c and kernel/sched.c ---- */

/* Protects tasks' states and the run queue; innermost lock (kernel/sched.c says more). */
extern struct spinlock runqueue_lock;

/* Make a new task, its stack allocated and fields filled, run fn(arg) from the run queue. */
void sched_start_task(struct task *task);

/* Whether task is a zombie, off every CPU (it may then be freed). */
bool task_has_exited(struct task *task);

/* Called once a task has switched away for the last time: free it if detached, else tell
 * kthread_join().  Runs with interrupts off and no lock held. */
void task_exited(struct task *task, bool detached);

/* ---- kernel stacks (kernel/kstack.c) ---- */

/*
 * At boot: make the page tables of the first stacks slots of the kernel-stack area, so that
 * that many tasks at once never need a new table (kernel/kstack.c says why).
 */
void kstack_init(int stacks);

/* Map a KSTACK_SIZE stack with a guard page below it; returns its lowest byte, or NULL. */
void *kstack_alloc(void);
void kstack_free(void *stack);

/* Pages of freed stacks kept mapped for reuse: free memory, as kmalloc_spare_pages() is. */
uint64_t kstack_spare_pages(void);

#endif
