/*
 * Kernel threads: creating a task, and freeing it once it has exited.
 *
 * A task is a kmalloc'd struct task and a kernel stack from kstack_alloc().  It cannot free
 * its own stack, being on it, so task_exit() (kernel/sched.c) leaves a zombie, and whoever
 * reaps it frees both: kthread_join(), or the next task on that CPU if it was detached.
 */
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/task.h>
#include <kernel/wait.h>
#include <lib/string.h>

static int next_pid = 1; /* atomic: the pid of the next task */

/* Woken whenever a task that is not detached has exited; kthread_join() waits here. */
static struct wait_queue task_exit_wait = WAIT_QUEUE_INIT(task_exit_wait, "task_exit_wait");

static void task_free(struct task *task)
{
	kstack_free(task->stack);
	kfree(task);
}

struct task *task_create(kthread_fn_t fn, void *arg, const char *name)
{
	struct task *task = kzalloc(sizeof(*task));

	if (!task)
		return NULL;
	task->stack = kstack_alloc();
	if (!task->stack) {
		kfree(task);
		return NULL;
	}
	task->pid = __atomic_fetch_add(&next_pid, 1, __ATOMIC_RELAXED);
	strlcpy(task->name, name, sizeof(task->name));
	task->cpus_allowed = CPUS_ALL;
	task->fn = fn;
	task->arg = arg;
	return task;
}

struct task *kthread_create(kthread_fn_t fn, void *arg, const char *name)
{
	struct task *task = task_create(fn, arg, name);

	if (task)
		sched_start_task(task);
	return task;
}

int kthread_join(struct task *task)
{
	int status;

	might_sleep();
	BUG_ON(task->detached);
	wait_event(&task_exit_wait, task_has_exited(task));
	status = task->exit_status;
	task_free(task);
	return status;
}

void task_exited(struct task *task, bool detached)
{
	if (detached)
		task_free(task);
	else
		wake_up_all(&task_exit_wait);
}
