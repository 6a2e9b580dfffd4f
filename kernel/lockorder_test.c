/*
 * Tests of the lock-order checker (kernel/lockorder.c), which debug builds only have (a DEBUG=0
 * build skips them): each takes locks of its own classes in a deliberately bad order on one
 * CPU, which cannot deadlock, and checks that the checker reported it.  The console shows those
 * reports; tests/run accepts inversions between "ktest_order" classes only.
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/lockorder.h>
#include <kernel/mutex.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <arch/cpu.h>

#define NO_CHECKER "no lock-order checker in this build (DEBUG=0)"

/* Take first then second, and let both go. */
static void take_in_order(struct spinlock *first, struct spinlock *second)
{
	unsigned long flags = spin_lock_irqsave(first);

	spin_lock(second);
	spin_unlock(second);
	spin_unlock_irqrestore(first, flags);
}

KTEST(lockorder_same_order_is_quiet, "lockorder: taking A then B twice reports nothing")
{
	static struct spinlock a = SPINLOCK_INIT("ktest_order_quiet_a");
	static struct spinlock b = SPINLOCK_INIT("ktest_order_quiet_b");
	unsigned int before = lockorder_reports();

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	take_in_order(&a, &b);
	take_in_order(&a, &b);
	KTEST_EXPECT(lockorder_reports() == before);
}

KTEST(lockorder_reports_inversion, "lockorder: A then B, later B then A, is reported once")
{
	static struct spinlock a = SPINLOCK_INIT("ktest_order_a");
	static struct spinlock b = SPINLOCK_INIT("ktest_order_b");
	unsigned int before = lockorder_reports();
	const char *held, *taken;

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	take_in_order(&a, &b);
	take_in_order(&b, &a);
	KTEST_EXPECT(lockorder_reports() == before + 1);
	lockorder_last_report(&held, &taken);
	KTEST_EXPECT(held && strcmp(held, "ktest_order_b") == 0);
	KTEST_EXPECT(taken && strcmp(taken, "ktest_order_a") == 0);
	take_in_order(&b, &a);
	KTEST_EXPECT(lockorder_reports() == before + 1);
}

KTEST(lockorder_reports_cycle_of_three, "lockorder: A->B, B->C, then C->A is reported")
{
	static struct spinlock a = SPINLOCK_INIT("ktest_order_cycle_a");
	static struct spinlock b = SPINLOCK_INIT("ktest_order_cycle_b");
	static struct spinlock c = SPINLOCK_INIT("ktest_order_cycle_c");
	unsigned int before = lockorder_reports();

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	take_in_order(&a, &b);
	take_in_order(&b, &c);
	KTEST_EXPECT(lockorder_reports() == before);
	take_in_order(&c, &a);
	KTEST_EXPECT(lockorder_reports() == before + 1);
}

KTEST(lockorder_same_class_is_not_an_inversion, "lockorder: two locks of one class nest quietly")
{
	struct spinlock x, y;
	unsigned int before = lockorder_reports();

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	spin_lock_init(&x, "ktest_order_same");
	spin_lock_init(&y, "ktest_order_same");
	take_in_order(&x, &y);
	take_in_order(&y, &x);
	KTEST_EXPECT(lockorder_reports() == before);
}

KTEST(lockorder_reports_mutex_inversion, "lockorder: mutexes taken in both orders are reported")
{
	static struct mutex a = MUTEX_INIT(a, "ktest_order_mutex_a");
	static struct mutex b = MUTEX_INIT(b, "ktest_order_mutex_b");
	unsigned int before = lockorder_reports();

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	mutex_lock(&a);
	mutex_lock(&b);
	mutex_unlock(&b);
	mutex_unlock(&a);
	mutex_lock(&b);
	mutex_lock(&a);
	mutex_unlock(&a);
	mutex_unlock(&b);
	KTEST_EXPECT(lockorder_reports() == before + 1);
}

KTEST(lockorder_tracks_held_spinlocks, "lockorder: this CPU's held-lock list follows lock/unlock")
{
	static struct spinlock a = SPINLOCK_INIT("ktest_order_track_a");
	static struct spinlock b = SPINLOCK_INIT("ktest_order_track_b");
	unsigned long flags;
	struct held_locks *held;
	unsigned int depth;

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	flags = spin_lock_irqsave(&a);
	held = &this_cpu()->spin_held;
	depth = held->depth;
	if (depth >= LOCKORDER_MAX_HELD) { /* b would go untracked: the list must have room */
		spin_unlock_irqrestore(&a, flags);
		KTEST_ASSERT(depth < LOCKORDER_MAX_HELD);
	}
	spin_lock(&b);
	KTEST_EXPECT(held->depth == depth + 1);
	KTEST_EXPECT(held->entry[depth].lock == &b);
	spin_unlock(&a); /* out of order, as sched_sleep_releasing() does */
	KTEST_EXPECT(held->depth == depth);
	KTEST_EXPECT(held->entry[depth - 1].lock == &b);
	spin_unlock(&b);
	arch_irq_restore(flags);
}

KTEST(lockorder_reports_against_declared_order,
      "lockorder: taking locks against the declared order is reported the first time")
{
	static struct spinlock outer = SPINLOCK_INIT("ktest_order_declared_outer");
	static struct spinlock inner = SPINLOCK_INIT("ktest_order_declared_inner");
	unsigned int before = lockorder_reports();
	const char *held, *taken;

	if (!CONFIG_DEBUG)
		KTEST_SKIP(NO_CHECKER);
	take_in_order(&inner, &outer);
	KTEST_EXPECT(lockorder_reports() == before + 1);
	lockorder_last_report(&held, &taken);
	KTEST_EXPECT(held && strcmp(held, "ktest_order_declared_inner") == 0);
	KTEST_EXPECT(taken && strcmp(taken, "ktest_order_declared_outer") == 0);
	take_in_order(&outer, &inner);
	KTEST_EXPECT(lockorder_reports() == before + 1);
}

KTEST(lockorder_declared_ranks, "lockorder: the declared order puts serial_rx before proc")
{
	unsigned int serial_rx = lockorder_declared_rank("serial_rx", LOCK_KIND_SPIN);
	unsigned int proc = lockorder_declared_rank("proc", LOCK_KIND_SPIN);

	KTEST_EXPECT(serial_rx && proc && serial_rx < proc);
	KTEST_EXPECT(lockorder_declared_rank("vfs_lock", LOCK_KIND_MUTEX) <
		     lockorder_declared_rank("inode", LOCK_KIND_MUTEX));
	KTEST_EXPECT(lockorder_declared_rank("runqueue", LOCK_KIND_SPIN) >
		     lockorder_declared_rank("page_alloc", LOCK_KIND_SPIN));
	KTEST_EXPECT(lockorder_declared_rank("vfs_lock", LOCK_KIND_SPIN) == 0);
	KTEST_EXPECT(lockorder_declared_rank("no_such_lock", LOCK_KIND_SPIN) == 0);
}
