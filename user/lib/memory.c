/*
 * Mappings: mmap(), munmap() and mprotect().  The heap (malloc) grows with sbrk(), in
 * syscalls.c.
 */
#include <sys/mman.h>

#include "syscall.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	long ret = syscall6(SYS_mmap, (long)addr, len, prot, flags, fd, offset);

	if (syscall_failed(ret)) {
		syscall_return(ret);
		return MAP_FAILED;
	}
	return (void *)ret;
}

int munmap(void *addr, size_t len)
{
	return syscall_return(syscall2(SYS_munmap, (long)addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return syscall_return(syscall3(SYS_mprotect, (long)addr, len, prot));
}
