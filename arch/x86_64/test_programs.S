/*
 * Tiny user programs for the process tests (kernel/proc_test.c), in x86_64 instructions, as
 * position-independent machine code in .rodata: the kernel never runs them, a test wraps each
 * in an ELF header and runs it as a user process.  Each ends in exit(); the test checks the
 * wait4() status.  What each must do is in include/kernel/test_programs.h.
 */
#define SYS_write	1
#define SYS_brk		12
#define SYS_rt_sigaction 13
#define SYS_rt_sigreturn 15
#define SYS_nanosleep	35
#define SYS_getpid	39
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62

#define PROGRAM(name)	.globl name, name##_end; name:
#define END(name)	name##_end:

	.section .rodata

/* exit(42) */
PROGRAM(test_prog_exit42)
	movl $SYS_exit, %eax
	movl $42, %edi
	syscall
END(test_prog_exit42)

/* a store to address 0: killed by SIGSEGV */
PROGRAM(test_prog_null)
	movl $1, 0
	movl $SYS_exit, %eax
	xorl %edi, %edi
	syscall
END(test_prog_null)

/* a division by zero: killed by SIGFPE */
PROGRAM(test_prog_divide)
	xorl %ecx, %ecx
	movl $1, %eax
	xorl %edx, %edx
	divl %ecx
	movl $SYS_exit, %eax
	xorl %edi, %edi
	syscall
END(test_prog_divide)

/* an invalid opcode (ud2): killed by SIGILL */
PROGRAM(test_prog_illegal)
	ud2
END(test_prog_illegal)

/* exit(-syscall 999): 38, ENOSYS */
PROGRAM(test_prog_enosys)
	movl $999, %eax
	syscall
	negl %eax
	movl %eax, %edi
	movl $SYS_exit, %eax
	syscall
END(test_prog_enosys)

/* exit(-nanosleep(kernel address, NULL)) + exit(-nanosleep(unmapped, NULL)): 14 + 14 */
PROGRAM(test_prog_efault)
	movl $SYS_nanosleep, %eax
	movq $0xffffffff80100000, %rdi
	xorl %esi, %esi
	syscall
	negl %eax
	movl %eax, %ebx
	movl $SYS_nanosleep, %eax
	movl $0x10000000, %edi
	xorl %esi, %esi
	syscall
	negl %eax
	leal (%rax,%rbx), %edi
	movl $SYS_exit, %eax
	syscall
END(test_prog_efault)

/*
 * Copy-on-write through fork: the parent stores 1 on the stack and forks; the child stores 2
 * there and exits with it; the parent waits and exits with 10 * its own value + the child's
 * exit code: 12 if each saw its own write.
 */
PROGRAM(test_prog_fork_cow)
	subq $16, %rsp
	movq $1, (%rsp)
	movl $SYS_fork, %eax
	syscall
	testl %eax, %eax
	jnz 1f
	movq $2, (%rsp)
	movq (%rsp), %rdi
	movl $SYS_exit, %eax
	syscall
1:	movl %eax, %edi				/* wait4(pid, &status, 0, NULL) */
	leaq 8(%rsp), %rsi
	xorl %edx, %edx
	xorl %r10d, %r10d
	movl $SYS_wait4, %eax
	syscall
	movl 8(%rsp), %eax			/* status >> 8: the child's exit code */
	shrl $8, %eax
	imull $10, (%rsp), %edi
	addl %eax, %edi
	movl $SYS_exit, %eax
	syscall
END(test_prog_fork_cow)

/*
 * The heap: brk(0) gives the break, brk(break + 64 KiB) grows it; a store and a load at the
 * new top, then exit(1 + (the value read == 7)): 2.
 */
PROGRAM(test_prog_brk)
	movl $SYS_brk, %eax
	xorl %edi, %edi
	syscall
	movq %rax, %rbx
	leaq 0x10000(%rax), %rdi
	movl $SYS_brk, %eax
	syscall
	movq $7, -8(%rax)
	xorl %edi, %edi
	cmpq $7, -8(%rax)
	sete %dil
	incl %edi
	movl $SYS_exit, %eax
	syscall
END(test_prog_brk)

/*
 * A signal handler and rt_sigreturn: a one-page heap for the handler to leave a note in,
 * rt_sigaction(SIGUSR1) with a handler and a restorer (SA_RESTORER), r12 = 5, kill(getpid(),
 * SIGUSR1).  The handler stores its signal number at the heap's top and clobbers r12; its
 * return goes through the restorer to rt_sigreturn, which must bring r12 = 5 back.  Exits
 * with 10 * note + r12: 105.
 */
PROGRAM(test_prog_signal)
	movl $SYS_brk, %eax
	xorl %edi, %edi
	syscall
	leaq 4096(%rax), %rdi
	movq %rdi, %rbx				/* the heap's top */
	movl $SYS_brk, %eax
	syscall
	subq $32, %rsp				/* struct k_sigaction */
	leaq 2f(%rip), %rax
	movq %rax, (%rsp)			/* handler */
	movq $0x04000000, 8(%rsp)		/* SA_RESTORER */
	leaq 3f(%rip), %rax
	movq %rax, 16(%rsp)			/* restorer */
	movq $0, 24(%rsp)			/* mask */
	movl $SYS_rt_sigaction, %eax
	movl $10, %edi				/* SIGUSR1 */
	movq %rsp, %rsi
	xorl %edx, %edx
	movl $8, %r10d
	syscall
	movl $5, %r12d
	movl $SYS_getpid, %eax
	syscall
	movl %eax, %edi
	movl $10, %esi
	movl $SYS_kill, %eax
	syscall
	movq -8(%rbx), %rdi
	imull $10, %edi, %edi
	addl %r12d, %edi
	movl $SYS_exit, %eax
	syscall
2:	movl %edi, %r13d			/* the handler: note the signal, clobber r12 */
	movl $SYS_brk, %eax
	xorl %edi, %edi
	syscall
	movq %r13, -8(%rax)
	movl $99, %r12d
	ret
3:	movl $SYS_rt_sigreturn, %eax		/* the restorer */
	syscall
	ud2
END(test_prog_signal)

/*
 * rt_sigreturn with forged frames.  The frame starts 8 bytes below rsp at the call; in it
 * the sigcontext begins at 48, with rsp at +120, rip at +128, rflags at +136, cs at +144
 * (fpstate, at +184, stays 0: a fresh FPU state).  The first forgery asks for the kernel's
 * CS and IOPL 3 and resumes at label 1, which exits with 77: the kernel must force user CS
 * and drop IOPL.  Then a second forgery
 * asks for a non-canonical rip: the process must die of SIGSEGV, never the kernel.
 */
#define FRAME_BYTES	512
#define SC_RSP		(48 + 120 - 8)
#define SC_RIP		(48 + 128 - 8)
#define SC_RFLAGS	(48 + 136 - 8)
#define SC_CS		(48 + 144 - 8)

PROGRAM(test_prog_sigreturn_forged)
	subq $FRAME_BYTES, %rsp
	movq %rsp, %rdi				/* zero the frame */
	xorl %eax, %eax
	movl $FRAME_BYTES / 8, %ecx
	rep stosq
	leaq 1f(%rip), %rax
	movq %rax, SC_RIP(%rsp)
	movq $0x3202, SC_RFLAGS(%rsp)		/* IF and IOPL 3 */
	movw $0x8, SC_CS(%rsp)			/* the kernel's code segment */
	movq %rsp, SC_RSP(%rsp)
	movl $SYS_rt_sigreturn, %eax
	syscall
	ud2
1:	pushfq					/* exit(77) if IOPL is 0 again, else exit(1) */
	popq %rax
	movl $77, %edi
	movl $1, %ecx
	testl $0x3000, %eax
	cmovnzl %ecx, %edi
	movl $SYS_exit, %eax
	syscall
END(test_prog_sigreturn_forged)

PROGRAM(test_prog_sigreturn_outside)
	subq $FRAME_BYTES, %rsp
	movq %rsp, %rdi
	xorl %eax, %eax
	movl $FRAME_BYTES / 8, %ecx
	rep stosq
	movabsq $0x0000800000000000, %rax
	movq %rax, SC_RIP(%rsp)
	movl $SYS_rt_sigreturn, %eax
	syscall
	movl $SYS_exit, %eax			/* not reached: SIGSEGV */
	xorl %edi, %edi
	syscall
END(test_prog_sigreturn_outside)

/* A handler at a non-canonical address: kill(self) must end in SIGSEGV, not a kernel fault. */
PROGRAM(test_prog_bad_handler)
	subq $32, %rsp
	movabsq $0x0000800000000000, %rax
	movq %rax, (%rsp)			/* handler */
	movq $0x04000000, 8(%rsp)		/* SA_RESTORER */
	movq %rax, 16(%rsp)			/* restorer */
	movq $0, 24(%rsp)
	movl $SYS_rt_sigaction, %eax
	movl $10, %edi				/* SIGUSR1 */
	movq %rsp, %rsi
	xorl %edx, %edx
	movl $8, %r10d
	syscall
	movl $SYS_getpid, %eax
	syscall
	movl %eax, %edi
	movl $10, %esi
	movl $SYS_kill, %eax
	syscall
	movl $SYS_exit, %eax			/* not reached */
	xorl %edi, %edi
	syscall
END(test_prog_bad_handler)

	.section .note.GNU-stack, "", @progbits
