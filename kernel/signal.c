/*
 * Signals (the design is in include/kernel/signal.h): sending, the default actions (stopping
 * and continuing too), user handlers, rt_sigreturn, interrupted system calls, and the signal
 * system calls.
 *
 * To run a handler, signal_deliver() decides which signal and which mask; the machine's code
 * writes Linux's signal frame on the user stack and points the registers at the handler
 * (arch_setup_signal_frame()), and reads the frame back when the handler returns through
 * rt_sigreturn (arch_restore_signal_frame(); both in <arch/user.h>).
 */
#include <kernel/errno.h>
#include <kernel/pgrp.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/uaccess.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/user.h>

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

/* The signals whose default action is to do nothing. */
static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

/* The signals whose default action is to stop the process. */
static bool stops_by_default(int sig)
{
	return STOP_SIGNALS & sigmask(sig);
}

/* Whether p does nothing on sig; caller holds p->sig.lock. */
static bool is_ignored(struct proc *p, int sig)
{
	uint64_t handler = p->sig.action[sig - 1].handler;

	if (sig == SIGKILL)
		return false;
	return handler == SIG_IGN || (handler == SIG_DFL && ignored_by_default(sig));
}

void signal_init(struct proc *p, struct proc *parent)
{
	unsigned long flags;

	spin_lock_init(&p->sig.lock, "signal");
	if (!parent)
		return;
	flags = spin_lock_irqsave(&parent->sig.lock);
	memcpy(p->sig.action, parent->sig.action, sizeof(p->sig.action));
	p->sig.blocked = parent->sig.blocked;
	spin_unlock_irqrestore(&parent->sig.lock, flags);
}

void signal_reset_handlers(struct proc *p)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);

	for (int i = 0; i < NSIG; i++)
		if (p->sig.action[i].handler != SIG_IGN)
			p->sig.action[i] = (struct k_sigaction){ 0 };
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

/*
 * Whether a sent signal is dropped at once: its action is to ignore it (and it is not
 * blocked, since the action may change before it is unblocked), or p is init and has no
 * handler for it: as on Linux, init only gets the signals it asked for, so a stray kill()
 * cannot take the machine down.  Caller holds p->sig.lock.
 */
static bool drops_signal(struct proc *p, int sig)
{
	if (p->sig.blocked & sigmask(sig))
		return false;
	if (p == init_proc && p->sig.action[sig - 1].handler == SIG_DFL)
		return true;
	return is_ignored(p, sig);
}

/* ---- stopping and continuing ---- */

/* Whether parent wants SIGCHLD when a child stops or continues (no SA_NOCLDSTOP). */
static bool wants_stop_sigchld(struct proc *parent)
{
	unsigned long flags = spin_lock_irqsave(&parent->sig.lock);
	bool wants = !(parent->sig.action[SIGCHLD - 1].flags & SA_NOCLDSTOP);

	spin_unlock_irqrestore(&parent->sig.lock, flags);
	return wants;
}

/*
 * p has stopped or continued (why: CLD_STOPPED or CLD_CONTINUED): leave the news for the
 * parent's wait4() (job_report, replacing any it has not collected), send it SIGCHLD unless
 * it asked for none, and wake it.  Caller holds proc_lock, and no sig.lock.
 */
static void notify_parent_of_job(struct proc *p, int why)
{
	struct signal_info info = { .code = why, .pid = p->pid, .uid = p->cred.uid };
	struct proc *parent = p->parent;

	assert_spin_locked(&proc_lock);
	p->job_report = why;
	if (!parent)
		return;
	if (wants_stop_sigchld(parent))
		signal_send(parent, SIGCHLD, &info);
	wake_up_all(&parent->child_wait);
}

/*
 * What sending sig does before it is queued: a stop signal discards a pending SIGCONT;
 * SIGCONT discards the pending stop signals, cancels a stop about to happen, and continues a
 * stopped process.  Returns whether p was stopped and now continues.  Caller holds
 * p->sig.lock (and proc_lock, for SIGCONT).
 */
static bool stop_or_continue_on_send(struct proc *p, int sig)
{
	assert_spin_locked(&p->sig.lock);
	if (stops_by_default(sig))
		p->sig.pending &= ~sigmask(SIGCONT);
	if (sig != SIGCONT)
		return false;
	p->sig.pending &= ~STOP_SIGNALS;
	p->sig.stop_dequeued = false;
	if (!p->sig.stopped)
		return false;
	assert_spin_locked(&proc_lock);
	p->sig.stopped = false;
	return true;
}

/* Sleep while p is stopped: until SIGCONT continues it or SIGKILL is pending. */
static void wait_while_stopped(struct proc *p)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);

	wait_event_locked(&p->signal_wait, !p->sig.stopped || (p->sig.pending & sigmask(SIGKILL)),
			  &p->sig.lock);
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

/*
 * The default action of stop signal sig, just taken off p's pending set (stop_dequeued is
 * set): stop, tell the parent, and sleep until continued or killed.  Not if a SIGCONT came
 * since, and not for the terminal's stop signals (all but SIGSTOP) in an orphaned group,
 * which POSIX says to discard: nobody would be left to continue it.
 */
static void stop_process(struct proc *p, int sig)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	bool stop;

	spin_lock(&p->sig.lock);
	stop = p->sig.stop_dequeued && (sig == SIGSTOP || !pgrp_orphaned(p->pgid));
	p->sig.stop_dequeued = false;
	if (stop) {
		p->sig.stopped = true;
		p->sig.stop_signal = sig;
	}
	spin_unlock(&p->sig.lock);
	if (stop)
		notify_parent_of_job(p, CLD_STOPPED);
	spin_unlock_irqrestore(&proc_lock, flags);
	if (stop)
		wait_while_stopped(p);
}

/* ---- sending ---- */

void signal_send(struct proc *p, int sig, const struct signal_info *info)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);
	bool continued = stop_or_continue_on_send(p, sig);
	bool queued = !drops_signal(p, sig);

	if (queued) {
		p->sig.pending |= sigmask(sig);
		p->sig.info[sig - 1] = info ? *info : (struct signal_info){ .code = SI_KERNEL };
	}
	spin_unlock_irqrestore(&p->sig.lock, flags);
	if (continued)
		notify_parent_of_job(p, CLD_CONTINUED);
	if (queued || continued)
		task_wake(p->task);
}

bool signal_ignored_or_blocked(struct proc *p, int sig)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);
	bool result = (p->sig.blocked & sigmask(sig)) || p->sig.action[sig - 1].handler == SIG_IGN;

	spin_unlock_irqrestore(&p->sig.lock, flags);
	return result;
}

__hotpath bool signal_pending(struct task *task)
{
	struct proc *p = task->proc;

	return p && (READ_ONCE(p->sig.pending) & ~READ_ONCE(p->sig.blocked));
}

void signal_force_fault(int sig, int code, uint64_t addr, const struct trap_frame *frame,
			const char *what)
{
	struct proc *p = current_proc();
	struct k_sigaction *action = &p->sig.action[sig - 1];
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);

	if ((p->sig.blocked & sigmask(sig)) || action->handler == SIG_IGN) {
		*action = (struct k_sigaction){ 0 };
		p->sig.blocked &= ~sigmask(sig);
	}
	p->sig.pending |= sigmask(sig);
	p->sig.info[sig - 1] = (struct signal_info){ .code = code, .addr = addr };
	p->fault_sig = sig;
	p->fault_what = what;
	p->fault_addr = addr;
	p->fault_ip = arch_frame_ip(frame);
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

/*
 * The default action that ends a process: log a fault that caused it, and exit.  A program
 * can fault as often as it forks, so the lines are rate-limited.
 */
static __noreturn void die_of_signal(struct proc *p, int sig)
{
	if (p->fault_sig == sig && !p->fault_what)
		pr_info_ratelimited("pid %d (%s): segfault at 0x%lx ip 0x%lx\n", p->pid,
				    p->task->name, (unsigned long)p->fault_addr,
				    (unsigned long)p->fault_ip);
	else if (p->fault_sig == sig)
		pr_info_ratelimited("pid %d (%s): %s ip 0x%lx\n", p->pid, p->task->name,
				    p->fault_what, (unsigned long)p->fault_ip);
	proc_exit(W_EXITCODE(0, sig));
}

/* ---- handlers ---- */

/*
 * Take the next deliverable signal off p's pending set: SIGKILL first (it must end a stopped
 * process at once), then the lowest; 0 if none.  Caller holds the lock.
 */
static int take_signal(struct proc *p)
{
	uint64_t ready = p->sig.pending & ~p->sig.blocked;
	int sig;

	if (!ready)
		return 0;
	sig = (ready & sigmask(SIGKILL)) ? SIGKILL : __builtin_ctzll(ready) + 1;
	p->sig.pending &= ~sigmask(sig);
	return sig;
}

/* ---- interrupted system calls ---- */

void signal_syscall_interrupted(int nr, long error)
{
	struct proc *p = current_proc();

	p->restart_nr = nr;
	p->restart_error = error;
}

/*
 * The fate of a system call a signal interrupted, if any, on its way out: before a handler
 * (action) runs, it fails with EINTR, unless it may be made again (ERESTARTSYS) and the action
 * asks for that (SA_RESTART); with no handler to run (action NULL), it is made again.
 */
static void finish_interrupted_syscall(struct proc *p, struct trap_frame *frame,
				       const struct k_sigaction *action)
{
	if (!p->restart_error)
		return;
	if (action && (p->restart_error == -ERESTARTNOHAND || !(action->flags & SA_RESTART)))
		arch_syscall_set_return(frame, -EINTR);
	else
		arch_syscall_restart(frame, p->restart_nr);
	p->restart_error = 0;
}

__hotpath void signal_restart_syscall(struct trap_frame *frame)
{
	finish_interrupted_syscall(current_proc(), frame, NULL);
}

/* After rt_sigsuspend, when no handler is run: the caller's mask comes back at once. */
static void restore_suspended_mask(struct proc *p)
{
	assert_spin_locked(&p->sig.lock);
	if (p->sig.restore_saved) {
		p->sig.blocked = p->sig.saved_blocked;
		p->sig.restore_saved = false;
	}
}

void signal_deliver(struct trap_frame *frame)
{
	struct proc *p = current_proc();
	struct k_sigaction action;
	struct signal_info info;
	uint64_t old_blocked;
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);
	int sig = take_signal(p);

	if (!sig || is_ignored(p, sig)) {
		restore_suspended_mask(p);
		spin_unlock_irqrestore(&p->sig.lock, flags);
		return;
	}
	action = p->sig.action[sig - 1];
	info = p->sig.info[sig - 1];
	if (action.handler == SIG_DFL && stops_by_default(sig)) {
		p->sig.stop_dequeued = true;
		restore_suspended_mask(p);
		spin_unlock_irqrestore(&p->sig.lock, flags);
		stop_process(p, sig);
		return;
	}
	if (action.handler == SIG_DFL) {
		spin_unlock_irqrestore(&p->sig.lock, flags);
		die_of_signal(p, sig);
	}
	old_blocked = p->sig.restore_saved ? p->sig.saved_blocked : p->sig.blocked;
	p->sig.restore_saved = false;
	p->sig.blocked |= action.mask | ((action.flags & SA_NODEFER) ? 0 : sigmask(sig));
	p->sig.blocked &= ~UNBLOCKABLE;
	if (action.flags & SA_RESETHAND)
		p->sig.action[sig - 1] = (struct k_sigaction){ 0 };
	if (p->fault_sig == sig)
		p->fault_sig = 0; /* handled: a later death by sig is not this fault's */
	spin_unlock_irqrestore(&p->sig.lock, flags);
	finish_interrupted_syscall(p, frame, &action);
	if (arch_setup_signal_frame(frame, sig, &action, &info, old_blocked))
		die_of_signal(p, SIGSEGV);
}

/* ---- rt_sigreturn ---- */

static void set_blocked(struct proc *p, uint64_t blocked)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);

	p->sig.blocked = blocked & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

/*
 * rt_sigreturn(): a handler has returned through its restorer; resume what it interrupted,
 * with the registers and mask of its frame.  The dispatcher stores the return value in the
 * registers as a system call's result: so return the value they hold now, changing nothing.
 */
long sys_rt_sigreturn(void)
{
	struct trap_frame *frame = task_user_frame(current_task());
	uint64_t blocked;

	if (arch_restore_signal_frame(frame, &blocked))
		signal_force_fault(SIGSEGV, SI_KERNEL, 0, frame, "bad signal frame");
	else
		set_blocked(current_proc(), blocked);
	return arch_syscall_return(frame);
}

/* ---- the other signal system calls ---- */

long sys_rt_sigaction(int sig, uint64_t act, uint64_t oldact, size_t sigsetsize)
{
	struct proc *p = current_proc();
	struct k_sigaction new, old;
	unsigned long flags;

	if (sigsetsize != sizeof(uint64_t) || !valid_signal(sig))
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	flags = spin_lock_irqsave(&p->sig.lock);
	old = p->sig.action[sig - 1];
	if (act) {
		new.mask &= ~UNBLOCKABLE;
		p->sig.action[sig - 1] = new;
		if (is_ignored(p, sig))
			p->sig.pending &= ~sigmask(sig);
	}
	spin_unlock_irqrestore(&p->sig.lock, flags);
	if (oldact && copy_to_user(oldact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Apply how to p's blocked mask with set; -EINVAL for an unknown how. */
static int change_blocked(struct proc *p, int how, uint64_t set)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);
	int err = 0;

	if (how == SIG_BLOCK)
		p->sig.blocked |= set;
	else if (how == SIG_UNBLOCK)
		p->sig.blocked &= ~set;
	else if (how == SIG_SETMASK)
		p->sig.blocked = set;
	else
		err = -EINVAL;
	p->sig.blocked &= ~UNBLOCKABLE;
	spin_unlock_irqrestore(&p->sig.lock, flags);
	return err;
}

long sys_rt_sigprocmask(int how, uint64_t set, uint64_t oldset, size_t sigsetsize)
{
	struct proc *p = current_proc();
	uint64_t old = READ_ONCE(p->sig.blocked), new;
	int err;

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		err = change_blocked(p, how, new);
		if (err)
			return err;
	}
	if (oldset && copy_to_user(oldset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigpending(): the signals pending while blocked (the others would have been taken). */
long sys_rt_sigpending(uint64_t set, size_t sigsetsize)
{
	struct proc *p = current_proc();
	unsigned long flags;
	uint64_t pending;

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	flags = spin_lock_irqsave(&p->sig.lock);
	pending = p->sig.pending & p->sig.blocked;
	spin_unlock_irqrestore(&p->sig.lock, flags);
	return copy_to_user(set, &pending, sizeof(pending));
}

bool signal_may_send(const struct proc *self, const struct proc *target, int sig)
{
	const struct cred *from = &self->cred, *to = &target->cred;

	assert_spin_locked(&proc_lock);
	if (sig == SIGCONT && self->sid == target->sid)
		return true;
	return cred_privileged(from) || from->euid == to->uid || from->euid == to->suid ||
	       from->uid == to->uid || from->uid == to->suid;
}

long signal_kill_one(struct proc *sender, struct proc *p, int sig, const struct signal_info *info)
{
	assert_spin_locked(&proc_lock);
	if (sender && !signal_may_send(sender, p, sig))
		return -EPERM;
	if (sig && !p->zombie)
		signal_send(p, sig, info);
	return 0;
}

/* kill(-1, sig): every process but init and the caller that it may signal (zombies count). */
static long kill_all(struct proc *self, int sig, const struct signal_info *info)
{
	struct proc *p;
	long err = -ESRCH;

	list_for_each_entry(p, &proc_all_list, all_link) {
		if (p != self && p != init_proc && signal_kill_one(self, p, sig, info) == 0)
			err = 0;
	}
	return err;
}

/*
 * kill(): pid > 0 is one process, 0 the caller's process group, -1 every process the caller
 * may signal but init and itself, below -1 the process group -pid (kernel/pgrp.c).  A zombie's
 * pid exists until it is reaped: a signal to it succeeds and does nothing, as on Linux.
 */
long sys_kill(int pid, int sig)
{
	struct proc *self = current_proc(), *target;
	struct signal_info info = { .code = SI_USER, .pid = self->pid, .uid = self->cred.uid };
	unsigned long flags;
	long err;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid < -__INT_MAX__)
		return -ESRCH; /* -pid would overflow */
	flags = spin_lock_irqsave(&proc_lock);
	if (pid == -1) {
		err = kill_all(self, sig, &info);
	} else if (pid <= 0) {
		err = pgrp_kill(self, pid ? -pid : self->pgid, sig, &info);
	} else {
		target = proc_find_unreaped(pid);
		err = target ? signal_kill_one(self, target, sig, &info) : -ESRCH;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

long sys_pause(void)
{
	struct proc *p = current_proc();
	unsigned long flags = spin_lock_irqsave(&p->signal_wait.lock);

	wait_event_interruptible_locked(&p->signal_wait, false, &p->signal_wait.lock);
	spin_unlock_irqrestore(&p->signal_wait.lock, flags);
	return -ERESTARTNOHAND; /* a handler ends it; a stop and continue does not */
}

/*
 * rt_sigsuspend(): wait for a signal with mask as the blocked set.  The caller's own mask is
 * restored when the signal is taken: saved into the handler's frame (so sigreturn restores
 * it), or at once if no handler runs, and then the call is made again.  Returns only with
 * EINTR, after a handler, as on Linux.
 */
long sys_rt_sigsuspend(uint64_t mask, size_t sigsetsize)
{
	struct proc *p = current_proc();
	uint64_t new;
	unsigned long flags;

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&new, mask, sizeof(new)))
		return -EFAULT;
	flags = spin_lock_irqsave(&p->sig.lock);
	p->sig.saved_blocked = p->sig.blocked;
	p->sig.restore_saved = true;
	p->sig.blocked = new & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&p->sig.lock, flags);
	return sys_pause();
}
