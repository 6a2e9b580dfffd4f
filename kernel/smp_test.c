/*
 * Tests of the kernel on several CPUs (arch/x86_64/smp.c, kernel/sched.c): kernel threads
 * really run on more than one CPU at once, a spinlock keeps a counter exact when every CPU
 * hammers it, and a TLB shootdown finishes even when the other CPUs spin on a lock its sender
 * holds.  On one CPU they still pass, checking less.
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
	KTEST_EXPECT(n == 1 || cpus_used > 1);
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
	static struct hammer hammer = {.lock = SPINLOCK_INIT("ktest_hammer")};
	struct task *threads[2 * MAX_CPUS];
	unsigned int n = 2 * ncpus;

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
};

/* Take and drop the lock (interrupts off while waiting) until the test is done. */
static int spin_on_lock(void *arg)
{
	struct shootdown_test *test = arg;

	while (!test->done) {
		unsigned long flags = spin_lock_irqsave(&test->lock);

		spin_unlock_irqrestore(&test->lock, flags);
	}
	return 0;
}

KTEST(smp_shootdown_while_others_spin,
      "smp: a TLB shootdown completes while other CPUs spin on a lock its sender holds")
{
	static struct shootdown_test test = {.lock = SPINLOCK_INIT("ktest_shootdown")};
	struct task *threads[MAX_CPUS];
	unsigned int n = ncpus;

	test.done = false;
	for (unsigned int i = 0; i < n; i++) {
		threads[i] = kthread_create(spin_on_lock, &test, "ktest-shoot");
		KTEST_ASSERT(threads[i]);
	}
	for (int round = 0; round < SHOOTDOWN_ROUNDS; round++) {
		unsigned long flags = spin_lock_irqsave(&test.lock);

		tlb_shootdown(0, (uint64_t)&test);
		spin_unlock_irqrestore(&test.lock, flags);
	}
	test.done = true;
	for (unsigned int i = 0; i < n; i++)
		kthread_join(threads[i]);
	KTEST_EXPECT(test.done);
}
