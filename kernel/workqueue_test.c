/*
 * Tests of the system workqueue (kernel/workqueue.c): items run once each, in the order they
 * were queued; a pending item is not queued twice; items may be queued holding a spinlock with
 * interrupts off, and from several CPUs at once; a func may queue its own item again; a flush
 * waits for what was queued before it.  A "gate" item that sleeps until the test opens it holds
 * the worker, so that the items queued behind it are known to be pending.
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/proc.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/workqueue.h>
#include <lib/compiler.h>

#define ITEMS	     16
#define WAIT_LIMIT_S 10

/* An item that records when it ran: its number in the log, and how often. */
struct logged_work {
	struct work_struct work;
	int id;
	int runs; /* atomic */
};

static int run_log[4 * ITEMS]; /* ids in the order their funcs ran; only the worker writes */
static int run_log_len;	       /* atomic */

static void log_run(struct work_struct *work)
{
	struct logged_work *w = container_of(work, struct logged_work, work);
	int at = __atomic_load_n(&run_log_len, __ATOMIC_RELAXED);

	if (at < (int)ARRAY_SIZE(run_log))
		run_log[at] = w->id;
	__atomic_store_n(&run_log_len, at + 1, __ATOMIC_RELEASE);
	__atomic_fetch_add(&w->runs, 1, __ATOMIC_RELAXED);
}

static void init_logged(struct logged_work *items, int n)
{
	__atomic_store_n(&run_log_len, 0, __ATOMIC_RELAXED);
	for (int i = 0; i < n; i++) {
		INIT_WORK(&items[i].work, log_run);
		items[i].id = i;
		items[i].runs = 0;
	}
}

/* The gate: its func sleeps until the test opens it, holding up every item behind it. */
static int gate_open; /* atomic */

static void gate_wait(struct work_struct *work)
{
	uint64_t end = clock_monotonic_ns() + WAIT_LIMIT_S * NSEC_PER_SEC;

	while (!__atomic_load_n(&gate_open, __ATOMIC_ACQUIRE) && clock_monotonic_ns() < end)
		sleep_ns(NSEC_PER_MSEC);
}

static struct work_struct gate = WORK_INITIALIZER(gate, gate_wait);

static bool close_gate(void)
{
	__atomic_store_n(&gate_open, 0, __ATOMIC_RELEASE);
	return schedule_work(&gate);
}

static void open_gate(void)
{
	__atomic_store_n(&gate_open, 1, __ATOMIC_RELEASE);
}

KTEST(workqueue_fifo_once, "workqueue: items run exactly once each, in the order queued")
{
	static struct logged_work items[ITEMS];
	bool all_queued = true;

	init_logged(items, ITEMS);
	KTEST_ASSERT(close_gate());
	for (int i = 0; i < ITEMS; i++)
		all_queued &= schedule_work(&items[i].work);
	KTEST_EXPECT(all_queued);
	KTEST_EXPECT(__atomic_load_n(&run_log_len, __ATOMIC_ACQUIRE) == 0); /* behind the gate */
	open_gate();
	flush_scheduled_work();
	KTEST_ASSERT(__atomic_load_n(&run_log_len, __ATOMIC_ACQUIRE) == ITEMS);
	for (int i = 0; i < ITEMS; i++) {
		KTEST_EXPECT(run_log[i] == i);
		KTEST_EXPECT(items[i].runs == 1);
	}
}

KTEST(workqueue_pending_once, "workqueue: schedule_work of a pending item is false; it runs once")
{
	static struct logged_work items[2];

	init_logged(items, 2);
	KTEST_ASSERT(close_gate()); /* the gate may have started already: items wait behind it */
	KTEST_EXPECT(schedule_work(&items[0].work));
	KTEST_EXPECT(!schedule_work(&items[0].work));
	KTEST_EXPECT(schedule_work(&items[1].work));
	KTEST_EXPECT(!schedule_work(&items[0].work));
	open_gate();
	flush_scheduled_work();
	KTEST_EXPECT(items[0].runs == 1 && items[1].runs == 1);
	KTEST_EXPECT(__atomic_load_n(&run_log_len, __ATOMIC_ACQUIRE) == 2 && run_log[0] == 0 &&
		     run_log[1] == 1);
	KTEST_EXPECT(schedule_work(&items[0].work)); /* it ran: it may be queued again */
	flush_scheduled_work();
	KTEST_EXPECT(items[0].runs == 2);
}

KTEST(workqueue_from_spinlock, "workqueue: queued holding proc_lock, interrupts off, it runs")
{
	static struct logged_work item;
	unsigned long flags;
	bool queued;

	init_logged(&item, 1);
	flags = spin_lock_irqsave(&proc_lock);
	KTEST_EXPECT(!arch_irq_enabled());
	queued = schedule_work(&item.work);
	spin_unlock_irqrestore(&proc_lock, flags);
	KTEST_EXPECT(queued);
	flush_scheduled_work();
	KTEST_EXPECT(item.runs == 1);
}

/* Runs three times: each run but the last queues its own item again. */
static int requeue_runs; /* atomic */

static void requeue_self(struct work_struct *work)
{
	if (__atomic_add_fetch(&requeue_runs, 1, __ATOMIC_RELAXED) < 3)
		schedule_work(work);
}

KTEST(workqueue_requeue_self, "workqueue: a func may queue its own item again")
{
	static struct work_struct item = WORK_INITIALIZER(item, requeue_self);

	__atomic_store_n(&requeue_runs, 0, __ATOMIC_RELAXED);
	KTEST_ASSERT(schedule_work(&item));
	for (int i = 0; i < 4; i++)
		flush_scheduled_work(); /* each flush covers the copy queued by the run before */
	KTEST_EXPECT(__atomic_load_n(&requeue_runs, __ATOMIC_RELAXED) == 3);
}

/* Sleeps a while, then says it finished: a flush must not return before it has. */
static int slow_finished; /* atomic */

static void slow_work(struct work_struct *work)
{
	sleep_ns(30 * NSEC_PER_MSEC);
	__atomic_store_n(&slow_finished, 1, __ATOMIC_RELEASE);
}

KTEST(workqueue_flush_waits, "workqueue: flush_scheduled_work waits for everything queued before")
{
	static struct work_struct slow = WORK_INITIALIZER(slow, slow_work);
	static struct logged_work items[3];

	init_logged(items, 3);
	__atomic_store_n(&slow_finished, 0, __ATOMIC_RELAXED);
	KTEST_ASSERT(schedule_work(&slow));
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT(schedule_work(&items[i].work));
	flush_scheduled_work();
	KTEST_EXPECT(__atomic_load_n(&slow_finished, __ATOMIC_ACQUIRE) == 1);
	KTEST_EXPECT(__atomic_load_n(&run_log_len, __ATOMIC_ACQUIRE) == 3);
	flush_scheduled_work(); /* nothing queued: returns at once */
}

/* Several threads, on as many CPUs as there are, each queueing its own items. */
#define QUEUERS		 4
#define ITEMS_PER_QUEUER 64

static struct logged_work queuer_items[QUEUERS][ITEMS_PER_QUEUER];

static int queue_items(void *arg)
{
	struct logged_work *items = arg;
	int refused = 0;

	for (int i = 0; i < ITEMS_PER_QUEUER; i++) {
		refused += !schedule_work(&items[i].work);
		if (i % 8 == 0)
			yield();
	}
	return refused;
}

KTEST(workqueue_many_queuers, "workqueue: items queued from several threads at once run once each")
{
	struct task *threads[QUEUERS];
	int refused = 0;

	for (int q = 0; q < QUEUERS; q++) {
		for (int i = 0; i < ITEMS_PER_QUEUER; i++) {
			INIT_WORK(&queuer_items[q][i].work, log_run);
			queuer_items[q][i].runs = 0;
		}
	}
	for (int q = 0; q < QUEUERS; q++)
		threads[q] = kthread_create(queue_items, queuer_items[q], "ktest-wq");
	for (int q = 0; q < QUEUERS; q++)
		refused += threads[q] ? kthread_join(threads[q]) : ITEMS_PER_QUEUER;
	KTEST_EXPECT(refused == 0);
	flush_scheduled_work();
	for (int q = 0; q < QUEUERS; q++)
		for (int i = 0; i < ITEMS_PER_QUEUER; i++)
			KTEST_EXPECT(queuer_items[q][i].runs == 1);
}
