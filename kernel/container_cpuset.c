/*
 * cpuset, the subsystem that confines processes to CPUs (Paul Jackson's cpusets, which the
 * 2007 series moved onto containers): cpuset.cpus is a list such as "0-1,3", and the processes
 * of the container run only on those CPUs.  The scheduler honours it through each task's
 * cpus_allowed (include/kernel/task.h), set when a process joins the cpuset, when the cpuset's
 * list changes, and narrowed further by sched_setaffinity() (kernel/sys_cpu.c).
 *
 * The rules are cgroup v1's: a new container's cpuset is empty, and nobody may join it (ENOSPC)
 * until CPUs and memory node 0 are given to it; a cpuset's CPUs must exist (ERANGE), be online
 * (EINVAL) and be among its parent's
 * (EACCES), and may not leave out CPUs a child cpuset has (EBUSY); the top's are every CPU and
 * cannot be changed (EACCES); a cpuset with processes cannot be emptied (ENOSPC).
 * cpuset.mems is there for programs written for Linux, which must set it: there is one memory
 * node, 0.
 */
#include <kernel/container.h>
#include <kernel/cpu.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/task.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/stddef.h>

struct cpuset {
	struct container_subsys_state css;
	uint64_t cpus; /* bit i: CPU i; container_mutex guards it */
	bool mems;     /* node 0 given (cpuset.mems "0"); container_mutex */
};

static struct cpuset *css_cpuset(struct container_subsys_state *css)
{
	return container_of(css, struct cpuset, css);
}

static struct cpuset *cont_cpuset(struct container *cont)
{
	return css_cpuset(container_css(cont, cpuset_subsys_id));
}

/* The CPUs that are online. */
static uint64_t online_cpus(void)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);
	uint64_t mask = 0;

	for (unsigned int i = 0; i < n; i++) {
		if (__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE))
			mask |= 1ULL << i;
	}
	return mask;
}

/* The CPUs of a cpuset: the top's are the online ones. */
static uint64_t cpuset_cpus(struct cpuset *cs)
{
	return cs->css.parent ? cs->cpus : online_cpus();
}

static struct container_subsys_state *cpuset_create(struct container *cont,
						    struct container_subsys_state *parent)
{
	struct cpuset *cs = kzalloc(sizeof(*cs));

	if (!cs)
		return NULL;
	cs->mems = !parent; /* the top has node 0; a new cpuset nothing, as on Linux */
	return &cs->css;
}

static void cpuset_destroy(struct container_subsys_state *css)
{
	kfree(css_cpuset(css));
}

uint64_t cpuset_cpus_of(struct proc *p)
{
	uint64_t mask;

	rcu_read_lock();
	mask = cpuset_cpus(css_cpuset(task_css(p, cpuset_subsys_id)));
	rcu_read_unlock();
	return mask;
}

static int cpuset_can_attach(struct container *cont, struct proc *p)
{
	struct cpuset *cs = cont_cpuset(cont);

	return cpuset_cpus(cs) && cs->mems ? 0 : -ENOSPC;
}

static void cpuset_attach(struct container *cont, struct container *old, struct proc *p)
{
	task_set_cpus_allowed(p->task, cpuset_cpus(cont_cpuset(cont)));
}

/* ---- "0-1,3" ---- */

/*
 * Parse a CPU list ("" is the empty set) into *out: 0, -EINVAL for junk, -ERANGE for a CPU
 * number the machine cannot have (as Linux's cpulist_parse()).
 */
static int parse_cpu_list(const char *text, uint64_t *out)
{
	unsigned int possible = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);
	uint64_t mask = 0;

	while (*text) {
		unsigned long first = 0, last;

		if (*text < '0' || *text > '9')
			return -EINVAL;
		while (*text >= '0' && *text <= '9' && first <= possible)
			first = first * 10 + (unsigned long)(*text++ - '0');
		last = first;
		if (*text == '-') {
			text++;
			if (*text < '0' || *text > '9')
				return -EINVAL;
			last = 0;
			while (*text >= '0' && *text <= '9' && last <= possible)
				last = last * 10 + (unsigned long)(*text++ - '0');
		}
		if (*text >= '0' && *text <= '9')
			return -ERANGE; /* digits left over: a number far too big */
		if (first > last)
			return -EINVAL;
		if (last >= possible)
			return -ERANGE;
		for (unsigned long cpu = first; cpu <= last; cpu++)
			mask |= 1ULL << cpu;
		if (*text == ',')
			text++;
		else if (*text)
			return -EINVAL;
	}
	*out = mask;
	return 0;
}

/* Write mask as a list, runs of CPUs as ranges: "0-1,3". */
static size_t show_cpu_list(uint64_t mask, char *buf, size_t size)
{
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned int cpu = 0; cpu < 64; cpu++) {
		unsigned int last = cpu;

		if (!(mask & (1ULL << cpu)))
			continue;
		while (last + 1 < 64 && (mask & (1ULL << (last + 1))))
			last++;
		len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size),
					last > cpu ? "%s%u-%u" : "%s%u", len ? "," : "", cpu, last);
		cpu = last;
	}
	len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size), "\n");
	return len;
}

static size_t cpus_show(struct container *cont, char *buf, size_t size)
{
	return show_cpu_list(cpuset_cpus(cont_cpuset(cont)), buf, size);
}

static bool confine_one(struct proc *p, void *arg)
{
	task_set_cpus_allowed(p->task, *(uint64_t *)arg);
	return true;
}

static int cpus_write(struct container *cont, char *text)
{
	struct cpuset *cs = cont_cpuset(cont), *child_cs;
	struct container *child;
	uint64_t mask;
	int err;

	if (!cont->parent)
		return -EACCES; /* the top has every CPU */
	err = parse_cpu_list(text, &mask);
	if (err)
		return err;
	if (mask & ~online_cpus())
		return -EINVAL;
	if (mask & ~cpuset_cpus(cont_cpuset(cont->parent)))
		return -EACCES;
	list_for_each_entry(child, &cont->children, sibling) {
		child_cs = cont_cpuset(child);
		if (child_cs->cpus & ~mask)
			return -EBUSY;
	}
	if (!mask && container_task_count(cont) > 0)
		return -ENOSPC;
	cs->cpus = mask;
	container_for_each_task(cont, confine_one, &mask);
	return 0;
}

static size_t mems_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, cont_cpuset(cont)->mems ? "0\n" : "\n");
}

/* Node 0 is the only one: "0" gives it, "" takes it away (ENOSPC with processes). */
static int mems_write(struct container *cont, char *text)
{
	bool give = text[0] == '0' && text[1] == '\0';

	if (!cont->parent)
		return -EACCES;
	if (!give && text[0])
		return -EINVAL;
	if (!give && container_task_count(cont) > 0)
		return -ENOSPC;
	cont_cpuset(cont)->mems = give;
	return 0;
}

static const struct cftype cpuset_files[] = {
	{ .name = "cpus", .mode = 0644, .show = cpus_show, .write = cpus_write },
	{ .name = "mems", .mode = 0644, .show = mems_show, .write = mems_write },
	{ .name = NULL },
};

struct container_subsys cpuset_subsys = {
	.name = "cpuset",
	.subsys_id = cpuset_subsys_id,
	.create = cpuset_create,
	.destroy = cpuset_destroy,
	.can_attach = cpuset_can_attach,
	.attach = cpuset_attach,
	.files = cpuset_files,
};
