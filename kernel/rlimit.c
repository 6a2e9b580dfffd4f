/*
 * Resource limits (include/kernel/rlimit.h): the system calls getrlimit, setrlimit and
 * prlimit64 with Linux's rules, and the limits on the number of processes that fork() checks.
 *
 * threads-max.  Linux allows as many threads as would fill an eighth of memory with their
 * kernel stacks alone.  A Corral process costs more than its stack before it does anything:
 * its struct task and struct proc, a descriptor table, the page tables of its address space
 * and the pages that copy-on-write gives it at its first writes (its stack, its data), about
 * PROC_MIN_BYTES in all.  procs_max lets processes that small take half of the memory, so a
 * fork bomb meets EAGAIN with memory left for the rest of the machine, and for the bomb's
 * processes to run.  It is at least PROCS_MAX_LOW and at most what the kernel-stack area holds.
 *
 * RLIMIT_NPROC.  init starts with half of procs_max, as Linux's init does, for the soft and
 * the hard limit.  A user's processes are counted, when a fork asks, by a walk of the list of
 * all processes under proc_lock (Linux keeps a count per user): zombies count until they are
 * reaped, as on Linux.  Root is exempt from it, but not from threads-max.
 *
 * Locking: a process's rlim is written under proc_lock (by itself, or by prlimit64() from
 * another process) and read under it, since a struct of two words is not read in one go.
 */
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/rlimit.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/uaccess.h>
#include <lib/compiler.h>
#include <arch/memlayout.h>

#define PROC_MIN_BYTES (64 * 1024) /* what a process costs at least (see the top) */
#define PROCS_MAX_LOW  20	   /* Linux's MIN_THREADS */

int procs_max;

void rlimit_init(void)
{
	uint64_t half = total_page_count() * PAGE_SIZE / 2;
	uint64_t max = half / PROC_MIN_BYTES;

	if (max > KSTACK_SLOTS - KTHREAD_STACKS)
		max = KSTACK_SLOTS - KTHREAD_STACKS;
	if (max < PROCS_MAX_LOW)
		max = PROCS_MAX_LOW;
	procs_max = (int)max;
	pr_info("rlimit: threads-max %d, RLIMIT_NPROC %d\n", procs_max, procs_max / 2);
}

void rlimit_init_proc(struct proc *p, const struct proc *parent)
{
	if (parent) {
		unsigned long flags = spin_lock_irqsave(&proc_lock);

		for (int i = 0; i < RLIM_NLIMITS; i++)
			p->rlim[i] = parent->rlim[i];
		spin_unlock_irqrestore(&proc_lock, flags);
		return;
	}
	for (int i = 0; i < RLIM_NLIMITS; i++)
		p->rlim[i] = (struct rlimit_user){ RLIM_INFINITY, RLIM_INFINITY };
	p->rlim[RLIMIT_NPROC] = (struct rlimit_user){ procs_max / 2, procs_max / 2 };
	p->rlim[RLIMIT_NOFILE] = (struct rlimit_user){ FDTABLE_SIZE, FDTABLE_SIZE };
}

/* The processes, zombies too, whose real uid is uid.  Caller holds proc_lock. */
static uint64_t count_user_procs(uid_t uid)
{
	struct proc *p;
	uint64_t n = 0;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link)
		n += p->cred.uid == uid;
	return n;
}

int rlimit_may_fork(const struct proc *parent)
{
	const struct cred *cred = &parent->cred;

	assert_spin_locked(&proc_lock);
	if (proc_count >= procs_max)
		return -EAGAIN;
	if (cred->uid == 0 || cred_privileged(cred))
		return 0;
	if (count_user_procs(cred->uid) >= parent->rlim[RLIMIT_NPROC].rlim_cur)
		return -EAGAIN;
	return 0;
}

uint64_t rlimit_current(int resource)
{
	struct proc *p = current_proc();
	unsigned long flags;
	uint64_t value;

	if (!p)
		return RLIM_INFINITY;
	flags = spin_lock_irqsave(&proc_lock);
	value = p->rlim[resource].rlim_cur;
	spin_unlock_irqrestore(&proc_lock, flags);
	return value;
}

/* ---- the system calls ---- */

/*
 * The checks of Linux's do_prlimit() that need no process: an unknown resource or a soft limit
 * above the hard one is EINVAL; RLIMIT_NOFILE never goes past the descriptor table (Linux's
 * nr_open): EPERM.
 */
static int prlimit_check(unsigned int resource, const struct rlimit_user *new)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new &&new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new &&resource == RLIMIT_NOFILE &&new->rlim_max > FDTABLE_SIZE)
		return -EPERM;
	return 0;
}

/*
 * The rest of do_prlimit(): read p's limit of resource into *old and set it to *new (either
 * may be NULL); raising the hard limit takes root (EPERM).  Caller holds proc_lock.
 */
static int prlimit_locked(struct proc *p, unsigned int resource, const struct rlimit_user *new,
			  struct rlimit_user *old)
{
	assert_spin_locked(&proc_lock);
	if (new &&new->rlim_max > p->rlim[resource].rlim_max && !cred_privileged(current_cred()))
		return -EPERM;
	if (old)
		*old = p->rlim[resource];
	if (new)
		p->rlim[resource] = *new;
	return 0;
}

/*
 * Linux's check_prlimit_permission(): another process's limits, read or written, take root, or
 * a caller whose real uid and gid are all three of the target's uids and gids.  Caller holds
 * proc_lock.
 */
static bool may_prlimit(const struct cred *caller, const struct cred *target)
{
	if (cred_privileged(caller))
		return true;
	return caller->uid == target->uid && caller->uid == target->euid &&
	       caller->uid == target->suid && caller->gid == target->gid &&
	       caller->gid == target->egid && caller->gid == target->sgid;
}

/*
 * do_prlimit() on the process pid names (0: the caller; a zombie too, until it is reaped), as
 * prlimit64() does: ESRCH without one, EPERM when the caller may not (may_prlimit()).  The
 * lookup and the change share one hold of proc_lock, so the process cannot be reaped between.
 */
static int do_prlimit(int pid, unsigned int resource, const struct rlimit_user *new,
		      struct rlimit_user *old)
{
	struct proc *self = current_proc(), *p;
	unsigned long flags;
	int err;

	flags = spin_lock_irqsave(&proc_lock);
	p = pid ? proc_find_unreaped(pid) : self;
	if (!p)
		err = -ESRCH;
	else if (p != self && !may_prlimit(&self->cred, &p->cred))
		err = -EPERM;
	else if ((err = prlimit_check(resource, new)) == 0)
		err = prlimit_locked(p, resource, new, old);
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

long sys_getrlimit(unsigned int resource, uint64_t urlim)
{
	struct rlimit_user value;
	int err = do_prlimit(0, resource, NULL, &value);

	return err ? err : copy_to_user(urlim, &value, sizeof(value));
}

long sys_setrlimit(unsigned int resource, uint64_t urlim)
{
	struct rlimit_user value;

	if (copy_from_user(&value, urlim, sizeof(value)))
		return -EFAULT;
	return do_prlimit(0, resource, &value, NULL);
}

/* The new limit is read first (EFAULT), then the process found, then the rest checked. */
long sys_prlimit64(int pid, unsigned int resource, uint64_t unew, uint64_t uold)
{
	struct rlimit_user new, old;
	int err;

	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (pid < 0)
		return -ESRCH;
	err = do_prlimit(pid, resource, unew ? &new : NULL, uold ? &old : NULL);
	if (!err && uold)
		err = copy_to_user(uold, &old, sizeof(old));
	return err;
}
