/*
 * The x86-specific part of struct cpu, and this_cpu() through the GS base.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

/* Offsets in struct cpu that the syscall entry (arch/x86_64/syscall.S) reads through %gs. */
#define CPU_KERNEL_STACK 8
#define CPU_USER_RSP	 16

#ifndef __ASSEMBLY__

#include <stdint.h>
#include <arch/gdt.h>

struct cpu;
struct fpu_state;

/* What each CPU needs of its own to take interrupts: descriptor tables and stacks. */
struct arch_cpu {
	uint64_t gdt[GDT_ENTRIES];
	struct tss tss;
	uint8_t double_fault_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
	uint8_t nmi_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
	uint8_t machine_check_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
	struct fpu_state *fpu_owner; /* whose FPU registers it holds, NULL: none (fpu.c) */
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

/* Load the user's FS base (thread-local storage; arch_prctl(ARCH_SET_FS)). */
void arch_set_fs_base(uint64_t base);
#endif

#endif
