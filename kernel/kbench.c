/*
 * In-kernel benchmarks (see include/kernel/kbench.h).
 *
 * Each figure is the median of ROUNDS rounds, each round timing BATCH operations with the
 * monotonic clock and dividing, so the clock's own cost and one-off delays (an emulated CPU
 * the host did not schedule for a moment) weigh little.  The names carry the CPU count, since
 * a grace period's cost is an IPI round trip to every other CPU.
 */
#include <kernel/cpu.h>
#include <kernel/kbench.h>
#include <kernel/printk.h>
#include <kernel/rcu.h>
#include <kernel/spinlock.h>
#include <kernel/time.h>

#define ROUNDS 7
#define BATCH  200

typedef void (*bench_op_t)(void);

static void op_synchronize_rcu(void)
{
	synchronize_rcu();
}

static void op_rcu_read_section(void)
{
	rcu_read_lock();
	rcu_read_unlock();
}

static struct spinlock bench_lock = SPINLOCK_INIT("kbench");

static void op_spin_lock_unlock(void)
{
	unsigned long flags = spin_lock_irqsave(&bench_lock);

	spin_unlock_irqrestore(&bench_lock, flags);
}

/* The nanoseconds one call of op takes: the median over ROUNDS batches. */
static uint64_t time_op(bench_op_t op)
{
	uint64_t per_call[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t start = clock_monotonic_ns();

		for (int i = 0; i < BATCH; i++)
			op();
		per_call[r] = (clock_monotonic_ns() - start) / BATCH;
	}
	for (int i = 1; i < ROUNDS; i++) { /* insertion sort: seven numbers */
		uint64_t v = per_call[i];
		int j = i;

		for (; j > 0 && per_call[j - 1] > v; j--)
			per_call[j] = per_call[j - 1];
		per_call[j] = v;
	}
	return per_call[ROUNDS / 2];
}

static void report(const char *name, bench_op_t op)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	console_print_line("BENCH %s_smp%u %lu ns", name, n, (unsigned long)time_op(op));
}

int kbench_run_all(void)
{
	report("synchronize_rcu", op_synchronize_rcu);
	report("rcu_read_section", op_rcu_read_section);
	report("spin_lock_irqsave_unlock", op_spin_lock_unlock);
	return 0;
}
