/*
 * panic(): the kernel's last words.  It prints the message, the registers and a symbolized
 * backtrace, stops every CPU, and powers off with status PANIC_EXIT_STATUS when running under
 * the test harness (QEMU's isa-debug-exit device); otherwise it halts so a person can read it.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdbool.h>
#include <lib/compiler.h>

#define PANIC_EXIT_STATUS 255

struct trap_frame;

__noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same, for a fault: frame holds the registers at the time of the fault. */
__noreturn void panic_with_frame(struct trap_frame *frame, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True once any CPU has begun to panic (the NMI handler halts other CPUs then). */
bool panic_in_progress(void);

#define BUG_ON(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(cond))                                                                \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__);                   \
	} while (0)

#define assert(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(!(cond)))                                                             \
			panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__);         \
	} while (0)

#endif
