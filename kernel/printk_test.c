/*
 * Tests of rate-limited printing (printk_ratelimited(), kernel/printk.c): a storm of lines
 * leaves at most a burst of them in the log, and then the count of the rest.  The lines are
 * LOG_DEBUG, so they go to the log alone, not the console.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <lib/string.h>

#define STORM	   1000
#define TAIL_BYTES (16 * 1024)

/* How many times needle occurs in the newest TAIL_BYTES of the log. */
static int log_count(const char *needle)
{
	char *buf = kmalloc(TAIL_BYTES + 1);
	size_t len, nlen = strlen(needle);
	int count = 0;

	if (!buf)
		return -1;
	len = printk_read_log_tail(buf, TAIL_BYTES);
	buf[len] = '\0';
	for (char *at = buf; (at = strstr(at, needle)) != NULL; at += nlen)
		count++;
	kfree(buf);
	return count;
}

static void storm_line(int i)
{
	pr_debug_ratelimited("ktest-ratelimit-site line %d\n", i);
}

KTEST(printk_ratelimited_storm, "printk: 1000 rate-limited lines from one site log at most 10")
{
	for (int i = 0; i < STORM; i++)
		storm_line(i);
	KTEST_EXPECT(log_count("ktest-ratelimit-site line ") == RATELIMIT_BURST);
}

KTEST(printk_ratelimit_count,
      "printk: after the interval, the next line says how many were dropped")
{
	static struct ratelimit rs = RATELIMIT_INIT(100 * NSEC_PER_MSEC, RATELIMIT_BURST);
	int passed = 0;

	for (int i = 0; i < STORM; i++) {
		if (printk_ratelimit_pass(&rs, LOG_DEBUG, "ktest_storm")) {
			printk(LOG_DEBUG, "ktest-ratelimit-storm line %d\n", i);
			passed++;
		}
	}
	KTEST_EXPECT(passed == RATELIMIT_BURST);
	KTEST_EXPECT(log_count("ktest_storm: ") == 0);
	udelay_ns(150 * NSEC_PER_MSEC);
	KTEST_EXPECT(printk_ratelimit_pass(&rs, LOG_DEBUG, "ktest_storm"));
	KTEST_EXPECT(log_count("ktest_storm: 990 messages suppressed") == 1);
	KTEST_EXPECT(log_count("ktest-ratelimit-storm line ") == RATELIMIT_BURST);
}
