/*
 * A Linux program that uses the time calls Corral has, with the headers Linux's C library
 * declares them in: it must compile unchanged against glibc and against Corral's C library
 * (tests/headers/host_test.py builds it both ways; it is not run).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <utime.h>

int main(int argc, char **argv)
{
	struct timespec ts, res, pause = {0, 1000}, both[2] = {{0, 0}, {0, 0}};
	struct timeval tv, tvs[2] = {{0, 0}, {0, 0}};
	struct utimbuf ub = {.actime = 0, .modtime = 0};
	struct timezone tz;
	struct rusage ru;
	struct tms tms;
	time_t now = time(NULL);
	clock_t ticks = times(&tms) + clock();

	if (argc < 2)
		return 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	clock_gettime(CLOCK_BOOTTIME, &ts);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	clock_getres(CLOCK_REALTIME_COARSE, &res);
	nanosleep(&pause, NULL);
	gettimeofday(&tv, &tz);
	getrusage(RUSAGE_SELF, &ru);
	getrusage(RUSAGE_CHILDREN, &ru);
	getrusage(RUSAGE_THREAD, &ru);
	utime(argv[1], &ub);
	utimes(argv[1], tvs);
	lutimes(argv[1], tvs);
	futimes(0, tvs);
	futimesat(0, argv[1], tvs);
	(void)both;
	printf("%ld %ld %ld %ld %ld %ld\n", (long)now, (long)ticks, (long)tms.tms_cutime,
	       (long)ru.ru_utime.tv_sec, (long)ru.ru_stime.tv_usec, (long)ru.ru_maxrss);
	return 0;
}
