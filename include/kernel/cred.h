/*
 * Credentials: who a process is.  The system calls that read and change them are in
 * kernel/cred.c; the file system's checks against them, in fs/permission.c.
 *
 * Linux's model, without capabilities: root is uid 0.  A process has three user ids, three
 * group ids, a copy of the effective ones for the file system, and supplementary groups:
 *
 *   real (uid, gid)         who it is: access() checks with these, kill() compares them
 *   effective (euid, egid)  whom it acts as: euid 0 may change ids, mount, power off ...
 *   saved (suid, sgid)      an id it may take back: a root process that sets its euid to 1000
 *                           keeps suid 0, and so may set euid 0 again
 *   fs (fsuid, fsgid)       whom the file system checks (owner, group, root): always the
 *                           effective ids, except inside access(), which uses the real ones
 *   groups                  more groups whose permission bits apply to it, in increasing order
 *
 * A process whose euid is not 0 may set each of its uids only to one of its three current
 * uids (and gids likewise); with euid 0 it may set any.  fork() copies all of it; execve()
 * keeps it (set-user-ID programs change no ids in Corral).
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include <stdbool.h>
#include <kernel/types.h>

/*
 * The most supplementary groups a process may have (setgroups() past it: EINVAL): newlib's
 * NGROUPS_MAX in <limits.h>, and BSD's; Linux allows 65536.
 */
#define NGROUPS_MAX 16

struct cred {
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	unsigned int ngroups;
	gid_t groups[NGROUPS_MAX]; /* groups[0 .. ngroups - 1], in increasing order */
};

/* Root's: what a kernel thread acts with, and what init starts with. */
extern const struct cred root_cred;

/* The credentials the current task acts with: its process's, or root_cred in a kernel thread. */
const struct cred *current_cred(void);

/* Whether cred may change ids, mount, power off ...: its effective uid is 0. */
static inline bool cred_privileged(const struct cred *cred)
{
	return cred->euid == 0;
}

/* Whether the file system lets cred pass its checks as root: its fs uid is 0. */
static inline bool cred_fs_root(const struct cred *cred)
{
	return cred->fsuid == 0;
}

/* Whether gid is cred's fs gid or one of its supplementary groups (Linux's in_group_p()). */
bool cred_in_group(const struct cred *cred, gid_t gid);

struct proc;

/*
 * Make p's fs ids fsuid and fsgid, for access(), which checks with the real ids; it puts the
 * effective ones back after.  Only p itself calls this.
 */
void cred_set_fs_ids(struct proc *p, uid_t fsuid, gid_t fsgid);

#endif
