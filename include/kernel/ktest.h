/*
 * In-kernel unit tests.
 *
 * A test is a function declared with KTEST(function_name, "what it checks"); the macro puts a
 * descriptor in the .ktests section, so a test file needs no registration elsewhere.  When the
 * kernel is booted with the word "ktest", ktest_run_all() runs every test in link order and
 * prints one TAP line per test ("ok 3 - kmalloc returns 16-byte aligned memory").  Inside a
 * test, KTEST_EXPECT(cond) records a failure with the file, line and condition, and the test
 * goes on; KTEST_ASSERT(cond) also returns from the test.  A test whose precondition does not
 * hold here (one CPU, no lock checker in this build) calls KTEST_SKIP("why"), which ends it:
 * its line is "ok 7 - what it checks # SKIP why", so a skip is never mistaken for a pass.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdbool.h>
#include <lib/compiler.h>

struct ktest_context {
	int failures;		 /* checks that failed in the running test */
	const char *skip_reason; /* why the test could not run here (KTEST_SKIP), or NULL */
};

/* Aligned so the section is a plain array whatever alignment gcc picks for each entry. */
struct ktest {
	const char *description;
	void (*run)(struct ktest_context *t);
} __aligned(16);

#define KTEST(function_name, text)                                                                 \
	static void function_name(struct ktest_context *t);                                        \
	static const struct ktest __ktest_##function_name __section(".ktests")                     \
	    __used = { .description = (text), .run = function_name };                              \
	static void function_name(struct ktest_context *t)

/* Record a failed check; prints a TAP diagnostic line. */
void ktest_fail(struct ktest_context *t, const char *file, int line, const char *what);

#define KTEST_EXPECT(cond)                                                                         \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ktest_fail(t, __FILE__, __LINE__, #cond);                                  \
	} while (0)

#define KTEST_ASSERT(cond)                                                                         \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			ktest_fail(t, __FILE__, __LINE__, #cond);                                  \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/* Mark the running test skipped, saying why; KTEST_SKIP also returns from it. */
void ktest_skip(struct ktest_context *t, const char *why);

#define KTEST_SKIP(why)                                                                            \
	do {                                                                                       \
		ktest_skip(t, why);                                                                \
		return;                                                                            \
	} while (0)

/*
 * Run every registered test, or with only, those whose description contains it ("ktest=
 * spinlock" on the command line); returns the number that failed (a skipped test has not).
 */
int ktest_run_all(const char *only);

#endif
