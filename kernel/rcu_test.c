/*
 * Tests of RCU-lite (kernel/rcu.c): a grace period waits for a reader inside its section on
 * another CPU, and no longer; readers racing a writer never see freed data; call_rcu()
 * callbacks all run, once each, in order, after their grace period.  A read section cannot be
 * preempted, so only a reader on another CPU can overlap a writer: the tests that need one
 * are skipped on one CPU ("ok N - ... # SKIP one CPU").
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/rcu.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <arch/cpu.h>

#define READER_HOLD_MS 30
#define ONE_CPU	       "one CPU"

/* A reader that stays in its section until told the writer waits, then READER_HOLD_MS more. */
struct held_reader {
	int inside;	    /* atomic: the reader is in its section */
	int writer_waiting; /* atomic: the writer is about to call synchronize_rcu() */
	int left;	    /* atomic: the reader has left its section */
};

static void spin_ms(unsigned int ms)
{
	uint64_t end = clock_monotonic_ns() + ms * NSEC_PER_MSEC;

	while (clock_monotonic_ns() < end)
		cpu_relax();
}

static int hold_section(void *arg)
{
	struct held_reader *r = arg;

	rcu_read_lock();
	__atomic_store_n(&r->inside, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&r->writer_waiting, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_ms(READER_HOLD_MS);
	__atomic_store_n(&r->left, 1, __ATOMIC_RELEASE);
	rcu_read_unlock();
	return 0;
}

/* Start a held reader on another CPU and wait until it is inside; NULL if none started. */
static struct task *start_held_reader(struct held_reader *r)
{
	struct task *reader = kthread_create(hold_section, r, "ktest-rcu-reader");

	while (reader && !__atomic_load_n(&r->inside, __ATOMIC_ACQUIRE))
		yield();
	return reader;
}

KTEST(rcu_sync_waits_for_reader, "rcu: synchronize_rcu waits for a reader on another CPU")
{
	struct held_reader r = { 0 };
	struct task *reader;
	uint64_t before;

	if (ncpus < 2)
		KTEST_SKIP(ONE_CPU);
	reader = start_held_reader(&r);
	KTEST_ASSERT(reader);
	before = rcu_grace_periods();
	__atomic_store_n(&r.writer_waiting, 1, __ATOMIC_RELEASE);
	synchronize_rcu();
	KTEST_EXPECT(__atomic_load_n(&r.left, __ATOMIC_ACQUIRE) == 1);
	KTEST_EXPECT(kthread_join(reader) == 0);
	KTEST_EXPECT(rcu_grace_periods() > before);
}

KTEST(rcu_sync_returns_without_readers, "rcu: synchronize_rcu returns 100 times with no reader")
{
	uint64_t before = rcu_grace_periods();

	for (int i = 0; i < 100; i++)
		synchronize_rcu();
	KTEST_EXPECT(rcu_grace_periods() >= before + 100);
}

KTEST(rcu_read_sections_nest, "rcu: read sections nest, and the CPU's depth follows them")
{
	unsigned int depth;

	rcu_read_lock();
	depth = this_cpu()->rcu_nesting;
	rcu_read_lock();
	KTEST_EXPECT(this_cpu()->rcu_nesting == depth + 1);
	rcu_read_unlock();
	KTEST_EXPECT(this_cpu()->rcu_nesting == depth);
	rcu_read_unlock();
	synchronize_rcu();
}

/* ---- readers racing a writer that replaces and frees the object they read ---- */

#define POISON	    0xdeadbeefUL
#define SWAPS	    200
#define MAX_READERS 3

struct versioned {
	uint64_t a, b; /* always equal while the object is live; POISON once freed */
};

static struct versioned *shared;
static int writer_done;	  /* atomic */
static int reader_errors; /* atomic: a reader saw a torn or poisoned object */

static int race_reader(void *unused)
{
	uint64_t reads = 0;

	while (!__atomic_load_n(&writer_done, __ATOMIC_ACQUIRE)) {
		struct versioned *v;
		uint64_t a;

		rcu_read_lock();
		v = rcu_dereference(shared);
		a = READ_ONCE(v->a);
		for (int i = 0; i < 20; i++)
			cpu_relax();
		if (a == POISON || READ_ONCE(v->b) != a)
			__atomic_fetch_add(&reader_errors, 1, __ATOMIC_RELAXED);
		rcu_read_unlock();
		reads++;
	}
	return reads > 0;
}

/* Replace shared with a new version; poison and free the old one after a grace period. */
static bool replace_shared(uint64_t version)
{
	struct versioned *fresh = kmalloc(sizeof(*fresh)), *old = shared;

	if (!fresh)
		return false;
	fresh->a = fresh->b = version;
	rcu_assign_pointer(shared, fresh);
	synchronize_rcu();
	old->a = old->b = POISON;
	kfree(old);
	return true;
}

KTEST(rcu_readers_never_see_freed_data, "rcu: readers on every CPU race 200 replacements safely")
{
	struct task *readers[MAX_READERS];
	unsigned int n = ncpus - 1 < MAX_READERS ? ncpus - 1 : MAX_READERS;

	if (ncpus < 2)
		KTEST_SKIP(ONE_CPU);
	shared = kmalloc(sizeof(*shared));
	KTEST_ASSERT(shared);
	shared->a = shared->b = 0;
	__atomic_store_n(&writer_done, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&reader_errors, 0, __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < n; i++)
		KTEST_ASSERT(readers[i] = kthread_create(race_reader, NULL, "ktest-rcu-race"));
	for (uint64_t v = 1; v <= SWAPS; v++)
		KTEST_EXPECT(replace_shared(v));
	__atomic_store_n(&writer_done, 1, __ATOMIC_RELEASE);
	for (unsigned int i = 0; i < n; i++)
		KTEST_EXPECT(kthread_join(readers[i]) == 1);
	KTEST_EXPECT(__atomic_load_n(&reader_errors, __ATOMIC_RELAXED) == 0);
	kfree(shared);
}

/* ---- call_rcu ---- */

#define CALLBACKS 64

struct counted {
	struct rcu_head rcu;
	int index;
};

static int ran_count[CALLBACKS]; /* times each callback ran */
static int run_order[CALLBACKS]; /* the index of the i-th callback to run */
static int runs;		 /* only the rcu thread writes these */

static void count_run(struct rcu_head *head)
{
	struct counted *c = (struct counted *)head;

	ran_count[c->index]++;
	if (runs < CALLBACKS)
		run_order[runs] = c->index;
	runs++;
}

KTEST(rcu_callbacks_run_once_in_order, "rcu: 64 call_rcu callbacks each run once, in order")
{
	static struct counted items[CALLBACKS];
	uint64_t before = rcu_grace_periods();

	runs = 0;
	for (int i = 0; i < CALLBACKS; i++) {
		ran_count[i] = 0;
		items[i].index = i;
		call_rcu(&items[i].rcu, count_run);
	}
	rcu_barrier();
	KTEST_EXPECT(runs == CALLBACKS);
	for (int i = 0; i < CALLBACKS; i++) {
		KTEST_EXPECT(ran_count[i] == 1);
		KTEST_EXPECT(run_order[i] == i);
	}
	KTEST_EXPECT(rcu_grace_periods() > before);
}

static int late_ran;	       /* atomic */
static int late_saw_reader_in; /* atomic: the callback ran while the reader was inside */
static struct held_reader *late_reader;

static void late_callback(struct rcu_head *head)
{
	if (late_reader && !__atomic_load_n(&late_reader->left, __ATOMIC_ACQUIRE))
		__atomic_store_n(&late_saw_reader_in, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&late_ran, 1, __ATOMIC_RELEASE);
}

KTEST(rcu_callback_waits_for_reader, "rcu: a call_rcu callback waits for a reader's section")
{
	static struct rcu_head head;
	struct held_reader r = { 0 };
	struct task *reader;

	if (ncpus < 2)
		KTEST_SKIP(ONE_CPU);
	reader = start_held_reader(&r);
	KTEST_ASSERT(reader);
	late_reader = &r;
	__atomic_store_n(&late_ran, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&late_saw_reader_in, 0, __ATOMIC_RELAXED);
	call_rcu(&head, late_callback);
	sleep_ns(10 * NSEC_PER_MSEC);
	KTEST_EXPECT(__atomic_load_n(&late_ran, __ATOMIC_ACQUIRE) == 0);
	__atomic_store_n(&r.writer_waiting, 1, __ATOMIC_RELEASE);
	rcu_barrier();
	KTEST_EXPECT(__atomic_load_n(&late_ran, __ATOMIC_ACQUIRE) == 1);
	KTEST_EXPECT(__atomic_load_n(&late_saw_reader_in, __ATOMIC_RELAXED) == 0);
	KTEST_EXPECT(kthread_join(reader) == 0);
	late_reader = NULL;
}
