/*
 * The context switch: arch_switch_to() and the trampoline where new tasks begin
 * (interface in <arch/switch.h>).
 *
 * A saved context is six callee-saved registers pushed on the task's stack, with the return
 * address of arch_switch_to() above them:
 *
 *   saved_sp -> r15 r14 r13 r12 rbx rbp  return-address
 *
 * arch_task_stack_init() writes the same seven words on a fresh stack, with the trampoline as
 * the return address and the entry function in rbx.  Interrupt state needs no saving here:
 * the scheduler switches with interrupts off and each task restores its own flags after.
 */
#define SAVED_WORDS 7

	.section .text.hot, "ax"	/* the hot path: __hotpath in <lib/compiler.h> */

/* void *arch_switch_to(void **prev_sp, void *next_sp, void *prev) */
	.globl arch_switch_to
arch_switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	movq %rdx, %rax			/* the resumed context's return value: prev */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/*
 * A new task's first return from arch_switch_to() lands here, with prev in rax and the entry
 * function in rbx.  rbp is zero so backtraces end here; the stack is 16-byte aligned for the
 * call, which must not return.
 */
task_trampoline:
	xorl %ebp, %ebp
	andq $-16, %rsp
	movq %rax, %rdi
	call *%rbx
	ud2

/* void *arch_task_stack_init(void *stack_top, void (*entry)(void *prev)) */
	.globl arch_task_stack_init
arch_task_stack_init:
	leaq -SAVED_WORDS * 8 - 8(%rdi), %rax	/* the saved context, one spare word above */
	movq $0, 0(%rax)			/* r15 */
	movq $0, 8(%rax)			/* r14 */
	movq $0, 16(%rax)			/* r13 */
	movq $0, 24(%rax)			/* r12 */
	movq %rsi, 32(%rax)			/* rbx: the entry function */
	movq $0, 40(%rax)			/* rbp */
	leaq task_trampoline(%rip), %rdx
	movq %rdx, 48(%rax)			/* return address */
	movq $0, 56(%rax)
	ret
