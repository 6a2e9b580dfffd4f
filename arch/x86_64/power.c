/*
 * Power-off, and the end of a panic.
 *
 * Both first tell QEMU's isa-debug-exit device (port 0xf4): writing a value makes QEMU exit at
 * once with status (value << 1) | 1, which is how the test harness learns the guest's status.
 * Where that device is absent the write does nothing.  power_off() then uses ACPI's S5 state
 * to turn the machine off; a panic instead halts, so a person can read the report.
 */
#include <kernel/power.h>
#include <kernel/printk.h>
#include <arch/acpi.h>
#include <arch/cpu.h>
#include <arch/stop.h>
#include <arch/x86.h>

#define DEBUG_EXIT_PORT 0xf4

static void debug_exit(int status)
{
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
}

void power_off(int status)
{
	printk(LOG_NOTICE, "corral: power off, status %d\n", status);
	arch_irq_disable();
	debug_exit(status);
	acpi_power_off();
	pr_emerg("power off failed; halting\n");
	arch_halt_forever();
}

void arch_panic_exit(int status)
{
	arch_irq_disable();
	debug_exit(status);
	arch_halt_forever();
}
