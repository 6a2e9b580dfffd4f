/*
 * Kernel logging.  printk() formats a line into the log ring buffer (read later by dmesg) and
 * prints it on the console when its level is at least as urgent as the console's threshold
 * (the command-line word "quiet" raises the threshold to warnings).
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/spinlock.h>
#include <lib/timeconv.h>

#define LOG_EMERG   0
#define LOG_ERR	    3
#define LOG_WARNING 4
#define LOG_NOTICE  5
#define LOG_INFO    6
#define LOG_DEBUG   7

void printk(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define pr_emerg(...)  printk(LOG_EMERG, __VA_ARGS__)
#define pr_err(...)    printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)   printk(LOG_WARNING, __VA_ARGS__)
#define pr_notice(...) printk(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)   printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)  printk(LOG_DEBUG, __VA_ARGS__)

/*
 * A warning printed the first time its call site runs, and never again (Linux's
 * pr_warn_once()): the labs' stubs say once per boot which function is the student's to write.
 */
#define pr_warn_once(...)                                                                          \
	do {                                                                                       \
		static bool warned_;                                                               \
		if (!__atomic_exchange_n(&warned_, true, __ATOMIC_RELAXED))                        \
			pr_warn(__VA_ARGS__);                                                      \
	} while (0)

/*
 * Rate-limited lines, as Linux's printk_ratelimited(): for a line that a user program can make
 * the kernel print as often as it likes (a process killed at a page fault, a release agent that
 * fails).  Each call site has its own struct ratelimit: in each interval of interval_ns at most
 * burst lines pass; the rest are dropped and counted, and the first call after the interval
 * ends logs "FUNCTION: N messages suppressed" before its own line, then a new interval begins.
 * Nothing is printed for a storm that simply stops: its count waits for the site's next line.
 */
struct ratelimit {
	struct spinlock lock; /* a leaf: guards the three fields below it */
	uint64_t interval_ns; /* constant */
	int burst;	      /* constant */
	uint64_t begin_ns;    /* when this interval began; 0: none yet */
	int printed;	      /* lines passed in this interval */
	int missed;	      /* lines dropped in this interval */
};

#define RATELIMIT_INTERVAL_NS (5 * NSEC_PER_SEC) /* Linux's DEFAULT_RATELIMIT_INTERVAL */
#define RATELIMIT_BURST	      10		 /* and DEFAULT_RATELIMIT_BURST */
#define RATELIMIT_INIT(interval, max_lines)                                                        \
	{                                                                                          \
		.lock = SPINLOCK_INIT("ratelimit"), .interval_ns = (interval),                     \
		.burst = (max_lines)                                                               \
	}

/*
 * Whether a line of level may pass rs now (true: print it).  First logs, at level, how many
 * lines who (the call site's function) dropped in an interval that has ended.
 */
bool printk_ratelimit_pass(struct ratelimit *rs, int level, const char *who);

#define printk_ratelimited(level, ...)                                                             \
	do {                                                                                       \
		static struct ratelimit site_ratelimit_ =                                          \
		    RATELIMIT_INIT(RATELIMIT_INTERVAL_NS, RATELIMIT_BURST);                        \
		if (printk_ratelimit_pass(&site_ratelimit_, (level), __func__))                    \
			printk((level), __VA_ARGS__);                                              \
	} while (0)

#define pr_err_ratelimited(...)	   printk_ratelimited(LOG_ERR, __VA_ARGS__)
#define pr_warn_ratelimited(...)   printk_ratelimited(LOG_WARNING, __VA_ARGS__)
#define pr_notice_ratelimited(...) printk_ratelimited(LOG_NOTICE, __VA_ARGS__)
#define pr_info_ratelimited(...)   printk_ratelimited(LOG_INFO, __VA_ARGS__)
#define pr_debug_ratelimited(...)  printk_ratelimited(LOG_DEBUG, __VA_ARGS__)

/* Lines of level <= this reach the console; the rest only the ring buffer. */
void printk_set_console_level(int level);

/*
 * Write straight to the console, bypassing the log lock: for panic(), which may run while
 * another CPU (or this one) holds it.
 */
void console_emergency_write(const char *s, size_t len);

/*
 * One line on the console (and in the log) exactly as formatted, without a timestamp or a
 * level: for output that programs read, such as TAP from ktest and BENCH lines.  The newline
 * is added; lines are cut at 254 characters.
 */
void console_print_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * For syslog(2): copy the newest log text, at most len bytes of what came after the last
 * printk_clear_log(), into buf; returns the number copied.  printk_log_size() is the ring's
 * size, the most there can be.
 */
size_t printk_read_log_tail(char *buf, size_t len);
void printk_clear_log(void);
size_t printk_log_size(void);

#endif
