/*
 * Process groups and sessions (kernel/pgrp.c), as POSIX and Linux have them.
 *
 * Every process is in one process group (proc->pgid) and one session (proc->sid).  A group
 * is a job, which the shell makes with setpgid() and signals as a whole with kill(-pgid, sig);
 * a session is a login, which setsid() starts and which owns at most one controlling
 * terminal, the console (fs/console.c).  The console's foreground group gets the signals
 * its keys send (^C: SIGINT, ^Z: SIGTSTP).  fork() puts the child in its parent's group and
 * session (proc_link()); init starts group and session 1.
 *
 * A group is orphaned when no member's parent could continue it (pgrp_orphaned()): then the
 * terminal's stop signals do not stop it, and when an exit orphans a group with a stopped
 * member, every member gets SIGHUP and SIGCONT (kernel/exit.c).
 *
 * A group or session is only a number: it exists while some process not yet reaped (a zombie
 * counts) carries it.  Every function here expects proc_lock held.
 */
#ifndef KERNEL_PGRP_H
#define KERNEL_PGRP_H

#include <stdbool.h>

struct proc;
struct signal_info;

/* Whether some process is in group pgid. */
bool pgrp_exists(int pgid);

/* Whether some process of session sid is in group pgid. */
bool pgrp_in_session(int pgid, int sid);

/* Whether session sid's leader (the process whose pid it is) is alive and still leads it. */
bool session_leader_alive(int sid);

/*
 * kill() for a group: send sig (0: only check) to every member sender may signal (sender NULL:
 * the kernel, which may signal all).  0 if one got it, -EPERM if none could, -ESRCH if the
 * group has no member.  Zombies are members until they are reaped: they count, but take no
 * signal.
 */
long pgrp_kill(struct proc *sender, int pgid, int sig, const struct signal_info *info);

/*
 * Whether group pgid is orphaned, as POSIX defines it: no living member has a parent in
 * another group of the same session, the only place a shell could continue the group from
 * after a stop.  (Linux also leaves out parents that are init; Corral, whose init may be the
 * shell, does not.)  Its members do not stop for the terminal's stop signals.
 */
bool pgrp_orphaned(int pgid);

/* Whether a living member of group pgid is stopped. */
bool pgrp_has_stopped(int pgid);

#endif
