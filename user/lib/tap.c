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

/* Corral's /proc/rcu: the call_rcu() callbacks queued and run so far; 0, or -1 if unreadable. */
static int rcu_callbacks(long long *queued, long long *run)
{
	char line[64];
	FILE *f = fopen("/proc/rcu", "r");
	int found = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		found += sscanf(line, "callbacks_queued %lld", queued) == 1 ||
			 sscanf(line, "callbacks_run %lld", run) == 1;
	fclose(f);
	return found == 2 ? 0 : -1;
}

void tap_wait_rcu_callbacks(void)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	long long target, queued, run;

	if (rcu_callbacks(&target, &run) != 0)
		return;
	for (int i = 0; i < 500 && run < target; i++) {
		nanosleep(&pause_10ms, NULL);
		if (rcu_callbacks(&queued, &run) != 0)
			return;
	}
}

long tap_steady(long (*read)(void))
{
	struct timespec pause_20ms = {0, 20 * 1000 * 1000};
	long before = -2, now = read();

	for (int i = 0; i < 50 && now != before; i++) {
		nanosleep(&pause_20ms, NULL);
		before = now;
		now = read();
	}
	return now;
}

long tap_free_memory_steady(void)
{
	tap_wait_rcu_callbacks();
	return tap_steady(tap_free_memory);
}
