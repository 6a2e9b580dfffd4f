/*
 * Bringing an x86_64 PC up, for kmain() (the interface is <arch/setup.h>): the boot CPU's
 * GDT, TSS, IDT, FPU and syscall instruction, then ACPI's tables, the interrupt controllers
 * and the timer.  The application processors do the same in smp_ap_main().
 */
#include <arch/acpi.h>
#include <arch/apic.h>
#include <arch/fpu.h>
#include <arch/gdt.h>
#include <arch/interrupts.h>
#include <arch/setup.h>
#include <arch/syscall.h>

void arch_start_early(void)
{
	timer_start_calibration();
}

void arch_init_cpu(void)
{
	gdt_init_cpu();
	idt_init();
	fpu_init_cpu();
	syscall_init_cpu();
}

void arch_init_interrupts(const struct boot_info *info)
{
	acpi_init(info);
	lapic_init();
	ioapic_init();
	timer_init();
}
