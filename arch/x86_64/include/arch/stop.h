/*
 * Stopping the machine for good, for panic(): the other CPUs, then this one.
 */
#ifndef ARCH_STOP_H
#define ARCH_STOP_H

#include <lib/compiler.h>

/* Make every other CPU halt (they are sent an NMI, which nothing masks). */
void arch_stop_other_cpus(void);

/*
 * Report status to QEMU's isa-debug-exit device, which ends QEMU with it when present
 * (the test harness); then halt this CPU forever, so a person can read the screen.
 */
__noreturn void arch_panic_exit(int status);

#endif
