/*
 * The system-call instruction's setup and restart (arch/x86_64/syscall.c, entry in
 * syscall.S).
 */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

/* Enable `syscall` on this CPU and point it at syscall_entry. */
void syscall_init_cpu(void);

struct trap_frame;

/* Make frame, a system call's, return to the `syscall` instruction with number nr in rax, so
 * that the call is made again (a restart after a signal: kernel/signal.c). */
void arch_syscall_restart(struct trap_frame *frame, long nr);

#endif
