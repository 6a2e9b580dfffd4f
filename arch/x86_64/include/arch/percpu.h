/*
 * The x86-specific part of struct cpu (struct arch_cpu), and this_cpu() through the GS base:
 * each CPU's GS base points at its own struct cpu, whose first field points back at itself.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

/*
 * Offsets in struct cpu that the syscall entry (arch/x86_64/syscall.S) reads through %gs:
 * struct cpu holds its self pointer, then struct arch_cpu (16-byte aligned), which begins
 * with these two fields.  arch/x86_64/syscall.c checks them.
 */
#define CPU_KERNEL_STACK 16
#define CPU_USER_RSP	 24

#ifndef __ASSEMBLY__

#include <stdbool.h>
#include <stdint.h>
#include <arch/gdt.h>

struct cpu;
struct fpu_state;

/*
 * What each CPU needs of its own to enter the kernel, take interrupts and IPIs, and take
 * part in TLB shootdowns.  Only the CPU itself writes its arch_cpu, except where a field says
 * atomic: other CPUs write those too.
 */
struct arch_cpu {
	uint64_t kernel_stack;	/* top of current's kernel stack: TSS rsp0 and syscall entry's */
	uint64_t user_rsp;	/* the syscall entry's scratch: the user's rsp */
	unsigned int apic_id;	/* its local APIC's id, the address of IPIs to it (lapic.c) */
	bool tlb_flush_pending; /* atomic: a TLB shootdown asked of it (smp.c) */
	uint64_t active_root;	/* atomic: the page table root in its CR3, for shootdowns (smp.c) */
	struct fpu_state *fpu_owner; /* whose FPU registers it holds, NULL: none (fpu.c) */
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

/*
 * Add delta to the 32-bit field at offset in this CPU's struct cpu, in one instruction: an
 * interrupt cannot split it and preemption cannot move it to another CPU half way.
 */
#define arch_percpu_add32(offset, delta)                                                           \
	__asm__ volatile("addl %1, %%gs:%c0" : : "i"(offset), "ri"(delta) : "memory", "cc")

/* Point this CPU's GS base at cpu (whose first field points back at itself). */
void arch_percpu_set(struct cpu *cpu);

/* The stack the CPU enters the kernel on from user mode (TSS rsp0 and the syscall entry's). */
void arch_set_kernel_stack(uint64_t top);
#endif

#endif
