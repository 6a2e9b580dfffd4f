/*
 * The FPU and SSE (interface in <arch/fpu.h>).
 *
 * Corral saves FPU state eagerly: every context switch does an fxsave and an fxrstor, about
 * a hundred cycles, rather than trapping on first use (CR0.TS), which is more code and buys
 * little when most tasks that run are user programs that use SSE anyway (newlib's printf).
 */
#include <lib/string.h>
#include <arch/fpu.h>
#include <arch/x86.h>

#define MXCSR_MASK_DEFAULT 0xffbf /* when fxsave reports a mask of 0 */

/* What a new program starts with; made by the boot CPU in fpu_init_cpu(), constant after. */
static struct fpu_state initial_state;
static uint32_t mxcsr_mask = MXCSR_MASK_DEFAULT;

void fpu_save(struct fpu_state *state)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*state));
}

void fpu_restore(const struct fpu_state *state)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*state));
}

void fpu_switch(struct fpu_state *prev, const struct fpu_state *next)
{
	if (prev == next)
		return;
	fpu_save(prev);
	fpu_restore(next);
}

/* Record the fninit state with the default MXCSR, and which MXCSR bits the CPU has. */
static void make_initial_state(void)
{
	uint32_t mxcsr = MXCSR_DEFAULT;
	uint32_t mask;

	__asm__ volatile("fninit");
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	fpu_save(&initial_state);
	memcpy(&mask, &initial_state.bytes[FXSAVE_MXCSR_MASK], sizeof(mask));
	if (mask)
		mxcsr_mask = mask;
}

void fpu_init_cpu(void)
{
	write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	make_initial_state();
}

void fpu_init_state(struct fpu_state *state)
{
	memcpy(state, &initial_state, sizeof(*state));
}

void fpu_reset(void)
{
	fpu_restore(&initial_state);
}

void fpu_sanitize(struct fpu_state *state)
{
	uint32_t mxcsr;

	memcpy(&mxcsr, &state->bytes[FXSAVE_MXCSR], sizeof(mxcsr));
	mxcsr &= mxcsr_mask;
	memcpy(&state->bytes[FXSAVE_MXCSR], &mxcsr, sizeof(mxcsr));
}
