/*
 * TAP output and free memory for the test programs (see user/include/tap.h).
 */
#include <intprintf.h>
#include <stdio.h>
#include <sys/sysinfo.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

int tap_checks, tap_failures;
void (*tap_after_line)(void);

void tap_check(int passed, const char *what)
{
	tap_checks++;
	if (!passed)
		tap_failures++;
	printf("%sok %d - %s\n", passed ? "" : "not ", tap_checks, what);
	fflush(stdout);
	if (tap_after_line)
		tap_after_line();
}

void tap_skip(const char *what, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++tap_checks, what, why);
	fflush(stdout);
	if (tap_after_line)
		tap_after_line();
}

int tap_done(void)
{
	printf("1..%d\n", tap_checks);
	fflush(stdout);
	return tap_failures ? 1 : 0;
}

long tap_free_memory(void)
{
	struct sysinfo info;

	if (sysinfo(&info) != 0)
		return -1;
	return (long)(info.freeram * info.mem_unit);
}

long tap_free_memory_settled(long expected)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	long now = tap_free_memory();

	for (int i = 0; i < 100 && now != expected; i++) {
		nanosleep(&pause_10ms, NULL);
		now = tap_free_memory();
	}
	return now;
}
