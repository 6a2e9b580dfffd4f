/*
 * Tests of the kernel on several CPUs (arch/x86_64/smp.c, kernel/sched.c): kernel threads
 * really run on more than one CPU at once, a spinlock keeps a counter exact when every CPU
 * hammers it, and a TLB shootdown finishes even when the other CPUs spin on a lock its sender
 * holds.  Each needs a second CPU, and on one CPU says so: "ok N - ... # SKIP one CPU".
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <arch/cpu.h>
#include <arch/smp.h>

#define SPIN_MS		 50
#define HAMMER_ROUNDS	 2000
#define SHOOTDOWN_ROUNDS 200
#define SHOOTDOWN_MAX_NS (5 * NSEC_PER_SEC) /* rounds go on until a spinner was seen waiting */
#define ONE_CPU		 "one CPU"

/* Per-CPU counts of the loop rounds the spinning threads ran there (atomic). */
static uint64_t rounds_on_cpu[MAX_CPUS];

/* Spin SPIN_MS, counting each round on the CPU it ran on; returns the rounds it did. */
static int spin_and_count(void *unused)
{
	uint64_t end = clock_monotonic_ns() + SPIN_MS * NSEC_PER_MSEC;
	int rounds = 0;

	while (clock_monotonic_ns() < end) {
		__atomic_fetch_add(&rounds_on_cpu[this_cpu()->id], 1, __ATOMIC_RELAXED);
		rounds++;
		cpu_relax();
	}
	return rounds;
}

KTEST(smp_threads_run_on_every_cpu, "smp: N threads spinning 50 ms all progress, on >1 CPU")
{
	struct task *threads[MAX_CPUS];
	unsigned int n = ncpus, cpus_used = 0;

	if (n < 2)
		KTEST_SKIP(ONE_CPU);
	for (unsigned int i = 0; i < MAX_CPUS; i++)
		__atomic_store_n(&rounds_on_cpu[i], 0, __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < n; i++) {
		threads[i] = kthread_create(spin_and_count, NULL, "ktest-smp-spin");
		KTEST_ASSERT(threads[i]);
	}
	for (unsigned int i = 0; i < n; i++)
		KTEST_EXPECT(kthread_join(threads[i]) > 0);
	for (unsigned int i = 0; i < n; i++)
		cpus_used += __atomic_load_n(&rounds_on_cpu[i], __ATOMIC_RELAXED) > 0;
	KTEST_EXPECT(cpus_used > 1);
}

struct hammer {
	struct spinlock lock;
	uint64_t count; /* lock */
};

static int hammer_counter(void *arg)
{
	struct hammer *hammer = arg;

	for (int i = 0; i < HAMMER_ROUNDS; i++) {
		unsigned long flags = spin_lock_irqsave(&hammer->lock);

		hammer->count++;
		spin_unlock_irqrestore(&hammer->lock, flags);
	}
	return 0;
}

KTEST(smp_spinlock_counter_exact, "smp: a spinlock counter hammered from every CPU ends exact")
{
	static struct hammer hammer = { .lock = SPINLOCK_INIT("ktest_hammer") };
	struct task *threads[2 * MAX_CPUS];
	unsigned int n = 2 * ncpus;

	if (ncpus < 2) /* the counter is bumped with interrupts off: nothing could interleave */
		KTEST_SKIP(ONE_CPU);
	hammer.count = 0;
	for (unsigned int i = 0; i < n; i++) {
		threads[i] = kthread_create(hammer_counter, &hammer, "ktest-hammer");
		KTEST_ASSERT(threads[i]);
	}
	for (unsigned int i = 0; i < n; i++)
		kthread_join(threads[i]);
	KTEST_EXPECT(hammer.count == (uint64_t)n * HAMMER_ROUNDS);
}

struct shootdown_test {
	struct spinlock lock;
	volatile bool done;
	int started;	    /* atomic: spinners that have begun */
	int in_shootdown;   /* atomic: the sender holds lock and is inside tlb_shootdown() */
	int waited_on_send; /* atomic: times a spinner went to take lock while in_shootdown */
};

/*
 * Take and drop the lock (interrupts off while waiting) until the test is done, counting the
 * times the sender was inside a shootdown, holding the lock, as this spinner went to take it:
 * the spinner then waits on another CPU (the sender's has interrupts off).
 */
static int spin_on_lock(void *arg)
{
	struct shootdown_test *test = arg;

	__atomic_fetch_add(&test->started, 1, __ATOMIC_RELEASE);
	while (!test->done) {
		unsigned long flags;

		if (__atomic_load_n(&test->in_shootdown, __ATOMIC_ACQUIRE))
			__atomic_fetch_add(&test->waited_on_send, 1, __ATOMIC_RELAXED);
		flags = spin_lock_irqsave(&test->lock);
		spin_unlock_irqrestore(&test->lock, flags);
	}
	return 0;
}

/* One shootdown sent while holding test->lock. */
static void shootdown_holding_lock(struct shootdown_test *test)
{
	unsigned long flags = spin_lock_irqsave(&test->lock);

	__atomic_store_n(&test->in_shootdown, 1, __ATOMIC_RELEASE);
	tlb_shootdown(0, (uint64_t)test);
	__atomic_store_n(&test->in_shootdown, 0, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&test->lock, flags);
}

/*
 * The shootdowns go on past SHOOTDOWN_ROUNDS until a spinner has been seen waiting on the
 * sender's lock (or SHOOTDOWN_MAX_NS have passed), so the test has shown what it names.
 */
KTEST(smp_shootdown_while_others_spin,
      "smp: a TLB shootdown completes while other CPUs spin on a lock its sender holds")
{
	static struct shootdown_test test = { .lock = SPINLOCK_INIT("ktest_shootdown") };
	uint64_t deadline = clock_monotonic_ns() + SHOOTDOWN_MAX_NS;
	struct task *threads[MAX_CPUS];
	unsigned int n = ncpus;

	if (n < 2)
		KTEST_SKIP(ONE_CPU);
	test.done = false;
	__atomic_store_n(&test.started, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&test.waited_on_send, 0, __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < n; i++) {
		threads[i] = kthread_create(spin_on_lock, &test, "ktest-shoot");
		KTEST_ASSERT(threads[i]);
	}
	while (__atomic_load_n(&test.started, __ATOMIC_ACQUIRE) < (int)n)
		yield();
	for (int round = 0; round < SHOOTDOWN_ROUNDS; round++)
		shootdown_holding_lock(&test);
	while (!__atomic_load_n(&test.waited_on_send, __ATOMIC_RELAXED) &&
	       clock_monotonic_ns() < deadline)
		shootdown_holding_lock(&test);
	test.done = true;
	for (unsigned int i = 0; i < n; i++)
		kthread_join(threads[i]);
	KTEST_EXPECT(__atomic_load_n(&test.waited_on_send, __ATOMIC_RELAXED) > 0);
}
