/*
 * Per-CPU areas: the cpus[] array and the GS base that makes this_cpu() find its entry, and
 * the kernel stack each CPU enters on from user mode.
 */
#include <kernel/cpu.h>
#include <lib/compiler.h>
#include <arch/x86.h>

struct cpu cpus[MAX_CPUS];
unsigned int ncpus = 1;

void arch_percpu_set(struct cpu *cpu)
{
	cpu->self = cpu;
	wrmsr(MSR_GS_BASE, (uint64_t)cpu);
}

void percpu_init_boot(void)
{
	cpus[0].id = 0;
	arch_percpu_set(&cpus[0]);
}

__hotpath void arch_set_kernel_stack(uint64_t top)
{
	struct cpu *cpu = this_cpu();

	cpu->arch.kernel_stack = top;
	cpu->arch.tss.rsp[0] = top;
}
