/*
 * <benchutil.h>: what the benchmark programs share (user/lib/benchutil.c): a clock, and the
 * median and percentiles of a set of figures.  Each program prints "BENCH name value unit"
 * lines, which tests/bench collects.
 */
#ifndef _CORRAL_BENCHUTIL_H
#define _CORRAL_BENCHUTIL_H

#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t bench_now_ns(void);

/* Sort n figures, smallest first. */
void bench_sort(double *values, int n);

/* The figure below which a fraction p (0.5: the median) of the n figures lie; sorts them. */
double bench_percentile(double *values, int n, double p);

/* The median of n figures (sorts them). */
double bench_median(double *values, int n);

#endif /* _CORRAL_BENCHUTIL_H */
