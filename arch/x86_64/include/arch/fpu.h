/*
 * The FPU and SSE registers of a task (arch/x86_64/fpu.c).
 *
 * The kernel itself is compiled without SSE or x87 code, so these registers belong to user
 * programs alone: the scheduler saves the outgoing task's with fxsave and loads the incoming
 * one's with fxrstor on every switch (fpu_switch()), and signal delivery copies them to the
 * user stack.  A new program starts from the state fninit and the default MXCSR give.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdint.h>

#define FPU_STATE_SIZE	  512
#define MXCSR_DEFAULT	  0x1f80 /* every SIMD exception masked, round to nearest */
#define FXSAVE_MXCSR	  24	 /* byte offsets in the fxsave area */
#define FXSAVE_MXCSR_MASK 28

/* The fxsave area; the instruction wants it 16-byte aligned. */
struct fpu_state {
	uint8_t bytes[FPU_STATE_SIZE];
} __attribute__((aligned(16)));

/* Enable the FPU and SSE on this CPU (CR0.MP, CR0.NE, CR4.OSFXSR, CR4.OSXMMEXCPT). */
void fpu_init_cpu(void);

/* Fill state with a new program's FPU state. */
void fpu_init_state(struct fpu_state *state);

/* Save this CPU's FPU registers to state, or load them from it. */
void fpu_save(struct fpu_state *state);
void fpu_restore(const struct fpu_state *state);

/* Load a new program's FPU state into this CPU's registers. */
void fpu_reset(void);

/* Save prev's registers and load next's: the FPU half of a context switch. */
void fpu_switch(struct fpu_state *prev, const struct fpu_state *next);

/* Make a state that came from user memory safe to load: no reserved MXCSR bit set. */
void fpu_sanitize(struct fpu_state *state);

#endif
