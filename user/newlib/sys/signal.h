/*
 * Corral's <sys/signal.h> for newlib (reached through <signal.h>): signal numbers, sigset_t,
 * struct sigaction, siginfo_t and the signal calls, as Linux on x86_64 has them.
 *
 * Signal numbers cross the kernel boundary in every direction (kill() sends them, a handler
 * receives one, a wait status carries one), so they must be Linux's: SIGCHLD is 17 here, 20 in
 * newlib's generic header.  sigset_t is the kernel's 64-bit mask, signal N in bit N - 1.
 * struct sigaction is the C library's view, as in glibc; the system-call layer (user/lib)
 * converts it to the kernel's struct for rt_sigaction.  This file replaces newlib's when newlib
 * is built (scripts/newlib.sh), so strsignal() and psignal() in libc.a use these numbers.
 *
 * The numbers are ISO C; everything from SIG_BLOCK on is POSIX, and hidden from a strict ISO C
 * compilation (-std=c11 without _POSIX_C_SOURCE), as in glibc.
 */
#ifndef _SYS_SIGNAL_H
#define _SYS_SIGNAL_H
#ifdef __cplusplus
extern "C" {
#endif

#include "_ansi.h"
#include <sys/cdefs.h>
#include <sys/features.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>

#if !defined(_SIGSET_T_DECLARED)
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t;
#endif

typedef void (*_sig_func_ptr)(int);

/* Signal numbers */
#define SIGHUP	  1 /* Hangup */
#define SIGINT	  2 /* Interrupt (^C) */
#define SIGQUIT	  3 /* Quit (^\) */
#define SIGILL	  4 /* Illegal instruction */
#define SIGTRAP	  5 /* Trace trap */
#define SIGABRT	  6 /* abort() */
#define SIGIOT	  SIGABRT
#define SIGBUS	  7  /* Bus error */
#define SIGFPE	  8  /* Arithmetic error (divide by zero) */
#define SIGKILL	  9  /* Kill; cannot be caught or ignored */
#define SIGUSR1	  10 /* User-defined signal 1 */
#define SIGSEGV	  11 /* Invalid memory reference */
#define SIGUSR2	  12 /* User-defined signal 2 */
#define SIGPIPE	  13 /* Write to a pipe with no reader */
#define SIGALRM	  14 /* Alarm clock */
#define SIGTERM	  15 /* Termination request */
#define SIGSTKFLT 16 /* Coprocessor stack fault (unused) */
#define SIGCHLD	  17 /* A child stopped or terminated */
#define SIGCLD	  SIGCHLD
#define SIGCONT	  18 /* Continue if stopped */
#define SIGSTOP	  19 /* Stop; cannot be caught or ignored */
#define SIGTSTP	  20 /* Stop from the terminal (^Z) */
#define SIGTTIN	  21 /* Background read from the terminal */
#define SIGTTOU	  22 /* Background write to the terminal */
#define SIGURG	  23 /* Urgent data on a socket */
#define SIGXCPU	  24 /* CPU time limit exceeded */
#define SIGXFSZ	  25 /* File size limit exceeded */
#define SIGVTALRM 26 /* Virtual alarm clock */
#define SIGPROF	  27 /* Profiling alarm clock */
#define SIGWINCH  28 /* Window size changed */
#define SIGIO	  29 /* I/O now possible */
#define SIGPOLL	  SIGIO
#define SIGPWR	  30 /* Power failure */
#define SIGSYS	  31 /* Bad system call */
#define SIGRTMIN  32 /* First real-time signal */
#define SIGRTMAX  64 /* Last real-time signal */
#define _NSIG	  65 /* Signals are numbered 1 .. _NSIG - 1 */
#define NSIG	  _NSIG

#if __POSIX_VISIBLE
/* sigprocmask() operations */
#define SIG_BLOCK   0 /* Add the set to the mask */
#define SIG_UNBLOCK 1 /* Remove the set from the mask */
#define SIG_SETMASK 2 /* Replace the mask with the set */

/* sa_flags of struct sigaction */
#define SA_NOCLDSTOP 0x00000001 /* No SIGCHLD when a child stops */
#define SA_NOCLDWAIT 0x00000002 /* Children do not become zombies */
#define SA_SIGINFO   0x00000004 /* Call sa_sigaction, with a siginfo_t */
#define SA_ONSTACK   0x08000000 /* Run the handler on the sigaltstack() stack */
#define SA_RESTART   0x10000000 /* Restart system calls the signal interrupts */
#define SA_NODEFER   0x40000000 /* Do not block the signal in its own handler */
#define SA_RESETHAND 0x80000000 /* Reset to SIG_DFL once delivered */
#if __MISC_VISIBLE
#define SA_NOMASK  SA_NODEFER
#define SA_ONESHOT SA_RESETHAND
#endif

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* sigev_notify values */
#define SIGEV_SIGNAL 0 /* Notify with a signal */
#define SIGEV_NONE   1 /* Do not notify */
#define SIGEV_THREAD 2 /* Notify by calling a function in a new thread */

struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int _pad[12];
		struct {
			void (*_function)(union sigval);
			void *_attribute;
		} _sigev_thread;
	} _sigev_un;
};

#define sigev_notify_function	_sigev_un._sigev_thread._function
#define sigev_notify_attributes _sigev_un._sigev_thread._attribute

/* What the kernel tells an SA_SIGINFO handler about the signal: 128 bytes */
typedef struct {
	int si_signo; /* Signal number */
	int si_errno; /* An errno value, or 0 */
	int si_code;  /* Why the signal was sent (SI_*, CLD_*, SEGV_* ...) */
	int __pad0;
	union {
		int _pad[28];
		struct { /* kill() */
			pid_t si_pid;
			uid_t si_uid;
		} _kill;
		struct { /* POSIX timers */
			int si_tid;
			int si_overrun;
			union sigval si_sigval;
		} _timer;
		struct { /* sigqueue() */
			pid_t si_pid;
			uid_t si_uid;
			union sigval si_sigval;
		} _rt;
		struct { /* SIGCHLD */
			pid_t si_pid;
			uid_t si_uid;
			int si_status;
			clock_t si_utime;
			clock_t si_stime;
		} _sigchld;
		struct { /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *si_addr;
		} _sigfault;
		struct { /* SIGIO */
			long si_band;
			int si_fd;
		} _sigpoll;
	} _sifields;
} siginfo_t;

#define si_pid	   _sifields._kill.si_pid
#define si_uid	   _sifields._kill.si_uid
#define si_timerid _sifields._timer.si_tid
#define si_overrun _sifields._timer.si_overrun
#define si_status  _sifields._sigchld.si_status
#define si_utime   _sifields._sigchld.si_utime
#define si_stime   _sifields._sigchld.si_stime
#define si_value   _sifields._rt.si_sigval
#define si_int	   _sifields._rt.si_sigval.sival_int
#define si_ptr	   _sifields._rt.si_sigval.sival_ptr
#define si_addr	   _sifields._sigfault.si_addr
#define si_band	   _sifields._sigpoll.si_band
#define si_fd	   _sifields._sigpoll.si_fd

/* si_code: who sent the signal */
#define SI_USER	   0	/* kill() */
#define SI_KERNEL  0x80 /* The kernel */
#define SI_QUEUE   -1	/* sigqueue() */
#define SI_TIMER   -2	/* A POSIX timer expired */
#define SI_MESGQ   -3	/* A message arrived */
#define SI_ASYNCIO -4	/* Asynchronous I/O completed */
#define SI_TKILL   -6	/* tkill() or tgkill() */

/* si_code for SIGILL */
#define ILL_ILLOPC 1 /* Illegal opcode */
#define ILL_ILLOPN 2 /* Illegal operand */
#define ILL_ILLADR 3 /* Illegal addressing mode */
#define ILL_ILLTRP 4 /* Illegal trap */
#define ILL_PRVOPC 5 /* Privileged opcode */
#define ILL_PRVREG 6 /* Privileged register */
#define ILL_COPROC 7 /* Coprocessor error */
#define ILL_BADSTK 8 /* Internal stack error */

/* si_code for SIGFPE */
#define FPE_INTDIV 1 /* Integer divide by zero */
#define FPE_INTOVF 2 /* Integer overflow */
#define FPE_FLTDIV 3 /* Floating-point divide by zero */
#define FPE_FLTOVF 4 /* Floating-point overflow */
#define FPE_FLTUND 5 /* Floating-point underflow */
#define FPE_FLTRES 6 /* Floating-point inexact result */
#define FPE_FLTINV 7 /* Floating-point invalid operation */
#define FPE_FLTSUB 8 /* Subscript out of range */

/* si_code for SIGSEGV */
#define SEGV_MAPERR 1 /* Address not mapped */
#define SEGV_ACCERR 2 /* Access not permitted by the mapping */

/* si_code for SIGBUS */
#define BUS_ADRALN 1 /* Misaligned address */
#define BUS_ADRERR 2 /* Nonexistent physical address */
#define BUS_OBJERR 3 /* Object-specific hardware error */

/* si_code for SIGCHLD */
#define CLD_EXITED    1 /* Child exited */
#define CLD_KILLED    2 /* Child was killed */
#define CLD_DUMPED    3 /* Child was killed and dumped core */
#define CLD_TRAPPED   4 /* Traced child trapped */
#define CLD_STOPPED   5 /* Child stopped */
#define CLD_CONTINUED 6 /* Stopped child continued */

/* The C library's struct sigaction (the kernel's own differs; see user/lib/signal.c) */
struct sigaction {
	union {
		_sig_func_ptr sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	} __sigaction_handler;
	sigset_t sa_mask;	   /* Signals blocked while the handler runs */
	int sa_flags;		   /* SA_* */
	void (*sa_restorer)(void); /* Filled in by sigaction() itself */
};

#define sa_handler   __sigaction_handler.sa_handler
#define sa_sigaction __sigaction_handler.sa_sigaction

/* sigaltstack() */
#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

typedef struct sigaltstack {
	void *ss_sp;	/* Base of the stack */
	int ss_flags;	/* SS_* */
	size_t ss_size; /* Size in bytes */
} stack_t;

int kill(pid_t, int);
#if __BSD_VISIBLE || __XSI_VISIBLE >= 4
int killpg(pid_t, int);
#endif
int sigaction(int, const struct sigaction *__restrict, struct sigaction *__restrict);
int sigprocmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int sigpending(sigset_t *);
int sigsuspend(const sigset_t *);
int sigaltstack(const stack_t *__restrict, stack_t *__restrict);
int sigemptyset(sigset_t *);
int sigfillset(sigset_t *);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);
#endif /* __POSIX_VISIBLE */

#ifdef _COMPILING_NEWLIB
int _kill(pid_t, int);
#endif

#ifdef __cplusplus
}
#endif

#ifndef _SIGNAL_H_
/* <sys/signal.h> and <signal.h> are interchangeable, as in glibc. */
#include <signal.h>
#endif
#endif /* _SYS_SIGNAL_H */
