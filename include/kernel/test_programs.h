/*
 * Tiny user programs for the process tests (kernel/proc_test.c).  Each machine writes them in
 * its own instructions (arch/x86_64/test_programs.S) as position-independent code the kernel
 * never runs itself: a test wraps one in an ELF header, runs it as the whole of a user
 * process, and checks its wait4() status.  This header is the contract every machine's
 * programs keep, so the tests are the same everywhere.
 *
 * A program is the bytes from its name to its name with _end; each ends in exit(), or is
 * killed by a signal on purpose.
 */
#ifndef KERNEL_TEST_PROGRAMS_H
#define KERNEL_TEST_PROGRAMS_H

#include <stdint.h>

#define TEST_PROGRAM(name) extern const uint8_t name[], name##_end[]

/* exit(42). */
TEST_PROGRAM(test_prog_exit42);

/* A store to address 0: killed by SIGSEGV. */
TEST_PROGRAM(test_prog_null);

/* An integer division by zero: killed by SIGFPE. */
TEST_PROGRAM(test_prog_divide);

/* An invalid instruction: killed by SIGILL. */
TEST_PROGRAM(test_prog_illegal);

/* exit(-result) of system call 999, which does not exist: exit(ENOSYS). */
TEST_PROGRAM(test_prog_enosys);

/* nanosleep() with a kernel address, then with an unmapped one: exit(2 * EFAULT). */
TEST_PROGRAM(test_prog_efault);

/*
 * Copy-on-write: stores 1 on its stack and forks; the child stores 2 there and exits with
 * it; the parent waits and exits with 10 * its own value + the child's exit code: 12.
 */
TEST_PROGRAM(test_prog_fork_cow);

/* brk() grows the heap by 64 KiB; a store and a load at the new top: exit(2). */
TEST_PROGRAM(test_prog_brk);

/*
 * A handler for SIGUSR1 (with a restorer that calls rt_sigreturn), then kill(getpid(),
 * SIGUSR1) with 5 in a register the C calling convention saves.  The handler leaves the
 * signal number in the heap and clobbers that register; rt_sigreturn must bring 5 back.
 * exit(10 * the number + the register): 105.
 */
TEST_PROGRAM(test_prog_signal);

/*
 * rt_sigreturn with a forged frame that asks for kernel privilege and I/O privilege, and
 * resumes at an exit(77) if it runs with neither (exit(1) if it kept I/O privilege).
 */
TEST_PROGRAM(test_prog_sigreturn_forged);

/* rt_sigreturn with a forged frame that resumes outside user space: killed by SIGSEGV. */
TEST_PROGRAM(test_prog_sigreturn_outside);

/* A SIGUSR1 handler outside user space, then kill(getpid(), SIGUSR1): killed by SIGSEGV. */
TEST_PROGRAM(test_prog_bad_handler);

#endif
