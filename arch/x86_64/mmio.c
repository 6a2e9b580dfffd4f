/*
 * The MMIO window (<arch/mmio.h>): a bump allocator of kernel virtual addresses for device
 * registers, mapped uncached through the kernel's page tables (kernel_map_page()).  Mappings
 * are made at boot and kept for good, so nothing is ever freed.
 */
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/compiler.h>
#include <arch/mmio.h>

/* Page-table bits 3 and 4 (write-through, cache disable): uncached with the default PAT. */
#define MMIO_PTE_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_NX | PTE_GLOBAL | PTE_PCD | PTE_PWT)

static struct spinlock window_lock = SPINLOCK_INIT("mmio_window");
static uint64_t window_next = MMIO_WINDOW_BASE; /* the next guard page; guarded by window_lock */

uint64_t mmio_window_reserve(size_t pages)
{
	unsigned long flags = spin_lock_irqsave(&window_lock);
	uint64_t start = window_next + PAGE_SIZE;
	uint64_t end = start + pages * PAGE_SIZE;

	if (pages == 0 || end > MMIO_WINDOW_BASE + MMIO_WINDOW_SIZE)
		start = 0;
	else
		window_next = end;
	spin_unlock_irqrestore(&window_lock, flags);
	return start;
}

void *mmio_map(uint64_t phys, size_t size)
{
	uint64_t first = ALIGN_DOWN(phys, PAGE_SIZE);
	size_t pages = (ALIGN_UP(phys + size, PAGE_SIZE) - first) / PAGE_SIZE;
	uint64_t va = mmio_window_reserve(pages);

	if (va == 0) {
		pr_err("mmio: window full, cannot map %#lx\n", phys);
		return NULL;
	}
	for (size_t i = 0; i < pages; i++) {
		int err =
		    kernel_map_page(va + i * PAGE_SIZE, first + i * PAGE_SIZE, MMIO_PTE_FLAGS);

		if (err < 0) {
			pr_err("mmio: cannot map %#lx at %#lx: error %d\n", first + i * PAGE_SIZE,
			       va + i * PAGE_SIZE, err);
			return NULL;
		}
	}
	return (void *)(va + (phys - first));
}
