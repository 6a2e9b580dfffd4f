/*
 * The system-call instruction's setup (arch/x86_64/syscall.c, entry in syscall.S).
 */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

/* Enable `syscall` on this CPU and point it at syscall_entry. */
void syscall_init_cpu(void);

#endif
