/*
 * Process groups and sessions (the design is in include/kernel/pgrp.h): setpgid, getpgid,
 * getpgrp, setsid, getsid, kill() for a whole group, and which groups are orphaned.
 *
 * The rules are Linux's.  setpgid() moves the caller or one of its children (ESRCH for
 * anyone else) into a group of the caller's session, an existing one or a new one named
 * after the moving process (EPERM otherwise, and for a session leader, which stays in its
 * own group).  setsid() makes the caller the leader of a new session and a new group, unless
 * a group already carries its pid (EPERM).  Not checked: setpgid() on a child that has
 * already called execve() (Linux says EACCES).
 */
#include <kernel/errno.h>
#include <kernel/pgrp.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>

bool pgrp_in_session(int pgid, int sid)
{
	struct proc *p;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link) {
		if (p->pgid == pgid && p->sid == sid)
			return true;
	}
	return false;
}

bool pgrp_exists(int pgid)
{
	struct proc *p;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link) {
		if (p->pgid == pgid)
			return true;
	}
	return false;
}

bool session_leader_alive(int sid)
{
	struct proc *leader = proc_find(sid);

	return leader && leader->sid == sid;
}

long pgrp_kill(struct proc *sender, int pgid, int sig, const struct signal_info *info)
{
	long err = -ESRCH;
	struct proc *p;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link) {
		if (p->pgid != pgid)
			continue;
		if (signal_kill_one(sender, p, sig, info) == 0)
			err = 0;
		else if (err == -ESRCH)
			err = -EPERM;
	}
	return err;
}

bool pgrp_orphaned(int pgid)
{
	struct proc *p;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link) {
		if (p->pgid != pgid || p->zombie || !p->parent)
			continue;
		if (p->parent->pgid != pgid && p->parent->sid == p->sid)
			return false;
	}
	return true;
}

bool pgrp_has_stopped(int pgid)
{
	struct proc *p;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link) {
		if (p->pgid == pgid && !p->zombie && p->sig.stopped)
			return true;
	}
	return false;
}

/* The caller itself (pid 0) or process pid, a zombie too; NULL if none.  Holds proc_lock. */
static struct proc *find_or_self(int pid)
{
	return pid == 0 ? current_proc() : proc_find_unreaped(pid);
}

/* setpgid()'s checks and the move itself; caller holds proc_lock. */
static long set_group(struct proc *self, struct proc *target, int pgid)
{
	if (!target || (target != self && target->parent != self))
		return -ESRCH;
	if (target->sid != self->sid || target->pid == target->sid)
		return -EPERM;
	if (pgid != target->pid && !pgrp_in_session(pgid, self->sid))
		return -EPERM;
	target->pgid = pgid;
	return 0;
}

long sys_setpgid(int pid, int pgid)
{
	struct proc *self = current_proc(), *target;
	unsigned long flags;
	long err;

	if (pgid < 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	target = find_or_self(pid);
	err = set_group(self, target, pgid ? pgid : (target ? target->pid : 0));
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

/* getpgid() (session false) and getsid() (true). */
static long get_id(int pid, bool session)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = find_or_self(pid);
	long id = !p ? -ESRCH : session ? p->sid : p->pgid;

	spin_unlock_irqrestore(&proc_lock, flags);
	return id;
}

long sys_getpgid(int pid)
{
	return get_id(pid, false);
}

long sys_getpgrp(void)
{
	return get_id(0, false);
}

long sys_getsid(int pid)
{
	return get_id(pid, true);
}

long sys_setsid(void)
{
	struct proc *self = current_proc();
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	long ret = self->pid;

	if (pgrp_exists(self->pid))
		ret = -EPERM;
	else
		self->pgid = self->sid = self->pid;
	spin_unlock_irqrestore(&proc_lock, flags);
	return ret;
}
