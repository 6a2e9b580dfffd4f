/*
 * Signals, through the kernel: sigaction(), signal(), the signal mask, pause(), and the
 * sigset_t helpers.
 *
 * The C library's struct sigaction (<signal.h>) is not what rt_sigaction(2) takes.  The kernel
 * wants struct kernel_sigaction below: handler, flags, restorer, mask, in that order, with the
 * mask's size as a fourth argument.  sigaction() converts, and always installs __restore_rt
 * (sigreturn.S) as the restorer with SA_RESTORER, so a handler that returns ends in
 * rt_sigreturn.  raise() is newlib's: kill(getpid(), sig).  newlib's user-space signal
 * emulation is not built (-DSIGNAL_PROVIDED), so every signal goes through the kernel.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "port.h"
#include "syscall.h"

#define SA_RESTORER 0x04000000 /* sa_restorer is valid: the kernel returns there */

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	sigset_t mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)
{
	struct kernel_sigaction kact, kold;
	long ret;

	if (act) {
		kact.handler = (void *)act->sa_handler;
		kact.flags = (unsigned int)act->sa_flags | SA_RESTORER;
		kact.restorer = __restore_rt;
		kact.mask = act->sa_mask;
	}
	ret = syscall4(SYS_rt_sigaction, sig, act ? (long)&kact : 0, oldact ? (long)&kold : 0,
		       sizeof(sigset_t));
	if (syscall_failed(ret))
		return syscall_return(ret);
	if (oldact) {
		oldact->sa_handler = (_sig_func_ptr)kold.handler;
		oldact->sa_flags = (int)kold.flags;
		oldact->sa_restorer = kold.restorer;
		oldact->sa_mask = kold.mask;
	}
	return 0;
}

/*
 * signal() with BSD semantics, as glibc's: the handler stays installed, the signal is blocked
 * while its handler runs, and interrupted system calls restart.
 */
_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
	struct sigaction act, old;

	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	if (sig > 0 && sig < NSIG)
		sigaddset(&act.sa_mask, sig);
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
	return syscall_return(
	    syscall4(SYS_rt_sigprocmask, how, (long)set, (long)oldset, sizeof(sigset_t)));
}

int sigpending(sigset_t *set)
{
	return syscall_return(syscall2(SYS_rt_sigpending, (long)set, sizeof(sigset_t)));
}

int sigsuspend(const sigset_t *mask)
{
	return syscall_return(syscall2(SYS_rt_sigsuspend, (long)mask, sizeof(sigset_t)));
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return syscall_return(syscall2(SYS_sigaltstack, (long)ss, (long)old));
}

int pause(void)
{
	return syscall_return(syscall0(SYS_pause));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp <= 1) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

/* Signal N is bit N - 1 of the kernel's mask. */
static int sigset_bit(int sig, unsigned long *bit)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	*bit = 1UL << (sig - 1);
	return 0;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	unsigned long bit;

	if (sigset_bit(sig, &bit) < 0)
		return -1;
	*set |= bit;
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	unsigned long bit;

	if (sigset_bit(sig, &bit) < 0)
		return -1;
	*set &= ~bit;
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	unsigned long bit;

	if (sigset_bit(sig, &bit) < 0)
		return -1;
	return (*set & bit) != 0;
}
