/*
 * Task containers: groups of processes, arranged in trees, to which subsystems attach state
 * (kernel/container.c; the file system that shows them: fs/containerfs.c).  The design is Paul
 * Menage's Task Containers (2007), which became Linux's cgroups; what a user sees is Linux's
 * cgroup v1, with "container" where Linux says "cgroup".
 *
 *   hierarchy (struct container_root)  one tree of containers, mounted as a containerfs, with
 *                                      the subsystems bound to it (cpuacct, pids, ...)
 *   container                          one directory of a hierarchy: a group of processes
 *   container_subsys_state (css)       one subsystem's state for one container (its CPU time,
 *                                      its pid limit)
 *   css_group                          the states a process belongs to, one per subsystem, and
 *                                      its container in every hierarchy: shared by every
 *                                      process with the same set, reference counted
 *
 *   struct proc --css_group--> css_group --cont[h]----> container (one per hierarchy h)
 *                              |  tasks: its procs       |  css_groups: the css_groups using it
 *                              `--subsys[i]--> css --container--^
 *
 * Every subsystem is bound to exactly one hierarchy: until it is mounted, to the "dummy"
 * hierarchy 0, whose one container holds every process and is never shown.  So a process's
 * css_group always has a state for every subsystem.
 *
 * Locks, in the order they are taken:
 *
 *   container_mutex  (mutex) the trees: every container's parent, children, name and flags;
 *                    the hierarchies and what is bound to them; moving a process (attach).
 *                    Taken after vfs_lock and an inode's i_mutex.
 *   proc_lock        finding a process by pid (include/kernel/proc.h)
 *   css_group_lock   (spinlock) the table of css_groups, their task lists and each container's
 *                    list of css_groups; a css_group's last reference goes under it
 *   proc->task_lock  (spinlock) one process's css_group pointer and whether it is exiting
 *
 * A process's css_group pointer is read under rcu_read_lock() (or with interrupts off, which
 * holds off a grace period), and changed with container_mutex and the process's task_lock
 * held (attach), or by the process itself with its task_lock held as it exits.  A css_group is
 * freed through call_rcu() after its last process leaves, and a container after it is removed
 * and its last reference is gone, so that a reader inside a read section never sees either
 * freed.
 */
#ifndef KERNEL_CONTAINER_H
#define KERNEL_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/rcu.h>
#include <kernel/types.h>
#include <lib/kref.h>
#include <lib/list.h>

struct proc;
struct super_block;
struct dentry;
struct container;
struct container_subsys;

#define CONTAINER_MAX_HIERARCHIES 16 /* hierarchy 0, the dummy one, and 15 to mount */
#define CONTAINER_NAME_MAX	  64 /* name= of a hierarchy */

/* The subsystems, by id: their index in container_subsystems[] (kernel/container.c). */
enum container_subsys_id {
	cpuset_subsys_id,
	cpuacct_subsys_id,
	pids_subsys_id,
	debug_subsys_id,
	CONTAINER_SUBSYS_COUNT
};

/* One subsystem's state for one container.  The subsystem embeds it in its own structure. */
struct container_subsys_state {
	struct container *container;	       /* constant: the container whose state this is */
	struct container_subsys_state *parent; /* constant: the parent container's; NULL: a root */
};

/* A container's flags (container->flags; atomic bit operations). */
enum {
	CONT_REMOVED,	       /* rmdir'ed: nothing may join or be made in it */
	CONT_RELEASABLE,       /* has had a process or a child: may become idle */
	CONT_NOTIFY_ON_RELEASE /* tell user space when it becomes idle */
};

struct container {
	/* Constant once made: */
	struct container_root *root; /* its hierarchy */
	struct container *parent;    /* NULL for a hierarchy's top container */
	/* One state per subsystem bound to the hierarchy (NULL for the others); constant. */
	struct container_subsys_state *subsys[CONTAINER_SUBSYS_COUNT];

	/* container_mutex guards these: */
	char *name;		   /* its directory's name, kmalloc'd ("" for the top) */
	struct list_head children; /* its child containers, by sibling */
	struct list_head sibling;  /* on parent->children */
	struct dentry *dentry;	   /* its directory, pinned in the hierarchy's tree */
	unsigned long flags;	   /* CONT_*; changed atomically, read anywhere */

	/* On the release list while it waits for its agent, else empty; release_list_lock. */
	struct list_head release_link;

	/*
	 * css_group_lock guards these: the css_groups whose processes are in this container
	 * (struct css_group's cont_link[hierarchy id]), and their number.  A container with none
	 * and no children is idle: rmdir may remove it.
	 */
	struct list_head css_groups;
	int count;

	/* The references that keep the memory: the tree's, each inode's (so each open file's). */
	struct kref refcount;
	struct rcu_head rcu;
};

/* A hierarchy: one tree of containers and the subsystems bound to it. */
struct container_root {
	/* container_mutex guards all of these: */
	int hierarchy_id;	   /* 0 for the dummy one, else 1 .. CONTAINER_MAX_HIERARCHIES-1 */
	unsigned long subsys_bits; /* 1 << id of each subsystem bound to it */
	bool noprefix;		   /* files without the subsystem's prefix: "usage" */
	char name[CONTAINER_NAME_MAX]; /* name=, or "" */
	struct container top;	       /* the top container, its root directory */
	int number_of_containers;      /* top included */
	struct super_block *sb;	       /* its containerfs, NULL while unmounted */
	char *release_agent;	       /* the agent's path, kmalloc'd; NULL: none */
};

/* The set of states a process belongs to (see above). */
struct css_group {
	int refcount;		    /* its processes, and whoever holds it for a moment; atomic */
	struct list_head tasks;	    /* struct proc, by css_group_link; css_group_lock */
	struct list_head hash_link; /* on its bucket of the css_group table; css_group_lock */
	/* Constant once made: */
	struct container *cont[CONTAINER_MAX_HIERARCHIES]; /* NULL: no such hierarchy */
	struct container_subsys_state *subsys[CONTAINER_SUBSYS_COUNT];
	/* On cont[h]->css_groups, for each hierarchy h in use; css_group_lock. */
	struct list_head cont_link[CONTAINER_MAX_HIERARCHIES];
	struct rcu_head rcu;
};

/* ---- control files ---- */

/*
 * One control file of a container, made in each container of the hierarchy its subsystem is
 * bound to ("usage" of cpuacct is "cpuacct.usage"; "tasks" belongs to no subsystem).  show and
 * write run with container_mutex held, and may not sleep for long.
 */
struct cftype {
	const char *name;
	mode_t mode; /* 0644 for a file that can be written, 0444 for one that cannot */
	/* Write the text of the file into buf, as snprintf does: the length of the whole text. */
	size_t (*show)(struct container *cont, char *buf, size_t size);
	/* Take one write(2): text is NUL-terminated, a trailing newline removed.  0 or -errno. */
	int (*write)(struct container *cont, char *text);
	/* Or take the number it holds (u64), for files that write just that. */
	int (*write_u64)(struct container *cont, uint64_t value);
	bool not_on_root;  /* not in a hierarchy's top container (pids.max, as on Linux) */
	bool only_on_root; /* only in a hierarchy's top container (release_agent) */
};

/* The files every container has besides tasks (kernel/container_release.c); NULL name ends. */
extern const struct cftype container_base_files[];

/* ---- subsystems ---- */

/*
 * A subsystem: one file (kernel/container_NAME.c) defining one of these, and one line in
 * container_subsystems[].  Every callback but create may be NULL.
 */
struct container_subsys {
	const char *name; /* "cpuacct": the mount option, and the prefix of its files */
	int subsys_id;	  /* its index in container_subsystems[] */

	/*
	 * Make the state of a new container cont (for the subsystem's first, boot-time state,
	 * cont is the dummy hierarchy's top and parent is NULL).  The subsystem allocates its own
	 * structure, with the css embedded; NULL when out of memory.  container_mutex held.
	 */
	struct container_subsys_state *(*create)(struct container *cont,
						 struct container_subsys_state *parent);
	/* Free a state made by create: its container is gone and a grace period has passed. */
	void (*destroy)(struct container_subsys_state *css);
	/* Whether p may move into cont: 0, or the errno the write to tasks fails with. */
	int (*can_attach)(struct container *cont, struct proc *p);
	/*
	 * p moved from old to cont (charges move with it: a move is never refused for a limit).
	 * container_mutex and proc_lock held: may not sleep.
	 */
	void (*attach)(struct container *cont, struct container *old, struct proc *p);
	/*
	 * A fork: child will join css (its parent's state).  0, or an errno the fork fails with
	 * (the pids limit: EAGAIN).  Called with css_group_lock held: may not sleep.
	 */
	int (*fork)(struct container_subsys_state *css, struct proc *child);
	/*
	 * p leaves css for good as it exits, or after a refused fork the fork callbacks that
	 * accepted it (a move calls attach instead).  css_group_lock held: may not sleep.
	 */
	void (*exit)(struct container_subsys_state *css, struct proc *p);
	/* The subsystem's control files, ended by an entry with a NULL name. */
	const struct cftype *files;
};

extern struct container_subsys *const container_subsystems[CONTAINER_SUBSYS_COUNT];
extern struct container_subsys cpuset_subsys, cpuacct_subsys, pids_subsys, debug_subsys;

/* The container of p in the hierarchy subsystem id is bound to, and its state; rcu_read_lock
 * or container_mutex held. */
struct container_subsys_state *task_css(struct proc *p, int subsys_id);

/* The state of subsystem id in container cont (NULL if it is not bound to its hierarchy). */
static inline struct container_subsys_state *container_css(struct container *cont, int subsys_id)
{
	return cont->subsys[subsys_id];
}

/* ---- the machinery, for the subsystems and the file system ---- */

extern struct mutex container_mutex;

/* Set up the dummy hierarchy and every subsystem's first state; init's css_group.  At boot. */
void container_init(void);

/* The number of processes in cont (walking its css_groups); container_mutex held. */
int container_task_count(struct container *cont);

/* The number of css_groups in the system; and the current process's css_group. */
int container_css_group_count(void);
struct css_group *container_current_css_group(void);

/*
 * Call fn(p, arg) for every process in cont, css_group_lock held (fn may not sleep); stops
 * when fn returns false.  container_mutex held.
 */
void container_for_each_task(struct container *cont, bool (*fn)(struct proc *p, void *arg),
			     void *arg);

/*
 * Move the process with this pid (0: the caller) into cont, as a write of the pid to tasks
 * does: -ESRCH (no such process), -EACCES (not root, and not the process's owner), the
 * subsystems' can_attach errors, -ENODEV (cont was removed).  container_mutex held.
 */
int container_attach_pid(struct container *cont, int pid);

/* Move p into cont; container_mutex and proc_lock held (p cannot be reaped meanwhile). */
int container_attach(struct container *cont, struct proc *p);

/* ---- hierarchies (for fs/containerfs.c; container_mutex held) ---- */

/* What mount's options asked for. */
struct container_mount_opts {
	unsigned long subsys_bits;
	bool subsys_named; /* subsystems, "all" or "none" given (else: all, or a remount's own) */
	bool none;	   /* "none": no subsystems */
	bool noprefix;	   /* "noprefix" */
	char name[CONTAINER_NAME_MAX];
	const char *release_agent; /* "release_agent=PATH": PATH, in the option string; or NULL */
	size_t release_agent_len;
};

/*
 * Parse mount's option string: 0, or -EINVAL for an unknown option or subsystem (as Linux
 * answers both), none with subsystems or without a name, a bad name, noprefix with a
 * subsystem other than cpuset, or release_agent= twice; -ENAMETOOLONG for an agent's path of
 * PATH_MAX bytes or more.  opts points into data, which must outlive it.
 */
int container_parse_options(const char *data, struct container_mount_opts *opts);

/*
 * The hierarchy these options name: the one already bound to exactly these subsystems (and
 * name), or a new one binding them.  -EBUSY if a subsystem is bound to another hierarchy, or
 * the name to one with other subsystems; -ENOSPC when every hierarchy slot is taken.
 */
int container_root_get(const struct container_mount_opts *opts, struct container_root **out);

/* Whether root has containers below its top (it then outlives its last unmount). */
bool container_root_has_children(struct container_root *root);

/*
 * Change a mounted hierarchy as mount -o remount asks: its release agent, at any time; its
 * subsystems only while it has no child containers (-EBUSY), each one free (-EBUSY); never its
 * name or noprefix (-EINVAL).  Subsystems named nowhere in opts stay as they are.  *added and
 * *removed say which subsystems came and went, for the file system to make and drop files.
 */
int container_root_remount(struct container_root *root, const struct container_mount_opts *opts,
			   unsigned long *added, unsigned long *removed);

/* Set root's release agent to path[0..len) (len 0: none): 0 or -ENOMEM. */
int container_set_release_agent(struct container_root *root, const char *path, size_t len);

/* Undo a hierarchy with no child containers: its subsystems go back to the dummy one. */
void container_root_destroy(struct container_root *root);

/* The hierarchy's options as /proc/mounts shows them ("cpuacct,noprefix,name=x"). */
size_t container_root_show_options(struct container_root *root, char *buf, size_t size);

/*
 * Make a child container of parent called name (copied), with its subsystems' states:
 * -ENOMEM, -ENODEV if parent was removed.  The caller makes its directory.
 */
int container_create(struct container *parent, const char *name, struct container **out);

/* Remove cont (rmdir): -EBUSY while it has processes or children.  The caller unpins its
 * directory; the container is freed once the last reference (an open file's) is gone. */
int container_remove(struct container *cont);

/* Rename cont (its directory was renamed within its parent): 0 or -ENOMEM. */
int container_rename(struct container *cont, const char *name);

/* Take and drop a reference to a container's memory (open files, inodes). */
void container_get(struct container *cont);
void container_put(struct container *cont);

/*
 * The path of cont in its hierarchy ("/", "/a/b") into buf: the length, or -ENAMETOOLONG if
 * it does not fit.  container_mutex held.
 */
int container_path(struct container *cont, char *buf, size_t size);

/* ---- hooks in the rest of the kernel ---- */

/* A process without a parent (init) starts in every hierarchy's top container. */
void container_init_proc(struct proc *p);

/* fork: child joins parent's css_group; 0, or an errno a subsystem refused it with. */
int container_fork(struct proc *child, struct proc *parent);

/* exit: p leaves its containers for good, without sleeping (it ends in init's css_group). */
void container_exit(struct proc *p);

/* p is freed (reaped, or a failed fork): drop its reference to its css_group. */
void container_free_proc(struct proc *p);

/* ---- release notification (kernel/container_release.c) ---- */

/*
 * cont may have become idle (its count of css_groups fell to 0, or it lost its last child):
 * if it asked for notification, queue it for the release agent.  Never sleeps or allocates.
 * css_group_lock held (so cont's count cannot change, and cont cannot be removed meanwhile).
 */
void container_check_release(struct container *cont);

/* cont is being removed: take it off the release list if it waits there.  container_mutex. */
void container_release_cancel(struct container *cont);

/* Whether cont has no processes and no child containers; container_mutex held. */
bool container_is_idle(struct container *cont);

/* The release counters as text, for /proc/container_release (snprintf's contract). */
long container_release_show(char *buf, size_t size);

/* The CPUs of p's cpuset (sched_setaffinity() stays within them). */
uint64_t cpuset_cpus_of(struct proc *p);

/* CPU time: the scheduler charges a process for the time it ran, at each switch and tick. */
void container_charge(struct proc *p, uint64_t ns);

/* /proc/<pid>/container and /proc/containers (fs/procfs.c), as procfs's show functions. */
long container_show_proc(int pid, char *buf, size_t size);
long container_show_summary(char *buf, size_t size);

#endif
