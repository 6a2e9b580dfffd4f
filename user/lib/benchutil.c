/*
 * Clock and statistics for the benchmark programs (see user/include/benchutil.h).
 */
#include <benchutil.h>
#include <stdlib.h>
#include <time.h>

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void bench_sort(double *values, int n)
{
	qsort(values, (size_t)n, sizeof(values[0]), compare_doubles);
}

double bench_percentile(double *values, int n, double p)
{
	int i = (int)(p * (n - 1) + 0.5);

	bench_sort(values, n);
	return values[i < 0 ? 0 : i >= n ? n - 1 : i];
}

double bench_median(double *values, int n)
{
	return bench_percentile(values, n, 0.5);
}
