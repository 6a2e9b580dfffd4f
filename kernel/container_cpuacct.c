/*
 * cpuacct, the CPU-accounting subsystem: cpuacct.usage is the CPU time, in nanoseconds, that
 * the processes of a container and of all its descendants have used.  Writing 0 resets it.
 *
 * The scheduler charges a process at each switch away from it and at each timer tick
 * (container_charge()), with interrupts off: the time since it was last charged is added to its
 * container's counter and to every ancestor's, so a container's usage includes its children's
 * without adding anything up when it is read.  The counters are atomic and no lock is taken;
 * interrupts off keep the process's css_group from being freed meanwhile (a grace period
 * waits for every CPU to take an interrupt).
 */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/stddef.h>

struct cpuacct {
	struct container_subsys_state css;
	uint64_t usage; /* nanoseconds; atomic */
};

static struct cpuacct *css_cpuacct(struct container_subsys_state *css)
{
	return container_of(css, struct cpuacct, css);
}

static struct container_subsys_state *cpuacct_create(struct container *cont,
						     struct container_subsys_state *parent)
{
	struct cpuacct *ca = kzalloc(sizeof(*ca));

	return ca ? &ca->css : NULL;
}

static void cpuacct_destroy(struct container_subsys_state *css)
{
	kfree(css_cpuacct(css));
}

__hotpath void container_charge(struct proc *p, uint64_t ns)
{
	struct css_group *cg = rcu_dereference(p->css_group);

	if (!cg)
		return; /* not yet in a container: the first moments of init */
	for (struct container_subsys_state *css = cg->subsys[cpuacct_subsys_id]; css;
	     css = css->parent)
		__atomic_add_fetch(&css_cpuacct(css)->usage, ns, __ATOMIC_RELAXED);
}

static size_t usage_show(struct container *cont, char *buf, size_t size)
{
	struct cpuacct *ca = css_cpuacct(container_css(cont, cpuacct_subsys_id));

	return (size_t)snprintf(buf, size, "%lu\n",
				(unsigned long)__atomic_load_n(&ca->usage, __ATOMIC_RELAXED));
}

/* Only 0 may be written: it resets the counter, as on Linux. */
static int usage_write(struct container *cont, uint64_t value)
{
	struct cpuacct *ca = css_cpuacct(container_css(cont, cpuacct_subsys_id));

	if (value != 0)
		return -EINVAL;
	__atomic_store_n(&ca->usage, 0, __ATOMIC_RELAXED);
	return 0;
}

static const struct cftype cpuacct_files[] = {
	{ .name = "usage", .mode = 0644, .show = usage_show, .write_u64 = usage_write },
	{ .name = NULL },
};

struct container_subsys cpuacct_subsys = {
	.name = "cpuacct",
	.subsys_id = cpuacct_subsys_id,
	.create = cpuacct_create,
	.destroy = cpuacct_destroy,
	.files = cpuacct_files,
};
