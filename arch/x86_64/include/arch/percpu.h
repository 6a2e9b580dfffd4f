/*
 * The x86-specific part of struct cpu, and this_cpu() through the GS base.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#include <stdint.h>
#include <arch/gdt.h>

struct cpu;

/* What each CPU needs of its own to take interrupts: descriptor tables and stacks. */
struct arch_cpu {
	uint64_t gdt[GDT_ENTRIES];
	struct tss tss;
	uint8_t double_fault_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
	uint8_t nmi_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
	uint8_t machine_check_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
};

static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *cpu;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

/* Point this CPU's GS base at cpu (whose first field points back at itself). */
void arch_percpu_set(struct cpu *cpu);

#endif
