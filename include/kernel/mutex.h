/*
 * Sleeping mutexes, for critical sections that may be long or may sleep (the VFS, the
 * container tree).  A task that finds the mutex taken sleeps until the owner unlocks it,
 * instead of spinning; so a mutex is only for tasks, never for interrupt handlers, and is
 * never taken while holding a spinlock.
 *
 * The mutex knows its owner.  Debug checks panic, naming the mutex, when a task takes a mutex
 * it already owns, unlocks one it does not own, or takes one where it may not sleep.
 *
 * Lock order: a mutex is taken before any spinlock; its own spinlock is taken before its
 * wait queue's lock.
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include <stdbool.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>

struct task;

struct mutex {
	struct spinlock lock;	   /* protects owner */
	struct task *owner;	   /* the task holding the mutex, NULL when free */
	struct wait_queue waiters; /* tasks waiting for mutex_unlock() to hand them the mutex */
	const char *name;	   /* for debug reports */
	uint16_t lock_class;	   /* its lock-order class, 0 until first taken (debug) */
};

#define MUTEX_INIT(m, mutex_name)                                                                  \
	{                                                                                          \
		.lock = SPINLOCK_INIT(mutex_name), .owner = 0,                                     \
		.waiters = WAIT_QUEUE_INIT((m).waiters, mutex_name), .name = (mutex_name)          \
	}

void mutex_init(struct mutex *m, const char *name);

/* Take m, sleeping as long as another task holds it. */
void mutex_lock(struct mutex *m);

/* Take m if it is free; true if the caller now holds it.  Never sleeps. */
bool mutex_trylock(struct mutex *m);

/* Release m, which the calling task must hold, handing it to the longest waiter if any. */
void mutex_unlock(struct mutex *m);

/* Whether the calling task holds m. */
bool mutex_held(struct mutex *m);

/* For functions whose callers must hold m: panic naming the mutex if they do not. */
#define assert_mutex_held(m)                                                                       \
	do {                                                                                       \
		if (!mutex_held(m))                                                                \
			panic("%s: mutex %s not held", __func__, (m)->name);                       \
	} while (0)

#include <kernel/panic.h>

#endif
