/*
 * Signals (kernel/signal.c), with Linux's numbers, structure layouts and rules.
 *
 * A signal sent to a process sets its bit in the pending mask and wakes the process if it
 * sleeps; a signal whose action is to ignore it is dropped at once (unless blocked).  On every
 * return to user mode (exit_to_user_mode()) the lowest pending signal that is not blocked is
 * delivered (SIGKILL before all others): its default action (terminate, ignore, or stop), or
 * the process's handler, which runs on the user stack above a frame holding the interrupted
 * registers and FPU state (Linux's rt_sigframe, which the machine's code builds:
 * arch_setup_signal_frame(), <arch/user.h>); the handler returns to its restorer, which calls
 * rt_sigreturn to resume from that frame.  SIGKILL and SIGSTOP can be neither caught, blocked
 * nor ignored.  A system call the signal interrupted fails with EINTR if a handler runs
 * (unless it may restart and the handler's action has SA_RESTART), and is made again if not.
 *
 * Job control: a stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) at its default action stops
 * the process where it is delivered, on its way to user mode, until SIGCONT or SIGKILL.
 * Sending SIGCONT continues a stopped process, whatever its action or mask, and discards its
 * pending stop signals; sending a stop signal discards a pending SIGCONT.  The parent hears
 * of both (SIGCHLD, unless SA_NOCLDSTOP; wait4() with WUNTRACED or WCONTINUED).
 *
 * Locking: a process's signal state is guarded by its sig.lock (spinlock, interrupts off),
 * taken after proc_lock and before wait-queue locks and runqueue_lock.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/spinlock.h>

#define SIGHUP	  1
#define SIGINT	  2
#define SIGQUIT	  3
#define SIGILL	  4
#define SIGTRAP	  5
#define SIGABRT	  6
#define SIGBUS	  7
#define SIGFPE	  8
#define SIGKILL	  9
#define SIGUSR1	  10
#define SIGSEGV	  11
#define SIGUSR2	  12
#define SIGPIPE	  13
#define SIGALRM	  14
#define SIGTERM	  15
#define SIGSTKFLT 16
#define SIGCHLD	  17
#define SIGCONT	  18
#define SIGSTOP	  19
#define SIGTSTP	  20
#define SIGTTIN	  21
#define SIGTTOU	  22
#define SIGURG	  23
#define SIGWINCH  28
#define NSIG	  64 /* signals 1..64 */

#define SIG_DFL 0UL
#define SIG_IGN 1UL

#define SA_NOCLDSTOP 0x00000001
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code values */
#define SI_USER	      0
#define SI_KERNEL     0x80
#define SEGV_MAPERR   1
#define SEGV_ACCERR   2
#define FPE_INTDIV    1
#define ILL_ILLOPN    2
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

#define sigmask(sig) (1UL << ((sig)-1))
#define UNBLOCKABLE  (sigmask(SIGKILL) | sigmask(SIGSTOP))
#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

/* rt_sigaction's struct, as Linux's kernel takes it (not the C library's struct sigaction). */
struct k_sigaction {
	uint64_t handler; /* SIG_DFL, SIG_IGN or the handler's address */
	uint64_t flags;	  /* SA_* */
	uint64_t restorer;
	uint64_t mask; /* blocked while the handler runs */
};

/* What the kernel remembers about a pending signal, for the handler's siginfo. */
struct signal_info {
	int code;      /* SI_USER, SEGV_MAPERR, ... */
	int pid, uid;  /* the sender (kill) */
	uint64_t addr; /* the faulting address (SIGSEGV, SIGBUS, SIGFPE, SIGILL) */
};

struct signal_state {
	struct spinlock lock;	/* guards the rest; see the top of the file for the order */
	uint64_t pending;	/* bit sig - 1: sig is pending */
	uint64_t blocked;	/* never holds UNBLOCKABLE */
	uint64_t saved_blocked; /* rt_sigsuspend: the mask to restore once a signal is taken */
	bool restore_saved;	/* saved_blocked is set */
	struct k_sigaction action[NSIG];
	struct signal_info info[NSIG];

	/* Job control.  These two change with proc_lock held as well, so either lock reads them: */
	bool stopped;	 /* stopped by a stop signal, until SIGCONT or SIGKILL */
	int stop_signal; /* the signal that stopped it last */
	/* A stop signal was taken for delivery and the process is about to stop; a SIGCONT sent
	 * meanwhile clears it, and the stop does not happen. */
	bool stop_dequeued;
};

struct proc;
struct task;
struct trap_frame;

/* Set up p's signal state, a copy of parent's (fork) or the defaults (parent NULL). */
void signal_init(struct proc *p, struct proc *parent);

/* execve(): handlers go back to the default action; ignored signals stay ignored. */
void signal_reset_handlers(struct proc *p);

/*
 * Send sig to p (info may be NULL: a kernel signal); wakes p if it sleeps.  Caller holds
 * proc_lock or otherwise keeps p alive; for SIGCONT, which may continue p and tell its
 * parent, proc_lock itself.
 */
void signal_send(struct proc *p, int sig, const struct signal_info *info);

/*
 * Whether self may send sig to target, as Linux decides: self's effective uid is 0, or its
 * real or effective uid is target's real or saved uid (target's effective uid does not
 * count); and anyone may continue (SIGCONT) a process of its own session.  Caller holds
 * proc_lock.
 */
bool signal_may_send(const struct proc *self, const struct proc *target, int sig);

/*
 * kill()'s work for one process: -EPERM unless sender (NULL: the kernel) may signal p, else
 * send sig (0: none, only the check) and return 0.  A zombie takes no signal, but its pid
 * exists until it is reaped, so it counts.  Caller holds proc_lock.
 */
long signal_kill_one(struct proc *sender, struct proc *p, int sig, const struct signal_info *info);

/* Whether p's action for sig is to ignore it, or p blocks it (the terminal's job-control
 * checks: a background read with SIGTTIN ignored or blocked fails with EIO instead). */
bool signal_ignored_or_blocked(struct proc *p, int sig);

/* Whether task has a signal to handle (pending and not blocked). */
bool signal_pending(struct task *task);

/*
 * A fault in user mode: make sig pending for the current process (unblocked, and with its
 * default action if it was blocked or ignored), remembering for the log line printed if it
 * kills the process what happened (what; NULL for a page fault, "segfault at addr") and where
 * (frame's instruction pointer).
 */
void signal_force_fault(int sig, int code, uint64_t addr, const struct trap_frame *frame,
			const char *what);

/* Deliver one pending signal, on the way back to user mode with frame. */
void signal_deliver(struct trap_frame *frame);

/* System call nr of the current process returned error (-ERESTARTSYS, -ERESTARTNOHAND): a
 * signal interrupted it; signal_deliver() or signal_restart_syscall() decides what follows. */
void signal_syscall_interrupted(int nr, long error);

/* On the way back to user mode with no signal left to deliver: make an interrupted system
 * call again, as if no signal had come. */
void signal_restart_syscall(struct trap_frame *frame);

#endif
