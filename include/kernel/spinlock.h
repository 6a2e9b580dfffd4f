/*
 * Ticket spinlocks.
 *
 * A CPU takes a ticket (an atomic increment of next_ticket) and spins until now_serving
 * reaches it, so waiters are served in arrival order.  spin_lock_irqsave() also disables
 * interrupts on this CPU, which any lock also taken by an interrupt handler needs: otherwise
 * the handler could spin forever on a lock its own CPU holds.
 *
 * Holding a spinlock keeps the task on its CPU: the timer does not preempt a CPU whose
 * locks_held is non-zero, and sleeping with one held panics (kernel/sched.c).
 *
 * With CONFIG_DEBUG the lock remembers its holder, and taking a lock this CPU already holds,
 * or releasing one it does not hold, panics with the lock's name and both places; and the
 * lock-order checker (include/kernel/lockorder.h) watches the order locks are taken in.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

struct spinlock {
	uint32_t next_ticket;  /* atomic: the ticket the next locker gets */
	uint32_t now_serving;  /* atomic: the ticket that holds the lock */
	const char *name;      /* for debug reports */
	int holder_cpu;	       /* the CPU holding it, -1 when free (debug) */
	const void *holder_pc; /* where the holder took it (debug) */
	uint16_t lock_class;   /* its lock-order class, 0 until first taken (debug) */
};

#define SPINLOCK_INIT(lock_name)                                                                   \
	{                                                                                          \
		.next_ticket = 0, .now_serving = 0, .name = (lock_name), .holder_cpu = -1,         \
		.holder_pc = 0, .lock_class = 0                                                    \
	}

void spin_lock_init(struct spinlock *lock, const char *name);

/* Take the lock; interrupts must already be off or the lock never used by a handler. */
void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);

/* Disable interrupts, then take the lock; returns the interrupt state to restore. */
unsigned long spin_lock_irqsave(struct spinlock *lock);
void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags);

/* Try once; true if the lock is now held. */
bool spin_trylock(struct spinlock *lock);

bool spin_is_locked(struct spinlock *lock);
bool spin_held_by_this_cpu(struct spinlock *lock);

/*
 * For functions whose callers must hold lock: panic naming the lock if they do not.  Checked
 * in debug builds only (CONFIG_DEBUG), like the lock order: the hot paths assert a dozen locks.
 */
#define assert_spin_locked(lock)                                                                   \
	do {                                                                                       \
		if (CONFIG_DEBUG && !spin_held_by_this_cpu(lock))                                  \
			panic("%s: lock %s not held", __func__, (lock)->name);                     \
	} while (0)

#include <kernel/panic.h>

#endif
