/*
 * Making system calls: the `syscall` instruction, with Linux's x86_64 convention.
 *
 * The call number goes in %rax and up to six arguments in %rdi, %rsi, %rdx, %r10, %r8 and
 * %r9 (%r10, not %rcx as in a function call: the instruction itself overwrites %rcx with the
 * return address and %r11 with the flags).  The result comes back in %rax: a value, or a
 * negative errno between -4095 and -1.  "memory" tells the compiler the kernel may read and
 * write any memory the arguments point to.
 *
 * syscallN() return the raw result; syscall_return() turns it into the C library's
 * convention: -1 with errno set.  Used by every file of the port in user/lib.
 */
#ifndef CORRAL_USER_SYSCALL_H
#define CORRAL_USER_SYSCALL_H

#include <errno.h>
#include <sys/syscall.h>

static inline long syscall0(long n)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
	return ret;
}

static inline long syscall1(long n, long a1)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1) : "rcx", "r11", "memory");
	return ret;
}

static inline long syscall2(long n, long a1, long a2)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2) : "rcx", "r11", "memory");
	return ret;
}

static inline long syscall3(long n, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long syscall4(long n, long a1, long a2, long a3, long a4)
{
	register long r10 __asm__("r10") = a4;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Is a raw result an error (-4095 .. -1)? */
static inline int syscall_failed(long ret)
{
	return (unsigned long)ret > -4096UL;
}

/* The raw result as the C library returns it: -1 with errno set on failure. */
static inline long syscall_return(long ret)
{
	if (syscall_failed(ret)) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

#endif /* CORRAL_USER_SYSCALL_H */
