/*
 * Signals (the design is in include/kernel/signal.h): sending, the default actions, user
 * handlers, rt_sigreturn, and the signal system calls.
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

/* The signals whose default action is to do nothing (Corral has no stopped state: the stop
 * signals are ignored too). */
static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
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
			p->sig.action[i] = (struct k_sigaction){0};
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

void signal_send(struct proc *p, int sig, const struct signal_info *info)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);
	bool queued = !drops_signal(p, sig);

	if (queued) {
		p->sig.pending |= sigmask(sig);
		p->sig.info[sig - 1] = info ? *info : (struct signal_info){.code = SI_KERNEL};
	}
	spin_unlock_irqrestore(&p->sig.lock, flags);
	if (queued)
		task_wake(p->task);
}

bool signal_pending(struct task *task)
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
		*action = (struct k_sigaction){0};
		p->sig.blocked &= ~sigmask(sig);
	}
	p->sig.pending |= sigmask(sig);
	p->sig.info[sig - 1] = (struct signal_info){.code = code, .addr = addr};
	p->fault_sig = sig;
	p->fault_what = what;
	p->fault_addr = addr;
	p->fault_ip = arch_frame_ip(frame);
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

/* The default action that ends a process: log a fault that caused it, and exit. */
static __noreturn void die_of_signal(struct proc *p, int sig)
{
	if (p->fault_sig == sig && !p->fault_what)
		pr_info("pid %d (%s): segfault at 0x%lx ip 0x%lx\n", p->pid, p->task->name,
			(unsigned long)p->fault_addr, (unsigned long)p->fault_ip);
	else if (p->fault_sig == sig)
		pr_info("pid %d (%s): %s ip 0x%lx\n", p->pid, p->task->name, p->fault_what,
			(unsigned long)p->fault_ip);
	proc_exit(W_EXITCODE(0, sig));
}

/* ---- handlers ---- */

/* Take the lowest deliverable signal off p's pending set; 0 if none.  Caller holds the lock. */
static int take_signal(struct proc *p)
{
	uint64_t ready = p->sig.pending & ~p->sig.blocked;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzll(ready) + 1;
	p->sig.pending &= ~sigmask(sig);
	return sig;
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
	if (action.handler == SIG_DFL) {
		spin_unlock_irqrestore(&p->sig.lock, flags);
		die_of_signal(p, sig);
	}
	old_blocked = p->sig.restore_saved ? p->sig.saved_blocked : p->sig.blocked;
	p->sig.restore_saved = false;
	p->sig.blocked |= action.mask | ((action.flags & SA_NODEFER) ? 0 : sigmask(sig));
	p->sig.blocked &= ~UNBLOCKABLE;
	if (action.flags & SA_RESETHAND)
		p->sig.action[sig - 1] = (struct k_sigaction){0};
	if (p->fault_sig == sig)
		p->fault_sig = 0; /* handled: a later death by sig is not this fault's */
	spin_unlock_irqrestore(&p->sig.lock, flags);
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

bool signal_may_send(const struct proc *self, const struct proc *target)
{
	return self->euid == 0 || self->uid == target->uid || self->euid == target->uid;
}

/* kill(-1, sig): every process but init and the caller that it may signal. */
static long kill_all(struct proc *self, int sig, const struct signal_info *info)
{
	struct proc *p;
	long err = -ESRCH;

	list_for_each_entry(p, &proc_all_list, all_link)
	{
		if (p == self || p == init_proc || p->zombie || !signal_may_send(self, p))
			continue;
		if (sig)
			signal_send(p, sig, info);
		err = 0;
	}
	return err;
}

/*
 * kill(): pid > 0 is one process, 0 the caller's process group, -1 every process the caller
 * may signal but init and itself, below -1 the process group -pid (kernel/pgrp.c).
 */
long sys_kill(int pid, int sig)
{
	struct proc *self = current_proc(), *target;
	struct signal_info info = {.code = SI_USER, .pid = self->pid, .uid = self->uid};
	unsigned long flags;
	long err = 0;

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
		target = pid > 0 ? proc_find(pid) : NULL;
		if (!target)
			err = -ESRCH;
		else if (!signal_may_send(self, target))
			err = -EPERM;
		else if (sig)
			signal_send(target, sig, &info);
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
	return -EINTR;
}

/*
 * rt_sigsuspend(): wait for a signal with mask as the blocked set.  The caller's own mask is
 * restored when the signal is taken: saved into the handler's frame (so sigreturn restores
 * it), or at once if no handler runs.  Always -EINTR, as on Linux.
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
