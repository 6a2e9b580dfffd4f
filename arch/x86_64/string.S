/*
 * memcpy() and memset() for x86_64, replacing lib/string.c's portable (weak) ones.
 *
 * The string instructions move eight bytes a step (rep movsq / rep stosq) and then the last
 * few one at a time.  The kernel copies whole pages often (exec, fork's copy-on-write, file
 * reads), and one rep instruction is far cheaper than a loop of byte moves, above all under
 * an emulator, which runs a rep as one helper call.
 */
	.section .text.hot, "ax"	/* the hot path: __hotpath in <lib/compiler.h> */

/* void *memcpy(void *dst (rdi), const void *src (rsi), size_t n (rdx)) */
	.globl memcpy
	.type memcpy, @function
memcpy:
	movq %rdi, %rax			/* return dst */
	movq %rdx, %rcx
	shrq $3, %rcx
	rep movsq
	movq %rdx, %rcx
	andq $7, %rcx
	rep movsb
	ret
	.size memcpy, . - memcpy

/* void *memset(void *dst (rdi), int c (esi), size_t n (rdx)) */
	.globl memset
	.type memset, @function
memset:
	movq %rdi, %r8			/* return dst */
	movzbl %sil, %eax
	movabsq $0x0101010101010101, %rcx
	imulq %rcx, %rax		/* c in each of the eight bytes */
	movq %rdx, %rcx
	shrq $3, %rcx
	rep stosq
	movq %rdx, %rcx
	andq $7, %rcx
	rep stosb
	movq %r8, %rax
	ret
	.size memset, . - memset
