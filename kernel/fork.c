/*
 * fork(): a new process that is a copy of the caller, down to the registers, except that
 * fork() returns 0 in it and the child's pid in the parent.
 *
 * The copy is cheap: the address space is shared copy-on-write (mm_clone(); only the page
 * under the stack pointer, which both write at once, is copied right away), the open files
 * are the same files (files_fork()), and the child's task starts from the parent's trap frame,
 * which it copies onto its own kernel stack and returns to user mode with (arch_enter_user()).
 */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <kernel/vm.h>
#include <arch/fpu.h>
#include <arch/user.h>

/* Where the child's task begins: straight into user mode, fork() returning 0. */
static int fork_child_start(void *unused)
{
	arch_enter_user(&current_proc()->start_frame);
}

/* Undo a fork that failed before the child ran. */
static void fork_cleanup(struct task *task, struct proc *child)
{
	if (child) {
		files_exit(child);
		proc_free(child); /* and child->mm */
	}
	kstack_free(task->stack);
	kfree(task);
}

/* Fill in child as a copy of the calling process; 0 or -ENOMEM. */
static int copy_process(struct proc *child, struct proc *parent)
{
	struct task *task = child->task;

	child->mm = mm_clone(parent->mm, arch_frame_sp(task_user_frame(current_task())));
	if (!child->mm)
		return -ENOMEM;
	if (files_fork(child, parent))
		return -ENOMEM;
	child->start_frame = *task_user_frame(current_task());
	arch_syscall_set_return(&child->start_frame, 0);
	fpu_sync(&current_task()->fpu); /* the parent's registers, if live, to memory */
	task->fpu = current_task()->fpu;
	task->cpus_allowed = current_task()->cpus_allowed; /* its cpuset, its affinity */
	task->proc = child;
	return 0;
}

/* Whether the caller may fork now (rlimit_may_fork()): asked before any work is done. */
static int fork_allowed(struct proc *parent)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int err = rlimit_may_fork(parent);

	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

/*
 * The limits on processes (include/kernel/rlimit.h) are asked first, so that a fork bomb that
 * meets them does no work, and again as the child is linked, which decides.
 */
long sys_fork(void)
{
	struct proc *parent = current_proc(), *child;
	struct task *task;
	int err = fork_allowed(parent);

	if (err)
		return err;
	task = task_create(fork_child_start, NULL, current_task()->name);
	if (!task)
		return -ENOMEM;
	child = proc_alloc(task, parent);
	if (!child || copy_process(child, parent)) {
		fork_cleanup(task, child);
		return -ENOMEM;
	}
	err = container_fork(child, parent); /* its parent's containers; pids.max may refuse */
	if (!err)
		err = proc_link_forked(child); /* threads-max and RLIMIT_NPROC may refuse */
	if (err) {
		fork_cleanup(task, child);
		return err;
	}
	tracepoint(TRACE_FORK, child->pid, 0);
	sched_start_task(task);
	return child->pid;
}
