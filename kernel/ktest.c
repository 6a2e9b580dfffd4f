/*
 * The in-kernel test runner: walks the .ktests section (filled by the KTEST macro) and
 * reports each test as one TAP line on the console.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/format.h>
#include <lib/string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

/* TAP goes to the console as plain lines, without printk's timestamps. */
static void tap_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void tap_line(const char *fmt, ...)
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

void ktest_fail(struct ktest_context *t, const char *file, int line, const char *what)
{
	t->failures++;
	tap_line("# %s:%d: check failed: %s", file, line, what);
}

int ktest_run_all(void)
{
	int count = (int)(__ktests_end - __ktests_start);
	int failed = 0;

	tap_line("1..%d", count);
	for (int i = 0; i < count; i++) {
		const struct ktest *test = &__ktests_start[i];
		struct ktest_context t = { .failures = 0 };

		test->run(&t);
		if (t.failures)
			failed++;
		tap_line("%sok %d - %s", t.failures ? "not " : "", i + 1, test->description);
	}
	pr_info("ktest: %d of %d tests passed\n", count - failed, count);
	return failed;
}
