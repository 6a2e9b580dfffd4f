/*
 * The FPU and SSE registers of a task (arch/x86_64/fpu.c).
 *
 * The kernel itself is compiled without SSE or x87 code, so these registers belong to user
 * programs alone.  They are switched lazily: a context switch saves the outgoing task's
 * registers only if they are live on this CPU, and sets CR0.TS, so that the incoming task's
 * first FPU or SSE instruction traps (#NM, "device not available") and fpu_first_use() loads
 * its state then.  A task that does not touch the FPU in its time slice (a process that
 * only makes system calls, a kernel thread) costs no save and no load.  Signal delivery copies
 * the state to the user stack; a new program starts from the state fninit and the default
 * MXCSR give.
 *
 * Each CPU knows whose registers it holds (arch_cpu.fpu_owner, a task's struct fpu_state, or
 * NULL), and CR0.TS is set exactly when it holds none.  The running task's own state is
 * "own" below; the functions work with interrupts off, so no switch comes in between.
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

/*
 * Enable the FPU and SSE on this CPU (CR0.MP, CR0.NE, CR4.OSFXSR, CR4.OSXMMEXCPT); it starts
 * holding no task's registers (CR0.TS set).
 */
void fpu_init_cpu(void);

/* Fill state with a new program's FPU state. */
void fpu_init_state(struct fpu_state *state);

/* Bring own up to date from the registers, if they are live on this CPU (before reading it). */
void fpu_sync(struct fpu_state *own);

/* Make state (NULL: a new program's) the running task's own; loaded at its next FPU use. */
void fpu_set(struct fpu_state *own, const struct fpu_state *state);

/* The FPU half of a context switch away from prev: save its registers if they are live. */
void fpu_switch(struct fpu_state *prev);

/* #NM from user mode: the running task's first FPU instruction since it was switched in. */
void fpu_first_use(struct fpu_state *own);

/* Make a state that came from user memory safe to load: no reserved MXCSR bit set. */
void fpu_sanitize(struct fpu_state *state);

#endif
