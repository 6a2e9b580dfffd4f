/*
 * The machine interface the rest of the kernel uses: interrupt control, halting, and the
 * spin-wait hint.  Implemented with single instructions, so all static inline.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

/* Disable interrupts on this CPU and return whether they were enabled before. */
static inline bool arch_irq_save(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags & (1UL << 9);
}

/* Undo arch_irq_save(): enable interrupts again only if they were enabled then. */
static inline void arch_irq_restore(bool were_enabled)
{
	if (were_enabled)
		__asm__ volatile("sti" : : : "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline bool arch_irq_enabled(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return flags & (1UL << 9);
}

/* Sleep until the next interrupt (enabling interrupts for it, atomically). */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

/* Stop this CPU for good. */
static inline __attribute__((noreturn)) void arch_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* The hint for spin-wait loops: lets a sibling hyperthread (or an emulator) run. */
static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

/* A compiler barrier: no memory access moves across it. */
#define barrier() __asm__ volatile("" : : : "memory")

#endif
