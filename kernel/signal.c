/*
 * Signals (the design is in include/kernel/signal.h): sending, the default actions (stopping
 * and continuing too), user handlers with Linux's rt_sigframe, rt_sigreturn, and the signal
 * system calls.
 *
 * A handler runs on the user stack, below the interrupted stack pointer and its 128-byte red
 * zone, above a frame the kernel writes there:
 *
 *	fpstate		the FPU registers (fxsave area, 512 bytes, 64-byte aligned)
 *	rt_sigframe	info: siginfo for the handler's second argument
 *			uc: ucontext: the interrupted registers (sigcontext), blocked mask
 *			pretcode: the restorer's address, where the handler returns to
 *	  <- rsp at the handler's first instruction (rsp + 8 16-byte aligned, as after a call)
 *
 * rt_sigreturn (called by the restorer) reads the frame back, checks it, and resumes there.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/pgrp.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/fpu.h>
#include <arch/gdt.h>
#include <arch/interrupts.h>
#include <arch/syscall.h>
#include <arch/x86.h>

#define RED_ZONE 128

/* The rflags bits a signal frame may change (Linux's FIX_EFLAGS). */
#define USER_RFLAGS_MASK 0x50dd5UL /* AC RF OF DF TF SF ZF AF PF CF */

/* Linux's struct sigcontext for x86_64. */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the fxsave area, 0 if none */
	uint64_t reserved[8];
};

struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct {
		uint64_t ss_sp;
		int32_t ss_flags;
		int32_t pad;
		uint64_t ss_size;
	} uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

struct siginfo {
	int32_t si_signo, si_errno, si_code, pad;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
		} kill;
		uint64_t addr;
		uint8_t bytes[112];
	};
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct siginfo info;
};

BUILD_BUG_ON(sizeof(struct sigcontext) != 256);
BUILD_BUG_ON(sizeof(struct siginfo) != 128);
BUILD_BUG_ON(sizeof(struct rt_sigframe) != 440);

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
	struct signal_info info = {.code = why, .pid = p->pid, .uid = p->uid};
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
		p->sig.info[sig - 1] = info ? *info : (struct signal_info){.code = SI_KERNEL};
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
	p->fault_ip = frame->rip;
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

static void save_registers(struct sigcontext *sc, const struct trap_frame *frame)
{
	*sc = (struct sigcontext){
	    .r8 = frame->r8,
	    .r9 = frame->r9,
	    .r10 = frame->r10,
	    .r11 = frame->r11,
	    .r12 = frame->r12,
	    .r13 = frame->r13,
	    .r14 = frame->r14,
	    .r15 = frame->r15,
	    .rdi = frame->rdi,
	    .rsi = frame->rsi,
	    .rbp = frame->rbp,
	    .rbx = frame->rbx,
	    .rdx = frame->rdx,
	    .rax = frame->rax,
	    .rcx = frame->rcx,
	    .rsp = frame->rsp,
	    .rip = frame->rip,
	    .eflags = frame->rflags,
	    .cs = (uint16_t)frame->cs,
	    .ss = (uint16_t)frame->ss,
	    .err = frame->error_code,
	};
	if (frame->vector < NR_EXCEPTIONS)
		sc->trapno = frame->vector;
}

/* Write the FPU registers to the user stack at fpstate. */
static int save_fpu(uint64_t fpstate)
{
	struct task *self = current_task();

	fpu_sync(&self->fpu);
	return copy_to_user(fpstate, &self->fpu, sizeof(self->fpu));
}

/* Build the rt_sigframe for sig on the user stack and point frame at the handler. */
static int setup_frame(struct trap_frame *frame, int sig, const struct k_sigaction *action,
		       const struct signal_info *info, uint64_t old_blocked)
{
	uint64_t fpstate = ALIGN_DOWN(frame->rsp - RED_ZONE - FPU_STATE_SIZE, 64);
	uint64_t addr = ALIGN_DOWN(fpstate - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe *kf = kzalloc(sizeof(*kf));
	int err;

	if (!kf)
		return -ENOMEM;
	kf->pretcode = action->restorer;
	save_registers(&kf->uc.uc_mcontext, frame);
	kf->uc.uc_mcontext.fpstate = fpstate;
	kf->uc.uc_mcontext.oldmask = old_blocked;
	kf->uc.uc_mcontext.cr2 = info->addr;
	kf->uc.uc_sigmask = old_blocked;
	kf->info = (struct siginfo){.si_signo = sig, .si_code = info->code};
	if (info->code == SI_USER) {
		kf->info.kill.pid = info->pid;
		kf->info.kill.uid = (uint32_t)info->uid;
	} else {
		kf->info.addr = info->addr;
	}
	err = save_fpu(fpstate);
	if (!err)
		err = copy_to_user(addr, kf, sizeof(*kf));
	kfree(kf);
	if (err)
		return err;
	frame->rip = action->handler;
	frame->rsp = addr;
	frame->rdi = (uint64_t)sig;
	frame->rsi = addr + offsetof(struct rt_sigframe, info);
	frame->rdx = addr + offsetof(struct rt_sigframe, uc);
	frame->rax = 0;
	frame->rflags &= ~(RFLAGS_TF | RFLAGS_DF | RFLAGS_RF);
	fpu_set(&current_task()->fpu, NULL);
	return 0;
}

/*
 * A handler can run only with a restorer to return to, and at a user address: iretq to a
 * non-canonical rip would fault in the kernel.
 */
static bool handler_ok(const struct k_sigaction *action)
{
	return (action->flags & SA_RESTORER) && action->handler < USER_TOP;
}

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
		frame->rax = (uint64_t)-EINTR;
	else
		arch_syscall_restart(frame, p->restart_nr);
	p->restart_error = 0;
}

void signal_restart_syscall(struct trap_frame *frame)
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
		p->sig.action[sig - 1] = (struct k_sigaction){0};
	if (p->fault_sig == sig)
		p->fault_sig = 0; /* handled: a later death by sig is not this fault's */
	spin_unlock_irqrestore(&p->sig.lock, flags);
	finish_interrupted_syscall(p, frame, &action);
	if (!handler_ok(&action) || setup_frame(frame, sig, &action, &info, old_blocked))
		die_of_signal(p, SIGSEGV);
}

/* ---- rt_sigreturn ---- */

static void restore_registers(struct trap_frame *frame, const struct sigcontext *sc)
{
	frame->r8 = sc->r8;
	frame->r9 = sc->r9;
	frame->r10 = sc->r10;
	frame->r11 = sc->r11;
	frame->r12 = sc->r12;
	frame->r13 = sc->r13;
	frame->r14 = sc->r14;
	frame->r15 = sc->r15;
	frame->rdi = sc->rdi;
	frame->rsi = sc->rsi;
	frame->rbp = sc->rbp;
	frame->rbx = sc->rbx;
	frame->rdx = sc->rdx;
	frame->rax = sc->rax;
	frame->rcx = sc->rcx;
	frame->rsp = sc->rsp;
	frame->rip = sc->rip;
	frame->rflags =
	    (frame->rflags & ~USER_RFLAGS_MASK) | (sc->eflags & USER_RFLAGS_MASK) | RFLAGS_IF;
	frame->cs = USER_CS;
	frame->ss = USER_DS;
}

/* Load the FPU registers saved at user address fpstate (0: a fresh state). */
static int restore_fpu(uint64_t fpstate)
{
	struct fpu_state *state;

	if (!fpstate) {
		fpu_set(&current_task()->fpu, NULL);
		return 0;
	}
	state = kmalloc(sizeof(*state));
	if (!state)
		return -ENOMEM;
	if (copy_from_user(state, fpstate, sizeof(*state))) {
		kfree(state);
		return -EFAULT;
	}
	fpu_sanitize(state);
	fpu_set(&current_task()->fpu, state);
	kfree(state);
	return 0;
}

static void set_blocked(struct proc *p, uint64_t blocked)
{
	unsigned long flags = spin_lock_irqsave(&p->sig.lock);

	p->sig.blocked = blocked & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

long sys_rt_sigreturn(void)
{
	struct trap_frame *frame = task_user_frame(current_task());
	struct ucontext *uc = kmalloc(sizeof(*uc));
	uint64_t addr = frame->rsp - 8 + offsetof(struct rt_sigframe, uc);
	int err = uc ? copy_from_user(uc, addr, sizeof(*uc)) : -ENOMEM;

	if (!err && (uc->uc_mcontext.rip >= USER_TOP || uc->uc_mcontext.rsp > USER_TOP))
		err = -EFAULT; /* iretq to a non-canonical address faults in the kernel */
	if (!err)
		err = restore_fpu(uc->uc_mcontext.fpstate);
	if (!err) {
		restore_registers(frame, &uc->uc_mcontext);
		set_blocked(current_proc(), uc->uc_sigmask);
	}
	kfree(uc);
	if (err)
		signal_force_fault(SIGSEGV, SI_KERNEL, 0, frame, "bad signal frame");
	return (long)frame->rax;
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

bool signal_may_send(const struct proc *self, const struct proc *target)
{
	return self->euid == 0 || self->uid == target->uid || self->euid == target->uid;
}

long signal_kill_one(struct proc *sender, struct proc *p, int sig, const struct signal_info *info)
{
	assert_spin_locked(&proc_lock);
	if (sender && !signal_may_send(sender, p))
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

	list_for_each_entry(p, &proc_all_list, all_link)
	{
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
	struct signal_info info = {.code = SI_USER, .pid = self->pid, .uid = self->uid};
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
