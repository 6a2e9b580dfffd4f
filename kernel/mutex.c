/*
 * Sleeping mutexes (see include/kernel/mutex.h): owner is the whole state, guarded by the
 * mutex's spinlock; a task that finds an owner sleeps on the mutex's wait queue.
 *
 * mutex_unlock() hands the mutex straight to the task that has waited longest, making it the
 * owner before it even runs, so waiters are served in order and none starves (a task that
 * unlocks and at once locks again queues behind them).  The price is a context switch per
 * hand-over while there is contention.
 *
 * The lock-order checker (debug builds) sees each task's mutexes in the order it took them,
 * so a task taking mutex B while holding A records "A before B", as spinlocks do per CPU.
 */
#include <kernel/lockorder.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/task.h>
#include <lib/compiler.h>

void mutex_init(struct mutex *m, const char *name)
{
	spin_lock_init(&m->lock, name);
	m->owner = NULL;
	wait_queue_init(&m->waiters, name);
	m->name = name;
}

static void check_not_owner(struct mutex *m, struct task *self)
{
	if (CONFIG_DEBUG && m->owner == self)
		panic("recursive mutex: task %d (%s) takes %s, which it holds", self->pid,
		      self->name, m->name);
}

void mutex_lock(struct mutex *m)
{
	struct task *self = current_task();
	unsigned long flags;

	might_sleep();
	if (CONFIG_DEBUG)
		lockorder_check(&self->mutexes_held, &m->lock_class, LOCK_KIND_MUTEX, m->name,
				__builtin_return_address(0));
	flags = spin_lock_irqsave(&m->lock);
	check_not_owner(m, self);
	if (m->owner == NULL)
		m->owner = self;
	else
		wait_event_locked(&m->waiters, m->owner == self, &m->lock);
	spin_unlock_irqrestore(&m->lock, flags);
	if (CONFIG_DEBUG)
		lockorder_push(&self->mutexes_held, m, &m->lock_class, LOCK_KIND_MUTEX, m->name,
			       __builtin_return_address(0));
}

bool mutex_trylock(struct mutex *m)
{
	struct task *self = current_task();
	unsigned long flags = spin_lock_irqsave(&m->lock);
	bool taken = m->owner == NULL;

	check_not_owner(m, self);
	if (taken)
		m->owner = self;
	spin_unlock_irqrestore(&m->lock, flags);
	if (CONFIG_DEBUG && taken)
		lockorder_push(&self->mutexes_held, m, &m->lock_class, LOCK_KIND_MUTEX, m->name,
			       __builtin_return_address(0));
	return taken;
}

void mutex_unlock(struct mutex *m)
{
	struct task *self = current_task();
	unsigned long flags = spin_lock_irqsave(&m->lock);

	if (m->owner != self)
		panic("task %d (%s) unlocks mutex %s, held by %s", self->pid, self->name, m->name,
		      m->owner ? m->owner->name : "no one");
	m->owner = wake_up(&m->waiters);
	spin_unlock_irqrestore(&m->lock, flags);
	if (CONFIG_DEBUG)
		lockorder_pop(&self->mutexes_held, m);
}

bool mutex_held(struct mutex *m)
{
	return READ_ONCE(m->owner) == current_task();
}
