/*
 * Bringing the machine up: the two steps kmain() (kernel/main.c) leaves to the machine's code
 * (arch/x86_64/setup.c).  Each application processor takes the same steps for itself as it
 * starts (arch/x86_64/smp.c).
 */
#ifndef ARCH_SETUP_H
#define ARCH_SETUP_H

struct boot_info;

/*
 * The very first step, before the console: start what takes time by itself (the PIT
 * counting for the timer's calibration), so that it runs while the kernel starts.
 */
void arch_start_early(void);

/*
 * The boot CPU's own machinery: its descriptor tables and the trap table (from here on a
 * fault is a readable panic), the FPU, and the system-call instruction.  Needs per-CPU data
 * and the console; runs before memory is set up.
 */
void arch_init_cpu(void);

/*
 * The machine's interrupt hardware, as the firmware's tables describe it (ACPI): the local
 * APIC, the IOAPICs, and the timer, calibrated and ticking.  Needs the kernel's page tables
 * and kmalloc.  Interrupts stay off: the caller enables them once it is ready for them.
 */
void arch_init_interrupts(const struct boot_info *info);

#endif
