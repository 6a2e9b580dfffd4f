/*
 * In-kernel benchmarks (see include/kernel/kbench.h).
 *
 * Each figure is the median of ROUNDS rounds, each round timing BATCH operations with the
 * monotonic clock and dividing, so the clock's own cost and one-off delays (an emulated CPU
 * the host did not schedule for a moment) weigh little.  The names carry the CPU count, since
 * a grace period's cost is an IPI round trip to every other CPU.
 *
 * One figure is not an average: uvm_unmap_batch is the time of a single batch of munmap()'s
 * page-table walk at its fullest (UVM_BATCH_ENTRIES entries, nearly all of them present pages),
 * the longest stretch for which unmapping keeps interrupts off; the median over ROUNDS.
 */
#include <kernel/cpu.h>
#include <kernel/kbench.h>
#include <kernel/printk.h>
#include <kernel/rcu.h>
#include <kernel/spinlock.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/time.h>
#include <arch/uvm.h>

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

/* Sort ROUNDS numbers (insertion sort: seven of them) and return the median. */
static uint64_t median(uint64_t *values)
{
	for (int i = 1; i < ROUNDS; i++) {
		uint64_t v = values[i];
		int j = i;

		for (; j > 0 && values[j - 1] > v; j--)
			values[j] = values[j - 1];
		values[j] = v;
	}
	return values[ROUNDS / 2];
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
	return median(per_call);
}

/* A user address space (no one runs it) with one page table full of pages; NULL if no memory. */
static uint64_t *address_space_with_full_table(void)
{
	uint64_t *pml4 = uvm_create(), base = 1UL << 40;

	for (uint64_t i = 0; pml4 && i < 512; i++) {
		uint64_t phys = alloc_user_page();

		if (phys && uvm_map(pml4, base + i * PAGE_SIZE, phys, UVM_WRITE) == 0)
			continue;
		if (phys)
			put_page(phys);
		uvm_destroy(pml4);
		return NULL;
	}
	return pml4;
}

/* One full batch of unmapping, with interrupts off as under mm->lock; 0 if no memory. */
static uint64_t time_unmap_batch_once(void)
{
	uint64_t *pml4 = address_space_with_full_table(), start, ns;
	struct uvm_unmap unmap;
	unsigned long flags;

	if (!pml4)
		return 0;
	uvm_unmap_start(&unmap, 0, USER_TOP);
	flags = spin_lock_irqsave(&bench_lock);
	start = clock_monotonic_ns();
	uvm_unmap_batch(pml4, &unmap);
	ns = clock_monotonic_ns() - start;
	spin_unlock_irqrestore(&bench_lock, flags);
	while (uvm_unmap_batch(pml4, &unmap))
		;
	uvm_unmap_finish(pml4, &unmap);
	uvm_destroy(pml4);
	return ns;
}

static uint64_t time_unmap_batch(void)
{
	uint64_t rounds[ROUNDS];

	for (int r = 0; r < ROUNDS; r++)
		rounds[r] = time_unmap_batch_once();
	return median(rounds);
}

static void print_figure(const char *name, uint64_t ns)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	console_print_line("BENCH %s_smp%u %lu ns", name, n, (unsigned long)ns);
}

int kbench_run_all(void)
{
	print_figure("synchronize_rcu", time_op(op_synchronize_rcu));
	print_figure("rcu_read_section", time_op(op_rcu_read_section));
	print_figure("spin_lock_irqsave_unlock", time_op(op_spin_lock_unlock));
	print_figure("uvm_unmap_batch", time_unmap_batch());
	return 0;
}
