/*
 * pids, the process-number subsystem (Linux 4.3's): pids.current counts the processes of a
 * container and its descendants, and pids.max ("max", or a number) limits it.  A fork that
 * would take any container on the way up to the top above its limit fails with EAGAIN, so a
 * fork bomb inside a container stays inside its limit and the rest of the machine goes on.
 *
 * A fork charges one process to the child's container and every ancestor, atomically, and
 * takes it all back if any of them went over its limit; an exit uncharges.  A move carries
 * the charge from the old container to the new one, and is never refused: a limit stops new
 * processes, not old ones arriving (as on Linux).  Unlike Linux, which counts a zombie until
 * it is reaped, a process stops counting when it exits.
 */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <lib/format.h>
#include <lib/stddef.h>
#include <lib/string.h>

#define PIDS_MAX   INT64_MAX /* "max": no limit */
#define PIDS_LIMIT 4194304   /* the largest number pids.max takes (Linux's PID_MAX_LIMIT) */

struct pids {
	struct container_subsys_state css;
	int64_t counter; /* processes here and below; atomic */
	int64_t limit;	 /* pids.max; PIDS_MAX for none; READ_ONCE */
};

static struct pids *css_pids(struct container_subsys_state *css)
{
	return container_of(css, struct pids, css);
}

static struct container_subsys_state *pids_create(struct container *cont,
						  struct container_subsys_state *parent)
{
	struct pids *pids = kzalloc(sizeof(*pids));

	if (!pids)
		return NULL;
	pids->limit = PIDS_MAX;
	return &pids->css;
}

static void pids_destroy(struct container_subsys_state *css)
{
	kfree(css_pids(css));
}

/* LAB 5 BEGIN: the counting and the limit */
/* Add n to the counters of css and its ancestors, up to (not including) stop. */
static void pids_add(struct container_subsys_state *css, struct container_subsys_state *stop,
		     int64_t n)
{
	for (; css != stop; css = css->parent)
		__atomic_add_fetch(&css_pids(css)->counter, n, __ATOMIC_RELAXED);
}

static int pids_fork(struct container_subsys_state *css, struct proc *child)
{
	for (struct container_subsys_state *at = css; at; at = at->parent) {
		struct pids *pids = css_pids(at);
		int64_t now = __atomic_add_fetch(&pids->counter, 1, __ATOMIC_RELAXED);

		if (now > READ_ONCE(pids->limit)) {
			pids_add(css, at->parent,
				 -1); /* every level charged so far, this one too */
			return -EAGAIN;
		}
	}
	return 0;
}

static void pids_exit(struct container_subsys_state *css, struct proc *p)
{
	pids_add(css, NULL, -1);
}

static void pids_attach(struct container *cont, struct container *old, struct proc *p)
{
	pids_add(container_css(old, pids_subsys_id), NULL, -1);
	pids_add(container_css(cont, pids_subsys_id), NULL, 1);
}
/* LAB 5 END */
/* LAB 5 STUB
static int pids_fork(struct container_subsys_state *css, struct proc *child)
{
	pr_warn_once("lab 5: pids_fork(), pids_exit() and pids_attach() are yours to write,"
		     " see docs/labs/5-pids.md\n");
	return 0;
}

static void pids_exit(struct container_subsys_state *css, struct proc *p)
{
}

static void pids_attach(struct container *cont, struct container *old, struct proc *p)
{
}
*/

static size_t max_show(struct container *cont, char *buf, size_t size)
{
	int64_t limit = READ_ONCE(css_pids(container_css(cont, pids_subsys_id))->limit);

	if (limit == PIDS_MAX)
		return (size_t)snprintf(buf, size, "max\n");
	return (size_t)snprintf(buf, size, "%ld\n", (long)limit);
}

static int max_write(struct container *cont, char *text)
{
	struct pids *pids = css_pids(container_css(cont, pids_subsys_id));
	int64_t limit = 0;

	if (strcmp(text, "max") == 0) {
		WRITE_ONCE(pids->limit, PIDS_MAX);
		return 0;
	}
	if (!*text)
		return -EINVAL;
	for (const char *c = text; *c; c++) {
		if (*c < '0' || *c > '9')
			return -EINVAL;
	}
	for (const char *c = text; *c; c++) {
		if (limit > (INT64_MAX - 9) / 10)
			return -ERANGE; /* beyond a 64-bit number, as Linux's kstrtoll() says */
		limit = limit * 10 + (*c - '0');
	}
	if (limit > PIDS_LIMIT)
		return -EINVAL;
	WRITE_ONCE(pids->limit, limit);
	return 0;
}

static size_t current_show(struct container *cont, char *buf, size_t size)
{
	struct pids *pids = css_pids(container_css(cont, pids_subsys_id));

	return (size_t)snprintf(buf, size, "%ld\n",
				(long)__atomic_load_n(&pids->counter, __ATOMIC_RELAXED));
}

static const struct cftype pids_files[] = {
	{ .name = "max", .mode = 0644, .show = max_show, .write = max_write, .not_on_root = true },
	{ .name = "current", .mode = 0444, .show = current_show, .not_on_root = true },
	{ .name = NULL },
};

struct container_subsys pids_subsys = {
	.name = "pids",
	.subsys_id = pids_subsys_id,
	.create = pids_create,
	.destroy = pids_destroy,
	.fork = pids_fork,
	.exit = pids_exit,
	.attach = pids_attach,
	.files = pids_files,
};
