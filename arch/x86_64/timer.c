/*
 * Time: the TSC as the clock, the local APIC timer as the tick.
 *
 * Neither rate is known in advance, so they are measured: the TSC against the one clock of
 * known rate on every PC, the 8254 PIT (1193182 Hz), and the LAPIC timer against the TSC.
 * The PIT's part takes CALIBRATE_MS milliseconds, and the kernel need not wait them out:
 * timer_start_calibration(), the first thing the kernel does, sets PIT channel 2 (whose gate
 * and output the keyboard controller's port 0x61 exposes) counting down from its largest
 * count and notes the TSC.  timer_init(), about that long later, after the console, memory
 * and ACPI are set up, reads the count left and the TSC around it, and waits only for what
 * is missing.  The LAPIC timer then runs LAPIC_CALIBRATE_US against the TSC.  So the boot
 * spends about 1 ms on calibration instead of 10.
 *
 * Then the LAPIC timer is started in periodic mode at TIMER_HZ on VECTOR_TIMER, and each tick
 * on the boot CPU advances jiffies; every tick on every CPU also goes to the scheduler
 * (sched_tick()), for CPU time, time slices and timed sleep, saying whether it interrupted
 * user mode.
 *
 * clock_monotonic_ns() turns the TSC into nanoseconds with one multiplication and a shift,
 * ns = tsc * mult >> CLOCK_SHIFT (a 128-bit product, no division), counting from the CPU's
 * reset, where the TSC starts.
 */
#include <stdbool.h>
#include <kernel/cpu.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <lib/compiler.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/interrupts.h>
#include <arch/x86.h>

#define PIT_HZ		   1193182
#define PIT_CHANNEL2_DATA  0x42
#define PIT_COMMAND	   0x43
#define PIT_CHANNEL2_MODE0 0xb0 /* channel 2, low then high byte, mode 0, binary */
#define PIT_CHANNEL2_LATCH 0x80 /* channel 2: hold the count for reading */
#define PORT_61		   0x61 /* bit 0: channel 2 gate, 1: speaker, 5: channel 2 output */
#define PORT_61_GATE2	   0x01
#define PORT_61_SPEAKER	   0x02
#define PORT_61_OUT2	   0x20

#define CALIBRATE_MS	    10
#define CALIBRATE_PIT_COUNT (PIT_HZ * CALIBRATE_MS / 1000)
#define CALIBRATE_MAX_POLLS 100000000UL
#define PIT_START_COUNT	    0xffff /* 55 ms: the longest the PIT counts before it runs out */
#define LAPIC_CALIBRATE_US  1000

#define CLOCK_SHIFT 32

volatile uint64_t jiffies; /* written only by the boot CPU's tick */

/* Set once by timer_init(); clock_ready (release/acquire) publishes tsc_mult. */
static uint64_t tsc_hz, lapic_timer_hz, tsc_mult;
static bool clock_ready;

/* The largest value clock_monotonic_ns() has returned, so it never goes backwards. */
static uint64_t clock_last_ns;

/* The TSC when PIT channel 2 started counting down from PIT_START_COUNT; 0: not started. */
static uint64_t calibration_tsc;

/* The TSC at the first start of the calibration: kmain()'s first step. */
static uint64_t kernel_start_tsc;

/* Start PIT channel 2 counting count ticks down from now (the speaker stays silent). */
static void pit_channel2_start(uint16_t count)
{
	outb(PORT_61, (inb(PORT_61) & ~PORT_61_SPEAKER) | PORT_61_GATE2);
	outb(PIT_COMMAND, PIT_CHANNEL2_MODE0);
	outb(PIT_CHANNEL2_DATA, count & 0xff);
	outb(PIT_CHANNEL2_DATA, count >> 8);
}

void timer_start_calibration(void)
{
	pit_channel2_start(PIT_START_COUNT);
	calibration_tsc = rdtsc();
	if (!kernel_start_tsc)
		kernel_start_tsc = calibration_tsc;
}

/* The count channel 2 has left, both bytes from one moment (the latch holds them). */
static uint16_t pit_channel2_count(void)
{
	uint8_t low, high;

	outb(PIT_COMMAND, PIT_CHANNEL2_LATCH);
	low = inb(PIT_CHANNEL2_DATA);
	high = inb(PIT_CHANNEL2_DATA);
	return (uint16_t)(low | high << 8);
}

/*
 * The TSC's rate: how far it got while the PIT counted at least CALIBRATE_MS since
 * timer_start_calibration(), waiting if less has passed.  A count that ran out (the output
 * rose: more than 55 ms went by) cannot say how long it took, so the PIT starts again.
 */
static void calibrate_tsc(void)
{
	for (uint64_t polls = 0; polls < CALIBRATE_MAX_POLLS; polls++) {
		uint64_t before = rdtsc();
		uint16_t left = pit_channel2_count();
		uint64_t after = rdtsc();
		uint64_t ticks = PIT_START_COUNT - left;

		if (!calibration_tsc || (inb(PORT_61) & PORT_61_OUT2)) {
			timer_start_calibration();
		} else if (ticks >= CALIBRATE_PIT_COUNT) {
			tsc_hz = (before / 2 + after / 2 - calibration_tsc) * PIT_HZ / ticks;
			if (tsc_hz == 0)
				panic("timer: calibration failed: the TSC did not advance");
			return;
		}
		cpu_relax();
	}
	panic("timer: the PIT never counted %d ms; cannot calibrate", CALIBRATE_MS);
}

/* The LAPIC timer's rate (divide by 1): how far it counts down in LAPIC_CALIBRATE_US. */
static void calibrate_lapic_timer(void)
{
	uint64_t start, end, counted;
	uint32_t left;

	lapic_write(LAPIC_REG_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_BY_1);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_LVT_MASKED | VECTOR_TIMER);
	lapic_write(LAPIC_REG_TIMER_INITIAL, UINT32_MAX);
	start = rdtsc();
	end = start + tsc_hz * LAPIC_CALIBRATE_US / (NSEC_PER_SEC / NSEC_PER_USEC);
	while (rdtsc() < end)
		cpu_relax();
	left = lapic_read(LAPIC_REG_TIMER_CURRENT);
	end = rdtsc();
	lapic_write(LAPIC_REG_TIMER_INITIAL, 0);
	counted = UINT32_MAX - left; /* a few million: the product stays within 64 bits */
	lapic_timer_hz = counted * tsc_hz / (end - start);
	if (lapic_timer_hz < TIMER_HZ)
		panic("timer: calibration failed (LAPIC timer %lu Hz)", lapic_timer_hz);
}

static void clock_start(void)
{
	tsc_mult = (NSEC_PER_SEC << CLOCK_SHIFT) / tsc_hz;
	__atomic_store_n(&clock_ready, true, __ATOMIC_RELEASE);
}

__hotpath uint64_t clock_monotonic_ns(void)
{
	uint64_t ns, last;

	if (!__atomic_load_n(&clock_ready, __ATOMIC_ACQUIRE))
		return 0;
	ns = (uint64_t)(((unsigned __int128)rdtsc() * tsc_mult) >> CLOCK_SHIFT);
	last = __atomic_load_n(&clock_last_ns, __ATOMIC_RELAXED);
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&clock_last_ns, &last, ns, true, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return ns;
}

uint64_t clock_kernel_start_ns(void)
{
	if (!__atomic_load_n(&clock_ready, __ATOMIC_ACQUIRE))
		return 0;
	return (uint64_t)(((unsigned __int128)kernel_start_tsc * tsc_mult) >> CLOCK_SHIFT);
}

uint64_t clock_local_ns(void)
{
	if (!__atomic_load_n(&clock_ready, __ATOMIC_ACQUIRE))
		return 0;
	return (uint64_t)(((unsigned __int128)rdtsc() * tsc_mult) >> CLOCK_SHIFT);
}

/* Before calibration, a write to the unused port 0x80 (about 1 us on a PC) is the delay. */
void udelay_ns(uint64_t ns)
{
	uint64_t end;

	if (!__atomic_load_n(&clock_ready, __ATOMIC_ACQUIRE)) {
		for (uint64_t us = 0; us <= ns / NSEC_PER_USEC; us++)
			outb(0x80, 0);
		return;
	}
	end = ns_add(clock_monotonic_ns(), ns);
	while (clock_monotonic_ns() < end)
		cpu_relax();
}

static void timer_tick(struct trap_frame *frame)
{
	if (this_cpu()->id == 0)
		jiffies++;
	sched_tick(arch_frame_user_mode(frame));
}

/* Print hz in MHz with one decimal. */
static void log_rates(void)
{
	uint64_t tsc_tenths = (tsc_hz + 50000) / 100000;
	uint64_t lapic_tenths = (lapic_timer_hz + 50000) / 100000;

	pr_info("timer: TSC %lu.%lu MHz, LAPIC timer %lu.%lu MHz bus, tick %d Hz\n",
		tsc_tenths / 10, tsc_tenths % 10, lapic_tenths / 10, lapic_tenths % 10, TIMER_HZ);
}

void timer_init_cpu(void)
{
	lapic_write(LAPIC_REG_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_BY_1);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_TIMER_PERIODIC | VECTOR_TIMER);
	lapic_write(LAPIC_REG_TIMER_INITIAL, (uint32_t)(lapic_timer_hz / TIMER_HZ));
}

void timer_init(void)
{
	calibrate_tsc();
	calibrate_lapic_timer();
	clock_start();
	log_rates();
	interrupt_set_handler(VECTOR_TIMER, timer_tick);
	lapic_write(LAPIC_REG_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_BY_1);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_TIMER_PERIODIC | VECTOR_TIMER);
	lapic_write(LAPIC_REG_TIMER_INITIAL, (uint32_t)(lapic_timer_hz / TIMER_HZ));
}
