/*
 * The signal restorer: where a signal handler returns to.
 *
 * When the kernel delivers a signal it saves the interrupted registers in a frame on the user
 * stack and calls the handler with its return address set to the sa_restorer given to
 * rt_sigaction (SA_RESTORER).  sigaction() in signal.c always gives __restore_rt, which asks
 * the kernel, through rt_sigreturn, to restore the saved registers and resume the program
 * where the signal interrupted it.  rt_sigreturn does not return here.
 */
#include <sys/syscall.h>

	.text
	.globl	__restore_rt
	.type	__restore_rt, @function
__restore_rt:
	movl	$SYS_rt_sigreturn, %eax
	syscall
	ud2
	.size	__restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
