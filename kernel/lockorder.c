/*
 * The lock-order checker (see include/kernel/lockorder.h for what it promises).
 *
 * The graph: classes are nodes; seen[a] has bit b set once some CPU (or task) took a class b
 * lock while holding a class a lock.  Bits are only ever set, so the fast path reads them
 * without a lock: an edge already known costs one bit test per held lock.  A new edge takes
 * graph_lock, a bare test-and-set lock (the checker cannot check itself), and looks for a
 * path back from the new lock's class to the held one with a breadth-first search; finding
 * one means the new edge would close a cycle, which is the report.  Each cycle is reported
 * once, and its edge is not added.
 *
 * The graph starts with the kernel's declared lock order (the table below, which is the table
 * of docs/locking.md section 7): when a class of the table is first seen, the checker adds
 * the edges the table gives it against every class of the table seen so far.  So a path that
 * takes two locks against the declared order is reported the first time it runs, even if no
 * path ever took them the other way.  Classes not in the table (leaves) are checked for
 * cycles only.
 *
 * While a CPU is inside the checker (its report calls printk, which takes log_lock, with
 * graph_lock held), its in_lockorder flag makes the checker ignore that CPU's locking, and
 * keeps lockorder_push() from looking up a class (which would take graph_lock again).
 */
#include <kernel/cpu.h>
#include <kernel/lockorder.h>
#include <kernel/printk.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/string.h>
#include <arch/cpu.h>
#include <arch/smp.h>

#define MAX_CLASSES 256	 /* class ids 1 .. MAX_CLASSES-1; 0 means "not looked up yet" */
#define MAX_EDGES   1024 /* edges whose call sites are remembered */
#define WORDS	    (MAX_CLASSES / 64)

struct lock_class {
	const char *name;
	enum lock_kind kind;
	unsigned int rank; /* its place in the declared order; 0: not in it */
};

/*
 * The declared lock order: a class may be held while taking a class of a higher rank, never
 * one of a lower rank; classes of one rank do not nest in each other.  docs/locking.md
 * section 7 is this table with the reasons (a test checks the two agree).
 */
static const struct lock_class declared_order[] = {
	{ "f_pos_lock", LOCK_KIND_MUTEX, 1 },
	{ "vfs_lock", LOCK_KIND_MUTEX, 2 },
	{ "inode", LOCK_KIND_MUTEX, 3 },
	{ "container", LOCK_KIND_MUTEX, 4 },
	{ "serial_rx", LOCK_KIND_SPIN, 5 },
	{ "proc", LOCK_KIND_SPIN, 6 },
	{ "css_group", LOCK_KIND_SPIN, 7 },
	{ "task", LOCK_KIND_SPIN, 8 },
	{ "console", LOCK_KIND_SPIN, 9 },
	{ "mm", LOCK_KIND_SPIN, 10 },
	{ "pipe", LOCK_KIND_SPIN, 11 },
	{ "signal", LOCK_KIND_SPIN, 12 },
	{ "workqueue", LOCK_KIND_SPIN, 12 },
	{ "child_wait", LOCK_KIND_SPIN, 13 },
	{ "signal_wait", LOCK_KIND_SPIN, 13 },
	{ "pipe_read", LOCK_KIND_SPIN, 13 },
	{ "pipe_write", LOCK_KIND_SPIN, 13 },
	{ "console_readers", LOCK_KIND_SPIN, 13 },
	{ "rcu_work", LOCK_KIND_SPIN, 13 },
	{ "rcu_done", LOCK_KIND_SPIN, 13 },
	{ "rcu_gp_wait", LOCK_KIND_SPIN, 13 },
	{ "task_exit_wait", LOCK_KIND_SPIN, 13 },
	{ "workqueue_worker", LOCK_KIND_SPIN, 13 },
	{ "workqueue_flush", LOCK_KIND_SPIN, 13 },
	{ "umh_started", LOCK_KIND_SPIN, 13 },
	{ "release_list", LOCK_KIND_SPIN, 13 },
	{ "kernel_page_tables", LOCK_KIND_SPIN, 14 },
	{ "kmalloc", LOCK_KIND_SPIN, 14 },
	{ "tlb_shootdown", LOCK_KIND_SPIN, 15 },
	{ "page_alloc", LOCK_KIND_SPIN, 15 },
	{ "runqueue", LOCK_KIND_SPIN, 16 },
	/* For kernel/lockorder_test.c: two classes that no kernel code uses. */
	{ "ktest_order_declared_outer", LOCK_KIND_SPIN, 100 },
	{ "ktest_order_declared_inner", LOCK_KIND_SPIN, 101 },
};

/* Where an edge was first seen: a class-from lock taken at from_pc, then class-to at to_pc. */
struct edge_site {
	uint16_t from, to;
	const void *from_pc, *to_pc;
};

/*
 * graph_lock protects all of these (seen[] is also read without it, see above).  seen[a] has
 * the edges from a that some code took; before[a] has those and the declared ones, and is
 * what a cycle is looked for in.
 */
static uint32_t graph_lock_word;
static struct lock_class classes[MAX_CLASSES];
static unsigned int nclasses = 1;
static uint64_t seen[MAX_CLASSES][WORDS];
static uint64_t before[MAX_CLASSES][WORDS];
static uint64_t reported[MAX_CLASSES][WORDS];
static struct edge_site sites[MAX_EDGES];
static unsigned int nsites;
static unsigned int nreports;
static const char *last_held, *last_taken;
static bool full_warned;

static bool enabled = true; /* atomic */

static bool bit_test(const uint64_t *row, unsigned int bit)
{
	return __atomic_load_n(&row[bit / 64], __ATOMIC_RELAXED) & (1UL << (bit % 64));
}

static void bit_set(uint64_t *row, unsigned int bit)
{
	__atomic_fetch_or(&row[bit / 64], 1UL << (bit % 64), __ATOMIC_RELAXED);
}

static unsigned long graph_lock(void)
{
	unsigned long flags = arch_irq_save();

	while (__atomic_exchange_n(&graph_lock_word, 1, __ATOMIC_ACQUIRE)) {
		smp_poll_requests();
		cpu_relax();
	}
	return flags;
}

static void graph_unlock(unsigned long flags)
{
	__atomic_store_n(&graph_lock_word, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}

unsigned int lockorder_declared_rank(const char *name, enum lock_kind kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(declared_order); i++) {
		if (declared_order[i].kind == kind && strcmp(declared_order[i].name, name) == 0)
			return declared_order[i].rank;
	}
	return 0;
}

/* A new class of the declared order: add its declared edges to and from the others. */
static void add_declared_edges(uint16_t id)
{
	unsigned int rank = classes[id].rank;

	for (uint16_t other = 1; other < nclasses; other++) {
		unsigned int other_rank = classes[other].rank;

		if (!other_rank || other_rank == rank)
			continue;
		if (other_rank < rank)
			bit_set(before[other], id);
		else
			bit_set(before[id], other);
	}
}

/* The class id for (name, kind), made on first use; 0 if the table is full. */
static uint16_t class_lookup(const char *name, enum lock_kind kind)
{
	unsigned long flags = graph_lock();
	uint16_t id = 0;

	for (unsigned int i = 1; i < nclasses && !id; i++) {
		if (classes[i].kind == kind && strcmp(classes[i].name, name) == 0)
			id = (uint16_t)i;
	}
	if (!id && nclasses < MAX_CLASSES) {
		id = (uint16_t)nclasses++;
		classes[id] =
		    (struct lock_class){ name, kind, lockorder_declared_rank(name, kind) };
		if (classes[id].rank)
			add_declared_edges(id);
	}
	graph_unlock(flags);
	return id;
}

static const struct edge_site *find_site(uint16_t from, uint16_t to)
{
	for (unsigned int i = 0; i < nsites; i++) {
		if (sites[i].from == from && sites[i].to == to)
			return &sites[i];
	}
	return NULL;
}

/*
 * Breadth-first search from class start for class goal over the edges known so far; fills
 * parent[] so the path can be walked back from goal.  Caller holds graph_lock.
 */
static bool path_exists(uint16_t start, uint16_t goal, uint16_t *parent)
{
	uint16_t queue[MAX_CLASSES];
	unsigned int head = 0, tail = 0;
	uint64_t seen[WORDS] = { 0 };

	queue[tail++] = start;
	bit_set(seen, start);
	while (head < tail) {
		uint16_t node = queue[head++];

		if (node == goal)
			return true;
		for (unsigned int next = 1; next < nclasses; next++) {
			if (bit_test(before[node], next) && !bit_test(seen, next)) {
				bit_set(seen, next);
				parent[next] = node;
				queue[tail++] = (uint16_t)next;
			}
		}
	}
	return false;
}

/* Print the earlier path from class from to class to, one edge per line. */
static void print_path(uint16_t from, uint16_t to, const uint16_t *parent)
{
	uint16_t path[MAX_CLASSES];
	unsigned int n = 0;

	for (uint16_t c = to; c != from; c = parent[c])
		path[n++] = c;
	path[n++] = from;
	while (--n > 0) {
		uint16_t a = path[n], b = path[n - 1];
		const struct edge_site *site = find_site(a, b);

		if (!bit_test(seen[a], b))
			pr_warn("lockorder:   declared: '%s' before '%s' (docs/locking.md)\n",
				classes[a].name, classes[b].name);
		else
			pr_warn("lockorder:   before: '%s' held (taken at %pS), then '%s' taken "
				"at %pS\n",
				classes[a].name, site ? site->from_pc : NULL, classes[b].name,
				site ? site->to_pc : NULL);
	}
}

static void report(const struct held_lock *held, uint16_t taken, const void *pc,
		   const uint16_t *parent)
{
	const char *held_name = classes[held->class_id].name;

	pr_warn("lockorder: possible inversion: taking '%s' while holding '%s'\n",
		classes[taken].name, held_name);
	pr_warn("lockorder:   now: '%s' held (taken at %pS), then '%s' taken at %pS "
		"on cpu %u\n",
		held_name, held->pc, classes[taken].name, pc, this_cpu()->id);
	print_path(taken, held->class_id, parent);
	nreports++;
	last_held = held_name;
	last_taken = classes[taken].name;
}

/* The slow path: the edge from held's class to taken's is new.  Record it, or report. */
static void add_edge(const struct held_lock *held, uint16_t taken, const void *pc)
{
	uint16_t parent[MAX_CLASSES];
	unsigned long flags = graph_lock();
	uint16_t from = held->class_id;

	if (bit_test(seen[from], taken) || bit_test(reported[from], taken))
		goto out;
	if (path_exists(taken, from, parent)) {
		bit_set(reported[from], taken);
		report(held, taken, pc, parent);
		goto out;
	}
	bit_set(before[from], taken);
	bit_set(seen[from], taken);
	if (nsites < MAX_EDGES) {
		sites[nsites++] = (struct edge_site){ from, taken, held->pc, pc };
	} else if (!full_warned) {
		full_warned = true;
		pr_warn("lockorder: edge table full, call sites no longer kept\n");
	}
out:
	graph_unlock(flags);
}

/* The lock's class id, looked up (once per lock) through its cache slot. */
static uint16_t lock_class_of(uint16_t *class_cache, enum lock_kind kind, const char *name)
{
	uint16_t id = READ_ONCE(*class_cache);

	if (!id) {
		id = class_lookup(name, kind);
		WRITE_ONCE(*class_cache, id);
	}
	return id;
}

void lockorder_check(struct held_locks *held, uint16_t *class_cache, enum lock_kind kind,
		     const char *name, const void *pc)
{
	struct cpu *cpu = this_cpu();
	unsigned int depth = held->depth;
	uint16_t id;

	if (!__atomic_load_n(&enabled, __ATOMIC_RELAXED) || cpu->in_lockorder)
		return;
	cpu->in_lockorder = true;
	id = lock_class_of(class_cache, kind, name);
	if (depth > LOCKORDER_MAX_HELD)
		depth = LOCKORDER_MAX_HELD;
	for (unsigned int i = 0; id && i < depth; i++) {
		uint16_t from = held->entry[i].class_id;

		if (from && from != id && !bit_test(seen[from], id))
			add_edge(&held->entry[i], id, pc);
	}
	cpu->in_lockorder = false;
}

void lockorder_push(struct held_locks *held, const void *lock, uint16_t *class_cache,
		    enum lock_kind kind, const char *name, const void *pc)
{
	/*
	 * Inside the checker (its report's printk takes log_lock) graph_lock is held: a lock
	 * whose class is not known yet stays untracked rather than look it up.
	 */
	uint16_t class_id = this_cpu()->in_lockorder ? READ_ONCE(*class_cache)
						     : lock_class_of(class_cache, kind, name);
	unsigned long flags = arch_irq_save();

	if (held->depth < LOCKORDER_MAX_HELD)
		held->entry[held->depth] = (struct held_lock){ lock, pc, class_id };
	held->depth++;
	arch_irq_restore(flags);
}

void lockorder_pop(struct held_locks *held, const void *lock)
{
	unsigned long flags = arch_irq_save();
	unsigned int n = held->depth < LOCKORDER_MAX_HELD ? held->depth : LOCKORDER_MAX_HELD;

	for (unsigned int i = n; i-- > 0;) {
		if (held->entry[i].lock == lock) {
			memmove(&held->entry[i], &held->entry[i + 1],
				(n - i - 1) * sizeof(held->entry[0]));
			break;
		}
	}
	if (held->depth > 0)
		held->depth--;
	arch_irq_restore(flags);
}

/* What lockorder_show() puts after a mutex class's name: a mutex and a spinlock may share one. */
static const char *kind_mark(uint16_t class_id)
{
	return classes[class_id].kind == LOCK_KIND_MUTEX ? "(mutex)" : "";
}

long lockorder_show(char *buf, size_t size)
{
	unsigned long flags = graph_lock();
	size_t len = 0;

	len += snprintf(buf, size, "# held -> taken, then where each was taken when first seen\n");
	for (unsigned int i = 0; i < nsites; i++) {
		const struct edge_site *e = &sites[i];

		len +=
		    snprintf(buf + MIN(len, size), size - MIN(len, size),
			     "%s%s -> %s%s  %pS  %pS\n", classes[e->from].name, kind_mark(e->from),
			     classes[e->to].name, kind_mark(e->to), e->from_pc, e->to_pc);
	}
	graph_unlock(flags);
	return (long)len;
}

unsigned int lockorder_reports(void)
{
	unsigned long flags = graph_lock();
	unsigned int n = nreports;

	graph_unlock(flags);
	return n;
}

void lockorder_last_report(const char **held_name, const char **taken_name)
{
	unsigned long flags = graph_lock();

	*held_name = last_held;
	*taken_name = last_taken;
	graph_unlock(flags);
}

void lockorder_disable(void)
{
	__atomic_store_n(&enabled, false, __ATOMIC_RELAXED);
}
