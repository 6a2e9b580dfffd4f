/*
 * The FPU and SSE (interface and the lazy-switching rules in <arch/fpu.h>).
 *
 * Lazy switching pays off twice under emulation, where fxsave and fxrstor are slow: a
 * process that only makes system calls (a pipe's two ends passing bytes, a shell waiting
 * for its child) switches with no FPU work at all.  A task that uses SSE in every time slice
 * pays one trap more per slice than eager switching would.
 */
#include <lib/compiler.h>
#include <lib/string.h>
#include <kernel/cpu.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/x86.h>

#define MXCSR_MASK_DEFAULT 0xffbf /* when fxsave reports a mask of 0 */

/* What a new program starts with; made by the boot CPU in fpu_init_cpu(), constant after. */
static struct fpu_state initial_state;
static uint32_t mxcsr_mask = MXCSR_MASK_DEFAULT;

static void fxsave(struct fpu_state *state)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*state));
}

static void fxrstor(const struct fpu_state *state)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*state));
}

/* This CPU gives up the registers it holds: the next FPU instruction traps. */
static void drop_registers(struct arch_cpu *arch)
{
	arch->fpu_owner = NULL;
	write_cr0(read_cr0() | CR0_TS);
}

__hotpath void fpu_switch(struct fpu_state *prev)
{
	struct arch_cpu *arch = &this_cpu()->arch;

	if (arch->fpu_owner != prev)
		return; /* nothing live: TS is set already */
	fxsave(prev);
	drop_registers(arch);
}

void fpu_first_use(struct fpu_state *own)
{
	bool were_enabled = arch_irq_save();
	struct arch_cpu *arch = &this_cpu()->arch;

	__asm__ volatile("clts");
	fxrstor(own);
	arch->fpu_owner = own;
	arch_irq_restore(were_enabled);
}

void fpu_sync(struct fpu_state *own)
{
	bool were_enabled = arch_irq_save();

	if (this_cpu()->arch.fpu_owner == own)
		fxsave(own);
	arch_irq_restore(were_enabled);
}

/* Record the fninit state with the default MXCSR, and which MXCSR bits the CPU has. */
static void make_initial_state(void)
{
	uint32_t mxcsr = MXCSR_DEFAULT;
	uint32_t mask;

	__asm__ volatile("fninit");
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	fxsave(&initial_state);
	memcpy(&mask, &initial_state.bytes[FXSAVE_MXCSR_MASK], sizeof(mask));
	if (mask)
		mxcsr_mask = mask;
}

void fpu_init_cpu(void)
{
	write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	if (this_cpu()->id == 0)
		make_initial_state();
	drop_registers(&this_cpu()->arch);
}

void fpu_init_state(struct fpu_state *state)
{
	memcpy(state, &initial_state, sizeof(*state));
}

void fpu_set(struct fpu_state *own, const struct fpu_state *state)
{
	bool were_enabled = arch_irq_save();
	struct arch_cpu *arch = &this_cpu()->arch;

	if (arch->fpu_owner == own)
		drop_registers(arch);
	memcpy(own, state ? state : &initial_state, sizeof(*own));
	arch_irq_restore(were_enabled);
}

void fpu_sanitize(struct fpu_state *state)
{
	uint32_t mxcsr;

	memcpy(&mxcsr, &state->bytes[FXSAVE_MXCSR], sizeof(mxcsr));
	mxcsr &= mxcsr_mask;
	memcpy(&state->bytes[FXSAVE_MXCSR], &mxcsr, sizeof(mxcsr));
}
