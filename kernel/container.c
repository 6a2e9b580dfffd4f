/*
 * Task containers: the machinery (include/kernel/container.h draws the structures and gives
 * the locks; fs/containerfs.c is the file system; kernel/container_*.c the subsystems).
 *
 * css_groups.  Every process points at one css_group, the set of its containers, one per
 * hierarchy; processes with the same set share one.  A table hashed on the set finds the
 * css_group for a set, so moving a process costs the same whatever the number of css_groups,
 * and fork costs no lookup at all: the child shares its parent's.  A css_group's reference
 * count, guarded by css_group_lock like its task list, counts its processes (and zombies, which
 * keep the css_group they ended in until reaped); the last one to go unlinks it from the table
 * and from its containers and frees it after a grace period, since the scheduler reads a
 * process's css_group with only interrupts off.
 *
 * Hierarchies.  Slot 0 is the dummy hierarchy: one container, never shown, holding the state
 * of each subsystem not mounted anywhere.  Mounting subsystems makes a hierarchy in a free slot
 * and moves their states from the dummy top to the new top; since every process is then in the
 * top container, every css_group gains the same container in that slot, and none merge.
 * Destroying a hierarchy (its last unmount, with no containers below its top) undoes that.
 */
#include <kernel/container.h>
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/hash.h>
#include <lib/kref.h>
#include <lib/mount_options.h>
#include <lib/string.h>

/* The subsystems, by id (enum container_subsys_id): adding one is one line here. */
struct container_subsys *const container_subsystems[CONTAINER_SUBSYS_COUNT] = {
	[cpuset_subsys_id] = &cpuset_subsys,
	[cpuacct_subsys_id] = &cpuacct_subsys,
	[pids_subsys_id] = &pids_subsys,
	[debug_subsys_id] = &debug_subsys,
};

struct mutex container_mutex;
/* Taken with interrupts off: an interrupt handler's locks (serial_rx) come before it. */
static struct spinlock css_group_lock = SPINLOCK_INIT("css_group");

/* The hierarchies by id; container_mutex.  Slot 0 is the dummy one, always there. */
static struct container_root dummy_root;
static struct container_root *roots[CONTAINER_MAX_HIERARCHIES] = { [0] = &dummy_root };

/* The css_group every process starts in (init's), which is never freed. */
static struct css_group init_css_group;

/* The table of css_groups, hashed on their containers; css_group_lock guards it all. */
#define CSS_GROUP_HASH_BITS 10
static struct list_head css_group_table[1 << CSS_GROUP_HASH_BITS];
static int css_group_count;

#define for_each_subsys(ss, i)                                                                     \
	for ((i) = 0; (i) < CONTAINER_SUBSYS_COUNT && ((ss) = container_subsystems[i]); (i)++)

/* ---- flags and references ---- */

static bool cont_removed(struct container *cont)
{
	return __atomic_load_n(&cont->flags, __ATOMIC_ACQUIRE) & (1UL << CONT_REMOVED);
}

static void free_container_rcu(struct rcu_head *head)
{
	struct container *cont = container_of(head, struct container, rcu);
	struct container_subsys *ss;
	int i;

	for_each_subsys(ss, i) {
		if (cont->subsys[i])
			ss->destroy(cont->subsys[i]);
	}
	kfree(cont->name);
	kfree(cont);
}

void container_get(struct container *cont)
{
	kref_get(&cont->refcount);
}

/* The last reference to a removed container: free it after a grace period. */
static void container_release(struct kref *ref)
{
	struct container *cont = container_of(ref, struct container, refcount);

	if (cont->parent) /* a hierarchy's top lives as long as its hierarchy */
		call_rcu(&cont->rcu, free_container_rcu);
}

void container_put(struct container *cont)
{
	kref_put(&cont->refcount, container_release);
}

/* ---- the css_group table ---- */

/* The bucket of the set of containers cont[]. */
static struct list_head *css_group_bucket(struct container *const cont[])
{
	uint64_t key = 0;

	for (int h = 0; h < CONTAINER_MAX_HIERARCHIES; h++)
		key = hash_mix(key, (uintptr_t)cont[h]);
	return &css_group_table[hash_64(key, CSS_GROUP_HASH_BITS)];
}

/* The css_group of exactly these containers, or NULL; css_group_lock held. */
static struct css_group *css_group_lookup(struct container *const cont[])
{
	struct css_group *cg;

	list_for_each_entry(cg, css_group_bucket(cont), hash_link) {
		if (memcmp(cg->cont, cont, sizeof(cg->cont)) == 0)
			return cg;
	}
	return NULL;
}

/* Link cg, whose containers are set, into the table and its containers; css_group_lock. */
static void css_group_link(struct css_group *cg)
{
	list_add(&cg->hash_link, css_group_bucket(cg->cont));
	for (int h = 0; h < CONTAINER_MAX_HIERARCHIES; h++) {
		if (!cg->cont[h])
			continue;
		list_add_tail(&cg->cont_link[h], &cg->cont[h]->css_groups);
		cg->cont[h]->count++;
	}
	css_group_count++;
}

static void free_css_group_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct css_group, rcu));
}

/* Drop a reference to cg; the last one unlinks it and frees it after a grace period. */
static void put_css_group_locked(struct css_group *cg)
{
	assert_spin_locked(&css_group_lock);
	if (--cg->refcount > 0)
		return;
	if (cg == &init_css_group)
		panic("container: init's css_group lost its last reference");
	list_del(&cg->hash_link);
	for (int h = 0; h < CONTAINER_MAX_HIERARCHIES; h++) {
		if (!cg->cont[h])
			continue;
		list_del(&cg->cont_link[h]);
		if (--cg->cont[h]->count == 0)
			container_check_release(cg->cont[h]); /* its last process left */
	}
	css_group_count--;
	call_rcu(&cg->rcu, free_css_group_rcu);
}

/*
 * The css_group for the containers of old with cont in place of its container in cont's
 * hierarchy, with a reference for the caller: found in the table, or made.  NULL when out of
 * memory.  container_mutex held: only holders of it make css_groups, so one found missing
 * cannot be made by someone else meanwhile.
 */
static struct css_group *find_css_group(struct css_group *old, struct container *cont)
{
	unsigned long irq;
	struct container *want[CONTAINER_MAX_HIERARCHIES];
	struct css_group *cg;
	int h = cont->root->hierarchy_id;
	struct container_subsys *ss;
	int i;

	memcpy(want, old->cont, sizeof(want));
	want[h] = cont;
	irq = spin_lock_irqsave(&css_group_lock);
	cg = css_group_lookup(want);
	if (cg)
		cg->refcount++;
	spin_unlock_irqrestore(&css_group_lock, irq);
	if (cg)
		return cg;

	cg = kzalloc(sizeof(*cg));
	if (!cg)
		return NULL;
	cg->refcount = 1;
	INIT_LIST_HEAD(&cg->tasks);
	memcpy(cg->cont, want, sizeof(want));
	for_each_subsys(ss, i)
		cg->subsys[i] =
		    (cont->root->subsys_bits & (1UL << i)) ? cont->subsys[i] : old->subsys[i];
	irq = spin_lock_irqsave(&css_group_lock);
	css_group_link(cg);
	spin_unlock_irqrestore(&css_group_lock, irq);
	return cg;
}

/* Every css_group, rehashed after a change to the same hierarchy slot h in all of them. */
static void rehash_all(void)
{
	struct list_head all;
	struct css_group *cg, *next;

	assert_spin_locked(&css_group_lock);
	INIT_LIST_HEAD(&all);
	for (size_t b = 0; b < ARRAY_SIZE(css_group_table); b++) {
		list_for_each_entry_safe(cg, next, &css_group_table[b], hash_link) {
			list_del(&cg->hash_link);
			list_add(&cg->hash_link, &all);
		}
	}
	list_for_each_entry_safe(cg, next, &all, hash_link) {
		list_del(&cg->hash_link);
		list_add(&cg->hash_link, css_group_bucket(cg->cont));
	}
}

/* ---- processes ---- */

struct container_subsys_state *task_css(struct proc *p, int subsys_id)
{
	return rcu_dereference(p->css_group)->subsys[subsys_id];
}

struct css_group *container_current_css_group(void)
{
	struct proc *p = current_proc();

	return p ? READ_ONCE(p->css_group) : &init_css_group;
}

int container_css_group_count(void)
{
	return READ_ONCE(css_group_count);
}

void container_init_proc(struct proc *p)
{
	struct container_subsys *ss;
	unsigned long irq;
	int i;

	irq = spin_lock_irqsave(&css_group_lock);
	/* Charged as a fork into the top containers is (pids), so that its exit evens out. */
	for_each_subsys(ss, i) {
		if (ss->fork && ss->fork(init_css_group.subsys[i], p))
			panic("container: %s refused a process in its top container", ss->name);
	}
	init_css_group.refcount++;
	p->css_group = &init_css_group;
	list_add_tail(&p->css_group_link, &init_css_group.tasks);
	spin_unlock_irqrestore(&css_group_lock, irq);
}

/* Undo the fork callbacks of the subsystems before subsys id `upto` (css_group_lock held). */
static void undo_fork(struct css_group *cg, struct proc *child, int upto)
{
	struct container_subsys *ss;
	int i;

	for_each_subsys(ss, i) {
		if (i >= upto)
			break;
		if (ss->fork && ss->exit)
			ss->exit(cg->subsys[i], child);
	}
}

int container_fork(struct proc *child, struct proc *parent)
{
	unsigned long irq;
	struct container_subsys *ss;
	struct css_group *cg;
	int i, err = 0;

	irq = spin_lock_irqsave(&css_group_lock);
	cg = parent->css_group ? parent->css_group : &init_css_group; /* a kernel test's parent */
	for_each_subsys(ss, i) {
		if (ss->fork && (err = ss->fork(cg->subsys[i], child)) != 0) {
			undo_fork(cg, child, i);
			break;
		}
	}
	if (!err) {
		cg->refcount++;
		child->css_group = cg;
		list_add_tail(&child->css_group_link, &cg->tasks);
	}
	spin_unlock_irqrestore(&css_group_lock, irq);
	return err;
}

/* p leaves its css_group's task list and the subsystems let it go; css_group_lock held. */
static void leave_css_group(struct proc *p)
{
	struct css_group *cg = p->css_group;
	struct container_subsys *ss;
	int i;

	list_del_init(&p->css_group_link);
	for_each_subsys(ss, i) {
		if (ss->exit)
			ss->exit(cg->subsys[i], p);
	}
}

/*
 * The process leaves its containers for good: the subsystems let it go (pids uncharges it), and
 * for its last moments, which the scheduler may still charge, and as a zombie, it is in init's
 * css_group, in no container's task list.
 */
void container_exit(struct proc *p)
{
	unsigned long irq;
	struct css_group *old;

	irq = spin_lock_irqsave(&css_group_lock);
	spin_lock(&p->task_lock);
	p->container_exiting = true;
	old = p->css_group;
	if (old) /* NULL: a process a kernel test made by hand, in no container */
		leave_css_group(p);
	init_css_group.refcount++;
	rcu_assign_pointer(p->css_group, &init_css_group);
	spin_unlock(&p->task_lock);
	if (old)
		put_css_group_locked(old);
	spin_unlock_irqrestore(&css_group_lock, irq);
}

void container_free_proc(struct proc *p)
{
	unsigned long irq;
	if (!p->css_group)
		return;
	irq = spin_lock_irqsave(&css_group_lock);
	if (!p->container_exiting) /* freed without exiting: a helper whose exec failed, a test's */
		leave_css_group(p);
	put_css_group_locked(p->css_group);
	p->css_group = NULL;
	spin_unlock_irqrestore(&css_group_lock, irq);
}

int container_attach(struct container *cont, struct proc *p)
{
	unsigned long irq;
	struct container_subsys *ss;
	struct css_group *old, *cg;
	struct container *old_cont;
	int i, err;

	if (cont_removed(cont))
		return -ENODEV;
	old = p->css_group;
	old_cont = old->cont[cont->root->hierarchy_id];
	if (old_cont == cont)
		return 0;
	for_each_subsys(ss, i) {
		if (cont->subsys[i] && ss->can_attach && (err = ss->can_attach(cont, p)) != 0)
			return err;
	}
	cg = find_css_group(old, cont);
	if (!cg)
		return -ENOMEM;

	irq = spin_lock_irqsave(&css_group_lock);
	spin_lock(&p->task_lock);
	if (p->container_exiting) {
		spin_unlock(&p->task_lock);
		put_css_group_locked(cg);
		spin_unlock_irqrestore(&css_group_lock, irq);
		return -ESRCH;
	}
	rcu_assign_pointer(p->css_group, cg);
	list_del(&p->css_group_link);
	list_add_tail(&p->css_group_link, &cg->tasks);
	spin_unlock(&p->task_lock);
	put_css_group_locked(old);
	__atomic_fetch_or(&cont->flags, 1UL << CONT_RELEASABLE, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&css_group_lock, irq);
	tracepoint(TRACE_CONTAINER_ATTACH, p->pid, cont);

	for_each_subsys(ss, i) {
		if (cont->subsys[i] && ss->attach)
			ss->attach(cont, old_cont, p);
	}
	return 0;
}

/* Whether the caller may move p: root, or its effective uid is p's real or saved uid. */
static bool may_move(const struct proc *p)
{
	const struct cred *me = current_cred();

	return me->euid == 0 || me->euid == p->cred.uid || me->euid == p->cred.suid;
}

int container_attach_pid(struct container *cont, int pid)
{
	struct proc *p;
	unsigned long flags;
	int err;

	assert_mutex_held(&container_mutex);
	if (pid < 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	p = pid ? proc_find(pid) : current_proc();
	if (!p || p->zombie || !p->css_group) {
		spin_unlock_irqrestore(&proc_lock, flags);
		return -ESRCH;
	}
	if (!may_move(p)) {
		spin_unlock_irqrestore(&proc_lock, flags);
		return -EACCES;
	}
	/* proc_lock keeps p from being reaped and freed while it moves. */
	err = container_attach(cont, p);
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

/* ---- walking a container's processes ---- */

void container_for_each_task(struct container *cont, bool (*fn)(struct proc *p, void *arg),
			     void *arg)
{
	unsigned long irq;
	int h = cont->root->hierarchy_id;
	struct css_group *cg;
	struct proc *p;

	irq = spin_lock_irqsave(&css_group_lock);
	list_for_each_entry(cg, &cont->css_groups, cont_link[h]) {
		list_for_each_entry(p, &cg->tasks, css_group_link) {
			if (!fn(p, arg))
				goto out;
		}
	}
out:
	spin_unlock_irqrestore(&css_group_lock, irq);
}

static bool count_one(struct proc *p, void *arg)
{
	(*(int *)arg)++;
	return true;
}

int container_task_count(struct container *cont)
{
	int n = 0;

	container_for_each_task(cont, count_one, &n);
	return n;
}

/* ---- containers ---- */

/* Set up a new container's fields (not its states) as a child of parent, or a top. */
static void container_setup(struct container *cont, struct container_root *root,
			    struct container *parent)
{
	cont->root = root;
	cont->parent = parent;
	INIT_LIST_HEAD(&cont->children);
	INIT_LIST_HEAD(&cont->sibling);
	INIT_LIST_HEAD(&cont->css_groups);
	INIT_LIST_HEAD(&cont->release_link);
	kref_init(&cont->refcount);
}

int container_create(struct container *parent, const char *name, struct container **out)
{
	struct container_root *root = parent->root;
	struct container_subsys *ss;
	struct container *cont;
	int i;

	assert_mutex_held(&container_mutex);
	if (cont_removed(parent))
		return -ENODEV;
	cont = kzalloc(sizeof(*cont));
	if (!cont)
		return -ENOMEM;
	container_setup(cont, root, parent);
	cont->name = kmalloc(strlen(name) + 1);
	if (!cont->name)
		goto nomem;
	memcpy(cont->name, name, strlen(name) + 1);
	for_each_subsys(ss, i) {
		if (!(root->subsys_bits & (1UL << i)))
			continue;
		cont->subsys[i] = ss->create(cont, parent->subsys[i]);
		if (!cont->subsys[i])
			goto nomem;
		cont->subsys[i]->container = cont;
		cont->subsys[i]->parent = parent->subsys[i];
	}
	if (__atomic_load_n(&parent->flags, __ATOMIC_RELAXED) & (1UL << CONT_NOTIFY_ON_RELEASE))
		cont->flags |= 1UL << CONT_NOTIFY_ON_RELEASE;
	list_add_tail(&cont->sibling, &parent->children);
	__atomic_fetch_or(&parent->flags, 1UL << CONT_RELEASABLE, __ATOMIC_RELAXED);
	root->number_of_containers++;
	*out = cont;
	return 0;
nomem:
	free_container_rcu(&cont->rcu); /* never seen by anyone: no grace period needed */
	return -ENOMEM;
}

bool container_is_idle(struct container *cont)
{
	unsigned long irq;
	int count;

	assert_mutex_held(&container_mutex);
	irq = spin_lock_irqsave(&css_group_lock);
	count = cont->count;
	spin_unlock_irqrestore(&css_group_lock, irq);
	return count == 0 && list_empty(&cont->children);
}

int container_remove(struct container *cont)
{
	struct container *parent = cont->parent;
	unsigned long irq;

	assert_mutex_held(&container_mutex);
	if (!container_is_idle(cont))
		return -EBUSY;
	/* Nothing can join it now: joining takes container_mutex, and then sees it removed. */
	__atomic_fetch_or(&cont->flags, 1UL << CONT_REMOVED, __ATOMIC_RELEASE);
	container_release_cancel(cont);
	list_del_init(&cont->sibling);
	cont->root->number_of_containers--;
	cont->dentry = NULL;
	container_put(cont); /* the tree's reference */

	/* Its parent may have lost its last child (the check needs css_group_lock). */
	irq = spin_lock_irqsave(&css_group_lock);
	container_check_release(parent);
	spin_unlock_irqrestore(&css_group_lock, irq);
	return 0;
}

int container_rename(struct container *cont, const char *name)
{
	char *copy = kmalloc(strlen(name) + 1);

	assert_mutex_held(&container_mutex);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, strlen(name) + 1);
	kfree(cont->name);
	cont->name = copy;
	return 0;
}

int container_path(struct container *cont, char *buf, size_t size)
{
	size_t len = 0, pos = size;

	assert_mutex_held(&container_mutex);
	if (size < 2)
		return -ENAMETOOLONG;
	if (!cont->parent)
		return (int)strlcpy(buf, "/", size);
	buf[--pos] = '\0';
	for (struct container *c = cont; c->parent; c = c->parent) {
		size_t n = strlen(c->name);

		if (n + 1 > pos)
			return -ENAMETOOLONG;
		pos -= n;
		memcpy(buf + pos, c->name, n);
		buf[--pos] = '/';
	}
	len = size - 1 - pos;
	memmove(buf, buf + pos, len + 1);
	return (int)len;
}

/* ---- hierarchies ---- */

/* Whether name is a valid hierarchy name: letters, digits, '_', '.', '-', as Linux asks. */
static bool valid_root_name(const char *name, size_t len)
{
	if (len == 0 || len >= CONTAINER_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

/* The subsystem called name[0..len), or NULL. */
static struct container_subsys *find_subsys(const char *name, size_t len)
{
	struct container_subsys *ss;
	int i;

	for_each_subsys(ss, i) {
		if (strlen(ss->name) == len && memcmp(ss->name, name, len) == 0)
			return ss;
	}
	return NULL;
}

int container_parse_options(const char *data, struct container_mount_opts *opts)
{
	const char *cursor = data;
	struct mount_opt opt;
	bool all = false;

	memset(opts, 0, sizeof(*opts));
	while (mount_opt_next(&cursor, &opt)) {
		struct container_subsys *ss = find_subsys(opt.key, opt.key_len);

		if (mount_opt_is(&opt, "all") && !opt.has_value) {
			all = true;
		} else if (mount_opt_is(&opt, "none") && !opt.has_value) {
			opts->none = true;
		} else if (mount_opt_is(&opt, "noprefix") && !opt.has_value) {
			opts->noprefix = true;
		} else if (mount_opt_is(&opt, "name") && opt.has_value) {
			if (!valid_root_name(opt.value, opt.value_len) || opts->name[0])
				return -EINVAL;
			memcpy(opts->name, opt.value, opt.value_len);
			opts->name[opt.value_len] = '\0';
		} else if (mount_opt_is(&opt, "release_agent") && opt.has_value) {
			if (opts->release_agent)
				return -EINVAL; /* two agents: which one? */
			if (opt.value_len >= PATH_MAX)
				return -ENAMETOOLONG;
			opts->release_agent = opt.value;
			opts->release_agent_len = opt.value_len;
		} else if (ss && !opt.has_value) {
			opts->subsys_bits |= 1UL << ss->subsys_id;
		} else {
			return -EINVAL; /* an option, or a subsystem, that does not exist */
		}
	}
	opts->subsys_named = all || opts->none || opts->subsys_bits;
	if (all && (opts->none || opts->subsys_bits))
		return -EINVAL;
	if (opts->none && opts->subsys_bits)
		return -EINVAL;
	if (!opts->none && !opts->subsys_bits)
		opts->subsys_bits = (1UL << CONTAINER_SUBSYS_COUNT) - 1;
	if (opts->none && !opts->name[0])
		return -EINVAL;
	/* As on Linux, only cpuset's files may lose their prefix (its "cpus" is unambiguous). */
	if (opts->noprefix && (opts->subsys_bits & ~(1UL << cpuset_subsys_id)))
		return -EINVAL;
	return 0;
}

/* Move the state of each subsystem in bits from hierarchy from's top to to's top. */
static void move_subsys(unsigned long bits, struct container_root *from, struct container_root *to)
{
	for (int i = 0; i < CONTAINER_SUBSYS_COUNT; i++) {
		if (!(bits & (1UL << i)))
			continue;
		to->top.subsys[i] = from->top.subsys[i];
		from->top.subsys[i] = NULL;
		WRITE_ONCE(to->top.subsys[i]->container, &to->top);
	}
	from->subsys_bits &= ~bits;
	to->subsys_bits |= bits;
}

/* Make a hierarchy in a free slot for opts, every process in its top container. */
static int root_create(const struct container_mount_opts *opts, struct container_root **out)
{
	unsigned long irq;
	struct container_root *root;
	struct css_group *cg;
	int h;

	for (h = 1; h < CONTAINER_MAX_HIERARCHIES && roots[h]; h++)
		;
	if (h == CONTAINER_MAX_HIERARCHIES)
		return -ENOSPC;
	root = kzalloc(sizeof(*root));
	if (!root)
		return -ENOMEM;
	root->hierarchy_id = h;
	root->noprefix = opts->noprefix;
	strlcpy(root->name, opts->name, sizeof(root->name));
	container_setup(&root->top, root, NULL);
	root->top.name = "";
	root->number_of_containers = 1;

	move_subsys(opts->subsys_bits, &dummy_root, root);
	irq = spin_lock_irqsave(&css_group_lock);
	for (size_t b = 0; b < ARRAY_SIZE(css_group_table); b++) {
		list_for_each_entry(cg, &css_group_table[b], hash_link) {
			cg->cont[h] = &root->top;
			list_add_tail(&cg->cont_link[h], &root->top.css_groups);
			root->top.count++;
		}
	}
	rehash_all();
	spin_unlock_irqrestore(&css_group_lock, irq);
	roots[h] = root;
	*out = root;
	return 0;
}

int container_root_get(const struct container_mount_opts *opts, struct container_root **out)
{
	int err;

	assert_mutex_held(&container_mutex);
	for (int h = 1; h < CONTAINER_MAX_HIERARCHIES; h++) {
		struct container_root *root = roots[h];
		bool name_match;

		if (!root)
			continue;
		name_match = opts->name[0] && strcmp(opts->name, root->name) == 0;
		if (opts->name[0] && !name_match)
			continue;
		if (opts->subsys_bits != root->subsys_bits) {
			if (name_match)
				return -EBUSY;
			continue;
		}
		if (!opts->subsys_bits && !name_match)
			continue;
		*out = root;
		return 0;
	}
	if (opts->subsys_bits & ~dummy_root.subsys_bits)
		return -EBUSY; /* a subsystem is bound to another hierarchy */
	err = root_create(opts, out);
	if (!err && opts->release_agent) {
		err =
		    container_set_release_agent(*out, opts->release_agent, opts->release_agent_len);
		if (err)
			container_root_destroy(*out);
	}
	return err;
}

int container_set_release_agent(struct container_root *root, const char *path, size_t len)
{
	char *copy = NULL;

	assert_mutex_held(&container_mutex);
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	if (len > 0) {
		copy = kmalloc(len + 1);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, path, len);
		copy[len] = '\0';
	}
	/* container_mutex is held by every reader (the release work, the file, /proc/mounts). */
	kfree(root->release_agent);
	root->release_agent = copy;
	return 0;
}

int container_root_remount(struct container_root *root, const struct container_mount_opts *opts,
			   unsigned long *added, unsigned long *removed)
{
	unsigned long want = opts->subsys_named ? opts->subsys_bits : root->subsys_bits;
	int err;

	assert_mutex_held(&container_mutex);
	*added = want & ~root->subsys_bits;
	*removed = root->subsys_bits & ~want;
	if (opts->noprefix != root->noprefix || (opts->name[0] && strcmp(opts->name, root->name)))
		return -EINVAL; /* as on Linux: a remount cannot rename or change noprefix */
	if (!want && !root->name[0])
		return -EINVAL; /* a hierarchy without subsystems needs a name */
	if ((*added | *removed) && container_root_has_children(root))
		return -EBUSY;
	if (*added & ~dummy_root.subsys_bits)
		return -EBUSY; /* bound to another hierarchy */
	if (opts->release_agent) {
		err =
		    container_set_release_agent(root, opts->release_agent, opts->release_agent_len);
		if (err)
			return err;
	}
	/* Every process is in the top container, so the css_groups keep their containers. */
	move_subsys(*removed, root, &dummy_root);
	move_subsys(*added, &dummy_root, root);
	return 0;
}

bool container_root_has_children(struct container_root *root)
{
	return !list_empty(&root->top.children);
}

static void free_root_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct container_root, top.rcu));
}

void container_root_destroy(struct container_root *root)
{
	unsigned long irq;
	int h = root->hierarchy_id;
	struct css_group *cg;

	assert_mutex_held(&container_mutex);
	if (container_root_has_children(root))
		panic("container: destroying hierarchy %d, which has containers", h);
	irq = spin_lock_irqsave(&css_group_lock);
	for (size_t b = 0; b < ARRAY_SIZE(css_group_table); b++) {
		list_for_each_entry(cg, &css_group_table[b], hash_link) {
			list_del(&cg->cont_link[h]);
			cg->cont[h] = NULL;
		}
	}
	rehash_all();
	spin_unlock_irqrestore(&css_group_lock, irq);
	move_subsys(root->subsys_bits, root, &dummy_root);
	roots[h] = NULL;
	kfree(root->release_agent);
	call_rcu(&root->top.rcu, free_root_rcu);
}

/* Append ",text" (or "text" first) to buf at *len, snprintf-style. */
static void append_option(char *buf, size_t size, size_t *len, const char *text)
{
	int n =
	    snprintf(buf + MIN(*len, size), size - MIN(*len, size), "%s%s", *len ? "," : "", text);

	*len += (size_t)n;
}

/* The subsystems in bits, then name=, comma-separated ("cpuacct,pids,name=x"). */
static size_t show_subsys_list(unsigned long bits, const char *name, char *buf, size_t size)
{
	size_t len = 0;
	char name_opt[CONTAINER_NAME_MAX + 8];

	if (size)
		buf[0] = '\0';
	for (int i = 0; i < CONTAINER_SUBSYS_COUNT; i++) {
		if (bits & (1UL << i))
			append_option(buf, size, &len, container_subsystems[i]->name);
	}
	if (name[0]) {
		snprintf(name_opt, sizeof(name_opt), "name=%s", name);
		append_option(buf, size, &len, name_opt);
	}
	return len;
}

size_t container_root_show_options(struct container_root *root, char *buf, size_t size)
{
	size_t len = show_subsys_list(root->subsys_bits, "", buf, size);

	if (root->noprefix)
		append_option(buf, size, &len, "noprefix");
	if (root->name[0]) {
		char name_opt[CONTAINER_NAME_MAX + 8];

		snprintf(name_opt, sizeof(name_opt), "name=%s", root->name);
		append_option(buf, size, &len, name_opt);
	}
	if (root->release_agent) {
		len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size),
					"%srelease_agent=%s", len ? "," : "", root->release_agent);
	}
	return len;
}

/* ---- /proc ---- */

long container_show_proc(int pid, char *buf, size_t size)
{
	struct container *cont[CONTAINER_MAX_HIERARCHIES];
	struct proc *p, *self = current_proc();
	size_t len = 0;
	unsigned long flags;

	mutex_lock(&container_mutex);
	flags = spin_lock_irqsave(&proc_lock);
	p = pid < 0 ? self : proc_find_unreaped(pid);
	if (!p || !p->css_group) {
		spin_unlock_irqrestore(&proc_lock, flags);
		mutex_unlock(&container_mutex);
		return -ENOENT;
	}
	rcu_read_lock();
	memcpy(cont, rcu_dereference(p->css_group)->cont, sizeof(cont));
	rcu_read_unlock();
	spin_unlock_irqrestore(&proc_lock, flags);

	/* As Linux lists /proc/<pid>/cgroup: the newest hierarchy first. */
	for (int h = CONTAINER_MAX_HIERARCHIES - 1; h >= 1; h--) {
		char subsys[128], path[256];
		struct container_root *root = roots[h];
		int n;

		if (!root)
			continue;
		show_subsys_list(root->subsys_bits, root->name, subsys, sizeof(subsys));
		if (container_path(cont[h], path, sizeof(path)) < 0)
			strlcpy(path, "/...", sizeof(path));
		n = snprintf(buf + MIN(len, size), size - MIN(len, size), "%d:%s:%s\n", h, subsys,
			     path);
		len += (size_t)n;
	}
	mutex_unlock(&container_mutex);
	return (long)len;
}

long container_show_summary(char *buf, size_t size)
{
	struct container_subsys *ss;
	size_t len;
	int i;

	mutex_lock(&container_mutex);
	len = (size_t)snprintf(buf, size, "#subsys_name\thierarchy\tnum_containers\tenabled\n");
	for_each_subsys(ss, i) {
		int h = 0;

		for (int r = 1; r < CONTAINER_MAX_HIERARCHIES; r++) {
			if (roots[r] && (roots[r]->subsys_bits & (1UL << i)))
				h = r;
		}
		len +=
		    (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size), "%s\t%d\t%d\t1\n",
				     ss->name, h, roots[h]->number_of_containers);
	}
	mutex_unlock(&container_mutex);
	return (long)len;
}

/* ---- boot ---- */

void container_init(void)
{
	unsigned long irq;
	struct container_subsys *ss;
	int i;

	mutex_init(&container_mutex, "container");
	for (size_t b = 0; b < ARRAY_SIZE(css_group_table); b++)
		INIT_LIST_HEAD(&css_group_table[b]);
	container_setup(&dummy_root.top, &dummy_root, NULL);
	dummy_root.top.name = "";
	dummy_root.number_of_containers = 1;

	for_each_subsys(ss, i) {
		if (ss->subsys_id != i)
			panic("container: subsystem %s has id %d in slot %d", ss->name,
			      ss->subsys_id, i);
		dummy_root.top.subsys[i] = ss->create(&dummy_root.top, NULL);
		if (!dummy_root.top.subsys[i])
			panic("container: no memory for subsystem %s", ss->name);
		dummy_root.top.subsys[i]->container = &dummy_root.top;
		dummy_root.top.subsys[i]->parent = NULL;
		init_css_group.subsys[i] = dummy_root.top.subsys[i];
	}
	dummy_root.subsys_bits = (1UL << CONTAINER_SUBSYS_COUNT) - 1;

	INIT_LIST_HEAD(&init_css_group.tasks);
	init_css_group.cont[0] = &dummy_root.top;
	init_css_group.refcount = 1; /* the system's own, never dropped */
	irq = spin_lock_irqsave(&css_group_lock);
	css_group_link(&init_css_group);
	spin_unlock_irqrestore(&css_group_lock, irq);
}
