/*
 * The machine side of panic(): stopping the other CPUs.  (Ending the panic itself, which
 * tells the test harness and halts, is arch_panic_exit() in power.c.)
 */
#include <kernel/cpu.h>
#include <arch/apic.h>
#include <arch/stop.h>

/*
 * Send every other started CPU an NMI, which nothing masks: the NMI handler halts any CPU
 * that takes one while a panic is in progress (see traps.c).  Takes no lock, so it works
 * whatever the panicking CPU held.
 */
void arch_stop_other_cpus(void)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);
	struct cpu *self = this_cpu();

	for (unsigned int i = 0; i < n; i++) {
		if (&cpus[i] != self && __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE))
			lapic_send_nmi(cpus[i].arch.apic_id);
	}
}
