/*
 * The end of a process: exit() and exit_group(), death by signal (both through
 * proc_exit()), and wait4(), by which the parent collects the exit status and frees what is
 * left, or hears that a child stopped or continued.
 *
 * A process frees its files and its address space itself, as it exits.  What it cannot free
 * while running on them, its kernel stack, struct task and top-level page table, the parent
 * frees in wait4(), after the scheduler has switched the zombie out for good (kthread_join());
 * for a process without a parent that the kernel started (kernel/umh.c), a work item on the
 * system workqueue does.
 */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/pgrp.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/resource.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <kernel/workqueue.h>
#include <lib/compiler.h>

/*
 * Give back the address space's memory now.  The process runs on its top-level table until
 * its last switch, so that table and the struct mm stay, and go with its kernel stack when it
 * is reaped (proc_free()).  Switching to the kernel's tables here, to free it all at once,
 * would reload the whole TLB, which under emulation costs more than flushing the pages one
 * by one (mm_empty()).
 */
static void release_mm(struct proc *p)
{
	if (p->mm)
		mm_empty(p->mm);
}

/*
 * POSIX's rule for a group that an exit leaves orphaned (pgrp_orphaned()): if a member is
 * stopped, nobody is left to continue it, so every member gets SIGHUP, then SIGCONT.
 * Caller holds proc_lock, and the exit has been seen already (zombie, children moved).
 */
static void hang_up_if_orphaned(int pgid)
{
	assert_spin_locked(&proc_lock);
	if (!pgrp_orphaned(pgid) || !pgrp_has_stopped(pgid))
		return;
	pgrp_kill(NULL, pgid, SIGHUP, NULL);
	pgrp_kill(NULL, pgid, SIGCONT, NULL);
}

/* Whether parent, in another group of child's session, keeps child's group from orphanhood. */
static bool holds_group(const struct proc *parent, const struct proc *child)
{
	return parent && parent->pgid != child->pgid && parent->sid == child->sid;
}

/*
 * Give p's children to init, and hang up the groups that p alone kept from being orphaned.
 * Caller holds proc_lock.  Wakes init if a zombie came along.
 */
static void reparent_children(struct proc *p)
{
	struct proc *child, *next;
	bool zombie = false;

	assert_spin_locked(&proc_lock);
	list_for_each_entry_safe(child, next, &p->children, sibling) {
		list_del(&child->sibling);
		child->parent = init_proc;
		if (init_proc)
			list_add_tail(&child->sibling, &init_proc->children);
		zombie |= child->zombie;
		if (holds_group(p, child))
			hang_up_if_orphaned(child->pgid);
	}
	if (zombie && init_proc)
		wake_up_all(&init_proc->child_wait);
}

/* init is gone: nothing is left to run user programs, so the machine stops with its status. */
static __noreturn void init_exited(int status)
{
	int code = W_EXITED(status) ? W_EXITSTATUS(status) : 128 + W_TERMSIG(status);

	pr_notice("init exited with status %d\n", code);
	power_off(code);
}

void proc_exit(int status)
{
	struct proc *p = current_proc();
	struct signal_info info = { .pid = p->pid, .uid = p->cred.uid };
	unsigned long flags;

	tracepoint(TRACE_EXIT, status, 0);
	files_exit(p);
	release_mm(p);
	container_exit(p);
	if (p == init_proc)
		init_exited(status);
	info.code = W_EXITED(status) ? CLD_EXITED : CLD_KILLED;
	flags = spin_lock_irqsave(&proc_lock);
	p->exit_status = status;
	p->zombie = true;
	reparent_children(p);
	if (holds_group(p->parent, p))
		hang_up_if_orphaned(p->pgid);
	if (p->parent) {
		signal_send(p->parent, SIGCHLD, &info);
		wake_up_all(&p->parent->child_wait);
	}
	if (p->kernel_reaped) { /* nobody will wait for it: its pid is gone now */
		proc_unlist(p);
		schedule_work(&p->reap_work);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	task_exit(0);
}

/* The work of freeing a kernel-reaped process, as wait4() would: its task, once off its CPU. */
static void reap_by_kernel(struct work_struct *work)
{
	struct proc *p = container_of(work, struct proc, reap_work);

	kthread_join(p->task);
	proc_free(p);
}

void proc_set_kernel_reaped(struct proc *p)
{
	BUG_ON(p->parent);
	p->kernel_reaped = true;
	INIT_WORK(&p->reap_work, reap_by_kernel);
}

long sys_exit(int code)
{
	proc_exit(W_EXITCODE(code, 0));
}

long sys_exit_group(int code)
{
	proc_exit(W_EXITCODE(code, 0));
}

/*
 * Whether wait4(pid) waits for child: pid > 0 that child, -1 any, 0 and below -1 a child in
 * group pgid (the caller's for 0, -pid below -1).
 */
static bool wait_selects(const struct proc *child, int pid, int pgid)
{
	if (pid > 0)
		return child->pid == pid;
	return pid == -1 || child->pgid == pgid;
}

/*
 * What child has for wait4() with options: its exit (a zombie), or a stop (WUNTRACED) or a
 * continue (WCONTINUED) not yet reported, which this report uses up.  Returns whether it has
 * any, with the status word in *status.  Caller holds proc_lock.
 */
static bool take_news(struct proc *child, int options, int *status)
{
	if (child->zombie) {
		*status = child->exit_status;
		return true;
	}
	if ((options & WUNTRACED) && child->job_report == CLD_STOPPED)
		*status = W_STOPCODE(child->sig.stop_signal);
	else if ((options & WCONTINUED) && child->job_report == CLD_CONTINUED)
		*status = W_CONTINUED;
	else
		return false;
	child->job_report = 0;
	return true;
}

/*
 * The first child that pid selects with news for wait4() (take_news()), or NULL; *any says
 * whether pid selects any child at all.  Caller holds proc_lock.
 */
static struct proc *find_news(struct proc *self, int pid, int pgid, int options, int *status,
			      bool *any)
{
	struct proc *child;

	*any = false;
	list_for_each_entry(child, &self->children, sibling) {
		if (!wait_selects(child, pid, pgid))
			continue;
		*any = true;
		if (take_news(child, options, status))
			return child;
	}
	return NULL;
}

/*
 * Wait for news of a child: returns its pid with the status word in *status and its CPU time
 * in *usage, 0 (WNOHANG, no news so far) or an error.  A zombie comes back unlinked in
 * *reaped, for the caller to free.  Sleeps.
 */
static long wait_for_news(struct proc *self, int pid, int options, int *status,
			  struct cpu_times *usage, struct proc **reaped)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int pgid = pid == 0 ? self->pgid : -pid;
	struct proc *child = NULL;
	bool any;
	long ret;

	ret = wait_event_interruptible_locked(
	    &self->child_wait,
	    (child = find_news(self, pid, pgid, options, status, &any)) || !any ||
		(options & WNOHANG),
	    &proc_lock);
	if (child) {
		ret = child->pid;
		*usage = proc_cpu_times_with_children(child);
		if (child->zombie) {
			list_del(&child->sibling);
			proc_unlist(child);
			*reaped = child;
		}
	} else if (!ret) {
		ret = any ? 0 : -ECHILD;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return ret;
}

/*
 * Add a reaped child's CPU time, read once it is off its CPU for good, to the caller's
 * children_cpu (which only the caller writes; its parent may read it meanwhile).
 */
static struct cpu_times count_reaped(struct proc *self, struct proc *reaped)
{
	struct cpu_times usage = proc_cpu_times_with_children(reaped);

	WRITE_ONCE(self->children_cpu.user, self->children_cpu.user + usage.user);
	WRITE_ONCE(self->children_cpu.system, self->children_cpu.system + usage.system);
	return usage;
}

long proc_wait(int pid, int *status, int options, struct cpu_times *usage)
{
	struct proc *reaped = NULL;
	struct cpu_times times = { 0, 0 };
	int news = 0;
	long ret;

	might_sleep();
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL))
		return -EINVAL;
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH; /* its group, -pid, is no number */
	if (!current_proc())
		return -ECHILD;
	ret = wait_for_news(current_proc(), pid, options, &news, &times, &reaped);
	if (ret > 0 && status)
		*status = news;
	if (reaped) {
		kthread_join(reaped->task);
		times = count_reaped(current_proc(), reaped);
		proc_free(reaped);
	}
	if (ret > 0 && usage)
		*usage = times;
	return ret;
}

/*
 * wait4(): the status and the rusage are copied out after the child is reaped, as on Linux:
 * a bad pointer is EFAULT, and the child is gone all the same.  The rusage holds the child's
 * CPU time (with its reaped children's); its other fields are zero.
 */
long sys_wait4(int pid, uint64_t status_ptr, int options, uint64_t rusage)
{
	struct cpu_times usage;
	int status = 0;
	long ret = proc_wait(pid, &status, options, &usage);

	if (ret > 0 && status_ptr && copy_to_user(status_ptr, &status, sizeof(status)))
		return -EFAULT;
	if (ret > 0 && rusage && rusage_copy_out(rusage, usage))
		return -EFAULT;
	return ret;
}
