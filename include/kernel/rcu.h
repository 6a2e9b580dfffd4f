/*
 * RCU-lite: read-copy-update, for data read far more often than written.
 *
 * Readers take no lock.  They bracket their use of shared pointers with rcu_read_lock() and
 * rcu_read_unlock(), load them with rcu_dereference(), and may not sleep (nor be preempted)
 * in between.  A writer never changes what a reader may be looking at: it makes a new copy,
 * publishes it with rcu_assign_pointer(), and frees the old one only after a grace period,
 * the time by which every reader that could have seen the old pointer has finished:
 *
 *	old = p;  rcu_assign_pointer(p, new);  synchronize_rcu();  kfree(old);
 *
 * or, where the writer must not sleep, call_rcu(&old->rcu, free_old), which runs free_old
 * after a grace period, in the "rcu" kernel thread, in the order the calls were made.
 *
 * A grace period ends when each CPU has passed a quiescent state: a moment it is in no read
 * section (a context switch, its idle loop, user mode).  Writers never block readers, and
 * readers never wait at all.  docs/locking.md draws it; kernel/rcu.c says how Corral finds
 * the quiescent states.
 */
#ifndef KERNEL_RCU_H
#define KERNEL_RCU_H

#include <kernel/cpu.h>
#include <lib/compiler.h>
#include <arch/cpu.h>

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

/* The slow half of rcu_read_unlock(): a grace period or a preemption waits for this CPU. */
void rcu_read_unlock_slow(void);

/* Begin a read section (they nest).  Until the matching unlock the task stays on its CPU. */
static inline void rcu_read_lock(void)
{
	this_cpu_add(rcu_nesting, 1);
	barrier();
}

/* End a read section; the outermost one reports a quiescent state if one is wanted. */
static inline void rcu_read_unlock(void)
{
	barrier();
	this_cpu_add(rcu_nesting, -1);
	if (__atomic_load_n(&this_cpu()->rcu_need_qs, __ATOMIC_RELAXED) ||
	    READ_ONCE(this_cpu()->need_resched))
		rcu_read_unlock_slow();
}

/* Load an RCU-protected pointer inside a read section. */
#define rcu_dereference(p) __atomic_load_n(&(p), __ATOMIC_CONSUME)

/* Publish v in p: everything written to *v before is visible to a reader that loads it. */
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

/* Wait for a grace period: every read section begun before the call has ended.  Sleeps. */
void synchronize_rcu(void);

/* Run func(head) after a grace period, in the rcu thread.  Any context; never sleeps. */
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));

/* Wait until every callback queued by call_rcu() before this call has run.  Sleeps. */
void rcu_barrier(void);

/* Grace periods completed since boot. */
uint64_t rcu_grace_periods(void);

/*
 * /proc/rcu: the grace periods completed, and the call_rcu() callbacks queued and run, since
 * boot, one "name value" line each; the length, as snprintf gives it.
 */
long rcu_show(char *buf, size_t size);

/* Start the rcu thread; after sched_init(). */
void rcu_init(void);

/* The RCU IPI's handler (arch/x86_64/smp.c): report a quiescent state if outside a section. */
void rcu_ipi(void);

#endif
