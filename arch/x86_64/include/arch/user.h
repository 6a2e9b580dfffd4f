/*
 * The machine half of user processes: how a program starts, where a system call's number,
 * arguments and result are, and how a signal handler is run and returned from.  With these
 * the rest of the kernel starts programs, dispatches system calls and delivers signals
 * without knowing a single register or segment (the x86_64 side: arch/x86_64/user.c,
 * signal.c and syscall.S).
 *
 * While a process is in the kernel its user registers are one struct trap_frame, at the top
 * of its kernel stack (task_user_frame()); it goes back to user mode with whatever that frame
 * holds then.  Outside arch/ only these functions, and arch_frame_ip() and the backtrace's
 * arch_frame_pointer() (<arch/interrupts.h>), look inside a frame.
 */
#ifndef ARCH_USER_H
#define ARCH_USER_H

#include <stdint.h>
#include <lib/compiler.h>
#include <arch/interrupts.h>

struct k_sigaction;
struct signal_info;

/* The programs this machine runs: their ELF e_machine (<kernel/elf.h>), and uname's name. */
#define ARCH_ELF_MACHINE EM_X86_64
#define ARCH_UTS_MACHINE "x86_64"

/*
 * Make frame start a new program: at entry, with stack pointer stack (which points at argc),
 * in user mode with interrupts enabled and every other register zero.
 */
void arch_start_user(struct trap_frame *frame, uint64_t entry, uint64_t stack);

/*
 * Go to user mode with the registers of frame (copied to the top of the current task's
 * kernel stack first, so frame may live anywhere); for a new process's first entry.
 */
__noreturn void arch_enter_user(const struct trap_frame *frame);

/* The thread pointer for thread-local storage (x86_64: the FS base): load it on this CPU. */
void arch_set_tls_base(uint64_t base);

/* ---- system calls (Linux x86_64: number in rax, arguments in rdi rsi rdx r10 r8 r9) ---- */

#define ARCH_SYSCALL_ARGS 6

/* The number of the system call frame makes. */
static inline uint64_t arch_syscall_nr(const struct trap_frame *frame)
{
	return frame->rax;
}

/* Its arguments, first to last. */
static inline void arch_syscall_args(const struct trap_frame *frame,
				     uint64_t args[ARCH_SYSCALL_ARGS])
{
	args[0] = frame->rdi;
	args[1] = frame->rsi;
	args[2] = frame->rdx;
	args[3] = frame->r10;
	args[4] = frame->r8;
	args[5] = frame->r9;
}

/* Make the system call return value to the program (fork's child: 0). */
static inline void arch_syscall_set_return(struct trap_frame *frame, long value)
{
	frame->rax = (uint64_t)value;
}

/* What the system call would return now: after rt_sigreturn, the interrupted code's value. */
static inline long arch_syscall_return(const struct trap_frame *frame)
{
	return (long)frame->rax;
}

/*
 * Make the program make system call nr again when it returns to user mode (a restart after
 * a signal, kernel/signal.c): back over the two-byte `syscall` instruction (0f 05), with the
 * number where the instruction takes it.
 */
static inline void arch_syscall_restart(struct trap_frame *frame, long nr)
{
	frame->rip -= 2;
	frame->rax = (uint64_t)nr;
}

/* ---- signal frames (arch/x86_64/signal.c) ---- */

/*
 * Run action's handler for sig: below the interrupted stack pointer, write Linux's signal
 * frame (the registers of frame, the FPU state, blocked as the mask to restore, and info as
 * the handler's siginfo), then point frame at the handler, with its arguments and a fresh
 * FPU state.  0, or -EFAULT if the handler cannot run (no restorer to return through, an
 * address outside user space, a stack it cannot write), or -ENOMEM: the caller then kills
 * the process.
 */
int arch_setup_signal_frame(struct trap_frame *frame, int sig, const struct k_sigaction *action,
			    const struct signal_info *info, uint64_t blocked);

/*
 * rt_sigreturn: load frame and the FPU from the signal frame the stack pointer in frame
 * points just past (the handler has returned through its restorer), and put in *blocked the
 * mask saved there.  What the program wrote is made safe first: it keeps user privilege,
 * gains no I/O privilege and sets only the flags a program may set, and an instruction or
 * stack pointer outside user space is refused.  0, or -EFAULT for a frame that cannot be
 * read or is refused (-ENOMEM when out of memory); frame is then left as it was.
 */
int arch_restore_signal_frame(struct trap_frame *frame, uint64_t *blocked);

#endif
