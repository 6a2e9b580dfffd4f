/*
 * Starting the application processors, and the inter-processor interrupts.
 *
 * Start-up (smp_start_cpus(), on the boot CPU): for each CPU the MADT lists, one at a time,
 * make its idle task (whose stack the AP boots on), copy the trampoline (smpboot.S) with its
 * arguments to SMP_TRAMPOLINE_PHYS, and send INIT, then STARTUP twice, with the Intel MP
 * specification's delays.  The AP sets itself up in smp_ap_main() and reports through
 * ap_started; the boot CPU waits for that before starting the next one, so the trampoline
 * page and its arguments are used by one AP at a time.
 *
 * IPIs: VECTOR_RESCHED makes an idle CPU look at the run queue; VECTOR_TLB_SHOOTDOWN asks a
 * CPU to drop a stale translation; an NMI stops every CPU on a panic (stop.c).
 */
#include <stddef.h>
#include <kernel/bootinfo.h>
#include <kernel/cpu.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/rcu.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/acpi.h>
#include <arch/apic.h>
#include <arch/fpu.h>
#include <arch/interrupts.h>
#include <arch/smp.h>
#include <arch/syscall.h>
#include <arch/x86.h>

#define INIT_DELAY_NS	  (10 * NSEC_PER_MSEC)
#define STARTUP_DELAY_NS  (200 * NSEC_PER_USEC)
#define AP_START_WAIT_NS  (1000 * NSEC_PER_MSEC)
#define EFER_LONG_MODE_NX ((1UL << 8) | (1UL << 11))

/* What the trampoline reads, at its end (offsets in smpboot.S). */
struct smp_trampoline_args {
	uint64_t boot_cr3;   /* boot.S's early tables (below 4 GiB) */
	uint64_t efer;	     /* long mode and no-execute, as on the boot CPU */
	uint64_t kernel_cr3; /* the kernel's tables */
	uint64_t stack;	     /* top of the AP's idle stack */
	uint64_t entry;	     /* smp_ap_entry */
	uint64_t cpu;	     /* the AP's struct cpu, smp_ap_main()'s argument */
};

BUILD_BUG_ON(offsetof(struct smp_trampoline_args, cpu) != 40);

extern const char smp_trampoline_start[], smp_trampoline_end[], smp_trampoline_args[];
extern char boot_pml4[];
void smp_ap_entry(void);
void smp_ap_main(struct cpu *cpu);

/* Set by the AP being started once it is up (release); the boot CPU waits for it. */
static bool ap_started;

/*
 * The shootdown in flight.  tlb_lock protects the request; while a request is in flight its
 * sender holds tlb_lock, and request and acks_left are read by the CPUs asked (in their
 * arch.tlb_flush_pending) without it.
 */
static struct spinlock tlb_lock = SPINLOCK_INIT("tlb_shootdown");
static struct {
	uint64_t root;
	uint64_t va;
	unsigned int acks_left; /* atomic: CPUs asked that have not flushed yet */
} tlb_request;

/* ---- the application processor's side ---- */

void smp_ap_main(struct cpu *cpu)
{
	arch_percpu_set(cpu);
	gdt_init_cpu();
	idt_load();
	fpu_init_cpu();
	syscall_init_cpu();
	lapic_init();
	timer_init_cpu();
	smp_note_active_root(read_cr3());
	sched_init_cpu(cpu->idle);
	__atomic_store_n(&ap_started, true, __ATOMIC_RELEASE);
	arch_irq_enable();
	sched_idle();
}

/* ---- the boot CPU's side ---- */

static void trampoline_install(struct cpu *cpu)
{
	char *page = phys_to_virt(SMP_TRAMPOLINE_PHYS);
	size_t args_offset = smp_trampoline_args - smp_trampoline_start;
	struct smp_trampoline_args *args = (void *)(page + args_offset);

	memcpy(page, smp_trampoline_start, smp_trampoline_end - smp_trampoline_start);
	args->boot_cr3 = virt_to_phys(boot_pml4);
	args->efer = rdmsr(MSR_EFER) & EFER_LONG_MODE_NX;
	args->kernel_cr3 = read_cr3();
	args->stack = (uint64_t)cpu->idle->stack + KSTACK_SIZE;
	args->entry = (uint64_t)smp_ap_entry;
	args->cpu = (uint64_t)cpu;
}

/* Wait up to ns for the AP to report; true if it did. */
static bool ap_wait_started(uint64_t ns)
{
	uint64_t end = ns_add(clock_monotonic_ns(), ns);

	while (clock_monotonic_ns() < end) {
		if (__atomic_load_n(&ap_started, __ATOMIC_ACQUIRE))
			return true;
		cpu_relax();
	}
	return __atomic_load_n(&ap_started, __ATOMIC_ACQUIRE);
}

/* INIT, 10 ms, STARTUP, 200 us, STARTUP (unless the first one did it): the MP spec's dance. */
static bool ap_boot(unsigned int apic_id)
{
	__atomic_store_n(&ap_started, false, __ATOMIC_RELEASE);
	lapic_send_init(apic_id);
	udelay_ns(INIT_DELAY_NS);
	lapic_send_startup(apic_id, SMP_TRAMPOLINE_SIPI_VECTOR);
	if (ap_wait_started(STARTUP_DELAY_NS))
		return true;
	lapic_send_startup(apic_id, SMP_TRAMPOLINE_SIPI_VECTOR);
	return ap_wait_started(AP_START_WAIT_NS);
}

/* Start the CPU with local APIC apic_id as cpus[ncpus]; false if it did not come up. */
static bool smp_start_cpu(unsigned int apic_id)
{
	struct cpu *cpu = &cpus[ncpus];

	cpu->id = ncpus;
	cpu->idle = sched_create_idle(cpu->id);
	if (!cpu->idle) {
		pr_warn("smp: no memory for cpu %u's idle task\n", cpu->id);
		return false;
	}
	trampoline_install(cpu);
	if (!ap_boot(apic_id)) {
		pr_warn("smp: the CPU with APIC id %u did not start\n", apic_id);
		return false;
	}
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	__atomic_store_n(&ncpus, ncpus + 1, __ATOMIC_RELEASE);
	return true;
}

static void resched_interrupt(struct trap_frame *frame)
{
	tracepoint(TRACE_IPI_RECV, VECTOR_RESCHED, 0);
	this_cpu()->need_resched = true;
}

static void rcu_interrupt(struct trap_frame *frame)
{
	tracepoint(TRACE_IPI_RECV, VECTOR_RCU, 0);
	rcu_ipi();
}

static void tlb_interrupt(struct trap_frame *frame)
{
	tracepoint(TRACE_IPI_RECV, VECTOR_TLB_SHOOTDOWN, 0);
	smp_poll_requests();
}

/*
 * Whether the trampoline may be copied to its page: it must fit, and no boot module may lie
 * there (the page allocator never hands out the first 1 MiB, but a boot loader could put a
 * module in it).
 */
static bool trampoline_page_free(void)
{
	uint64_t start = SMP_TRAMPOLINE_PHYS, end = SMP_TRAMPOLINE_PHYS + PAGE_SIZE;

	if (smp_trampoline_end - smp_trampoline_start > PAGE_SIZE)
		return false;
	for (int i = 0; i < boot_info.nmodules; i++) {
		if (boot_info.modules[i].start < end && boot_info.modules[i].end > start)
			return false;
	}
	return true;
}

void smp_start_cpus(void)
{
	unsigned int boot_apic_id = this_cpu()->arch.apic_id;
	unsigned int listed = acpi_platform.ncpus;

	interrupt_set_handler(VECTOR_RESCHED, resched_interrupt);
	interrupt_set_handler(VECTOR_TLB_SHOOTDOWN, tlb_interrupt);
	interrupt_set_handler(VECTOR_RCU, rcu_interrupt);
	smp_note_active_root(read_cr3());
	__atomic_store_n(&cpus[0].online, true, __ATOMIC_RELEASE);
	if (acpi_platform.ncpus > 1 && !trampoline_page_free()) {
		pr_warn("smp: page %#x is taken; running on the boot CPU alone\n",
			SMP_TRAMPOLINE_PHYS);
		listed = 0;
	}
	for (unsigned int i = 0; i < listed && ncpus < MAX_CPUS; i++) {
		if (acpi_platform.cpu_apic_ids[i] != boot_apic_id)
			smp_start_cpu(acpi_platform.cpu_apic_ids[i]);
	}
	pr_info("smp: %u CPUs started\n", ncpus);
}

/* ---- IPIs ---- */

void smp_send_resched(struct cpu *cpu)
{
	tracepoint(TRACE_IPI_SEND, cpu->id, VECTOR_RESCHED);
	lapic_send_ipi(cpu->arch.apic_id, VECTOR_RESCHED);
}

void smp_send_rcu(struct cpu *cpu)
{
	tracepoint(TRACE_IPI_SEND, cpu->id, VECTOR_RCU);
	lapic_send_ipi(cpu->arch.apic_id, VECTOR_RCU);
}

__hotpath void smp_note_active_root(uint64_t root)
{
	__atomic_store_n(&this_cpu()->arch.active_root, root & ~0xfffUL, __ATOMIC_SEQ_CST);
}

static void tlb_flush_local(uint64_t root, uint64_t va)
{
	if (root && (read_cr3() & ~0xfffUL) != root)
		return;
	if (va == TLB_FLUSH_ALL)
		write_cr3(read_cr3());
	else
		invlpg(va);
}

void smp_poll_requests(void)
{
	struct cpu *cpu = this_cpu();

	if (!__atomic_load_n(&cpu->arch.tlb_flush_pending, __ATOMIC_ACQUIRE))
		return;
	if (!__atomic_exchange_n(&cpu->arch.tlb_flush_pending, false, __ATOMIC_ACQ_REL))
		return;
	tlb_flush_local(tlb_request.root, tlb_request.va);
	__atomic_fetch_sub(&tlb_request.acks_left, 1, __ATOMIC_RELEASE);
}

/* Whether other must be asked to flush for root (a CPU that may hold its entries). */
static bool tlb_may_cache(struct cpu *other, uint64_t root)
{
	if (!__atomic_load_n(&other->online, __ATOMIC_ACQUIRE) || other == this_cpu())
		return false;
	return !root || __atomic_load_n(&other->arch.active_root, __ATOMIC_SEQ_CST) == root;
}

/*
 * Why this cannot deadlock although the sender may hold spinlocks with interrupts off: a
 * CPU asked either takes the interrupt, or has interrupts off for a while and then takes it,
 * or is spinning on a lock (perhaps one the sender holds, perhaps tlb_lock itself, with
 * interrupts off), and every spin loop calls smp_poll_requests().  So every CPU asked
 * acknowledges without needing anything from the sender.
 */
void tlb_shootdown(uint64_t root, uint64_t va)
{
	unsigned int asked = 0, n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);
	unsigned long flags;

	if (n < 2)
		return;
	root &= ~0xfffUL;
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the entry change before reading active_root */
	flags = spin_lock_irqsave(&tlb_lock);
	tlb_request.root = root;
	tlb_request.va = va;
	__atomic_store_n(&tlb_request.acks_left, n, __ATOMIC_SEQ_CST);
	for (unsigned int i = 0; i < n; i++) {
		if (!tlb_may_cache(&cpus[i], root))
			continue;
		asked++;
		__atomic_store_n(&cpus[i].arch.tlb_flush_pending, true, __ATOMIC_SEQ_CST);
		tracepoint(TRACE_IPI_SEND, i, VECTOR_TLB_SHOOTDOWN);
		lapic_send_ipi(cpus[i].arch.apic_id, VECTOR_TLB_SHOOTDOWN);
	}
	__atomic_fetch_sub(&tlb_request.acks_left, n - asked, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&tlb_request.acks_left, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_unlock_irqrestore(&tlb_lock, flags);
}
