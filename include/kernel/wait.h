/*
 * Wait queues: how a task sleeps until something becomes true, and how whoever makes it true
 * wakes it.
 *
 * The condition is guarded by a spinlock: the caller's own (wait_event_locked) or the wait
 * queue's (wait_event).  The sleeper checks the condition with that lock held and goes to
 * sleep before releasing it; the waker changes the condition, then calls wake_up(), which
 * takes the queue's lock.  Between the two no wake-up can fall, so none is lost.  A woken
 * task checks the condition again, since another may have been first.
 *
 * Lock order: a caller's lock, then a wait queue's lock, then runqueue_lock.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include <kernel/spinlock.h>
#include <lib/list.h>

struct task;

struct wait_queue {
	struct spinlock lock;	  /* protects waiters; taken before runqueue_lock */
	struct list_head waiters; /* struct wait_entry, in the order the tasks slept */
};

/* One sleeping task; lives on the sleeper's stack while it sleeps. */
struct wait_entry {
	struct task *task;
	struct list_head link; /* on wait_queue.waiters; protected by its lock */
};

#define WAIT_QUEUE_INIT(wq, lock_name)                                                             \
	{                                                                                          \
		.lock = SPINLOCK_INIT(lock_name), .waiters = LIST_HEAD_INIT((wq).waiters)          \
	}

void wait_queue_init(struct wait_queue *wq, const char *name);

/*
 * Sleep once on wq.  Caller holds lock (which may be &wq->lock), taken with interrupts off;
 * it is released while asleep and held again on return.  Use the wait_event macros.
 */
void wait_sleep(struct wait_queue *wq, struct spinlock *lock);

/* Sleep until cond, which lock guards; caller holds lock, taken with spin_lock_irqsave(). */
#define wait_event_locked(wq, cond, lock)                                                          \
	do {                                                                                       \
		while (!(cond))                                                                    \
			wait_sleep((wq), (lock));                                                  \
	} while (0)

/* Sleep until cond, checked under wq's own lock. */
#define wait_event(wq, cond)                                                                       \
	do {                                                                                       \
		unsigned long __wait_flags = spin_lock_irqsave(&(wq)->lock);                       \
		wait_event_locked((wq), (cond), &(wq)->lock);                                      \
		spin_unlock_irqrestore(&(wq)->lock, __wait_flags);                                 \
	} while (0)

/*
 * wait_sleep() for a user process that a signal should wake: returns -ERESTARTSYS at once if
 * a signal is pending, else sleeps once (a signal arriving meanwhile ends the sleep) and
 * returns 0.  Use wait_event_interruptible_locked().  A system call passes -ERESTARTSYS up:
 * it becomes EINTR, or the call is made again (include/kernel/errno.h).
 */
int wait_sleep_interruptible(struct wait_queue *wq, struct spinlock *lock);

/* Sleep until cond, which lock guards, or a signal: 0 when cond holds, else -ERESTARTSYS. */
#define wait_event_interruptible_locked(wq, cond, lock)                                            \
	({                                                                                         \
		int __wait_ret = 0;                                                                \
		while (!(cond) && !(__wait_ret = wait_sleep_interruptible((wq), (lock))))          \
			;                                                                          \
		__wait_ret;                                                                        \
	})

/* Wake the task that has slept longest on wq; returns it, or NULL if none slept there. */
struct task *wake_up(struct wait_queue *wq);

/* Wake every task sleeping on wq; returns how many. */
int wake_up_all(struct wait_queue *wq);

#endif
