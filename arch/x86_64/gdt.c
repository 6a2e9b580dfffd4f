/*
 * Each CPU's GDT and TSS, kept in its struct cpu (<arch/percpu.h>).
 *
 * The GDT holds the four flat segments long mode still checks (kernel and user code and
 * data: only their privilege level and the code segments' 64-bit flag matter) and the TSS
 * descriptor.  The TSS names the stacks the CPU switches to by itself: rsp[0] when an
 * interrupt arrives in user mode (set at every switch: arch_set_kernel_stack()),
 * and the interrupt stack table, whose stacks take the double fault, the NMI and the machine
 * check on a known good stack even when the kernel stack has overflowed.
 */
#include <kernel/cpu.h>
#include <arch/gdt.h>
#include <arch/x86.h>

/* Flat segments: base 0, limit 4 GiB (ignored in long mode), present, with these types. */
#define SEG_KERNEL_CODE 0x00af9a000000ffffUL /* 64-bit, DPL 0, execute/read */
#define SEG_KERNEL_DATA 0x00cf92000000ffffUL /* DPL 0, read/write */
#define SEG_USER_DATA	0x00cff2000000ffffUL /* DPL 3, read/write */
#define SEG_USER_CODE	0x00affa000000ffffUL /* 64-bit, DPL 3, execute/read */

#define TSS_TYPE_AVAILABLE 0x9
#define DESC_PRESENT	   (1UL << 47)

struct gdt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* The two GDT entries of a 64-bit TSS descriptor for tss. */
static void set_tss_descriptor(uint64_t *entry, const struct tss *tss)
{
	uint64_t base = (uint64_t)tss;
	uint64_t limit = sizeof(*tss) - 1;

	entry[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		   ((uint64_t)TSS_TYPE_AVAILABLE << 40) | DESC_PRESENT |
		   (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	entry[1] = base >> 32;
}

static void build_tss(struct arch_cpu *arch)
{
	struct tss *tss = &arch->tss;

	*tss = (struct tss){ 0 };
	tss->ist[IST_DOUBLE_FAULT - 1] = (uint64_t)(arch->double_fault_stack + IST_STACK_SIZE);
	tss->ist[IST_NMI - 1] = (uint64_t)(arch->nmi_stack + IST_STACK_SIZE);
	tss->ist[IST_MACHINE_CHECK - 1] = (uint64_t)(arch->machine_check_stack + IST_STACK_SIZE);
	tss->iomap_base = sizeof(*tss); /* no I/O permission bitmap: user mode gets no ports */
}

static void build_gdt(struct arch_cpu *arch)
{
	arch->gdt[0] = 0;
	arch->gdt[GDT_KERNEL_CODE] = SEG_KERNEL_CODE;
	arch->gdt[GDT_KERNEL_DATA] = SEG_KERNEL_DATA;
	arch->gdt[GDT_USER_DATA] = SEG_USER_DATA;
	arch->gdt[GDT_USER_CODE] = SEG_USER_CODE;
	set_tss_descriptor(&arch->gdt[GDT_TSS], &arch->tss);
}

/*
 * Load the GDT, then reload CS (with a far return: there is no far jump to an absolute
 * 64-bit address) and the data segments.  FS and GS are left alone: their bases come from
 * MSRs, and loading a selector into GS would zero the per-CPU GS base on some CPUs.
 */
static void load_gdt(struct arch_cpu *arch)
{
	struct gdt_pointer pointer = { .limit = sizeof(arch->gdt) - 1,
				       .base = (uint64_t)arch->gdt };

	__asm__ volatile("lgdt %0" : : "m"(pointer));
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %[ds], %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss"
			 :
			 : [cs] "i"(KERNEL_CS), [ds] "i"(KERNEL_DS)
			 : "rax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(TSS_SELECTOR));
}

void gdt_init_cpu(void)
{
	struct arch_cpu *arch = &this_cpu()->arch;

	build_tss(arch);
	build_gdt(arch);
	load_gdt(arch);
}
