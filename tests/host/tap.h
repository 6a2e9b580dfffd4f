/*
 * A small Test Anything Protocol writer for the host tests.
 *
 * Each check prints "ok N - what it checks" or "not ok N - what it checks"; a failed check
 * adds comment lines saying what it got and what it expected.  tap_done() prints the plan
 * "1..N" (TAP allows the plan last, so nobody counts the checks by hand, and a program that
 * dies half-way is seen to have stopped short) and returns main()'s exit status: 1 if any
 * check failed, else 0.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int tap_count;  /* checks reported so far */
static int tap_failed; /* how many of them failed */

/* Reports one check, with a printf-style description; returns pass. */
static inline bool tap_vok(bool pass, const char *fmt, va_list ap)
{
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	putchar('\n');
	return pass;
}

static inline __attribute__((format(printf, 2, 3))) bool tap_ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vok(pass, fmt, ap);
	va_end(ap);
	return pass;
}

/* Prints len bytes of s in double quotes, with C escapes for anything unprintable. */
static inline void tap_print_quoted(const char *s, size_t len)
{
	putchar('"');
	for (; len > 0; len--, s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < ' ' || c > '~')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* The comment line of a failed text check: # got "..." expected "..." */
static inline void tap_diag_text(const char *got, size_t got_len, const char *want, size_t want_len)
{
	printf("# got ");
	tap_print_quoted(got, got_len);
	printf(" expected ");
	tap_print_quoted(want, want_len);
	putchar('\n');
}

/* Checks that got and want are the same string. */
static inline __attribute__((format(printf, 3, 4))) bool
tap_check_str(const char *got, const char *want, const char *fmt, ...)
{
	bool pass = strcmp(got, want) == 0;
	va_list ap;

	va_start(ap, fmt);
	tap_vok(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		tap_diag_text(got, strlen(got), want, strlen(want));
	return pass;
}

/* Checks that got and want are the same number. */
static inline __attribute__((format(printf, 3, 4))) bool tap_check_long(long got, long want,
									const char *fmt, ...)
{
	bool pass = got == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vok(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("# got %ld expected %ld\n", got, want);
	return pass;
}

/* Prints the plan and returns the exit status for main(). */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	if (tap_failed)
		printf("# %d of %d checks failed\n", tap_failed, tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* TAP_H */
