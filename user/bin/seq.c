/*
 * seq: print a sequence of numbers.
 *
 *   seq [-w] [-s SEP] [FIRST [INCR]] LAST
 *
 * Prints the numbers from FIRST (1 by default) up to LAST, INCR apart (1 by default; it may
 * be negative, to count down), one a line, or separated by SEP with -s (the last still ends
 * with a newline).  Nothing is printed when LAST is already past FIRST.  The numbers may
 * have a fraction (seq 0 0.25 1): they are printed with as many decimals as the most precise
 * of the three has, computed exactly in fixed point.  -w pads them with zeros to one width.
 * A negative number is no option: seq 5 -1 1 counts down.
 */
#include <cmd.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define MAX_DECIMALS 9

struct number {
	long long value; /* scaled by 10^decimals */
	int decimals;
};

/* A decimal number ("-12", "0.25", ".5") into *n; 0, or -1 if text is not one. */
static int parse_number(const char *text, struct number *n)
{
	const char *p = text;
	int negative = *p == '-', digits = 0;

	p += *p == '-' || *p == '+';
	n->value = 0;
	n->decimals = -1;
	for (; (*p >= '0' && *p <= '9') || (*p == '.' && n->decimals < 0); p++) {
		if (*p == '.') {
			n->decimals = 0;
			continue;
		}
		if (n->value > (LLONG_MAX - 9) / 10 || n->decimals == MAX_DECIMALS)
			return -1;
		n->value = n->value * 10 + (*p - '0');
		n->decimals += n->decimals >= 0;
		digits++;
	}
	if (n->decimals < 0)
		n->decimals = 0;
	if (negative)
		n->value = -n->value;
	return *p == '\0' && digits > 0 ? 0 : -1;
}

/* n with decimals decimals; -1 if it no longer fits. */
static int rescale(struct number *n, int decimals)
{
	for (; n->decimals < decimals; n->decimals++) {
		if (n->value > LLONG_MAX / 10 || n->value < LLONG_MIN / 10)
			return -1;
		n->value *= 10;
	}
	return 0;
}

/* value (with decimals) as text, zero-padded after its sign to width characters. */
static void format(char *out, size_t size, long long value, int decimals, int width)
{
	unsigned long long magnitude = value < 0 ? -(unsigned long long)value : (unsigned long long)value;
	unsigned long long scale = 1;
	char digits[64], *o = out;
	int len, pad;

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	if (decimals)
		len = snprintf(digits, sizeof(digits), "%llu.%0*llu", magnitude / scale, decimals,
			       magnitude % scale);
	else
		len = snprintf(digits, sizeof(digits), "%llu", magnitude);
	if (value < 0)
		*o++ = '-';
	for (pad = width - (value < 0) - len; pad > 0 && o + len + 1 < out + size; pad--)
		*o++ = '0';
	strcpy(o, digits);
}

/* The options, before the first number (a negative number is none); returns its index. */
static int options(int argc, char **argv, int *equal_width, const char **separator)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && (argv[i][1] < '0' || argv[i][1] > '9') &&
	       argv[i][1] != '.';
	     i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		if (strcmp(argv[i], "-w") == 0)
			*equal_width = 1;
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			*separator = argv[++i];
		else if (strncmp(argv[i], "-s", 2) == 0 && argv[i][2] != '\0')
			*separator = argv[i] + 2;
		else
			cmd_usage();
	}
	return i;
}

/* FIRST [INCR] LAST into n[0..2], all with as many decimals as the most precise. */
static int parse_operands(int count, char **args, struct number n[3])
{
	static const int place[3][3] = {{2}, {0, 2}, {0, 1, 2}};
	int decimals = 0;

	for (int k = 0; k < count; k++) {
		if (parse_number(args[k], &n[place[count - 1][k]]) < 0) {
			cmd_message("%s: not a number", args[k]);
			cmd_usage();
		}
	}
	for (int k = 0; k < 3; k++)
		decimals = n[k].decimals > decimals ? n[k].decimals : decimals;
	for (int k = 0; k < 3; k++) {
		if (rescale(&n[k], decimals) < 0) {
			cmd_message("the numbers are too large");
			cmd_usage();
		}
	}
	if (n[1].value == 0) {
		cmd_message("the increment must not be 0");
		cmd_usage();
	}
	return decimals;
}

int main(int argc, char **argv)
{
	struct number n[3] = {{1, 0}, {1, 0}, {0, 0}}; /* first, increment, last */
	const char *separator = "\n";
	int first, equal_width = 0, decimals, width = 0, printed = 0;
	long long step;
	char text[96];

	cmd_init("seq", "seq [-w] [-s SEP] [FIRST [INCR]] LAST");
	first = options(argc, argv, &equal_width, &separator);
	if (argc - first < 1 || argc - first > 3)
		cmd_usage();
	decimals = parse_operands(argc - first, argv + first, n);
	for (int k = 0; equal_width && k < 3; k += 2) {
		format(text, sizeof(text), n[k].value, decimals, 0);
		width = (int)strlen(text) > width ? (int)strlen(text) : width;
	}
	step = n[1].value;
	for (long long x = n[0].value; step > 0 ? x <= n[2].value : x >= n[2].value; x += step) {
		format(text, sizeof(text), x, decimals, width);
		printf("%s%s", printed++ ? separator : "", text);
		if (step > 0 ? x > LLONG_MAX - step : x < LLONG_MIN - step)
			break;
	}
	if (printed)
		putchar('\n');
	return 0;
}
