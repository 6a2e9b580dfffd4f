/*
 * printk: the kernel log.
 *
 * Each line is formatted with its time since boot ("[    1.234567] "), appended to a ring
 * buffer that keeps the most recent LOG_BUF_SIZE bytes (dmesg reads it), and written to the
 * console when its level passes the console threshold.  log_lock keeps lines from different
 * CPUs whole; panic() bypasses it with console_emergency_write(), which logs only when the
 * lock is free.
 *
 * Rate limits (printk_ratelimited(), include/kernel/printk.h) decide under their own lock
 * whether a line passes, and print after letting it go: a ratelimit lock and log_lock are
 * never held together.
 */
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/time.h>
#include <lib/format.h>
#include <lib/string.h>
#include <arch/cpu.h>
#include <arch/serial.h>

#define LOG_BUF_SIZE (64 * 1024)
#define LINE_MAX     512

static struct spinlock log_lock = SPINLOCK_INIT("log");
static char log_buf[LOG_BUF_SIZE];   /* guarded by log_lock */
static uint64_t log_written;	     /* bytes ever appended; guarded by log_lock */
static uint64_t log_cleared;	     /* log_written at the last clear; guarded by log_lock */
static int console_level = LOG_INFO; /* lines of this level or more urgent are shown */

void printk_set_console_level(int level)
{
	console_level = level;
}

/* Append to the ring; the oldest text is overwritten. Caller holds log_lock. */
static void log_append(const char *s, size_t len)
{
	assert_spin_locked(&log_lock);
	for (size_t i = 0; i < len; i++)
		log_buf[(log_written + i) % LOG_BUF_SIZE] = s[i];
	log_written += len;
}

static size_t format_line(char *line, int level, const char *fmt, va_list ap)
{
	uint64_t ns = clock_monotonic_ns();
	int n = snprintf(line, LINE_MAX, "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000),
			 (unsigned long)(ns / 1000 % 1000000));
	int body = vsnprintf(line + n, LINE_MAX - n, fmt, ap);
	size_t len = (size_t)n + (size_t)body;

	if (len >= LINE_MAX - 1)
		len = LINE_MAX - 2;
	if (len == 0 || line[len - 1] != '\n')
		line[len++] = '\n';
	line[len] = '\0';
	return len;
}

void printk(int level, const char *fmt, ...)
{
	char line[LINE_MAX];
	va_list ap;
	size_t len;
	unsigned long flags;

	va_start(ap, fmt);
	len = format_line(line, level, fmt, ap);
	va_end(ap);

	flags = spin_lock_irqsave(&log_lock);
	log_append(line, len);
	if (level <= console_level)
		serial_write(line, len);
	spin_unlock_irqrestore(&log_lock, flags);
}

void console_print_line(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	console_emergency_write(line, (size_t)n);
}

/* Also kept in the log when its lock is free: a panic must never wait for it. */
void console_emergency_write(const char *s, size_t len)
{
	bool were_enabled = arch_irq_save();

	if (spin_trylock(&log_lock)) {
		log_append(s, len);
		spin_unlock(&log_lock);
	}
	arch_irq_restore(were_enabled);
	serial_write(s, len);
}

size_t printk_read_log_tail(char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	uint64_t start = log_written > LOG_BUF_SIZE ? log_written - LOG_BUF_SIZE : 0;
	size_t n;

	if (start < log_cleared)
		start = log_cleared;
	if (log_written - start > len)
		start = log_written - len;
	n = (size_t)(log_written - start);
	for (size_t i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

void printk_clear_log(void)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	log_cleared = log_written;
	spin_unlock_irqrestore(&log_lock, flags);
}

size_t printk_log_size(void)
{
	return LOG_BUF_SIZE;
}

/*
 * Linux's ___ratelimit(): an interval that has ended (or the first call) begins a new one,
 * taking its count of dropped lines to report; then the line passes if the interval has let
 * fewer than burst through.
 */
bool printk_ratelimit_pass(struct ratelimit *rs, int level, const char *who)
{
	uint64_t now = clock_monotonic_ns();
	unsigned long flags = spin_lock_irqsave(&rs->lock);
	int missed = 0;
	bool pass;

	if (!rs->begin_ns || now - rs->begin_ns >= rs->interval_ns) {
		missed = rs->missed;
		rs->begin_ns = now;
		rs->printed = rs->missed = 0;
	}
	pass = rs->printed < rs->burst;
	if (pass)
		rs->printed++;
	else
		rs->missed++;
	spin_unlock_irqrestore(&rs->lock, flags);
	if (missed)
		printk(level, "%s: %d messages suppressed\n", who, missed);
	return pass;
}
