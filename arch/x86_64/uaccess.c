/*
 * User-memory access (interface in <kernel/uaccess.h>): range checks around the routines of
 * arch/x86_64/uaccess.S, and the lookup in the exception table the linker gathers from them.
 */
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <lib/compiler.h>

size_t __copy_user(void *dst, const void *src, size_t n);
size_t __clear_user(void *dst, size_t n);
long __strncpy_user(char *dst, const char *src, long n);

extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

__hotpath int copy_from_user(void *dst, uint64_t src, size_t n)
{
	if (!user_range_ok(src, n))
		return -EFAULT;
	return __copy_user(dst, (const void *)src, n) ? -EFAULT : 0;
}

__hotpath int copy_to_user(uint64_t dst, const void *src, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return __copy_user((void *)dst, src, n) ? -EFAULT : 0;
}

int clear_user(uint64_t dst, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return __clear_user((void *)dst, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, uint64_t src, size_t size)
{
	long n, len;

	if (src >= USER_TOP || size == 0)
		return -EFAULT;
	n = (long)(size < USER_TOP - src ? size : USER_TOP - src);
	len = __strncpy_user(dst, (const char *)src, n);
	if (len < 0)
		return -EFAULT;
	if (len == n)
		return n == (long)size ? -ENAMETOOLONG : -EFAULT;
	return len;
}

uint64_t exception_table_fixup(uint64_t ip)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->fault_ip == ip)
			return e->fixup_ip;
	return 0;
}
