/*
 * Wait queues (see include/kernel/wait.h).  A sleeper puts a wait_entry on the queue and asks
 * the scheduler to sleep while releasing the locks that guard its condition; a waker takes
 * entries off and makes their tasks runnable.  The entry is removed by whoever wakes it, or
 * by the sleeper itself when something else (a timed sleep, a signal) woke it.
 */
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/wait.h>
#include <lib/compiler.h>

void wait_queue_init(struct wait_queue *wq, const char *name)
{
	spin_lock_init(&wq->lock, name);
	INIT_LIST_HEAD(&wq->waiters);
}

__hotpath void wait_sleep(struct wait_queue *wq, struct spinlock *lock)
{
	struct wait_entry entry = { .task = current_task() };
	bool own_lock = lock == &wq->lock;

	assert_spin_locked(lock);
	BUG_ON(arch_irq_enabled());
	if (!own_lock)
		spin_lock(&wq->lock);
	list_add_tail(&entry.link, &wq->waiters);
	sched_sleep_releasing(&wq->lock, own_lock ? NULL : lock);

	spin_lock(lock);
	if (!own_lock)
		spin_lock(&wq->lock);
	list_del_init(&entry.link);
	if (!own_lock)
		spin_unlock(&wq->lock);
}

__hotpath int wait_sleep_interruptible(struct wait_queue *wq, struct spinlock *lock)
{
	struct task *self = current_task();

	if (signal_pending(self))
		return -ERESTARTSYS;
	self->interruptible = true;
	wait_sleep(wq, lock);
	self->interruptible = false;
	return 0;
}

/* Take the first waiter off wq and wake it; caller holds wq->lock.  Returns it, or NULL. */
static __hotpath struct task *wake_first(struct wait_queue *wq)
{
	struct wait_entry *entry;

	assert_spin_locked(&wq->lock);
	if (list_empty(&wq->waiters))
		return NULL;
	entry = list_first_entry(&wq->waiters, struct wait_entry, link);
	list_del_init(&entry->link);
	task_wake(entry->task);
	return entry->task;
}

struct task *wake_up(struct wait_queue *wq)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	struct task *woken = wake_first(wq);

	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}

__hotpath int wake_up_all(struct wait_queue *wq)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	int woken = 0;

	while (wake_first(wq))
		woken++;
	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}
