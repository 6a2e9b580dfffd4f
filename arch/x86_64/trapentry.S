/*
 * Trap entry: the code the CPU jumps to, through the IDT, for every exception and interrupt.
 *
 * There is one small stub per vector, all TRAP_STUB_SIZE bytes apart from trap_stubs, so
 * idt.c finds the stub of vector v at trap_stubs + v * TRAP_STUB_SIZE.  A stub pushes a zero
 * where the CPU pushes no error code (so every frame looks the same), pushes its vector number
 * and jumps to trap_common, which
 *   1. switches to the kernel's GS base if the trap came from user mode (swapgs),
 *   2. saves the general registers, completing a struct trap_frame (<arch/interrupts.h>),
 *   3. links a frame record {interrupted rbp, interrupted rip} into the frame-pointer chain,
 *      so a backtrace from inside a handler runs on through the interrupted code,
 *   4. calls trap_dispatch(frame), then restores everything and returns with iretq.
 * The stack is 16-byte aligned at the call, as the C ABI wants: the CPU aligns it before
 * pushing its five words, and the stub and trap_common push eighteen more.
 *
 * An NMI or machine check that arrives in kernel code just after a swapgs on the way out to
 * user mode (here or in syscall.S) would run with the user's GS base and a kernel CS.  Corral's
 * NMIs only stop CPUs during a panic, so that window is left open; Linux closes it by reading
 * the GS base MSR on entry for these vectors instead of trusting CS.
 *
 * arch_capture_registers() lives here too: panic() uses it to report the registers of running
 * code in the same form as a trap's.
 */
#include <arch/gdt.h>
#include <arch/interrupts.h>
#include <arch/trap_frame.inc>

#define TRAP_STUB_SIZE 16

	.text
	.align TRAP_STUB_SIZE
	.globl trap_stubs
trap_stubs:
	.set vector, 0
	.rept NR_VECTORS
	/* The CPU pushes an error code for #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX. */
	.if vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 \
		|| vector == 29 || vector == 30
	.else
	pushq $0
	.endif
	pushq $vector
	jmp trap_common
	.org trap_stubs + (vector + 1) * TRAP_STUB_SIZE, 0xcc
	.set vector, vector + 1
	.endr

trap_common:
	cld
	testb $3, TRAP_FRAME_CS - TRAP_FRAME_VECTOR(%rsp)
	jz 1f
	swapgs
1:	PUSH_GENERAL_REGISTERS

	pushq TRAP_FRAME_RIP(%rsp)		/* frame record: return address ... */
	pushq TRAP_FRAME_RBP + 8(%rsp)		/* ... and the caller's frame pointer */
	movq %rsp, %rbp
	leaq 16(%rsp), %rdi
	call trap_dispatch
	addq $16, %rsp

	POP_GENERAL_REGISTERS
	testb $3, TRAP_FRAME_CS - TRAP_FRAME_VECTOR(%rsp)
	jz 2f
	swapgs
2:	addq $16, %rsp				/* the vector and the error code */
	iretq

/* void arch_capture_registers(struct trap_frame *frame) */
	.globl arch_capture_registers
arch_capture_registers:
	movq %r15, 0(%rdi)
	movq %r14, 8(%rdi)
	movq %r13, 16(%rdi)
	movq %r12, 24(%rdi)
	movq %r11, 32(%rdi)
	movq %r10, 40(%rdi)
	movq %r9, 48(%rdi)
	movq %r8, 56(%rdi)
	movq %rbp, 64(%rdi)
	movq %rdi, 72(%rdi)
	movq %rsi, 80(%rdi)
	movq %rdx, 88(%rdi)
	movq %rcx, 96(%rdi)
	movq %rbx, 104(%rdi)
	movq %rax, 112(%rdi)
	movq $-1, 120(%rdi)			/* TRAP_FRAME_NO_VECTOR */
	movq $0, 128(%rdi)
	movq (%rsp), %rax			/* rip: where the caller goes on */
	movq %rax, 136(%rdi)
	xorl %eax, %eax
	movw %cs, %ax
	movq %rax, 144(%rdi)
	pushfq
	popq 152(%rdi)
	leaq 8(%rsp), %rax			/* rsp: the caller's, after the return */
	movq %rax, 160(%rdi)
	xorl %eax, %eax
	movw %ss, %ax
	movq %rax, 168(%rdi)
	movq 112(%rdi), %rax
	ret
