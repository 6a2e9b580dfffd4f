/*
 * A test of interrupt routing (ioapic.c, irq_register() in traps.c) with a real device: PIT
 * channel 0, wired to ISA IRQ 0, which the firmware's override usually moves to GSI 2.  The
 * channel is set to count 1 ms once (mode 0), so its output rises exactly once.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <arch/cpu.h>
#include <arch/interrupts.h>
#include <arch/x86.h>

#define PIT_IRQ		   0
#define PIT_CHANNEL0_DATA  0x40
#define PIT_COMMAND	   0x43
#define PIT_CHANNEL0_MODE0 0x30 /* channel 0, low then high byte, mode 0, binary */
#define PIT_COUNT_1MS	   1193

static volatile int pit_interrupts;
static volatile uint64_t pit_vector;

static void pit_test_irq(struct trap_frame *frame)
{
	pit_vector = frame->vector;
	pit_interrupts++;
}

/* Spin with interrupts on for ns, or until the first interrupt if stop_on_interrupt. */
static void wait_with_interrupts(uint64_t ns, bool stop_on_interrupt)
{
	uint64_t deadline = clock_monotonic_ns() + ns;

	while (clock_monotonic_ns() < deadline && !(stop_on_interrupt && pit_interrupts))
		cpu_relax();
}

/*
 * The mode command stops the channel with its output low; counting starts only when the
 * count is written, after the handler is in place, so the one edge cannot be missed however
 * slowly the machine runs.
 */
KTEST(ioapic_routes_pit_irq, "ioapic: the PIT's IRQ 0 arrives once, on vector IRQ_BASE_VECTOR")
{
	bool were_enabled = arch_irq_save();

	outb(PIT_COMMAND, PIT_CHANNEL0_MODE0);
	irq_register(PIT_IRQ, pit_test_irq);
	/*
	 * An edge from before the mode command (the firmware leaves channel 0 running) may still
	 * be on its way to this CPU: let it come and go uncounted, with the channel stopped.
	 */
	arch_irq_enable();
	wait_with_interrupts(5 * NSEC_PER_MSEC, false);
	arch_irq_disable();
	pit_interrupts = 0;
	outb(PIT_CHANNEL0_DATA, PIT_COUNT_1MS & 0xff);
	outb(PIT_CHANNEL0_DATA, PIT_COUNT_1MS >> 8);
	arch_irq_enable();
	wait_with_interrupts(2 * NSEC_PER_SEC, true);
	wait_with_interrupts(20 * NSEC_PER_MSEC, false); /* a second interrupt would be a bug */
	arch_irq_disable();
	irq_unregister(PIT_IRQ);
	arch_irq_restore(were_enabled);
	if (pit_interrupts != 1)
		pr_info("ktest: the PIT interrupted %d times, not once\n", pit_interrupts);
	KTEST_EXPECT(pit_interrupts == 1);
	KTEST_EXPECT(pit_vector == IRQ_BASE_VECTOR + PIT_IRQ);
}
