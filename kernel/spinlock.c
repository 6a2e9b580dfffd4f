/*
 * Ticket spinlocks (see include/kernel/spinlock.h for the idea).
 *
 * Taking a lock first counts it in this CPU's locks_held, which stops the timer from
 * preempting the task (kernel/sched.c), and only then takes a ticket: so a task never spins,
 * or holds a lock, on a CPU it might be moved off.  The spin uses cpu_relax() ("pause"),
 * which matters under emulation, where a tight loop steals time from the CPU that holds the
 * lock, and services TLB shootdowns (arch/x86_64/smp.c), which must not wait for a lock.
 *
 * The debug checks (holder CPU, recursion, releasing a lock not held, the lock order) are on
 * when CONFIG_DEBUG is set.  The order is checked before the spin, so an inversion that is
 * about to deadlock is still reported.
 */
#include <kernel/spinlock.h>
#include <kernel/cpu.h>
#include <kernel/lockorder.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <lib/compiler.h>
#include <arch/cpu.h>
#include <arch/smp.h>

void spin_lock_init(struct spinlock *lock, const char *name)
{
	*lock = (struct spinlock)SPINLOCK_INIT(name);
}

static void check_not_recursive(struct spinlock *lock, const void *pc)
{
	if (CONFIG_DEBUG &&
	    __atomic_load_n(&lock->holder_cpu, __ATOMIC_RELAXED) == (int)this_cpu()->id)
		panic("recursive lock: %s taken at %pS is taken again at %pS on cpu %u", lock->name,
		      lock->holder_pc, pc, this_cpu()->id);
}

static void note_holder(struct spinlock *lock, const void *pc)
{
	struct cpu *cpu = this_cpu();

	lock->holder_cpu = (int)cpu->id;
	lock->holder_pc = pc;
	if (CONFIG_DEBUG)
		lockorder_push(&cpu->spin_held, lock, &lock->lock_class, LOCK_KIND_SPIN, lock->name,
			       pc);
}

/* LAB 3 BEGIN: the ticket lock */
/*
 * Take the next ticket and wait until it is served: CPUs get the lock in the order they came.
 * A TLB shootdown is served while waiting: it must not wait for this lock (smp.c).
 */
static void ticket_lock(struct spinlock *lock)
{
	uint32_t ticket = __atomic_fetch_add(&lock->next_ticket, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->now_serving, __ATOMIC_ACQUIRE) != ticket) {
		smp_poll_requests();
		cpu_relax();
	}
}

/* Take the lock only if no CPU holds it or waits for it: true when taken. */
static bool ticket_trylock(struct spinlock *lock)
{
	uint32_t serving = __atomic_load_n(&lock->now_serving, __ATOMIC_RELAXED);
	uint32_t expected = serving;

	return __atomic_compare_exchange_n(&lock->next_ticket, &expected, serving + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Serve the next ticket: the CPU that has waited longest, if any, now holds the lock. */
static void ticket_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->now_serving, lock->now_serving + 1, __ATOMIC_RELEASE);
}

bool spin_is_locked(struct spinlock *lock)
{
	return __atomic_load_n(&lock->now_serving, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&lock->next_ticket, __ATOMIC_RELAXED);
}
/* LAB 3 END */
/* LAB 3 STUB
static void ticket_lock(struct spinlock *lock)
{
	while (__atomic_exchange_n(&lock->next_ticket, 1, __ATOMIC_ACQUIRE)) {
		smp_poll_requests();
		cpu_relax();
	}
}

static bool ticket_trylock(struct spinlock *lock)
{
	return !__atomic_exchange_n(&lock->next_ticket, 1, __ATOMIC_ACQUIRE);
}

static void ticket_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->next_ticket, 0, __ATOMIC_RELEASE);
	pr_warn_once("lab 3: this lock is not fair; the ticket lock is yours to write,"
		     " see docs/labs/3-spinlock.md\n");
}

bool spin_is_locked(struct spinlock *lock)
{
	return __atomic_load_n(&lock->next_ticket, __ATOMIC_RELAXED) != 0;
}
*/

static void lock_at(struct spinlock *lock, const void *pc)
{
	this_cpu_add(locks_held, 1);
	check_not_recursive(lock, pc);
	if (CONFIG_DEBUG)
		lockorder_check(&this_cpu()->spin_held, &lock->lock_class, LOCK_KIND_SPIN,
				lock->name, pc);
	ticket_lock(lock);
	note_holder(lock, pc);
}

__hotpath void spin_lock(struct spinlock *lock)
{
	lock_at(lock, __builtin_return_address(0));
}

/* A trylock cannot deadlock, so its order is not checked; once held it counts as any other. */
bool spin_trylock(struct spinlock *lock)
{
	this_cpu_add(locks_held, 1);
	if (!ticket_trylock(lock)) {
		this_cpu_add(locks_held, -1);
		return false;
	}
	note_holder(lock, __builtin_return_address(0));
	return true;
}

/* Release lock; the callers then let a preemption the tick asked for happen. */
static inline void unlock(struct spinlock *lock)
{
	struct cpu *cpu = this_cpu();

	if (CONFIG_DEBUG && lock->holder_cpu != (int)cpu->id)
		panic("releasing lock %s that cpu %u does not hold (holder cpu %d)", lock->name,
		      cpu->id, lock->holder_cpu);
	if (CONFIG_DEBUG)
		lockorder_pop(&cpu->spin_held, lock);
	lock->holder_cpu = -1;
	lock->holder_pc = 0;
	ticket_unlock(lock);
	this_cpu_add(locks_held, -1);
}

__hotpath void spin_unlock(struct spinlock *lock)
{
	unlock(lock);
	if (READ_ONCE(this_cpu()->need_resched))
		sched_preempt_if_due(); /* the tick wanted to preempt while the lock was held */
}

__hotpath unsigned long spin_lock_irqsave(struct spinlock *lock)
{
	unsigned long flags = arch_irq_save();

	lock_at(lock, __builtin_return_address(0));
	return flags;
}

__hotpath void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags)
{
	unlock(lock); /* interrupts are still off: no preemption until they are back on */
	arch_irq_restore(flags);
	if (flags && READ_ONCE(this_cpu()->need_resched))
		sched_preempt_if_due();
}

bool spin_held_by_this_cpu(struct spinlock *lock)
{
	return spin_is_locked(lock) && lock->holder_cpu == (int)this_cpu()->id;
}
