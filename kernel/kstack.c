/*
 * Kernel stacks for tasks, each KSTACK_SIZE bytes mapped in its own slot of the kernel-stack
 * area (KSTACK_AREA_BASE, <arch/memlayout.h>) from single pages of the page allocator.  The
 * page below each stack is never mapped, so a task that overflows its stack faults at once
 * instead of overwriting whatever lies below.
 *
 * The area's page tables are never freed (arch/x86_64/paging.c keeps all tables), so those
 * for every slot the processes and kernel threads may take at once (threads-max and
 * KTHREAD_STACKS) are made at boot by kstack_init(), about one page per 64 slots.  Made on
 * first use instead, they were memory that a burst of tasks took for good: after a thousand
 * zombies were reaped, free memory came back a page short for each 64 of them.  Only the
 * stack pages themselves come and go.
 *
 * A freed stack stays mapped in a small cache, the next one handed out: each fork and reap
 * would otherwise map and unmap four pages, and every unmap flushes the TLB of every CPU.
 */
#include <stddef.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <lib/compiler.h>

#define KSTACK_PAGES  (KSTACK_SIZE / PAGE_SIZE)
#define BITS_PER_WORD 64
#define KSTACK_CACHED 16 /* about as many as a busy shell's forks have alive at once */

/*
 * Which slots hold a stack, and the freed stacks kept mapped (their slots still marked used).
 * Protected by kstack_lock, a leaf lock.
 */
static struct spinlock kstack_lock = SPINLOCK_INIT("kstack");
static uint64_t slot_used[KSTACK_SLOTS / BITS_PER_WORD];
static void *cached[KSTACK_CACHED];
static int cached_count;

/* A freed stack from the cache, still mapped, or NULL. */
static void *cache_take(void)
{
	unsigned long flags = spin_lock_irqsave(&kstack_lock);
	void *stack = cached_count > 0 ? cached[--cached_count] : NULL;

	spin_unlock_irqrestore(&kstack_lock, flags);
	return stack;
}

/* Keep a freed stack mapped for the next kstack_alloc(); false if the cache is full. */
static bool cache_put(void *stack)
{
	unsigned long flags = spin_lock_irqsave(&kstack_lock);
	bool kept = cached_count < KSTACK_CACHED;

	if (kept)
		cached[cached_count++] = stack;
	spin_unlock_irqrestore(&kstack_lock, flags);
	return kept;
}

static int slot_take(void)
{
	unsigned long flags = spin_lock_irqsave(&kstack_lock);
	int slot = -1;

	for (int i = 0; i < KSTACK_SLOTS; i++) {
		if (!(slot_used[i / BITS_PER_WORD] & (1UL << (i % BITS_PER_WORD)))) {
			slot_used[i / BITS_PER_WORD] |= 1UL << (i % BITS_PER_WORD);
			slot = i;
			break;
		}
	}
	spin_unlock_irqrestore(&kstack_lock, flags);
	return slot;
}

static void slot_give_back(int slot)
{
	unsigned long flags = spin_lock_irqsave(&kstack_lock);

	slot_used[slot / BITS_PER_WORD] &= ~(1UL << (slot % BITS_PER_WORD));
	spin_unlock_irqrestore(&kstack_lock, flags);
}

/* The lowest stack byte of a slot: one guard page above the slot's start. */
static uint64_t slot_stack(int slot)
{
	return KSTACK_AREA_BASE + (uint64_t)slot * KSTACK_SLOT_SIZE + PAGE_SIZE;
}

/* Unmap the first pages of a stack and free them. */
static void unmap_pages(uint64_t stack, int pages)
{
	uint64_t phys;

	for (int i = 0; i < pages; i++) {
		uint64_t va = stack + (uint64_t)i * PAGE_SIZE;

		if (!kernel_walk(va, &phys, NULL) || kernel_unmap_page(va) < 0)
			panic("kstack: stack page %#lx is not mapped", (unsigned long)va);
		free_pages(phys, 0);
	}
}

void kstack_init(int stacks)
{
	uint64_t end = slot_stack(MIN(stacks, KSTACK_SLOTS) - 1) + KSTACK_SIZE;

	if (kernel_make_tables(KSTACK_AREA_BASE, end) < 0)
		panic("kstack: no memory for the page tables of %d stacks", stacks);
}

void *kstack_alloc(void)
{
	void *reused = cache_take();
	uint64_t stack;
	int slot;

	if (reused)
		return reused;
	slot = slot_take();
	if (slot < 0)
		return NULL;
	stack = slot_stack(slot);
	for (int i = 0; i < KSTACK_PAGES; i++) {
		uint64_t phys = alloc_pages(0);

		if (!phys || kernel_map_page(stack + (uint64_t)i * PAGE_SIZE, phys,
					     PTE_PRESENT | PTE_WRITE | PTE_NX | PTE_GLOBAL) < 0) {
			if (phys)
				free_pages(phys, 0);
			unmap_pages(stack, i);
			slot_give_back(slot);
			return NULL;
		}
	}
	return (void *)stack;
}

uint64_t kstack_spare_pages(void)
{
	return __atomic_load_n(&cached_count, __ATOMIC_RELAXED) * KSTACK_PAGES;
}

void kstack_free(void *stack)
{
	uint64_t base = (uint64_t)stack - PAGE_SIZE;

	BUG_ON(base < KSTACK_AREA_BASE || (base - KSTACK_AREA_BASE) % KSTACK_SLOT_SIZE != 0);
	if (cache_put(stack))
		return;
	unmap_pages((uint64_t)stack, KSTACK_PAGES);
	slot_give_back((int)((base - KSTACK_AREA_BASE) / KSTACK_SLOT_SIZE));
}
