/*
 * The in-kernel test runner: walks the .ktests section (filled by the KTEST macro) and
 * reports each test as one TAP line on the console: "ok", "not ok", or "ok ... # SKIP why"
 * for a test that could not run here.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/format.h>
#include <lib/string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

void ktest_fail(struct ktest_context *t, const char *file, int line, const char *what)
{
	t->failures++;
	console_print_line("# %s:%d: check failed: %s", file, line, what);
}

void ktest_skip(struct ktest_context *t, const char *why)
{
	t->skip_reason = why;
}

/* Print the TAP line of test number n, which has run; a failed check outweighs a skip. */
static void ktest_report(int n, const struct ktest *test, const struct ktest_context *t)
{
	if (t->failures)
		console_print_line("not ok %d - %s", n, test->description);
	else if (t->skip_reason)
		console_print_line("ok %d - %s # SKIP %s", n, test->description, t->skip_reason);
	else
		console_print_line("ok %d - %s", n, test->description);
}

static bool chosen(const struct ktest *test, const char *only)
{
	return !only || strstr(test->description, only) != NULL;
}

int ktest_run_all(const char *only)
{
	int count = 0, n = 0, failed = 0, skipped = 0;

	for (const struct ktest *test = __ktests_start; test < __ktests_end; test++)
		count += chosen(test, only);
	console_print_line("1..%d", count);
	for (const struct ktest *test = __ktests_start; test < __ktests_end; test++) {
		struct ktest_context t = { .failures = 0, .skip_reason = NULL };

		if (!chosen(test, only))
			continue;
		test->run(&t);
		failed += t.failures != 0;
		skipped += !t.failures && t.skip_reason;
		ktest_report(++n, test, &t);
	}
	pr_info("ktest: %d passed, %d failed, %d skipped, of %d tests\n", count - failed - skipped,
		failed, skipped, count);
	return failed;
}
