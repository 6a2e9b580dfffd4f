/*
 * The system workqueue (see include/kernel/workqueue.h for how to use it).
 *
 * One FIFO list of pending items and one worker thread.  schedule_work() adds an item under
 * workqueue_lock and wakes the worker; the worker sleeps on worker_wait until the list is not
 * empty, takes the first item off (from then on it is no longer pending, so its func may queue
 * it again) and calls its func with no lock held.  A func may free its item, so the worker
 * never touches an item once its func has started.
 *
 * Flushing counts instead of marking items: queued counts every item ever queued, done every
 * item whose func has returned.  Items run one at a time in the order they were queued, so once
 * done reaches the value queued had when flush_scheduled_work() was called, every item queued
 * before that call has run.
 */
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <kernel/wait.h>
#include <kernel/workqueue.h>

/* Protects work_list, every item's entry and queued.  Rank 12 of the lock order. */
static struct spinlock workqueue_lock = SPINLOCK_INIT("workqueue");
static LIST_HEAD(work_list); /* pending items, oldest first */
static uint64_t queued;	     /* items ever queued */

static uint64_t done; /* items whose func has returned; atomic, written by the worker only */

static struct wait_queue worker_wait = WAIT_QUEUE_INIT(worker_wait, "workqueue_worker");
static struct wait_queue flush_wait = WAIT_QUEUE_INIT(flush_wait, "workqueue_flush");
static struct task *worker; /* set once by workqueue_init() */

bool schedule_work(struct work_struct *work)
{
	unsigned long flags = spin_lock_irqsave(&workqueue_lock);
	bool pending = !list_empty(&work->entry);

	if (!pending) {
		list_add_tail(&work->entry, &work_list);
		queued++;
	}
	spin_unlock_irqrestore(&workqueue_lock, flags);
	if (!pending) /* the worker checks the list under workqueue_lock, so it cannot miss this */
		wake_up(&worker_wait);
	return !pending;
}

/* Take the oldest pending item off the queue, sleeping until there is one. */
static struct work_struct *take_work(void)
{
	unsigned long flags = spin_lock_irqsave(&workqueue_lock);
	struct work_struct *work;

	wait_event_locked(&worker_wait, !list_empty(&work_list), &workqueue_lock);
	work = list_first_entry(&work_list, struct work_struct, entry);
	list_del_init(&work->entry);
	spin_unlock_irqrestore(&workqueue_lock, flags);
	return work;
}

/* The worker: run the items, one at a time, oldest first; forever. */
static int worker_thread(void *unused)
{
	for (;;) {
		struct work_struct *work = take_work();

		tracepoint(TRACE_WORK_RUN, work->func, 0);
		work->func(work);
		__atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
		wake_up_all(&flush_wait);
	}
	return 0;
}

void flush_scheduled_work(void)
{
	unsigned long flags;
	uint64_t target;

	might_sleep();
	if (current_task() == worker)
		panic("flush_scheduled_work() from a work item would wait for itself");
	flags = spin_lock_irqsave(&workqueue_lock);
	target = queued;
	spin_unlock_irqrestore(&workqueue_lock, flags);
	wait_event(&flush_wait, __atomic_load_n(&done, __ATOMIC_ACQUIRE) >= target);
}

void workqueue_init(void)
{
	worker = task_create(worker_thread, NULL, "kworker");
	if (!worker)
		panic("workqueue: cannot start the worker thread");
	worker->urgent = true; /* what it runs is waited for: it goes before user programs */
	sched_start_task(worker);
	kthread_detach(worker);
}
