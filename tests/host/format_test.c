/*
 * Host tests of lib/format.c: corral_snprintf() against the C library's snprintf().
 *
 * Each CHECK formats the same arguments with both, into buffers big enough for the whole
 * result, and expects the same bytes and the same return value; its TAP line quotes the
 * arguments.  Then the size rules: results cut short by a small buffer (compared with the C
 * library's vsnprintf, bytes past the end included), size 0 with a NULL buffer, and return
 * values larger than the buffer.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "lib_host.h"
#include "tap.h"

#define BUF_SIZE 256

static void *const some_pointer = (void *)0x7ffc1234abcdUL;

/* The comment lines of a failed check: the bytes, then the return values if they differ. */
static void diag_result(const char *got, size_t got_bytes, int got_len, const char *want,
			size_t want_bytes, int want_len)
{
	tap_diag_text(got, got_bytes, want, want_bytes);
	if (got_len != want_len)
		printf("# got return value %d expected %d\n", got_len, want_len);
}

/* One TAP line: both results, text and return value, must be the same. */
static void check_same(const char *args, const char *want, int want_len, const char *got,
		       int got_len)
{
	/* Compared as bytes with the NUL after them, since "%c" may print a NUL itself. */
	size_t want_bytes = want_len < BUF_SIZE ? want_len : BUF_SIZE - 1;
	size_t got_bytes = got_len >= 0 && got_len < BUF_SIZE ? got_len : BUF_SIZE - 1;
	bool pass = want_len == got_len && memcmp(want, got, want_bytes + 1) == 0;

	if (!tap_ok(pass, "format %s matches libc", args))
		diag_result(got, got_bytes, got_len, want, want_bytes, want_len);
}

#define CHECK(...)                                                                                 \
	do {                                                                                       \
		char want[BUF_SIZE], got[BUF_SIZE];                                                \
		int want_len = snprintf(want, sizeof(want), __VA_ARGS__);                          \
		int got_len = corral_snprintf(got, sizeof(got), __VA_ARGS__);                      \
		check_same(#__VA_ARGS__, want, want_len, got, got_len);                            \
	} while (0)

static void check_conversions(void)
{
	CHECK("plain text");
	CHECK("%d", 0);
	CHECK("%d", 42);
	CHECK("%d", -42);
	CHECK("%d", INT_MAX);
	CHECK("%d", INT_MIN);
	CHECK("%i", -7);
	CHECK("%u", 0u);
	CHECK("%u", UINT_MAX);
	CHECK("%x", 0xdeadbeefu);
	CHECK("%X", 0xdeadbeefu);
	CHECK("%o", 0777u);
	CHECK("%c", 'A');
	CHECK("%c", 0);
	CHECK("%c", 200);
	CHECK("%s", "corral");
	CHECK("%%");
	CHECK("100%% sure");
	CHECK("a%cb%sc%dd%ue", 'x', "yz", -5, 6u);
}

static void check_flags_and_width(void)
{
	CHECK("[%5d]", 42);
	CHECK("[%-5d]", 42);
	CHECK("[%05d]", 42);
	CHECK("[%05d]", -42);
	CHECK("[%+d]", 42);
	CHECK("[%+d]", -42);
	CHECK("[%+d]", 0);
	CHECK("[% d]", 42);
	CHECK("[% d]", -42);
	CHECK("[%+5d]", 42);
	CHECK("[%-+6d]", 42);
	CHECK("[% 05d]", 42);
	CHECK("[%+08d]", INT_MIN);
	CHECK("[%2d]", 12345);
	CHECK("[%08x]", 0xbeefu);
	CHECK("[%-8o]", 8u);
	CHECK("[%010u]", 123456u);
}

static void check_precision(void)
{
	CHECK("[%.3d]", 7);
	CHECK("[%.3d]", -7);
	CHECK("[%.0d]", 0);
	CHECK("[%.d]", 0);
	CHECK("[%.0d]", 1);
	CHECK("[%5.0d]", 0);
	CHECK("[%-5.0d]", 0);
	CHECK("[%+.0d]", 0);
	CHECK("[% .0d]", 0);
	CHECK("[%8.5d]", -123);
	CHECK("[%-8.5d]", 123);
	CHECK("[%.12d]", INT_MIN);
	CHECK("[%.0u]", 0u);
	CHECK("[%.0x]", 0u);
	CHECK("[%.0o]", 0u);
	CHECK("[%.6x]", 0xabcu);
	CHECK("[%-8.3x]", 0x12u);
}

static void check_alternate_forms(void)
{
	CHECK("[%#x]", 255u);
	CHECK("[%#X]", 255u);
	CHECK("[%#x]", 0u);
	CHECK("[%#o]", 8u);
	CHECK("[%#o]", 0u);
	CHECK("[%#.0o]", 0u);
	CHECK("[%#.0x]", 0u);
	CHECK("[%#5.0x]", 0u);
	CHECK("[%#.3o]", 8u);
	CHECK("[%#.5o]", 8u);
	CHECK("[%#08x]", 255u);
	CHECK("[%#-8x]", 255u);
	CHECK("[%#8.4x]", 255u);
	CHECK("[%#08o]", 8u);
}

static void check_length_modifiers(void)
{
	CHECK("%hhd", 300);
	CHECK("%hhd", -129);
	CHECK("%hhu", 257);
	CHECK("%hhx", 0x1ff);
	CHECK("%hd", 70000);
	CHECK("%hd", SHRT_MIN);
	CHECK("%hu", 65536);
	CHECK("%ld", LONG_MIN);
	CHECK("%ld", LONG_MAX);
	CHECK("%lu", ULONG_MAX);
	CHECK("%lx", ULONG_MAX);
	CHECK("%lld", LLONG_MIN);
	CHECK("%lld", LLONG_MAX);
	CHECK("%llu", ULLONG_MAX);
	CHECK("%llo", ULLONG_MAX);
	CHECK("%#llo", ULLONG_MAX);
	CHECK("%llX", 0xabcdef0123456789ULL);
	CHECK("%zu", SIZE_MAX);
	CHECK("%zd", (ssize_t)-5);
	CHECK("%zx", (size_t)0xabc);
	CHECK("%td", (ptrdiff_t)-1000);
	CHECK("%tu", (size_t)1000);
	CHECK("%jd", INTMAX_MIN);
	CHECK("%ju", UINTMAX_MAX);
	CHECK("%jx", (uintmax_t)0xfeed);
	CHECK("%li%lli%hi", -1L, -2LL, (short)-3);
}

static void check_star(void)
{
	CHECK("[%*d]", 6, 42);
	CHECK("[%*d]", -6, 42);
	CHECK("[%-*d]", 6, 42);
	CHECK("[%.*d]", 4, 42);
	CHECK("[%.*d]", -1, 42);
	CHECK("[%*.*d]", 8, 4, -42);
	CHECK("[%0*d]", 6, -42);
	CHECK("[%.*s]", 3, "abcdef");
	CHECK("[%*s]", 8, "ab");
	CHECK("[%*d|%s|%-*.*s|%c]", 4, 7, "x", 6, 2, "abcdef", 'q');
}

static void check_strings_and_chars(void)
{
	CHECK("[%10s]", "right");
	CHECK("[%-10s]", "left");
	CHECK("[%.2s]", "abc");
	CHECK("[%.10s]", "abc");
	CHECK("[%8.3s]", "abcdef");
	CHECK("[%s]", "");
	CHECK("[%5s]", "");
	CHECK("[%5c]", 'z');
	CHECK("[%-5c]", 'z');
}

/* %s of NULL is undefined in C; glibc prints "(null)", and gcc warns about each of these. */
static void check_null_string(void)
{
	const char *no_string = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"
	CHECK("[%s]", no_string);
	CHECK("[%10s]", no_string);
	CHECK("[%-8s]", no_string);
	CHECK("[%.3s]", no_string);
	CHECK("[%.6s]", no_string);
#pragma GCC diagnostic pop
}

static void check_pointers(void)
{
	CHECK("%p", some_pointer);
	CHECK("%p", (void *)NULL);
	CHECK("%p", (void *)UINTPTR_MAX);
	CHECK("[%20p]", some_pointer);
	CHECK("[%-20p]", some_pointer);
	CHECK("[%10p]", (void *)NULL);
	CHECK("[%-10p]", (void *)NULL);
}

/*
 * Formats gcc warns about: flags that C says have no effect, and flags or conversions that C
 * leaves undefined but glibc defines (with %p, %s, %c, %% and an unknown letter).  The result
 * must still be glibc's.
 */
static void check_warned_formats(void)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
	CHECK("[%-05d]", 42);
	CHECK("[%+ d]", 42);
	CHECK("[%08.3d]", -5);
	CHECK("[%08.3x]", 0x1fu);
	CHECK("[%+u]", 5u);
	CHECK("[% x]", 5u);
	CHECK("[%#d]", 5);
	CHECK("[%+p]", some_pointer);
	CHECK("[% p]", some_pointer);
	CHECK("[%.16p]", some_pointer);
	CHECK("[%020p]", some_pointer);
	CHECK("[%.3p]", (void *)NULL);
	CHECK("[%010p]", (void *)NULL);
	CHECK("[%05s]", "ab");
	CHECK("[%05c]", 'c');
	CHECK("[%5%]");
	CHECK("[%y]");
	CHECK("[%-5y]");
#pragma GCC diagnostic pop
}

/*
 * One TAP line: formatting into size bytes of a buffer filled with '#' must leave the same
 * bytes as the C library's vsnprintf, including the '#'s past size, and return the same.
 */
static __attribute__((format(printf, 3, 4))) void check_truncated(const char *args, size_t size,
								  const char *fmt, ...)
{
	char want[16], got[16];
	int want_len, got_len;
	va_list ap, ap_copy;

	memset(want, '#', sizeof(want));
	memset(got, '#', sizeof(got));
	va_start(ap, fmt);
	va_copy(ap_copy, ap);
	want_len = vsnprintf(want, size, fmt, ap);
	got_len = corral_vsnprintf(got, size, fmt, ap_copy);
	va_end(ap_copy);
	va_end(ap);

	if (!tap_ok(want_len == got_len && memcmp(want, got, sizeof(want)) == 0,
		    "size %zu: format %s leaves the buffer as libc does", size, args))
		diag_result(got, sizeof(got), got_len, want, sizeof(want), want_len);
}

#define CHECK_TRUNCATED(size, ...) check_truncated(#__VA_ARGS__, size, __VA_ARGS__)

static void check_truncation(void)
{
	CHECK_TRUNCATED(1, "%d", 123456);
	CHECK_TRUNCATED(4, "%d", 123456);
	CHECK_TRUNCATED(6, "%d", 123456);
	CHECK_TRUNCATED(7, "%d", 123456);
	CHECK_TRUNCATED(8, "%d", 123456);
	CHECK_TRUNCATED(5, "%s and %s", "this", "that");
	CHECK_TRUNCATED(3, "%-8d|", -1);
	CHECK_TRUNCATED(10, "%#018llx", 0x1234ULL);
	CHECK_TRUNCATED(2, "%c%c%c", 'a', 'b', 'c');
	CHECK_TRUNCATED(12, "%p", some_pointer);
	CHECK_TRUNCATED(4, "%s", "");
}

static void check_buffer_sizes(void)
{
	char buf[16];
	int len;

	tap_check_long(corral_snprintf(NULL, 0, "%d", 12345), 5,
		       "size 0 with a NULL buffer returns the full length");

	memset(buf, '#', sizeof(buf));
	len = corral_snprintf(buf, 0, "%s", "abc");
	tap_ok(len == 3 && buf[0] == '#', "size 0 writes nothing, not even a NUL, and returns 3");

	memset(buf, '#', sizeof(buf));
	len = corral_snprintf(buf, 1, "%s", "abc");
	tap_ok(len == 3 && buf[0] == '\0' && buf[1] == '#',
	       "size 1 stores only the NUL and returns the full length");

	len = corral_snprintf(buf, 6, "%s", "12345");
	tap_ok(len == 5 && strcmp(buf, "12345") == 0,
	       "a result of exactly size - 1 is stored whole");

	len = corral_snprintf(buf, sizeof(buf), "%300d", 1);
	tap_ok(len == 300 && strlen(buf) == 15 && strspn(buf, " ") == 15,
	       "a 300-character result in 16 bytes returns 300 and stores 15 characters");

	memset(buf, '#', sizeof(buf));
	len = corral_snprintf(buf, sizeof(buf), "%s", "");
	tap_ok(len == 0 && buf[0] == '\0' && buf[1] == '#', "an empty result stores just the NUL");
}

int main(void)
{
	check_conversions();
	check_flags_and_width();
	check_precision();
	check_alternate_forms();
	check_length_modifiers();
	check_star();
	check_strings_and_chars();
	check_null_string();
	check_pointers();
	check_warned_formats();
	check_truncation();
	check_buffer_sizes();
	return tap_done();
}
