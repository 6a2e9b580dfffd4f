/*
 * Reaching user memory from the kernel (arch/x86_64/uaccess.S and uaccess.c).
 *
 * A system call gets pointers from a user program, which may point anywhere: at nothing, at
 * the kernel, at a page that copy-on-write or demand-zero has yet to provide.  These
 * functions are the only way the kernel touches user memory.  Each first rejects a range not
 * entirely below USER_TOP; then it copies, and if the copy faults, the page-fault handler
 * first tries to resolve the fault through the address space (mm_fault()), and if that
 * fails, finds the faulting instruction in the exception table and resumes at its fixup,
 * which makes the function return -EFAULT.  So a bad pointer is an error, never a panic.
 *
 * None may be called with a spinlock held: resolving a fault takes the address space's lock,
 * and a copy may fault in a page (which may allocate).
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stddef.h>
#include <stdint.h>

/* Copy n bytes between the kernel buffer and user address; 0 or -EFAULT. */
int copy_from_user(void *dst, uint64_t src, size_t n);
int copy_to_user(uint64_t dst, const void *src, size_t n);

/* Zero n bytes of user memory; 0 or -EFAULT. */
int clear_user(uint64_t dst, size_t n);

/*
 * Copy the string at user address src into dst, which holds size bytes (size > 0), NUL
 * included.  Returns its length, -EFAULT, or -ENAMETOOLONG if no NUL is within size bytes.
 */
long strncpy_from_user(char *dst, uint64_t src, size_t size);

/* One exception-table entry: a user-access instruction and where to go if it faults. */
struct exception_table_entry {
	uint64_t fault_ip;
	uint64_t fixup_ip;
};

/* The fixup for a fault at ip, or 0 if ip is no user-access instruction. */
uint64_t exception_table_fixup(uint64_t ip);

#endif
