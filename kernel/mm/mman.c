/*
 * The memory system calls: brk(), mmap() and munmap() over the current process's address
 * space (kernel/mm/vm.c does the work).
 *
 * brk() follows Linux, not POSIX: it returns the new break, or the old one when the request
 * cannot be met (the C library's sbrk() compares the two).  mmap() gives anonymous private
 * memory only: a file mapping is -ENODEV, a shared one -EINVAL.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>

long sys_brk(uint64_t brk)
{
	return (long)mm_brk(current_proc()->mm, brk);
}

long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, int64_t offset)
{
	if (offset & (PAGE_SIZE - 1))
		return -EINVAL;
	return mm_mmap(current_proc()->mm, addr, len, (unsigned int)prot, (unsigned int)flags);
}

long sys_munmap(uint64_t addr, uint64_t len)
{
	return mm_munmap(current_proc()->mm, addr, len);
}
