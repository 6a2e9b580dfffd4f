/*
 * Powering the machine off.  Under QEMU with the isa-debug-exit device (the test harness
 * adds it) QEMU exits with the status; otherwise ACPI turns the machine off.
 */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

#include <lib/compiler.h>

/* Print "corral: power off, status N" and turn the machine off. */
__noreturn void power_off(int status);

#endif
