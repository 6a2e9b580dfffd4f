/*
 * RCU-lite (see include/kernel/rcu.h for how to use it).
 *
 * Finding the quiescent states.  A CPU is in a read section while its rcu_nesting is
 * non-zero, and a reader cannot sleep or be preempted there; so any moment the CPU's own code
 * sees rcu_nesting == 0 is a quiescent state.  synchronize_rcu() asks for one from every
 * other online CPU: it sets each one's rcu_need_qs and sends it the RCU IPI.  The IPI handler
 * finds the CPU idle, in user mode or in kernel code outside any section (rcu_nesting == 0),
 * and reports at once; or the CPU is inside a section, and its outermost rcu_read_unlock()
 * reports instead.  The caller's own CPU needs nothing: it is running the caller, outside
 * any section.  When the last CPU has reported, the grace period is over.
 *
 * A report may wake the writer, which takes wait-queue and run-queue locks; so a reader that
 * ends its section while holding a spinlock (perhaps one of those) does not report itself
 * but sends its own CPU the IPI, which arrives once interrupts are on again.
 *
 * Classic RCU waits for the CPUs to pass such states by themselves (the next tick, switch
 * or return to user mode), which costs milliseconds; asking them directly costs one IPI
 * round trip, which is the figure `make bench` reports as synchronize_rcu.
 *
 * One grace period runs at a time (gp_mutex); callers queue on the mutex.  call_rcu()
 * callbacks wait in a FIFO list; the rcu thread takes the whole list, waits one grace period
 * and runs them in order.
 */
#include <kernel/cpu.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/rcu.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <kernel/wait.h>
#include <lib/format.h>
#include <arch/cpu.h>
#include <arch/smp.h>

/* The grace period in progress. */
static struct mutex gp_mutex = MUTEX_INIT(gp_mutex, "rcu_gp");
static uint32_t gp_pending; /* atomic: CPUs yet to report (+1 while they are being asked) */
static struct wait_queue gp_wait = WAIT_QUEUE_INIT(gp_wait, "rcu_gp_wait");
static uint64_t gp_completed; /* atomic: grace periods ended since boot */

/* The callbacks call_rcu() queued, oldest first.  cb_lock protects these: */
static struct spinlock cb_lock = SPINLOCK_INIT("rcu_callbacks");
static struct rcu_head *cb_head;
static struct rcu_head **cb_tail = &cb_head;
static uint64_t cb_queued; /* callbacks ever queued */
static uint64_t cb_done;   /* callbacks ever run (atomic for readers) */
static struct wait_queue cb_work = WAIT_QUEUE_INIT(cb_work, "rcu_work"); /* the thread */
static struct wait_queue cb_done_wait = WAIT_QUEUE_INIT(cb_done_wait, "rcu_done");

/* One CPU has passed a quiescent state for the grace period in progress. */
static void report_quiescent(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* its reads are done before the writer frees */
	if (__atomic_sub_fetch(&gp_pending, 1, __ATOMIC_ACQ_REL) == 0)
		wake_up(&gp_wait);
}

/* If this CPU owes a report and is outside every read section, report.  Interrupts off. */
static void report_if_quiescent(struct cpu *cpu)
{
	if (cpu->rcu_nesting == 0 &&
	    __atomic_exchange_n(&cpu->rcu_need_qs, false, __ATOMIC_ACQ_REL))
		report_quiescent();
}

void rcu_read_unlock_slow(void)
{
	bool flags = arch_irq_save();

	struct cpu *cpu = this_cpu();

	if (CONFIG_DEBUG && (int)cpu->rcu_nesting < 0)
		panic("rcu_read_unlock() without rcu_read_lock() at %pS",
		      __builtin_return_address(0));
	if (cpu->locks_held)
		smp_send_rcu(cpu);
	else
		report_if_quiescent(cpu);
	arch_irq_restore(flags);
	sched_preempt_if_due();
}

void rcu_ipi(void)
{
	report_if_quiescent(this_cpu());
}

/* Ask every other online CPU for a quiescent state; returns how many were asked. */
static unsigned int ask_other_cpus(void)
{
	bool flags = arch_irq_save(); /* stay on this CPU while choosing the others */
	struct cpu *self = this_cpu();
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE), asked = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct cpu *cpu = &cpus[i];

		if (cpu == self || !__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE))
			continue;
		__atomic_fetch_add(&gp_pending, 1, __ATOMIC_RELAXED);
		__atomic_store_n(&cpu->rcu_need_qs, true, __ATOMIC_RELEASE);
		__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the flag is seen by the IPI's handler */
		smp_send_rcu(cpu);
		asked++;
	}
	arch_irq_restore(flags);
	return asked;
}

void synchronize_rcu(void)
{
	might_sleep();
	mutex_lock(&gp_mutex);
	tracepoint(TRACE_GP_START, rcu_grace_periods() + 1, 0);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the writer's update precedes the asking */
	__atomic_store_n(&gp_pending, 1, __ATOMIC_RELAXED); /* a guard while CPUs are asked */
	ask_other_cpus();
	report_quiescent(); /* drops the guard */
	wait_event(&gp_wait, __atomic_load_n(&gp_pending, __ATOMIC_ACQUIRE) == 0);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_fetch_add(&gp_completed, 1, __ATOMIC_RELAXED);
	tracepoint(TRACE_GP_END, rcu_grace_periods(), 0);
	mutex_unlock(&gp_mutex);
}

uint64_t rcu_grace_periods(void)
{
	return __atomic_load_n(&gp_completed, __ATOMIC_RELAXED);
}

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
	unsigned long flags;

	head->func = func;
	head->next = NULL;
	flags = spin_lock_irqsave(&cb_lock);
	*cb_tail = head;
	cb_tail = &head->next;
	cb_queued++;
	spin_unlock_irqrestore(&cb_lock, flags);
	wake_up(&cb_work);
}

/* Take every queued callback, oldest first; NULL if none. */
static struct rcu_head *take_callbacks(void)
{
	unsigned long flags = spin_lock_irqsave(&cb_lock);
	struct rcu_head *list = cb_head;

	cb_head = NULL;
	cb_tail = &cb_head;
	spin_unlock_irqrestore(&cb_lock, flags);
	return list;
}

/* The rcu thread: wait for callbacks, wait a grace period, run them in order; forever. */
static int rcu_thread(void *unused)
{
	for (;;) {
		struct rcu_head *list, *next;
		uint64_t ran = 0;

		wait_event(&cb_work, READ_ONCE(cb_head) != NULL);
		list = take_callbacks();
		synchronize_rcu();
		for (; list; list = next, ran++) {
			next = list->next; /* func may free list */
			list->func(list);
		}
		__atomic_fetch_add(&cb_done, ran, __ATOMIC_RELEASE);
		wake_up_all(&cb_done_wait);
	}
	return 0;
}

long rcu_show(char *buf, size_t size)
{
	unsigned long flags = spin_lock_irqsave(&cb_lock);
	uint64_t queued = cb_queued;

	spin_unlock_irqrestore(&cb_lock, flags);
	return snprintf(buf, size, "grace_periods %lu\ncallbacks_queued %lu\ncallbacks_run %lu\n",
			(unsigned long)rcu_grace_periods(), (unsigned long)queued,
			(unsigned long)__atomic_load_n(&cb_done, __ATOMIC_ACQUIRE));
}

void rcu_barrier(void)
{
	unsigned long flags = spin_lock_irqsave(&cb_lock);
	uint64_t target = cb_queued;

	spin_unlock_irqrestore(&cb_lock, flags);
	wait_event(&cb_done_wait, __atomic_load_n(&cb_done, __ATOMIC_ACQUIRE) >= target);
}

void rcu_init(void)
{
	struct task *thread = kthread_create(rcu_thread, NULL, "rcu");

	if (!thread)
		panic("rcu: cannot start the rcu thread");
	kthread_detach(thread);
}
