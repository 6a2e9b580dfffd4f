/*
 * Tests of kernel threads and the scheduler (kernel/task.c, kernel/sched.c): threads run and
 * are joined, the timer preempts a thread that never yields, timed sleep lasts at least as
 * long as asked, and exited threads give their stacks back.
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <arch/cpu.h>

static int return_arg(void *arg)
{
	return (int)(long)arg;
}

KTEST(kthread_join_returns_status, "sched: a thread runs and kthread_join returns its status")
{
	struct task *task = kthread_create(return_arg, (void *)42L, "ktest-status");

	KTEST_ASSERT(task != NULL);
	KTEST_EXPECT(task->pid > 0);
	KTEST_EXPECT(kthread_join(task) == 42);
}

static int yield_count_up(void *arg)
{
	int *count = arg;

	for (int i = 0; i < 10; i++) {
		(*count)++;
		yield();
	}
	return 0;
}

KTEST(yield_both_finish, "sched: two threads that yield 10 times each both finish")
{
	int a = 0, b = 0;
	struct task *first = kthread_create(yield_count_up, &a, "ktest-yield-a");
	struct task *second = kthread_create(yield_count_up, &b, "ktest-yield-b");

	KTEST_ASSERT(first && second);
	kthread_join(first);
	kthread_join(second);
	KTEST_EXPECT(a == 10 && b == 10);
}

/* On more than one CPU the two may run side by side, and nothing makes them alternate. */
KTEST(yield_interleaves, "sched: on one CPU, two threads that yield take turns")
{
	int a = 0, b = 0, most_apart = 0;
	struct task *first, *second;

	if (ncpus > 1)
		KTEST_SKIP("several CPUs: the two may run side by side");
	first = kthread_create(yield_count_up, &a, "ktest-yield-a");
	second = kthread_create(yield_count_up, &b, "ktest-yield-b");
	KTEST_ASSERT(first && second);
	while (READ_ONCE(a) + READ_ONCE(b) < 20) {
		int diff = READ_ONCE(a) - READ_ONCE(b);

		if (diff < 0)
			diff = -diff;
		most_apart = diff > most_apart ? diff : most_apart;
		yield();
	}
	kthread_join(first);
	kthread_join(second);
	KTEST_EXPECT(most_apart <= 1);
	KTEST_EXPECT(a == 10 && b == 10);
}

struct spin_test {
	volatile bool released; /* set by the second thread */
	volatile bool timed_out;
};

/* Spin, never yielding, until the other thread sets released; gives up after 10 s. */
static int spin_until_released(void *arg)
{
	struct spin_test *test = arg;
	uint64_t deadline = clock_monotonic_ns() + 10 * NSEC_PER_SEC;

	while (!test->released) {
		if (clock_monotonic_ns() > deadline) {
			test->timed_out = true;
			break;
		}
		cpu_relax();
	}
	return 0;
}

static int release_spinner(void *arg)
{
	struct spin_test *test = arg;

	test->released = true;
	return 0;
}

/*
 * One spinner per CPU keeps every CPU busy, so the releaser runs only if the timer preempts
 * one of them.
 */
KTEST(timer_preempts_spinner, "sched: the timer preempts threads that never yield")
{
	struct spin_test test = { .released = false, .timed_out = false };
	uint64_t preempted_before = sched_preemption_count();
	struct task *spinners[MAX_CPUS];
	struct task *releaser;
	unsigned int n = ncpus;

	for (unsigned int i = 0; i < n; i++) {
		spinners[i] = kthread_create(spin_until_released, &test, "ktest-spin");
		KTEST_ASSERT(spinners[i]);
	}
	releaser = kthread_create(release_spinner, &test, "ktest-release");
	KTEST_ASSERT(releaser);
	for (unsigned int i = 0; i < n; i++)
		kthread_join(spinners[i]);
	kthread_join(releaser);
	KTEST_EXPECT(test.released);
	KTEST_EXPECT(!test.timed_out);
	KTEST_EXPECT(sched_preemption_count() > preempted_before);
}

KTEST(sleep_20ms_no_earlier, "sched: sleep_ns(20 ms) sleeps at least 20 ms, less than 200 ms")
{
	uint64_t start = clock_monotonic_ns();
	uint64_t slept;

	sleep_ns(20 * NSEC_PER_MSEC);
	slept = clock_monotonic_ns() - start;
	KTEST_EXPECT(slept >= 20 * NSEC_PER_MSEC);
	KTEST_EXPECT(slept < 200 * NSEC_PER_MSEC);
}

static int sleep_20ms(void *arg)
{
	uint64_t *slept = arg;
	uint64_t start = clock_monotonic_ns();

	sleep_ns(20 * NSEC_PER_MSEC);
	*slept = clock_monotonic_ns() - start;
	return 0;
}

KTEST(thread_sleep_20ms_no_earlier, "sched: a thread that sleeps 20 ms wakes no earlier")
{
	uint64_t slept[3] = { 0, 0, 0 };
	struct task *tasks[3];

	for (int i = 0; i < 3; i++)
		tasks[i] = kthread_create(sleep_20ms, &slept[i], "ktest-sleep");
	for (int i = 0; i < 3; i++) {
		KTEST_ASSERT(tasks[i] != NULL);
		kthread_join(tasks[i]);
		KTEST_EXPECT(slept[i] >= 20 * NSEC_PER_MSEC);
	}
}

#define STACK_TEST_THREADS 8

/* Free pages, counting the stacks kept for reuse (kernel/kstack.c). */
static uint64_t free_pages_now(void)
{
	return free_page_count() + kstack_spare_pages();
}

/* Start and join n threads; false if one could not be created. */
static bool run_and_join(int n)
{
	struct task *tasks[STACK_TEST_THREADS];
	bool ok = true;

	for (int i = 0; i < n; i++)
		tasks[i] = kthread_create(return_arg, NULL, "ktest-stack");
	for (int i = 0; i < n; i++) {
		if (tasks[i])
			kthread_join(tasks[i]);
		else
			ok = false;
	}
	return ok;
}

KTEST(exit_frees_stack, "sched: threads that exit and are joined give back every page")
{
	uint64_t before;

	KTEST_ASSERT(run_and_join(STACK_TEST_THREADS)); /* page tables and slabs made once */
	before = free_pages_now();
	KTEST_ASSERT(run_and_join(STACK_TEST_THREADS));
	KTEST_EXPECT(free_pages_now() == before);
}

static int set_flag(void *arg)
{
	*(volatile bool *)arg = true;
	return 0;
}

KTEST(detached_thread_freed, "sched: a detached thread is freed when it exits")
{
	volatile bool ran = false;
	uint64_t before = free_pages_now();
	struct task *task = kthread_create(set_flag, (void *)&ran, "ktest-detached");

	KTEST_ASSERT(task != NULL);
	kthread_detach(task);
	for (int i = 0; i < 50 && free_pages_now() != before; i++)
		sleep_ns(NSEC_PER_MSEC);
	KTEST_EXPECT(ran);
	KTEST_EXPECT(free_pages_now() == before);
}

KTEST(kstack_has_guard_page, "sched: a kernel stack is mapped with an unmapped page below it")
{
	uint8_t *stack = kstack_alloc();

	KTEST_ASSERT(stack != NULL);
	KTEST_EXPECT(kernel_walk((uint64_t)stack, NULL, NULL));
	KTEST_EXPECT(kernel_walk((uint64_t)stack + KSTACK_SIZE - 1, NULL, NULL));
	KTEST_EXPECT(!kernel_walk((uint64_t)stack - 1, NULL, NULL));
	kstack_free(stack);
}

KTEST(kstack_reused, "sched: a freed kernel stack stays mapped and is handed out next")
{
	uint8_t *stack = kstack_alloc(), *again;
	uint64_t spare;

	KTEST_ASSERT(stack != NULL);
	kstack_free(stack);
	spare = kstack_spare_pages();
	KTEST_EXPECT(spare > 0);
	KTEST_EXPECT(kernel_walk((uint64_t)stack, NULL, NULL));
	again = kstack_alloc();
	KTEST_EXPECT(again == stack);
	KTEST_EXPECT(kstack_spare_pages() == spare - KSTACK_SIZE / PAGE_SIZE);
	kstack_free(again);
}
