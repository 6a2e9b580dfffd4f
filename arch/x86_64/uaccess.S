/*
 * The instructions that touch user memory, each listed in the exception table (section
 * __ex_table: pairs of {instruction that may fault, where to resume}).  If one faults on an
 * address the page-fault handler cannot resolve, the handler resumes at the fixup, which
 * returns what the C wrappers (arch/x86_64/uaccess.c) turn into -EFAULT.
 *
 * Every routine is a leaf that uses only caller-saved registers, so resuming at the fixup
 * with the faulting instruction's registers is all it takes.
 */
#define EX_ENTRY(insn, fixup)		\
	.pushsection __ex_table, "a";	\
	.balign 8;			\
	.quad insn, fixup;		\
	.popsection

	.section .text.hot, "ax"	/* the hot path: __hotpath in <lib/compiler.h> */

/* size_t __copy_user(void *dst, const void *src, size_t n): the bytes not copied */
	.globl __copy_user
__copy_user:
	movq %rdx, %rcx
1:	rep movsb
	xorl %eax, %eax
	ret
2:	movq %rcx, %rax			/* rep movsb leaves the count still to do in rcx */
	ret
	EX_ENTRY(1b, 2b)

/* size_t __clear_user(void *dst, size_t n): the bytes not cleared */
	.globl __clear_user
__clear_user:
	movq %rsi, %rcx
	xorl %eax, %eax
1:	rep stosb
	xorl %eax, %eax
	ret
2:	movq %rcx, %rax
	ret
	EX_ENTRY(1b, 2b)

/*
 * long __strncpy_user(char *dst, const char *src, long n): copies up to n bytes, stopping
 * after a NUL; returns the string's length if a NUL was copied, n if none was, -1 on a fault.
 */
	.globl __strncpy_user
__strncpy_user:
	xorl %eax, %eax
1:	cmpq %rdx, %rax
	jae 4f
2:	movb (%rsi,%rax), %cl
	movb %cl, (%rdi,%rax)
	testb %cl, %cl
	jz 4f
	incq %rax
	jmp 1b
3:	movq $-1, %rax
4:	ret
	EX_ENTRY(2b, 3b)

	.section .note.GNU-stack, "", @progbits
