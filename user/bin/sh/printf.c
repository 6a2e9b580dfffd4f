/*
 * printf FORMAT [ARGUMENT...]: POSIX's printf utility, as a builtin.
 *
 * FORMAT is printed with its backslash escapes (\\ \a \b \f \n \r \t \v \" and \NNN, one to
 * three octal digits) and its conversions, each of which takes the next argument:
 *   %s a string, %b a string with escapes (\0NNN for octal, and \c: stop all output),
 *   %c its first character, %d %i a signed integer, %u %o %x %X an unsigned one in decimal,
 *   octal or hexadecimal, and %% a percent sign (POSIX leaves out floating point, and so does
 *   the shell, whose printf() is newlib's integer-only one: <intprintf.h>);
 * with C's flags (- + space # 0), width and precision, either of which may be * (taken from
 * the arguments).  An integer argument may be written as in C (0x1f, 017) or as 'c (the
 * character's code).  A missing argument is an empty string or 0.  While arguments remain
 * after the format has been used up, the format is used again.  A bad number is reported
 * ("printf: abc: invalid number"), printed as far as it was read, and the status is 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct printf_args {
	char **argv;
	int argc, next;
	int status; /* 1 once an argument was bad */
	int stop;   /* \c in a %b argument, or a bad conversion: print nothing more */
};

static const char *next_arg(struct printf_args *a)
{
	return a->next < a->argc ? a->argv[a->next++] : NULL;
}

/* The value of an octal escape: up to max digits at *p, which advances past them. */
static int octal(const char **p, int max)
{
	int value = 0;

	for (int i = 0; i < max && **p >= '0' && **p <= '7'; i++)
		value = value * 8 + *(*p)++ - '0';
	return value;
}

/*
 * The character for the escape after a backslash at *p (p advanced past it), or -1 if it is
 * no escape.  in_b: %b's rules, where \0NNN is octal and \c is the end (-2).
 */
static int escape(const char **p, int in_b)
{
	static const char from[] = "\\abfnrtv\"", to[] = "\\\a\b\f\n\r\t\v\"";
	const char *c = **p ? strchr(from, **p) : NULL;

	if (c != NULL) {
		(*p)++;
		return to[c - from];
	}
	if (in_b && **p == 'c')
		return -2;
	if (in_b && **p == '0') {
		(*p)++;
		return octal(p, 3);
	}
	if (**p >= '0' && **p <= '7')
		return octal(p, 3);
	return -1;
}

/* %b's argument with its escapes done, into a malloc'ed string of *len bytes (NULs may be in
 * it); a \c stops the whole printf. */
static char *expand_b(struct printf_args *a, const char *s, size_t *len)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;

	while (*s) {
		if (*s != '\\') {
			out[n++] = *s++;
			continue;
		}
		s++;
		int c = escape(&s, 1);
		if (c == -2) {
			a->stop = 1;
			break;
		}
		out[n++] = c < 0 ? '\\' : (char)c;
	}
	out[n] = '\0';
	*len = n;
	return out;
}

/* An integer argument, as C writes constants or as 'c; a bad one is reported. */
static long long int_arg(struct printf_args *a)
{
	const char *s = next_arg(a);
	long long value;
	char *end;

	if (s == NULL)
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	errno = 0;
	value = strtoll(s, &end, 0);
	if (end == s || *end != '\0' || errno == ERANGE) {
		sh_error("printf: %s: %s", s, errno == ERANGE ? strerror(errno) : "invalid number");
		a->status = 1;
	}
	return value;
}

/*
 * Copy a conversion's flags, width and precision from *p into spec (after its '%'), taking
 * the arguments that * stands for.  *p is left at the conversion character.
 */
static void read_spec(struct printf_args *a, const char **p, char *spec, size_t size)
{
	size_t n = 1;

	spec[0] = '%';
	while (**p && strchr("-+ #0", **p) && n < size - 24)
		spec[n++] = *(*p)++;
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (**p != '.')
				break;
			spec[n++] = *(*p)++;
		}
		if (**p == '*') {
			(*p)++;
			n += snprintf(spec + n, size - n, "%d", (int)int_arg(a));
		}
		while (**p >= '0' && **p <= '9' && n < size - 4)
			spec[n++] = *(*p)++;
	}
	spec[n] = '\0';
}

/* End spec with a length modifier (may be "") and the conversion character c. */
static char *finish_spec(char *spec, const char *length, char c)
{
	size_t n = strlen(spec);

	strcpy(spec + n, length);
	n += strlen(length);
	spec[n] = c;
	spec[n + 1] = '\0';
	return spec;
}

/* %b: the argument with its escapes; NULs in it are written too, when nothing pads it. */
static void convert_b(struct printf_args *a, char *spec)
{
	const char *s = next_arg(a);
	size_t len;
	char *b = expand_b(a, s ? s : "", &len);

	if (strcmp(spec, "%") == 0)
		fwrite(b, 1, len, stdout);
	else
		printf(finish_spec(spec, "", 's'), b);
	free(b);
}

/* One conversion, at *p just past its '%'; a bad one stops the printf. */
static void convert(struct printf_args *a, const char **p)
{
	char spec[64], c;
	const char *s;

	read_spec(a, p, spec, sizeof(spec) - 4);
	c = **p;
	if (c == 's' || c == 'c') {
		s = next_arg(a);
		if (c == 's')
			printf(finish_spec(spec, "", 's'), s ? s : "");
		else
			printf(finish_spec(spec, "", 'c'), s ? s[0] : '\0');
	} else if (c == 'b') {
		convert_b(a, spec);
	} else if (c == 'd' || c == 'i') {
		printf(finish_spec(spec, "ll", 'd'), int_arg(a));
	} else if (c && strchr("uoxX", c)) {
		printf(finish_spec(spec, "ll", c), (unsigned long long)int_arg(a));
	} else if (c == '%' && strcmp(spec, "%") == 0) {
		putchar('%');
	} else {
		sh_error("printf: %s%c: invalid conversion", spec, c);
		a->status = 1;
		a->stop = 1;
		return;
	}
	(*p)++;
}

/* Print the format once, using arguments from a->next on. */
static void print_format(struct printf_args *a, const char *format)
{
	const char *p = format;

	while (*p && !a->stop) {
		if (*p == '%') {
			p++;
			convert(a, &p);
		} else if (*p == '\\') {
			p++;
			int c = escape(&p, 0);
			putchar(c < 0 ? '\\' : c);
		} else {
			putchar(*p++);
		}
	}
}

int builtin_printf(int argc, char **argv)
{
	struct printf_args a = {.argv = argv, .argc = argc, .next = 2};
	int used;

	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argv++;
		argc--;
		a.argv = argv;
		a.argc = argc;
	}
	if (argc < 2) {
		sh_error("printf: usage: printf FORMAT [ARGUMENT...]");
		return 2;
	}
	do {
		used = a.next;
		print_format(&a, argv[1]);
	} while (a.next < a.argc && a.next > used && !a.stop);
	return a.status;
}
