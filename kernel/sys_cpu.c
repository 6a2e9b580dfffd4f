/*
 * The CPUs as user space sees them: sched_getaffinity() and getcpu().
 *
 * Corral does not pin processes, so every process may run on every online CPU: its affinity
 * mask is the set of online CPUs, which is how a program (or nproc) learns how many there
 * are.  getcpu() says which CPU the caller ran on at the moment of the call, which may have
 * changed by the time it looks at the answer; tests use it to see work spread over CPUs.
 */
#include <kernel/cpu.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>

#define MASK_BYTES (MAX_CPUS / 8 > 8 ? MAX_CPUS / 8 : 8)

/* Whether pid names a live process (0: the caller). */
static bool pid_exists(int pid)
{
	unsigned long flags;
	bool found;

	if (pid == 0)
		return true;
	if (pid < 0)
		return false;
	flags = spin_lock_irqsave(&proc_lock);
	found = proc_find(pid) != NULL;
	spin_unlock_irqrestore(&proc_lock, flags);
	return found;
}

/* The mask of online CPUs, the same for every process; returns the bytes written. */
long sys_sched_getaffinity(int pid, size_t size, uint64_t mask)
{
	uint8_t bits[MASK_BYTES];
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	if (!pid_exists(pid))
		return -ESRCH;
	if (size < sizeof(bits) || size % sizeof(long))
		return -EINVAL;
	memset(bits, 0, sizeof(bits));
	for (unsigned int i = 0; i < n; i++) {
		if (__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE))
			bits[i / 8] |= (uint8_t)(1u << (i % 8));
	}
	if (copy_to_user(mask, bits, sizeof(bits)))
		return -EFAULT;
	return sizeof(bits);
}

long sys_getcpu(uint64_t cpu, uint64_t node, uint64_t unused)
{
	unsigned int id = this_cpu()->id, zero = 0;

	if (cpu && copy_to_user(cpu, &id, sizeof(id)))
		return -EFAULT;
	if (node && copy_to_user(node, &zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}
