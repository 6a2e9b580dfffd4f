/*
 * Clocks and sleeping: time(), clock_gettime(), clock_getres(), nanosleep(), and sleep() and
 * usleep() over nanosleep().  gettimeofday() and times(), which newlib calls, are in
 * syscalls.c.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

/* The wall clock's seconds (newlib's own time() would ask gettimeofday()). */
time_t time(time_t *tloc)
{
	return syscall_return(syscall1(SYS_time, (long)tloc));
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return syscall_return(syscall2(SYS_clock_gettime, clock, (long)ts));
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	return syscall_return(syscall2(SYS_clock_getres, clock, (long)res));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return syscall_return(syscall2(SYS_nanosleep, (long)req, (long)rem));
}

/* Returns the seconds left to sleep when a signal cut the sleep short, rounded up. */
unsigned sleep(unsigned seconds)
{
	struct timespec req = {.tv_sec = seconds}, rem;

	if (nanosleep(&req, &rem) == 0)
		return 0;
	return rem.tv_sec + (rem.tv_nsec > 0);
}

int usleep(useconds_t usec)
{
	struct timespec req = {
	    .tv_sec = usec / 1000000,
	    .tv_nsec = (usec % 1000000) * 1000,
	};

	return nanosleep(&req, NULL);
}
