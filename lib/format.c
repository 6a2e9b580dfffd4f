/*
 * vsnprintf() and snprintf(): printf-style formatting into a buffer.
 *
 * The format is read left to right.  Ordinary characters are copied; each '%' starts a
 * conversion specification, which parse_spec() reads into a struct fmt_spec (flags, field
 * width, precision, length modifier, conversion character).  The conversion then chooses a
 * printer: print_integer() for d i u x X o p, print_field() for c and s.
 *
 * Every output character goes through emit(), which stores it only while it fits but always
 * counts it: the count is what vsnprintf() returns, the length the whole result needs.
 *
 * Where C leaves the choice to the library, this follows glibc: %p prints like %#lx and NULL
 * as "(nil)"; %s of NULL prints "(null)"; a conversion it does not know (including %n) is
 * copied to the output as it stands.  One extension, from Linux: %pS prints a code address
 * by name, when the kernel provides format_code_address().  There is no floating point: the kernel
 * is built to use general-purpose registers only.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>

/* The destination: the first size - 1 characters go into buf, len counts all of them. */
struct out_buf {
	char *buf;
	size_t size;
	size_t len;
};

enum fmt_flag {
	FLAG_LEFT = 1 << 0,  /* '-': pad on the right instead of the left */
	FLAG_PLUS = 1 << 1,  /* '+': put '+' before a non-negative signed number */
	FLAG_SPACE = 1 << 2, /* ' ': put ' ' before a non-negative signed number */
	FLAG_ALT = 1 << 3,   /* '#': "0x" before non-zero hex, a leading 0 for octal */
	FLAG_ZERO = 1 << 4,  /* '0': pad numbers with zeros instead of spaces */
};

enum fmt_length { LEN_INT, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

/* One conversion specification: %[flags][width][.precision][length]conversion */
struct fmt_spec {
	unsigned int flags;	/* enum fmt_flag bits */
	int width;		/* minimum field width; 0 when none is given */
	int precision;		/* -1 when none is given */
	enum fmt_length length; /* the type of the argument, for integers */
	char conv;		/* 'd', 's', ...; '\0' if the format ended first */
};

static void emit(struct out_buf *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void emit_repeated(struct out_buf *out, char c, int count)
{
	for (; count > 0; count--)
		emit(out, c);
}

static void emit_chars(struct out_buf *out, const char *s, size_t n)
{
	while (n--)
		emit(out, *s++);
}

static const char *parse_flags(const char *fmt, unsigned int *flags)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-':
			*flags |= FLAG_LEFT;
			break;
		case '+':
			*flags |= FLAG_PLUS;
			break;
		case ' ':
			*flags |= FLAG_SPACE;
			break;
		case '#':
			*flags |= FLAG_ALT;
			break;
		case '0':
			*flags |= FLAG_ZERO;
			break;
		default:
			return fmt;
		}
	}
}

/* Reads a decimal width or precision; a huge one stops at __INT_MAX__ rather than overflow. */
static const char *parse_decimal(const char *fmt, int *value)
{
	int n = 0;

	for (; isdigit(*fmt); fmt++) {
		int digit = *fmt - '0';

		n = n > (__INT_MAX__ - digit) / 10 ? __INT_MAX__ : n * 10 + digit;
	}
	*value = n;
	return fmt;
}

/* The field width: digits, or '*' to take it from the arguments (negative means '-'). */
static const char *parse_width(const char *fmt, struct fmt_spec *spec, va_list *ap)
{
	int width;

	if (*fmt != '*')
		return parse_decimal(fmt, &spec->width);
	width = va_arg(*ap, int);
	if (width < 0) {
		spec->flags |= FLAG_LEFT;
		/* INT_MIN has no positive counterpart: take INT_MAX, which is as good. */
		width = width < -__INT_MAX__ ? __INT_MAX__ : -width;
	}
	spec->width = width;
	return fmt + 1;
}

/* The precision: '.' then digits (none means 0), or ".*" (a negative one means none). */
static const char *parse_precision(const char *fmt, struct fmt_spec *spec, va_list *ap)
{
	if (*fmt != '.')
		return fmt;
	fmt++;
	if (*fmt != '*')
		return parse_decimal(fmt, &spec->precision);
	spec->precision = va_arg(*ap, int);
	if (spec->precision < 0)
		spec->precision = -1;
	return fmt + 1;
}

static const char *parse_length(const char *fmt, enum fmt_length *length)
{
	switch (*fmt) {
	case 'h':
		*length = fmt[1] == 'h' ? LEN_HH : LEN_H;
		return *length == LEN_HH ? fmt + 2 : fmt + 1;
	case 'l':
		*length = fmt[1] == 'l' ? LEN_LL : LEN_L;
		return *length == LEN_LL ? fmt + 2 : fmt + 1;
	case 'z':
		*length = LEN_Z;
		return fmt + 1;
	case 't':
		*length = LEN_T;
		return fmt + 1;
	case 'j':
		*length = LEN_J;
		return fmt + 1;
	default:
		*length = LEN_INT;
		return fmt;
	}
}

/* Reads the specification after a '%' into spec; returns where the format goes on. */
static const char *parse_spec(const char *fmt, struct fmt_spec *spec, va_list *ap)
{
	spec->flags = 0;
	spec->width = 0;
	spec->precision = -1;
	fmt = parse_flags(fmt, &spec->flags);
	fmt = parse_width(fmt, spec, ap);
	fmt = parse_precision(fmt, spec, ap);
	fmt = parse_length(fmt, &spec->length);
	spec->conv = *fmt;
	return *fmt ? fmt + 1 : fmt;
}

/*
 * The argument of a signed conversion, converted to the type its length modifier names.
 * The signed type of size_t's width (for %zd) is ptrdiff_t on every target Corral has.
 */
static intmax_t fetch_signed(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

/* The same for an unsigned conversion; size_t is the unsigned type of ptrdiff_t's width. */
static uintmax_t fetch_unsigned(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* The sign character of a signed number ('\0' for none), following the '+' and ' ' flags. */
static char sign_of(const struct fmt_spec *spec, bool negative)
{
	if (negative)
		return '-';
	if (spec->flags & FLAG_PLUS)
		return '+';
	if (spec->flags & FLAG_SPACE)
		return ' ';
	return '\0';
}

static unsigned int base_of(char conv)
{
	if (conv == 'o')
		return 8;
	if (conv == 'x' || conv == 'X' || conv == 'p')
		return 16;
	return 10;
}

/* Writes value's digits so that they end just before end; returns where they start. */
static char *format_digits(char *end, uintmax_t value, char conv)
{
	const char *digit_chars = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int base = base_of(conv);

	do {
		*--end = digit_chars[value % base];
		value /= base;
	} while (value != 0);
	return end;
}

static const char *prefix_of(const struct fmt_spec *spec, uintmax_t value)
{
	if (spec->conv == 'p')
		return "0x";
	if (!(spec->flags & FLAG_ALT) || value == 0)
		return "";
	if (spec->conv == 'x')
		return "0x";
	return spec->conv == 'X' ? "0X" : "";
}

/* The '0' flag counts only without the '-' flag and without a precision. */
static bool pads_with_zeros(const struct fmt_spec *spec)
{
	return (spec->flags & FLAG_ZERO) && !(spec->flags & FLAG_LEFT) && spec->precision < 0;
}

/*
 * Prints an integer as [spaces][sign][prefix][zeros][digits][spaces].  The precision is the
 * minimum number of digits, made up with zeros (precision 0 prints the value 0 as no digits
 * at all); without a precision the '0' flag fills the field width with zeros instead of spaces.
 */
static void print_integer(struct out_buf *out, const struct fmt_spec *spec, uintmax_t value,
			  char sign)
{
	char buf[24]; /* the 22 octal digits of 2^64 - 1, with room to spare */
	char *digits = format_digits(buf + sizeof(buf), value, spec->conv);
	int ndigits = spec->precision == 0 && value == 0 ? 0 : buf + sizeof(buf) - digits;
	const char *prefix = prefix_of(spec, value);
	int zeros = spec->precision > ndigits ? spec->precision - ndigits : 0;
	int pad;

	/* '#' with 'o' makes the first digit a 0, adding one only if there is none. */
	if (spec->conv == 'o' && (spec->flags & FLAG_ALT) && zeros == 0 && (value || !ndigits))
		zeros = 1;
	pad = spec->width - (sign != '\0') - (int)strlen(prefix) - zeros - ndigits;
	if (pads_with_zeros(spec) && pad > 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(spec->flags & FLAG_LEFT))
		emit_repeated(out, ' ', pad);
	if (sign != '\0')
		emit(out, sign);
	emit_chars(out, prefix, strlen(prefix));
	emit_repeated(out, '0', zeros);
	emit_chars(out, digits, ndigits);
	if (spec->flags & FLAG_LEFT)
		emit_repeated(out, ' ', pad);
}

/* Prints len characters of s padded with spaces to the field width (never with zeros). */
static void print_field(struct out_buf *out, const struct fmt_spec *spec, const char *s, size_t len)
{
	int pad = spec->width > (int)len ? spec->width - (int)len : 0;

	if (!(spec->flags & FLAG_LEFT))
		emit_repeated(out, ' ', pad);
	emit_chars(out, s, len);
	if (spec->flags & FLAG_LEFT)
		emit_repeated(out, ' ', pad);
}

/* %s: the precision is the most characters to print from the string. */
static void print_string(struct out_buf *out, const struct fmt_spec *spec, const char *s)
{
	size_t len;

	/* Like glibc: NULL prints "(null)", or nothing if the precision cannot fit all of it. */
	if (s == NULL)
		s = spec->precision < 0 || spec->precision >= 6 ? "(null)" : "";
	len = spec->precision < 0 ? strlen(s) : strnlen(s, spec->precision);
	print_field(out, spec, s, len);
}

/* %p: like %#lx, sign flags included, as glibc does; NULL is "(nil)", whatever the precision. */
static void print_pointer(struct out_buf *out, const struct fmt_spec *spec, const void *ptr)
{
	if (ptr == NULL)
		print_field(out, spec, "(nil)", 5);
	else
		print_integer(out, spec, (uintptr_t)ptr, sign_of(spec, false));
}

/* %pS: a code address as "function+0x12/0x40", by the kernel's symbol table. */
static void print_code_address(struct out_buf *out, const struct fmt_spec *spec, const void *ptr)
{
	char name[128];
	int len = format_code_address(name, sizeof(name), (uintptr_t)ptr);

	if (len > (int)sizeof(name) - 1)
		len = sizeof(name) - 1;
	print_field(out, spec, name, len);
}

/* Prints one conversion; percent points at its '%'.  Returns where the format goes on. */
static const char *convert(struct out_buf *out, const char *percent, va_list *ap)
{
	struct fmt_spec spec;
	const char *next = parse_spec(percent + 1, &spec, ap);
	intmax_t value;
	char c;

	switch (spec.conv) {
	case 'd':
	case 'i':
		value = fetch_signed(spec.length, ap);
		/* Negated as unsigned: -INT_MIN would overflow an int. */
		print_integer(out, &spec, value < 0 ? -(uintmax_t)value : (uintmax_t)value,
			      sign_of(&spec, value < 0));
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		print_integer(out, &spec, fetch_unsigned(spec.length, ap), '\0');
		break;
	case 'p':
		if (*next == 'S' && format_code_address != NULL) {
			print_code_address(out, &spec, va_arg(*ap, const void *));
			next++;
		} else {
			print_pointer(out, &spec, va_arg(*ap, const void *));
		}
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		print_field(out, &spec, &c, 1);
		break;
	case 's':
		print_string(out, &spec, va_arg(*ap, const char *));
		break;
	case '%':
		emit(out, '%');
		break;
	default:
		/* A conversion this does not know, or the end of the format: copy it unchanged. */
		emit_chars(out, percent, next - percent);
		break;
	}
	return next;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out_buf out = { .buf = buf, .size = size, .len = 0 };
	va_list args;

	/* The parsers take the argument list by pointer, so that each sees the others' va_arg. */
	va_copy(args, ap);
	while (*fmt != '\0') {
		if (*fmt == '%')
			fmt = convert(&out, fmt, &args);
		else
			emit(&out, *fmt++);
	}
	va_end(args);

	if (size > 0)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return out.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}
