/*
 * In-kernel benchmarks: costs only the kernel can time, such as a grace period.  Booted with
 * the word "kbench", the kernel runs them, prints one "BENCH name value unit" line each and
 * powers off; tests/bench boots it on 1, 2 and 4 CPUs (make bench).
 */
#ifndef KERNEL_KBENCH_H
#define KERNEL_KBENCH_H

/* Run every benchmark; returns 0, or -1 if one could not run. */
int kbench_run_all(void);

#endif
