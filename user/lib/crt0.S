/*
 * crt0: where every Corral program starts.
 *
 * execve() enters _start with the stack as Linux lays it out for a new program:
 *
 *	%rsp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxv pairs ... AT_NULL
 *
 * _start sets newlib's environ, arranges for the C library's destructors to run at exit, runs
 * the constructors (.init_array), and calls exit(main(argc, argv, envp)); exit() flushes stdio
 * and ends in _exit().  %rsp is 16-byte aligned before each call, as the ABI requires.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* The outermost frame: backtraces stop here */
	movq	(%rsp), %r12		/* argc; %r12-%r14 survive the calls below */
	leaq	8(%rsp), %r13		/* argv */
	leaq	16(%rsp,%r12,8), %r14	/* envp, just past argv's NULL */
	andq	$-16, %rsp
	movq	%r14, environ(%rip)
	leaq	__libc_fini_array(%rip), %rdi
	call	atexit
	call	__libc_init_array
	movl	%r12d, %edi
	movq	%r13, %rsi
	movq	%r14, %rdx
	call	main
	movl	%eax, %edi
	call	exit
	ud2				/* exit() does not return */
	.size	_start, . - _start

/*
 * newlib's __libc_init_array() and __libc_fini_array() also call _init() and _fini(), which a
 * C compiler's crti.o would provide; Corral programs have no .init or .fini code.
 */
	.globl	_init
	.type	_init, @function
_init:
	ret
	.size	_init, . - _init

	.globl	_fini
	.type	_fini, @function
_fini:
	ret
	.size	_fini, . - _fini

	.section .note.GNU-stack, "", @progbits
