/*
 * The in-kernel test runner: walks the .ktests section (filled by the KTEST macro) and
 * reports each test as one TAP line on the console.
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

int ktest_run_all(void)
{
	int count = (int)(__ktests_end - __ktests_start);
	int failed = 0;

	console_print_line("1..%d", count);
	for (int i = 0; i < count; i++) {
		const struct ktest *test = &__ktests_start[i];
		struct ktest_context t = {.failures = 0};

		test->run(&t);
		if (t.failures)
			failed++;
		console_print_line("%sok %d - %s", t.failures ? "not " : "", i + 1,
				   test->description);
	}
	pr_info("ktest: %d of %d tests passed\n", count - failed, count);
	return failed;
}
