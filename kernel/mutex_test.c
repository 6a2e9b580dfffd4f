/*
 * Tests of sleeping mutexes (kernel/mutex.c): mutual exclusion among threads that the timer
 * preempts inside the critical section, trylock, and ownership.
 */
#include <kernel/ktest.h>
#include <kernel/mutex.h>
#include <kernel/task.h>
#include <kernel/time.h>

#define COUNTERS	4
#define INCREMENTS	1000
#define LONG_HOLD_EVERY 500
#define LONG_HOLD_NS	(SCHED_SLICE_TICKS * NSEC_PER_SEC / TIMER_HZ + 5 * NSEC_PER_MSEC)

struct counter_test {
	struct mutex mutex;
	long value;	 /* protected by mutex */
	int interleaved; /* times a thread found value moved by others; protected by mutex */
};

/*
 * Add 1 to value INCREMENTS times, reading and writing it 20 us apart, so the timer often
 * preempts the thread in between; it never yields otherwise.  Every LONG_HOLD_EVERY-th time
 * it holds the mutex for longer than a time slice, so the timer certainly preempts it inside
 * the critical section even when every thread has a CPU of its own.
 */
static int count_up(void *arg)
{
	struct counter_test *test = arg;
	long last = -1;

	for (int i = 0; i < INCREMENTS; i++) {
		long value;

		mutex_lock(&test->mutex);
		value = test->value;
		if (last >= 0 && value != last)
			test->interleaved++;
		udelay_ns(i % LONG_HOLD_EVERY ? 20 * NSEC_PER_USEC : LONG_HOLD_NS);
		test->value = value + 1;
		last = value + 1;
		mutex_unlock(&test->mutex);
	}
	return 0;
}

KTEST(mutex_counter, "mutex: 4 preempted threads adding 1000 each under a mutex end at 4000")
{
	static struct counter_test test;
	struct task *tasks[COUNTERS];
	uint64_t preempted_before = sched_preemption_count();

	mutex_init(&test.mutex, "ktest_counter");
	test.value = 0;
	test.interleaved = 0;
	for (int i = 0; i < COUNTERS; i++)
		tasks[i] = kthread_create(count_up, &test, "ktest-count");
	for (int i = 0; i < COUNTERS; i++) {
		KTEST_ASSERT(tasks[i] != NULL);
		kthread_join(tasks[i]);
	}
	KTEST_EXPECT(test.value == COUNTERS * INCREMENTS);
	KTEST_EXPECT(test.interleaved > 0);
	KTEST_EXPECT(sched_preemption_count() > preempted_before);
}

KTEST(mutex_trylock_held, "mutex: trylock fails while another task holds it, works after unlock")
{
	static struct mutex m = MUTEX_INIT(m, "ktest_trylock");

	KTEST_EXPECT(!mutex_held(&m));
	mutex_lock(&m);
	KTEST_EXPECT(mutex_held(&m));
	KTEST_EXPECT(m.owner == current_task());
	mutex_unlock(&m);
	KTEST_EXPECT(!mutex_held(&m));
	KTEST_EXPECT(mutex_trylock(&m));
	KTEST_EXPECT(mutex_held(&m));
	mutex_unlock(&m);
	KTEST_EXPECT(m.owner == NULL);
}

static int try_other(void *arg)
{
	return mutex_trylock(arg) ? 1 : 0;
}

KTEST(mutex_trylock_other_task, "mutex: another task's trylock fails on a held mutex")
{
	static struct mutex m = MUTEX_INIT(m, "ktest_trylock_other");
	struct task *other;

	mutex_lock(&m);
	other = kthread_create(try_other, &m, "ktest-trylock");
	KTEST_ASSERT(other != NULL);
	KTEST_EXPECT(kthread_join(other) == 0);
	mutex_unlock(&m);
}
