/*
 * Release notification: when a container that asked for it (notify_on_release) becomes idle,
 * having had a process or a child container and now having neither, the kernel runs its
 * hierarchy's release agent, a user program, with the container's path, so that user space
 * can clean up (remove it, say).  After Paul Menage's "Automatic userspace notification of
 * idle containers" (2007), which became cgroup v1's release agent.
 *
 *   mount -t container -o pids,release_agent=/sbin/container-reaper none /c
 *   mkdir /c/job; echo 1 > /c/job/notify_on_release
 *   ... the last process of /c/job exits ...
 *   the kernel runs: /sbin/container-reaper /job
 *
 * The way from a process's exit to the agent, and what each step may do:
 *
 *   1. exit: put_css_group_locked() (kernel/container.c) drops the last css_group of the
 *      container, with css_group_lock held and interrupts off; the container's count falls
 *      to 0 and it calls container_check_release().  A move out of the container ends the
 *      same way; container_remove() calls it for a parent whose last child went.
 *   2. container_check_release(): may not sleep, allocate or take container_mutex (its caller
 *      holds a spinlock).  It only puts the container on the release list, at most once, and
 *      schedules the release work (kernel/workqueue.c).
 *   3. release_work(), in the workqueue's kernel thread, may sleep: with container_mutex held
 *      it takes each container off the list, checks it is still idle and still wants
 *      notification, and copies out its path and the agent's, so that no one can change
 *      either halfway through (the 2007 code read the agent's path with no lock at all).
 *   4. call_usermodehelper() (kernel/umh.c), without container_mutex (an exec walks paths,
 *      which takes the VFS's locks, which come before container_mutex): a new process, in the
 *      top container of every hierarchy, execs the agent.  The work does not wait for it.
 *
 * rmdir takes a container off the list (container_release_cancel(), under container_mutex),
 * so no agent runs for a container removed before its turn came.  A container's memory is
 * freed through call_rcu() (kernel/container.c), never while a step above can still see it.
 */
#include <kernel/container.h>
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/spinlock.h>
#include <kernel/trace.h>
#include <kernel/umh.h>
#include <kernel/workqueue.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/string.h>

/* What a student can watch in /proc/container_release; each changed atomically. */
static struct {
	unsigned long queued;	 /* put on the release list */
	unsigned long started;	 /* an agent started (its exec succeeded) */
	unsigned long failed;	 /* an agent that could not be started (or no memory) */
	unsigned long cancelled; /* taken off the list by rmdir before its turn */
	unsigned long skipped;	 /* when its turn came: busy again, notify off, or no agent */
} counters;

#define COUNT(field) __atomic_fetch_add(&counters.field, 1, __ATOMIC_RELAXED)

static bool test_flag(struct container *cont, int bit)
{
	return __atomic_load_n(&cont->flags, __ATOMIC_ACQUIRE) & (1UL << bit);
}

/* LAB 6 BEGIN: the release list, its work item and the agent */
/* Containers waiting for their agent, oldest first, by release_link; release_list_lock. */
static LIST_HEAD(release_list);
/* Taken with interrupts off: container_check_release() runs inside css_group_lock. */
static struct spinlock release_list_lock = SPINLOCK_INIT("release_list");

static void release_work(struct work_struct *work);
static struct work_struct release_agent_work = WORK_INITIALIZER(release_agent_work, release_work);

/* Called with css_group_lock held, interrupts off (kernel/container.c). */
void container_check_release(struct container *cont)
{
	unsigned long irq;
	bool queued = false;

	/* A hierarchy's top is never released; nor a container never used, or not asking. */
	if (!cont->parent || !test_flag(cont, CONT_RELEASABLE) ||
	    !test_flag(cont, CONT_NOTIFY_ON_RELEASE))
		return;
	/*
	 * The caller's css_group_lock keeps cont's count at 0 and cont in the tree (rmdir
	 * checks the count under it); children are container_mutex's, so this look at them is
	 * only a hint, which release_work() checks again.
	 */
	if (cont->count != 0 || READ_ONCE(cont->children.next) != &cont->children)
		return;
	irq = spin_lock_irqsave(&release_list_lock);
	if (!test_flag(cont, CONT_REMOVED) && list_empty(&cont->release_link)) {
		list_add_tail(&cont->release_link, &release_list);
		COUNT(queued); /* under the lock: counted before the work can take it off */
		queued = true;
		tracepoint(TRACE_RELEASE_QUEUED, cont, cont->root->hierarchy_id);
	}
	spin_unlock_irqrestore(&release_list_lock, irq);
	if (queued)
		schedule_work(&release_agent_work);
}

void container_release_cancel(struct container *cont)
{
	unsigned long irq;

	assert_mutex_held(&container_mutex);
	irq = spin_lock_irqsave(&release_list_lock);
	if (!list_empty(&cont->release_link)) {
		list_del_init(&cont->release_link);
		COUNT(cancelled);
	}
	spin_unlock_irqrestore(&release_list_lock, irq);
}

/* The oldest container on the release list, taken off it; NULL when empty. */
static struct container *release_list_pop(void)
{
	struct container *cont = NULL;
	unsigned long irq = spin_lock_irqsave(&release_list_lock);

	if (!list_empty(&release_list)) {
		cont = list_first_entry(&release_list, struct container, release_link);
		list_del_init(&cont->release_link);
	}
	spin_unlock_irqrestore(&release_list_lock, irq);
	return cont;
}

/*
 * The agent and the container's path for cont, copied under container_mutex into agent and
 * path (PATH_MAX each): 0, or -1 when its turn is skipped (busy again, notify_on_release
 * cleared, no agent, or a path too long).
 */
static int prepare_release(struct container *cont, char *agent, char *path)
{
	const char *set = cont->root->release_agent;

	assert_mutex_held(&container_mutex);
	if (!set || !test_flag(cont, CONT_NOTIFY_ON_RELEASE) || !container_is_idle(cont))
		return -1;
	if (container_path(cont, path, PATH_MAX) < 0)
		return -1;
	strlcpy(agent, set, PATH_MAX);
	return 0;
}

/*
 * The agent's argv and envp, and the buffers behind them: only release_work() uses them,
 * and the workqueue's one thread runs one work item at a time.
 */
static char agent_path[PATH_MAX], container_path_buf[PATH_MAX];
static const char *const agent_envp[] = { "HOME=/", "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };

static void release_work(struct work_struct *work)
{
	const char *argv[] = { agent_path, container_path_buf, NULL };
	struct container *cont;

	mutex_lock(&container_mutex);
	while ((cont = release_list_pop()) != NULL) {
		int pid;

		if (prepare_release(cont, agent_path, container_path_buf) < 0) {
			COUNT(skipped);
			continue;
		}
		/* Off the list, cont may now be removed and freed: only the copies are used. */
		mutex_unlock(&container_mutex);
		pid = call_usermodehelper(agent_path, argv, agent_envp);
		if (pid < 0) {
			COUNT(failed);
			pr_warn_ratelimited("container: release agent %s for %s: %s (%d)\n",
					    agent_path, container_path_buf, errno_message(-pid),
					    pid);
		} else {
			COUNT(started);
		}
		mutex_lock(&container_mutex);
	}
	mutex_unlock(&container_mutex);
}
/* LAB 6 END */
/* LAB 6 STUB
void container_check_release(struct container *cont)
{
	pr_warn_once("lab 6: container_check_release() is yours to write,"
		     " see docs/labs/6-release.md\n");
}

void container_release_cancel(struct container *cont)
{
	assert_mutex_held(&container_mutex);
}
*/

long container_release_show(char *buf, size_t size)
{
	return snprintf(
	    buf, size, "queued %lu\nstarted %lu\nfailed %lu\ncancelled %lu\nskipped %lu\n",
	    READ_ONCE(counters.queued), READ_ONCE(counters.started), READ_ONCE(counters.failed),
	    READ_ONCE(counters.cancelled), READ_ONCE(counters.skipped));
}

/* ---- the files: notify_on_release, releasable, release_agent ---- */

static size_t notify_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%d\n", test_flag(cont, CONT_NOTIFY_ON_RELEASE));
}

static int notify_write(struct container *cont, uint64_t value)
{
	if (value)
		__atomic_fetch_or(&cont->flags, 1UL << CONT_NOTIFY_ON_RELEASE, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&cont->flags, ~(1UL << CONT_NOTIFY_ON_RELEASE),
				   __ATOMIC_RELEASE);
	return 0;
}

/* Whether cont would be released, were notify_on_release set and an agent given. */
static size_t releasable_show(struct container *cont, char *buf, size_t size)
{
	bool releasable =
	    cont->parent && test_flag(cont, CONT_RELEASABLE) && container_is_idle(cont);

	return (size_t)snprintf(buf, size, "%d\n", releasable);
}

static size_t agent_show(struct container *cont, char *buf, size_t size)
{
	const char *agent = cont->root->release_agent;

	return (size_t)snprintf(buf, size, "%s\n", agent ? agent : "");
}

/* Only root may choose the program the kernel runs as root (Linux's fix for CVE-2022-0492). */
static int agent_write(struct container *cont, char *text)
{
	if (current_cred()->euid != 0)
		return -EPERM;
	return container_set_release_agent(cont->root, text, strlen(text));
}

const struct cftype container_base_files[] = {
	{ .name = "notify_on_release",
	  .mode = 0644,
	  .show = notify_show,
	  .write_u64 = notify_write },
	{ .name = "releasable", .mode = 0444, .show = releasable_show },
	{ .name = "release_agent",
	  .mode = 0644,
	  .show = agent_show,
	  .write = agent_write,
	  .only_on_root = true },
	{ .name = NULL },
};
