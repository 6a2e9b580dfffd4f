/*
 * Host tests of lib/string.c: the memory and string functions, and kstrtoul().
 *
 * Each check compares one result with the value the C standard (or, for strlcpy and
 * kstrtoul, include/lib/string.h) promises.  A pointer result is checked as an offset from
 * the start of its string, -1 standing for NULL.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib_host.h"
#include "tap.h"

/* The place of p in s, or -1 if p is NULL. */
static long offset_in(const char *s, const char *p)
{
	return p ? p - s : -1;
}

/* The sign of a comparison result: -1, 0 or 1. */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void check_memcpy_memset(void)
{
	char buf[9] = "........";

	tap_ok(corral_memcpy(buf, "abcd", 3) == buf, "memcpy returns dst");
	tap_ok(memcmp(buf, "abc.....", 8) == 0, "memcpy of 3 bytes copies exactly 3");
	corral_memcpy(buf, "zz", 0);
	tap_ok(buf[0] == 'a', "memcpy of 0 bytes changes nothing");

	tap_ok(corral_memset(buf, 'x', 4) == buf, "memset returns dst");
	tap_ok(memcmp(buf, "xxxx....", 8) == 0, "memset of 4 bytes fills exactly 4");
	corral_memset(buf, 0x141, 2);
	tap_ok(buf[0] == 0x41 && buf[1] == 0x41, "memset stores c converted to unsigned char");
}

static void check_memmove(void)
{
	char buf[9];

	strcpy(buf, "abcdefgh");
	tap_ok(corral_memmove(buf + 2, buf, 5) == buf + 2, "memmove returns dst");
	tap_check_str(buf, "ababcdeh", "memmove to a higher overlapping address");

	strcpy(buf, "abcdefgh");
	corral_memmove(buf, buf + 2, 5);
	tap_check_str(buf, "cdefgfgh", "memmove to a lower overlapping address");

	strcpy(buf, "abcdefgh");
	corral_memmove(buf + 1, buf, 7);
	tap_check_str(buf, "aabcdefg", "memmove one byte up across the whole buffer");

	strcpy(buf, "abcdefgh");
	corral_memmove(buf, buf, 8);
	tap_check_str(buf, "abcdefgh", "memmove onto itself changes nothing");
}

static void check_memcmp(void)
{
	tap_check_long(corral_memcmp("abc", "abc", 3), 0, "memcmp of equal bytes is 0");
	tap_check_long(sign(corral_memcmp("abc", "abd", 3)), -1, "memcmp \"abc\" < \"abd\"");
	tap_check_long(sign(corral_memcmp("abd", "abc", 3)), 1, "memcmp \"abd\" > \"abc\"");
	tap_check_long(sign(corral_memcmp("\x80", "\x01", 1)), 1,
		       "memcmp compares bytes as unsigned char");
	tap_check_long(corral_memcmp("a", "b", 0), 0, "memcmp of 0 bytes is 0");
	tap_check_long(sign(corral_memcmp("ab\0x", "ab\0y", 4)), -1, "memcmp goes on past a NUL");
}

static void check_lengths(void)
{
	tap_check_long(corral_strlen(""), 0, "strlen of \"\" is 0");
	tap_check_long(corral_strlen("corral"), 6, "strlen of \"corral\" is 6");
	tap_check_long(corral_strnlen("corral", 10), 6, "strnlen below its limit is strlen");
	tap_check_long(corral_strnlen("corral", 3), 3, "strnlen stops at its limit");
	tap_check_long(corral_strnlen("corral", 0), 0, "strnlen with limit 0 is 0");
}

static void check_strcmp(void)
{
	tap_check_long(corral_strcmp("abc", "abc"), 0, "strcmp of equal strings is 0");
	tap_check_long(sign(corral_strcmp("abc", "abd")), -1, "strcmp \"abc\" < \"abd\"");
	tap_check_long(sign(corral_strcmp("abd", "abc")), 1, "strcmp \"abd\" > \"abc\"");
	tap_check_long(sign(corral_strcmp("ab", "abc")), -1, "strcmp: a prefix sorts first");
	tap_check_long(sign(corral_strcmp("", "a")), -1, "strcmp: \"\" sorts before \"a\"");
	tap_check_long(sign(corral_strcmp("\x80", "a")), 1,
		       "strcmp compares characters as unsigned char");
	tap_check_long(corral_strncmp("abcx", "abcy", 3), 0,
		       "strncmp ignores differences after n characters");
	tap_check_long(sign(corral_strncmp("abcx", "abcy", 4)), -1,
		       "strncmp sees a difference at character n");
	tap_check_long(corral_strncmp("ab", "ab", 10), 0,
		       "strncmp stops at the end of equal strings");
	tap_check_long(sign(corral_strncmp("ab", "abc", 10)), -1, "strncmp: a prefix sorts first");
	tap_check_long(corral_strncmp("a", "b", 0), 0, "strncmp of 0 characters is 0");
}

static void check_searches(void)
{
	const char *s = "hello, world";

	tap_check_long(offset_in(s, corral_strchr(s, 'o')), 4, "strchr finds the first 'o'");
	tap_check_long(offset_in(s, corral_strchr(s, 'z')), -1,
		       "strchr of a missing character is NULL");
	tap_check_long(offset_in(s, corral_strchr(s, '\0')), 12, "strchr of '\\0' finds the end");
	tap_check_long(offset_in(s, corral_strrchr(s, 'o')), 8, "strrchr finds the last 'o'");
	tap_check_long(offset_in(s, corral_strrchr(s, 'z')), -1,
		       "strrchr of a missing character is NULL");
	tap_check_long(offset_in(s, corral_strrchr(s, '\0')), 12, "strrchr of '\\0' finds the end");

	tap_check_long(offset_in(s, corral_strstr(s, "world")), 7, "strstr finds \"world\"");
	tap_check_long(offset_in(s, corral_strstr(s, "hello")), 0,
		       "strstr finds a match at the start");
	tap_check_long(offset_in(s, corral_strstr(s, "ld")), 10, "strstr finds a match at the end");
	tap_check_long(offset_in(s, corral_strstr(s, "word")), -1,
		       "strstr of a missing string is NULL");
	tap_check_long(offset_in(s, corral_strstr(s, "")), 0, "strstr of \"\" is the haystack");
	tap_check_long(offset_in("ab", corral_strstr("ab", "abc")), -1,
		       "strstr of a needle longer than the haystack is NULL");
	tap_check_long(offset_in("aaaab", corral_strstr("aaaab", "aaab")), 1,
		       "strstr finds a match after a partial one");
}

static void check_strlcpy(void)
{
	char buf[8];

	tap_check_long(corral_strlcpy(buf, "abc", sizeof(buf)), 3, "strlcpy returns strlen(src)");
	tap_check_str(buf, "abc", "strlcpy copies a string that fits");

	tap_check_long(corral_strlcpy(buf, "abcdefghijk", sizeof(buf)), 11,
		       "strlcpy returns strlen(src) when it truncates");
	tap_check_str(buf, "abcdefg", "strlcpy truncates to size - 1 characters and a NUL");

	tap_check_long(corral_strlcpy(buf, "abcdefg", sizeof(buf)), 7,
		       "strlcpy of exactly size - 1 characters returns their number");
	tap_check_str(buf, "abcdefg", "strlcpy of exactly size - 1 characters copies them all");

	strcpy(buf, "keep");
	tap_check_long(corral_strlcpy(buf, "abc", 0), 3, "strlcpy with size 0 returns strlen(src)");
	tap_check_str(buf, "keep", "strlcpy with size 0 writes nothing");

	tap_check_long(corral_strlcpy(buf, "abc", 1), 3, "strlcpy with size 1 returns strlen(src)");
	tap_check_str(buf, "", "strlcpy with size 1 stores only the NUL");
}

/* s with a newline written as \n, so that it fits on a TAP line. */
static const char *printable(const char *s)
{
	static char buf[64];
	size_t len = 0;

	for (; *s && len + 2 < sizeof(buf); s++) {
		if (*s == '\n')
			buf[len++] = '\\';
		buf[len++] = *s == '\n' ? 'n' : *s;
	}
	buf[len] = '\0';
	return buf;
}

/*
 * One TAP line: kstrtoul(s, base) returns want_ret and stores want_value; on an error
 * (want_ret < 0) it must leave *out as it was.
 */
static void check_kstrtoul(const char *s, unsigned int base, int want_ret, unsigned long want_value)
{
	unsigned long value = 12345;
	int ret = corral_kstrtoul(s, base, &value);
	unsigned long want_stored = want_ret == 0 ? want_value : 12345;
	bool pass = ret == want_ret && value == want_stored;

	if (want_ret == 0)
		tap_ok(pass, "kstrtoul(\"%s\", %u) is %lu", printable(s), base, want_value);
	else
		tap_ok(pass, "kstrtoul(\"%s\", %u) is %s and leaves *out alone", printable(s), base,
		       want_ret == -EINVAL ? "-EINVAL" : "-ERANGE");
	if (ret != want_ret || value != want_stored)
		printf("# got return %d, *out %lu; expected return %d, *out %lu\n", ret, value,
		       want_ret, want_stored);
}

static void check_kstrtoul_all(void)
{
	check_kstrtoul("0", 10, 0, 0);
	check_kstrtoul("123", 10, 0, 123);
	check_kstrtoul("0x1F", 0, 0, 31);
	check_kstrtoul("0X1f", 0, 0, 31);
	check_kstrtoul("017", 0, 0, 15);
	check_kstrtoul("0", 0, 0, 0);
	check_kstrtoul("42", 0, 0, 42);
	check_kstrtoul("ff", 16, 0, 255);
	check_kstrtoul("0xff", 16, 0, 255);
	check_kstrtoul("101", 2, 0, 5);
	check_kstrtoul("zZ", 36, 0, 35 * 36 + 35);
	check_kstrtoul("18446744073709551615", 10, 0, 18446744073709551615UL);
	check_kstrtoul("0xffffffffffffffff", 0, 0, 0xffffffffffffffffUL);

	check_kstrtoul("18446744073709551616", 10, -ERANGE, 0);
	check_kstrtoul("0x10000000000000000", 0, -ERANGE, 0);
	check_kstrtoul("99999999999999999999999", 10, -ERANGE, 0);

	check_kstrtoul("", 10, -EINVAL, 0);
	check_kstrtoul("12a", 10, -EINVAL, 0);
	check_kstrtoul(" 12", 10, -EINVAL, 0);
	check_kstrtoul("12\n", 10, -EINVAL, 0);
	check_kstrtoul("-1", 10, -EINVAL, 0);
	check_kstrtoul("+1", 10, -EINVAL, 0);
	check_kstrtoul("0x", 0, -EINVAL, 0);
	check_kstrtoul("0x", 16, -EINVAL, 0);
	check_kstrtoul("08", 0, -EINVAL, 0);
	check_kstrtoul("2", 2, -EINVAL, 0);
	check_kstrtoul("99999999999999999999999x", 10, -EINVAL, 0);
	check_kstrtoul("1", 1, -EINVAL, 0);
	check_kstrtoul("1", 37, -EINVAL, 0);
}

int main(void)
{
	check_memcpy_memset();
	check_memmove();
	check_memcmp();
	check_lengths();
	check_strcmp();
	check_searches();
	check_strlcpy();
	check_kstrtoul_all();
	return tap_done();
}
