/*
 * Interrupts and exceptions: the register frame every trap saves, the IDT, and handlers for
 * hardware interrupt lines (IRQs, delivered through the IOAPIC) and for the local APIC's own
 * vectors (the timer).
 *
 * Vectors:  0..31 CPU exceptions, IRQ_BASE_VECTOR + n ISA/IOAPIC line n, VECTOR_TIMER the
 * local APIC timer, VECTOR_SPURIOUS the local APIC's spurious vector.  Every one of the 256
 * vectors has an entry stub (arch/x86_64/trapentry.S), so a stray vector is reported, never
 * a triple fault.
 */
#ifndef ARCH_INTERRUPTS_H
#define ARCH_INTERRUPTS_H

#define IRQ_BASE_VECTOR	     32 /* IRQ n arrives as vector IRQ_BASE_VECTOR + n */
#define NR_IRQS		     24
#define VECTOR_TIMER	     0x40 /* the local APIC timer */
#define VECTOR_RESCHED	     0x41 /* IPI: an idle CPU should look at the run queue */
#define VECTOR_TLB_SHOOTDOWN 0x42 /* IPI: drop a stale translation (arch/x86_64/smp.c) */
#define VECTOR_RCU	     0x43 /* IPI: a grace period asks for a quiescent state (rcu.c) */
#define VECTOR_SPURIOUS	     0xff
#define NR_VECTORS	     256
#define NR_EXCEPTIONS	     32

/* Byte offsets of struct trap_frame's fields, for trapentry.S (checked in traps.c). */
#define TRAP_FRAME_R11	  32
#define TRAP_FRAME_RBP	  64
#define TRAP_FRAME_RCX	  96
#define TRAP_FRAME_VECTOR 120
#define TRAP_FRAME_RIP	  136
#define TRAP_FRAME_CS	  144
#define TRAP_FRAME_RFLAGS 152
#define TRAP_FRAME_RSP	  160
#define TRAP_FRAME_SS	  168
#define TRAP_FRAME_SIZE	  176

/* The vector number a system call's frame carries (arch/x86_64/syscall.S): no real vector. */
#define TRAP_FRAME_SYSCALL 256

/* The assembly that pushes and pops the general registers: <arch/trap_frame.inc>. */

#ifndef __ASSEMBLY__
#include <stdint.h>

/*
 * Registers saved on the stack by the trap entry code (arch/x86_64/trapentry.S), lowest
 * address first.  The CPU pushes the last five (and, for some exceptions, the error code); the
 * entry stub pushes a zero error code where the CPU does not, then the vector number, then the
 * general registers.  arch_capture_registers() fills the same structure from running code,
 * with vector TRAP_FRAME_NO_VECTOR.
 */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;	   /* pushed by the entry stub (error code or 0) */
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

#define TRAP_FRAME_NO_VECTOR (~0UL)

#include <stdbool.h>

/* The instruction frame was at: the one that trapped, or where the interrupted code resumes. */
static inline uint64_t arch_frame_ip(const struct trap_frame *frame)
{
	return frame->rip;
}

/* The stack pointer of the code frame was taken from. */
static inline uint64_t arch_frame_sp(const struct trap_frame *frame)
{
	return frame->rsp;
}

/* Whether frame interrupted user mode (ring 3), not the kernel. */
static inline bool arch_frame_user_mode(const struct trap_frame *frame)
{
	return (frame->cs & 3) != 0;
}

typedef void (*irq_handler_t)(struct trap_frame *frame);

/* Build and load the IDT: every exception reported, IRQ vectors dispatched. */
void idt_init(void);

/* Load the IDT idt_init() built, on an application processor. */
void idt_load(void);

/*
 * Route hardware line irq (ISA numbering, 0..NR_IRQS-1) to handler through the IOAPIC,
 * unmasked, honouring the firmware's interrupt source overrides.  The handler runs with
 * interrupts off; the end of interrupt is sent after it returns.
 */
void irq_register(unsigned int irq, irq_handler_t handler);

/* Mask line irq at the IOAPIC and forget its handler. */
void irq_unregister(unsigned int irq);

/*
 * Call handler for a vector the local APIC raises itself (the timer, later IPIs).  Same
 * rules as irq_register(), but nothing is routed.
 */
void interrupt_set_handler(unsigned int vector, irq_handler_t handler);

/* Called by trapentry.S for every vector with the saved registers. */
void trap_dispatch(struct trap_frame *frame);

/* Print the registers of frame on the console (used by panic; takes no lock). */
void trap_frame_dump(const struct trap_frame *frame);

/* Fill frame with the caller's registers: rip and rsp as they are after the call returns. */
void arch_capture_registers(struct trap_frame *frame);

/*
 * Backtraces, for panic(): the kernel keeps a chain of frame pointers (it is built with
 * -fno-omit-frame-pointer), which arch_frame_pointer() enters at frame's function.  Each
 * arch_unwind_step() goes one caller up: it sets *return_addr to the address the caller
 * resumes at and *fp to the caller's frame pointer.  False, reading nothing, at the end of
 * the chain (a frame pointer that is zero or could not be the kernel's).
 */
static inline uint64_t arch_frame_pointer(const struct trap_frame *frame)
{
	return frame->rbp;
}

bool arch_unwind_step(uint64_t *fp, uint64_t *return_addr);
#endif

#endif
