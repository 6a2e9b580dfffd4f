/*
 * System-call entry and the way back to user mode.
 *
 * The `syscall` instruction jumps here (MSR_LSTAR) in ring 0 with the user's rip in rcx, its
 * rflags in r11, interrupts, direction, trap, alignment-check and nested-task flags cleared
 * (MSR_FMASK), and everything else, the stack pointer included, still the user's.  So the
 * entry
 *   1. swapgs: GS base becomes this CPU's struct cpu (the user's is parked in KERNEL_GS_BASE),
 *   2. stashes the user rsp in the struct cpu and loads the current task's kernel stack top
 *      (struct cpu kernel_stack, kept equal to TSS rsp0 by every context switch),
 *   3. pushes a struct trap_frame exactly as an interrupt from user mode would leave it (CS,
 *      SS, rip, rflags, rsp; error code 0; vector TRAP_FRAME_SYSCALL), so fork, signals and
 *      execve treat both alike: the user registers are the frame at the stack's top,
 *   4. enables interrupts and calls syscall_dispatch(frame), which stores the result in rax.
 *
 * user_return is the one way back to ring 3 for system calls, fork's child and a new program
 * (arch_enter_user); interrupts from user mode go back through trapentry.S after the same
 * exit_to_user_mode() call.  It calls exit_to_user_mode() (reschedule, deliver signals) with
 * interrupts off, then returns with sysretq if the frame allows it: rcx and r11 still equal
 * rip and rflags (as `syscall` left them), user CS and SS, rip below USER_TOP (sysret with a
 * non-canonical rcx faults in ring 0), no TF or RF.  Otherwise, after a signal frame or
 * rt_sigreturn rewrote the registers, it uses iretq, which restores every register.
 *
 * Between swapgs and sysretq or iretq an NMI would find the user's GS base with a kernel CS;
 * Corral's NMIs only stop the machine during a panic, so that window is left open.
 */
#include <arch/gdt.h>
#include <arch/interrupts.h>
#include <arch/trap_frame.inc>
#include <arch/percpu.h>
#include <arch/uvm.h>

#define RFLAGS_TF_RF ((1 << 8) | (1 << 16))

	.section .text.hot, "ax"	/* the hot path: __hotpath in <lib/compiler.h> */
	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:CPU_USER_RSP
	movq %gs:CPU_KERNEL_STACK, %rsp
	pushq $USER_DS				/* ss */
	pushq %gs:CPU_USER_RSP			/* rsp */
	pushq %r11				/* rflags */
	pushq $USER_CS				/* cs */
	pushq %rcx				/* rip */
	pushq $0				/* error code */
	pushq $TRAP_FRAME_SYSCALL		/* vector */
	PUSH_GENERAL_REGISTERS
	pushq TRAP_FRAME_RIP(%rsp)		/* frame record, for backtraces */
	pushq TRAP_FRAME_RBP + 8(%rsp)
	movq %rsp, %rbp
	sti
	leaq 16(%rsp), %rdi
	call syscall_dispatch
	addq $16, %rsp
	jmp user_return

/* void arch_enter_user(const struct trap_frame *frame): copy it to the stack top and go */
	.globl arch_enter_user
arch_enter_user:
	cli
	movq %gs:CPU_KERNEL_STACK, %rdx
	subq $TRAP_FRAME_SIZE, %rdx
	movq %rdi, %rsi
	movq %rdx, %rdi
	movl $TRAP_FRAME_SIZE / 8, %ecx
	rep movsq
	movq %rdx, %rsp
	xorl %ebp, %ebp
	/* fall through */

/* rsp points at a struct trap_frame for ring 3 */
user_return:
	cli
	movq %rsp, %rdi
	call exit_to_user_mode
	movq TRAP_FRAME_RCX(%rsp), %rcx
	cmpq TRAP_FRAME_RIP(%rsp), %rcx
	jne 1f
	movq TRAP_FRAME_R11(%rsp), %r11
	cmpq TRAP_FRAME_RFLAGS(%rsp), %r11
	jne 1f
	testq $RFLAGS_TF_RF, %r11
	jnz 1f
	cmpq $USER_CS, TRAP_FRAME_CS(%rsp)
	jne 1f
	cmpq $USER_DS, TRAP_FRAME_SS(%rsp)
	jne 1f
	movabsq $USER_TOP, %rax
	cmpq %rax, %rcx
	jae 1f

	POP_GENERAL_REGISTERS			/* sysretq: rcx and r11 are rip and rflags */
	movq TRAP_FRAME_RSP - TRAP_FRAME_VECTOR(%rsp), %rsp
	swapgs
	sysretq

1:	POP_GENERAL_REGISTERS			/* iretq: every register from the frame */
	addq $16, %rsp				/* the vector and the error code */
	swapgs
	iretq

	.section .note.GNU-stack, "", @progbits
