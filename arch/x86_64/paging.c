/*
 * The kernel's page tables.
 *
 * paging_init() replaces boot.S's early tables (the first GiB mapped three times, writable and
 * executable everywhere) with the real ones, built from pages of the buddy allocator:
 *   - the kernel image at KERNEL_VMA with 4 KiB pages: text read-only and executable, rodata
 *     read-only, data and bss writable, the last two no-execute; the page below the boot stack
 *     (boot_stack_guard) is left out, so a stack overflow faults;
 *   - the direct map at PHYS_MAP_BASE, writable and no-execute: every 2 MiB of physical
 *     memory below the end of usable RAM that holds some range of the memory map, with
 *     1 GiB pages where a whole GiB is wanted and the CPU has them, 2 MiB pages elsewhere.
 *     Holes, such as the PCI hole below 4 GiB where device registers live, stay unmapped, so
 *     a driver can map registers uncached at their direct-map address with kernel_map_page();
 *   - nothing else: no identity map of low memory, so a NULL dereference faults.
 * Every kernel mapping is global (kept in the TLB when a later address-space switch reloads
 * CR3).  No-execute is used only if the CPU has it: boot.S enabled it under the same test.
 *
 * Page tables are never freed, so a table reached once stays valid; kernel_pt_lock orders
 * the changes.
 *
 * User address spaces (arch/x86_64/uvm.c) share the kernel half: each copies the kernel
 * PML4's entries 256..511 when it is made.  So that a kernel mapping made later (a kernel
 * stack, a device register) is seen by every address space, paging_init() fills all of those
 * entries at once with an empty page-directory-pointer table each; after that the kernel's
 * top level never changes, and only tables below it do, which every address space shares.
 */
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/compiler.h>
#include <arch/smp.h>
#include <arch/x86.h>

#define PTE_ADDR_MASK  0x000ffffffffff000UL
#define PT_ENTRIES     512
#define PT_LEVELS      4	   /* PML4 (4), PDPT (3), page directory (2), page table (1) */
#define HUGE_PAGE_SIZE (1UL << 30) /* one PDPT entry */
#define TABLE_FLAGS    (PTE_PRESENT | PTE_WRITE)

#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EDX_NX	   (1U << 20)
#define CPUID_EDX_PAGE1GB  (1U << 26)

typedef uint64_t pte_t;

/*
 * kernel_pt_lock guards every entry of the kernel's tables below kernel_pml4 (set once by
 * paging_init()).  Taken before the page allocator's lock, never while holding it.
 */
static struct spinlock kernel_pt_lock = SPINLOCK_INIT("kernel_page_tables");
static pte_t *kernel_pml4;
static bool nx_supported;	  /* set by paging_init(), constant after */
static bool huge_pages_supported; /* 1 GiB pages; set by paging_init(), constant after */

extern char __kernel_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __kernel_end[];

bool paging_nx_supported(void)
{
	return nx_supported;
}

static uint64_t nx_flag(void)
{
	return nx_supported ? PTE_NX : 0;
}

/* The size one entry of a table at level maps: 4 KiB at level 1, then times 512. */
static uint64_t level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * (level - 1));
}

static unsigned int pt_index(uint64_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static pte_t *table_at(pte_t entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

/* The table *entry points to, made (zeroed) if absent; -ENOMEM, or -EEXIST for a large page. */
static int next_table(pte_t *entry, uint64_t user, pte_t **table)
{
	if (!(*entry & PTE_PRESENT)) {
		void *page = alloc_page_zeroed();

		if (!page)
			return -ENOMEM;
		*entry = virt_to_phys(page) | TABLE_FLAGS;
	} else if (*entry & PTE_LARGE) {
		return -EEXIST;
	}
	*entry |= user;
	*table = table_at(*entry);
	return 0;
}

/* The entry for va in its table at level, making the tables above it as needed. */
static int entry_at(pte_t *pml4, uint64_t va, int level, uint64_t user, pte_t **entry)
{
	pte_t *table = pml4;

	for (int l = PT_LEVELS; l > level; l--) {
		int err = next_table(&table[pt_index(va, l)], user, &table);

		if (err)
			return err;
	}
	*entry = &table[pt_index(va, level)];
	return 0;
}

/* Put a mapping of phys at va in the entry for level (1: 4 KiB, 2: 2 MiB, 3: 1 GiB). */
static int map_at_level(pte_t *pml4, uint64_t va, uint64_t phys, uint64_t flags, int level)
{
	pte_t *entry;
	int err = entry_at(pml4, va, level, flags & PTE_USER, &entry);

	if (err)
		return err;
	if (*entry & PTE_PRESENT)
		return -EEXIST;
	if (level > 1)
		flags |= PTE_LARGE;
	*entry = (phys & PTE_ADDR_MASK) | flags | PTE_PRESENT;
	return 0;
}

/*
 * The entry that maps va (a page-table entry, or a large page's) and its level, or NULL.
 * *flags gets the effective permissions of the whole walk.
 */
static pte_t *find_leaf(pte_t *pml4, uint64_t va, int *level, uint64_t *flags)
{
	pte_t *table = pml4;
	uint64_t allowed = PTE_WRITE | PTE_USER, nx = 0;

	for (int l = PT_LEVELS; l >= 1; l--) {
		pte_t *entry = &table[pt_index(va, l)];

		if (!(*entry & PTE_PRESENT))
			return NULL;
		allowed &= *entry;
		nx |= *entry & PTE_NX;
		if (l == 1 || (*entry & PTE_LARGE)) {
			*level = l;
			*flags = (*entry & ~PTE_ADDR_MASK & ~(PTE_WRITE | PTE_USER)) | allowed | nx;
			if (l == 1)
				*flags &= ~PTE_LARGE; /* bit 7 of a 4 KiB entry is PAT, not size */
			return entry;
		}
		table = table_at(*entry);
	}
	return NULL;
}

/* ---- building the tables ---- */

static void map_or_panic(pte_t *pml4, uint64_t va, uint64_t phys, uint64_t flags, int level)
{
	int err = map_at_level(pml4, va, phys, flags, level);

	if (err)
		panic("paging: cannot map %#lx to %#lx: error %d", (unsigned long)va,
		      (unsigned long)phys, err);
}

/* Map the kernel image pages [start, end) (rounded out to pages), all but the guard page. */
static void map_kernel_range(pte_t *pml4, const char *start, const char *end, uint64_t flags)
{
	uint64_t va = ALIGN_DOWN((uint64_t)start, PAGE_SIZE);

	for (; va < ALIGN_UP((uint64_t)end, PAGE_SIZE); va += PAGE_SIZE)
		if (va != (uint64_t)boot_stack_guard)
			map_or_panic(pml4, va, virt_to_phys((void *)va), flags | PTE_GLOBAL, 1);
}

static void map_kernel_image(pte_t *pml4)
{
	map_kernel_range(pml4, __kernel_start, __text_end, 0);
	map_kernel_range(pml4, __rodata_start, __rodata_end, nx_flag());
	map_kernel_range(pml4, __data_start, __kernel_end, PTE_WRITE | nx_flag());
}

/* Whether some range of the memory map, of any kind, overlaps [start, start + size). */
static bool memory_at(const struct boot_info *info, uint64_t start, uint64_t size)
{
	for (int i = 0; i < info->nranges; i++)
		if (info->ranges[i].start < start + size && info->ranges[i].end > start)
			return true;
	return false;
}

/* Whether the GiB at start can be one 1 GiB page: every 2 MiB of it wanted, below end. */
static bool whole_gib_wanted(const struct boot_info *info, uint64_t start, uint64_t end)
{
	if (!huge_pages_supported || start + HUGE_PAGE_SIZE > end)
		return false;
	for (uint64_t p = start; p < start + HUGE_PAGE_SIZE; p += LARGE_PAGE_SIZE)
		if (!memory_at(info, p, LARGE_PAGE_SIZE))
			return false;
	return true;
}

/* The direct map of physical [0, end), end a multiple of 2 MiB (see the top of the file). */
static void map_direct(pte_t *pml4, const struct boot_info *info, uint64_t end)
{
	uint64_t flags = PTE_WRITE | PTE_GLOBAL | nx_flag();
	uint64_t phys = 0;

	while (phys < end) {
		if (phys % HUGE_PAGE_SIZE == 0 && whole_gib_wanted(info, phys, end)) {
			map_or_panic(pml4, (uint64_t)phys_to_virt(phys), phys, flags, 3);
			phys += HUGE_PAGE_SIZE;
			continue;
		}
		if (memory_at(info, phys, LARGE_PAGE_SIZE))
			map_or_panic(pml4, (uint64_t)phys_to_virt(phys), phys, flags, 2);
		phys += LARGE_PAGE_SIZE;
	}
}

/* The end of the highest usable range, rounded up to 2 MiB. */
static uint64_t usable_ram_end(const struct boot_info *info)
{
	uint64_t end = 0;

	for (int i = 0; i < info->nranges; i++)
		if (info->ranges[i].usable)
			end = MAX(end, info->ranges[i].end);
	return ALIGN_UP(end, (uint64_t)LARGE_PAGE_SIZE);
}

static void detect_cpu_features(void)
{
	struct cpuid_regs r = cpuid(CPUID_EXT_FEATURES, 0);

	nx_supported = r.edx & CPUID_EDX_NX;
	huge_pages_supported = r.edx & CPUID_EDX_PAGE1GB;
}

/* Give every top-level entry of the kernel half a table (see the top of the file). */
static void fill_kernel_half(pte_t *pml4)
{
	for (int i = PT_ENTRIES / 2; i < PT_ENTRIES; i++) {
		void *table;

		if (pml4[i] & PTE_PRESENT)
			continue;
		table = alloc_page_zeroed();
		if (!table)
			panic("paging: no page for the kernel's page tables");
		pml4[i] = virt_to_phys(table) | TABLE_FLAGS;
	}
}

void paging_copy_kernel_half(uint64_t *pml4)
{
	assert(kernel_pml4);
	for (int i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		pml4[i] = kernel_pml4[i];
}

uint64_t paging_kernel_root(void)
{
	assert(kernel_pml4);
	return virt_to_phys(kernel_pml4);
}

void paging_init(const struct boot_info *info)
{
	uint64_t end = usable_ram_end(info);
	pte_t *pml4;

	detect_cpu_features();
	pml4 = alloc_page_zeroed();
	if (!pml4)
		panic("paging: no page for the kernel's page tables");
	map_kernel_image(pml4);
	map_direct(pml4, info, end);
	fill_kernel_half(pml4);

	write_cr3(virt_to_phys(pml4));
	kernel_pml4 = pml4;
	page_alloc_set_direct_map_end(end);
	pr_info("paging: kernel page tables loaded; direct map up to %#lx with %s pages, "
		"no-execute %s\n",
		(unsigned long)end, huge_pages_supported ? "1 GiB" : "2 MiB",
		nx_supported ? "on" : "unsupported");
}

/* ---- changing the kernel's tables at run time ---- */

int kernel_map_page(uint64_t va, uint64_t phys, uint64_t flags)
{
	unsigned long irq;
	int err;

	if ((va | phys) & (PAGE_SIZE - 1))
		return -EINVAL;
	flags &= ~(PTE_ADDR_MASK | PTE_LARGE);
	if (!nx_supported)
		flags &= ~PTE_NX;
	assert(kernel_pml4);
	irq = spin_lock_irqsave(&kernel_pt_lock);
	err = map_at_level(kernel_pml4, va, phys, flags, 1);
	spin_unlock_irqrestore(&kernel_pt_lock, irq);
	return err;
}

int kernel_make_tables(uint64_t start, uint64_t end)
{
	unsigned long irq;
	pte_t *entry;
	int err = 0;

	irq = spin_lock_irqsave(&kernel_pt_lock);
	for (uint64_t va = ALIGN_DOWN(start, LARGE_PAGE_SIZE); va < end && !err;
	     va += LARGE_PAGE_SIZE)
		err = entry_at(kernel_pml4, va, 1, 0, &entry);
	spin_unlock_irqrestore(&kernel_pt_lock, irq);
	return err;
}

int kernel_unmap_page(uint64_t va)
{
	uint64_t flags;
	unsigned long irq;
	int level, err = 0;
	pte_t *entry;

	assert(kernel_pml4);
	irq = spin_lock_irqsave(&kernel_pt_lock);
	entry = find_leaf(kernel_pml4, va, &level, &flags);
	if (!entry) {
		err = -ENOENT;
	} else if (level != 1) {
		err = -EINVAL;
	} else {
		*entry = 0;
		invlpg(va);
	}
	spin_unlock_irqrestore(&kernel_pt_lock, irq);
	/* Other CPUs may still hold the old translation; done before the caller frees the page. */
	if (!err)
		tlb_shootdown(0, va);
	return err;
}

bool kernel_walk(uint64_t va, uint64_t *phys, uint64_t *flags)
{
	uint64_t leaf_flags = 0;
	unsigned long irq;
	pte_t *entry, value = 0;
	int level = 1;

	assert(kernel_pml4);
	irq = spin_lock_irqsave(&kernel_pt_lock);
	entry = find_leaf(kernel_pml4, va, &level, &leaf_flags);
	if (entry)
		value = *entry;
	spin_unlock_irqrestore(&kernel_pt_lock, irq);
	if (!entry)
		return false;
	if (phys)
		*phys = (value & PTE_ADDR_MASK & ~(level_size(level) - 1)) +
			(va & (level_size(level) - 1));
	if (flags)
		*flags = leaf_flags;
	return true;
}
