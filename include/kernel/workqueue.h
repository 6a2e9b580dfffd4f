/*
 * The system workqueue: how code that may not sleep (an interrupt handler, a path holding a
 * spinlock) has a function run soon in process context, where it may.  One kernel thread,
 * "kworker", takes the queued items one at a time, oldest first, and calls each one's func
 * (kernel/workqueue.c).  Linux's names and shape: a struct work_struct lives inside the object
 * the work is about, INIT_WORK() sets it up once, schedule_work() queues it whenever it is due.
 *
 *   schedule_work(w) -> pending on the queue -> the worker takes it off -> w->func(w) runs
 *     (any context)     (schedule_work(w)       (no longer pending: func    (process context:
 *                        again: false)           may queue w again)          may sleep)
 *
 * Context rules: schedule_work() may be called anywhere (interrupts off, spinlocks held, an
 * interrupt handler): it never sleeps and never allocates.  A func may sleep, take mutexes and
 * allocate, but it holds up every item behind it, and must not wait for any of them:
 * flush_scheduled_work() from a func would wait for itself (it panics instead).
 *
 * Lock order: workqueue_lock ranks 12 (docs/locking.md section 7).  It is taken with
 * interrupts off, and may be taken holding proc_lock or css_group_lock; holding it, the worker
 * sleeps on its wait queue (rank 13).
 */
#ifndef KERNEL_WORKQUEUE_H
#define KERNEL_WORKQUEUE_H

#include <stdbool.h>
#include <lib/list.h>

struct work_struct {
	/* On the queue while pending (from schedule_work() until func starts), else empty;
	 * workqueue_lock. */
	struct list_head entry;
	void (*func)(struct work_struct *work); /* constant after INIT_WORK() */
};

#define WORK_INITIALIZER(name, function)                                                           \
	{                                                                                          \
		.entry = LIST_HEAD_INIT((name).entry), .func = (function)                          \
	}

/* Set up work to run func; once, before the first schedule_work(), never while pending. */
#define INIT_WORK(work, function)                                                                  \
	do {                                                                                       \
		INIT_LIST_HEAD(&(work)->entry);                                                    \
		(work)->func = (function);                                                         \
	} while (0)

/*
 * Queue work on the system workqueue: true, or false (and nothing done) if it is pending
 * already.  Any context; never sleeps, never allocates.
 */
bool schedule_work(struct work_struct *work);

/* Sleep until every item queued before the call has run.  Process context, not from a func. */
void flush_scheduled_work(void);

/* Start the worker thread; once, at boot.  Items queued before it starts wait for it. */
void workqueue_init(void);

#endif
