/*
 * Credentials (include/kernel/cred.h): the system calls that read and change a process's user
 * and group ids, its supplementary groups and its umask, with Linux's rules and errors.
 *
 * A call that changes ids works on a copy of the caller's credentials, applies the rule to
 * the copy (a process whose effective uid is not 0 may only move ids it already has in one of
 * its three places), and commits it under proc_lock: procfs and kill(), which read other
 * processes' credentials under proc_lock, see the old ids or the new ones, never a mix.  The
 * fs ids follow the effective ones at every change.
 */
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/stat.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>

#define ID_UNCHANGED ((uint32_t)-1) /* setreuid(), setresuid() ...: leave this id as it is */

const struct cred root_cred; /* every id 0, no supplementary groups */

const struct cred *current_cred(void)
{
	struct proc *p = current_proc();

	return p ? &p->cred : &root_cred;
}

bool cred_in_group(const struct cred *cred, gid_t gid)
{
	if (gid == cred->fsgid)
		return true;
	for (unsigned int i = 0; i < cred->ngroups; i++)
		if (cred->groups[i] == gid)
			return true;
	return false;
}

/* Make new the caller's credentials, its fs ids following the effective ones. */
static void cred_commit(struct cred *new)
{
	struct proc *self = current_proc();
	unsigned long flags;

	new->fsuid = new->euid;
	new->fsgid = new->egid;
	flags = spin_lock_irqsave(&proc_lock);
	self->cred = *new;
	spin_unlock_irqrestore(&proc_lock, flags);
}

void cred_set_fs_ids(struct proc *p, uid_t fsuid, gid_t fsgid)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	p->cred.fsuid = fsuid;
	p->cred.fsgid = fsgid;
	spin_unlock_irqrestore(&proc_lock, flags);
}

/* ---- reading them ---- */

long sys_getuid(void)
{
	return current_cred()->uid;
}

long sys_geteuid(void)
{
	return current_cred()->euid;
}

long sys_getgid(void)
{
	return current_cred()->gid;
}

long sys_getegid(void)
{
	return current_cred()->egid;
}

/* The three ids of one kind, user or group: the rules below are the same for both. */
struct ids {
	uint32_t real, effective, saved;
};

static struct ids uids_of(const struct cred *cred)
{
	return (struct ids){ cred->uid, cred->euid, cred->suid };
}

static struct ids gids_of(const struct cred *cred)
{
	return (struct ids){ cred->gid, cred->egid, cred->sgid };
}

/* getresuid(), getresgid(): the real, effective and saved id, in that order (EFAULT). */
static long put_ids(struct ids ids, uint64_t real, uint64_t effective, uint64_t saved)
{
	if (copy_to_user(real, &ids.real, sizeof(uint32_t)) ||
	    copy_to_user(effective, &ids.effective, sizeof(uint32_t)) ||
	    copy_to_user(saved, &ids.saved, sizeof(uint32_t)))
		return -EFAULT;
	return 0;
}

long sys_getresuid(uint64_t ruid, uint64_t euid, uint64_t suid)
{
	return put_ids(uids_of(current_cred()), ruid, euid, suid);
}

long sys_getresgid(uint64_t rgid, uint64_t egid, uint64_t sgid)
{
	return put_ids(gids_of(current_cred()), rgid, egid, sgid);
}

/* ---- the rules ---- */

static bool ids_hold(const struct ids *ids, uint32_t id)
{
	return id == ids->real || id == ids->effective || id == ids->saved;
}

/*
 * setuid(), setgid(): with privilege, all three ids; without, the effective id alone, and only
 * to the real or the saved one.  -1 is no id (EINVAL).
 */
static int ids_set(struct ids *ids, uint32_t id, bool privileged)
{
	if (id == ID_UNCHANGED)
		return -EINVAL;
	if (privileged) {
		ids->real = ids->effective = ids->saved = id;
		return 0;
	}
	if (id != ids->real && id != ids->saved)
		return -EPERM;
	ids->effective = id;
	return 0;
}

/*
 * setreuid(), setregid(): the real id may become the effective one, the effective any of the
 * three (anything, with privilege).  The saved id follows the new effective one when the real
 * id is set, or the effective id is set to other than the old real one.
 */
static int ids_set_re(struct ids *ids, uint32_t real, uint32_t effective, bool privileged)
{
	struct ids old = *ids;

	if (real != ID_UNCHANGED) {
		if (!privileged && real != old.real && real != old.effective)
			return -EPERM;
		ids->real = real;
	}
	if (effective != ID_UNCHANGED) {
		if (!privileged && !ids_hold(&old, effective))
			return -EPERM;
		ids->effective = effective;
	}
	if (real != ID_UNCHANGED || (effective != ID_UNCHANGED && effective != old.real))
		ids->saved = ids->effective;
	return 0;
}

/* setresuid(), setresgid(): each id that is not -1 to any of the three (anything, with privilege).
 */
static int ids_set_res(struct ids *ids, const uint32_t want[3], bool privileged)
{
	uint32_t *place[3] = { &ids->real, &ids->effective, &ids->saved };
	struct ids old = *ids;

	for (int i = 0; i < 3; i++)
		if (!privileged && want[i] != ID_UNCHANGED && !ids_hold(&old, want[i]))
			return -EPERM;
	for (int i = 0; i < 3; i++)
		if (want[i] != ID_UNCHANGED)
			*place[i] = want[i];
	return 0;
}

/* ---- changing them ---- */

enum id_call { CALL_SET, CALL_SET_RE, CALL_SET_RES };

/* Apply one of the calls to the caller's uids (or gids), and commit them if it allows it. */
static long change_ids(bool gids, enum id_call call, const uint32_t args[3])
{
	struct cred new = *current_cred();
	struct ids ids = gids ? gids_of(&new) : uids_of(&new);
	bool privileged = cred_privileged(&new);
	int err;

	if (call == CALL_SET)
		err = ids_set(&ids, args[0], privileged);
	else if (call == CALL_SET_RE)
		err = ids_set_re(&ids, args[0], args[1], privileged);
	else
		err = ids_set_res(&ids, args, privileged);
	if (err)
		return err;
	if (gids) {
		new.gid = ids.real;
		new.egid = ids.effective;
		new.sgid = ids.saved;
	} else {
		new.uid = ids.real;
		new.euid = ids.effective;
		new.suid = ids.saved;
	}
	cred_commit(&new);
	return 0;
}

long sys_setuid(uid_t uid)
{
	uint32_t args[3] = { uid };

	return change_ids(false, CALL_SET, args);
}

long sys_setgid(gid_t gid)
{
	uint32_t args[3] = { gid };

	return change_ids(true, CALL_SET, args);
}

long sys_setreuid(uid_t ruid, uid_t euid)
{
	uint32_t args[3] = { ruid, euid };

	return change_ids(false, CALL_SET_RE, args);
}

long sys_setregid(gid_t rgid, gid_t egid)
{
	uint32_t args[3] = { rgid, egid };

	return change_ids(true, CALL_SET_RE, args);
}

long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	uint32_t args[3] = { ruid, euid, suid };

	return change_ids(false, CALL_SET_RES, args);
}

long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	uint32_t args[3] = { rgid, egid, sgid };

	return change_ids(true, CALL_SET_RES, args);
}

/* ---- supplementary groups ---- */

/*
 * getgroups(): the number of groups, and with size > 0 the groups themselves in list
 * (EINVAL if they do not fit, or size is negative).
 */
long sys_getgroups(int size, uint64_t list)
{
	const struct cred *cred = current_cred();

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return cred->ngroups;
	if ((unsigned int)size < cred->ngroups)
		return -EINVAL;
	if (copy_to_user(list, cred->groups, cred->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return cred->ngroups;
}

/* Insertion sort: the list is short, and kept in order as Linux keeps it. */
static void sort_groups(gid_t *groups, unsigned int count)
{
	for (unsigned int i = 1; i < count; i++) {
		gid_t gid = groups[i];
		unsigned int j = i;

		for (; j > 0 && groups[j - 1] > gid; j--)
			groups[j] = groups[j - 1];
		groups[j] = gid;
	}
}

/*
 * setgroups(): replace the caller's supplementary groups, root only (EPERM); more than
 * NGROUPS_MAX is EINVAL, and so is gid -1.
 */
long sys_setgroups(int size, uint64_t list)
{
	struct cred new = *current_cred();
	unsigned int count = (unsigned int)size;

	if (!cred_privileged(&new))
		return -EPERM;
	if (count > NGROUPS_MAX)
		return -EINVAL;
	if (count && copy_from_user(new.groups, list, count * sizeof(gid_t)))
		return -EFAULT;
	for (unsigned int i = 0; i < count; i++)
		if (new.groups[i] == (gid_t)ID_UNCHANGED)
			return -EINVAL;
	sort_groups(new.groups, count);
	new.ngroups = count;
	cred_commit(&new);
	return 0;
}

/* ---- the umask ---- */

/* umask(): set the bits a new file, directory or node never gets; returns the old mask. */
long sys_umask(int mask)
{
	struct proc *self = current_proc();
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	mode_t old = self->umask;

	self->umask = (mode_t)mask & S_IRWXUGO;
	spin_unlock_irqrestore(&proc_lock, flags);
	return old;
}
