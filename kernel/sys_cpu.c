/*
 * The CPUs as user space sees them: sched_getaffinity(), sched_setaffinity() and getcpu().
 *
 * A process may run on the CPUs of its cpuset (kernel/container_cpuset.c), all of them unless
 * it was put in one, narrowed by sched_setaffinity(); sched_getaffinity() shows the result,
 * which is how a program (or nproc) learns how many CPUs it has.  getcpu() says which CPU the
 * caller ran on at the moment of the call, which may have changed by the time it looks at the
 * answer; tests use it to see work spread over CPUs.
 */
#include <kernel/container.h>
#include <kernel/cpu.h>
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/uaccess.h>
#include <lib/compiler.h>
#include <lib/string.h>

#define MASK_BYTES (MAX_CPUS / 8 > 8 ? MAX_CPUS / 8 : 8)

/* The mask of online CPUs. */
static uint64_t online_mask(void)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);
	uint64_t mask = 0;

	for (unsigned int i = 0; i < n; i++) {
		if (__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE))
			mask |= 1ULL << i;
	}
	return mask;
}

/* The process pid names (0: the caller), or NULL; caller holds proc_lock. */
static struct proc *find_target(int pid)
{
	if (pid < 0)
		return NULL;
	return pid ? proc_find(pid) : current_proc();
}

/* The CPUs pid may run on, online ones only; returns the bytes written. */
long sys_sched_getaffinity(int pid, size_t size, uint64_t mask)
{
	uint8_t bits[MASK_BYTES];
	uint64_t allowed;
	unsigned long flags;
	struct proc *p;

	if (size < sizeof(bits) || size % sizeof(long))
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	p = find_target(pid);
	allowed = p ? READ_ONCE(p->task->cpus_allowed) & online_mask() : 0;
	spin_unlock_irqrestore(&proc_lock, flags);
	if (!p)
		return -ESRCH;
	memset(bits, 0, sizeof(bits));
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		if (allowed & (1ULL << i))
			bits[i / 8] |= (uint8_t)(1u << (i % 8));
	}
	if (copy_to_user(mask, bits, sizeof(bits)))
		return -EFAULT;
	return sizeof(bits);
}

/*
 * Confine pid to the CPUs of mask (size bytes; missing bytes are zeros), within its cpuset:
 * EINVAL if that leaves no CPU, EPERM unless the caller is root or its effective uid is the
 * target's real or effective uid, ESRCH.
 */
long sys_sched_setaffinity(int pid, size_t size, uint64_t umask)
{
	uint8_t bits[MASK_BYTES];
	const struct cred *me = current_cred();
	uint64_t wanted = 0, allowed;
	unsigned long flags;
	struct proc *p;
	int err = 0;

	memset(bits, 0, sizeof(bits));
	if (copy_from_user(bits, umask, MIN(size, sizeof(bits))))
		return -EFAULT;
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		if (bits[i / 8] & (1u << (i % 8)))
			wanted |= 1ULL << i;
	}
	flags = spin_lock_irqsave(&proc_lock);
	p = find_target(pid);
	if (!p) {
		err = -ESRCH;
	} else if (me->euid != 0 && me->euid != p->cred.uid && me->euid != p->cred.euid) {
		err = -EPERM;
	} else {
		allowed = wanted & cpuset_cpus_of(p) & online_mask();
		if (!allowed)
			err = -EINVAL;
		else
			task_set_cpus_allowed(p->task, allowed);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
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
