/*
 * The machine side of panic(): stopping the other CPUs.  (Ending the panic itself, which
 * tells the test harness and halts, is arch_panic_exit() in power.c.)
 */
#include <kernel/cpu.h>
#include <arch/stop.h>

/*
 * Only the boot CPU runs so far (ncpus is 1), so there is no one to stop.  Once other CPUs
 * start, this sends them an NMI, and the NMI handler halts any CPU that takes one while a
 * panic is in progress (see traps.c).
 */
void arch_stop_other_cpus(void)
{
}
