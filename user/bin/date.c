/*
 * date: print the date and time.
 *
 *   date [-u] [-d DATE | -r FILE] [+FORMAT]
 *
 * Prints the wall clock's time as GNU date does by default ("Thu Feb 29 13:45:30 UTC 2024"),
 * or in FORMAT: strftime()'s conversions (%Y %m %d %H %M %S %j %a %A %b %B %e %F %T %D %R %Z %z
 * %s %u %w %n %t %% ...), and %N for the nanoseconds.  -d shows DATE instead of now ("@SECONDS",
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]"), -r the modification time of FILE.  The time is local
 * time, which is UTC unless TZ says otherwise (Corral keeps no time zone); -u makes it UTC.
 * Setting the clock is not possible: Corral has no call for it.
 */
#include <cmd.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_FORMAT "%a %b %e %H:%M:%S %Z %Y"

/* format with each %N replaced by the nine digits of ns (strftime() has no %N). */
static void expand_nanoseconds(const char *format, long ns, char *out, size_t size)
{
	size_t used = 0;

	for (; *format && used + 10 < size; format++) {
		if (format[0] == '%' && format[1] == '%') {
			out[used++] = *format++;
			out[used++] = *format;
		} else if (format[0] == '%' && format[1] == 'N') {
			used += snprintf(out + used, size - used, "%09ld", ns);
			format++;
		} else {
			out[used++] = *format;
		}
	}
	out[used] = '\0';
}

static int print_date(struct timespec when, const char *format)
{
	char expanded[512], line[1024];
	struct tm tm;

	expand_nanoseconds(format, when.tv_nsec, expanded, sizeof(expanded));
	if (!localtime_r(&when.tv_sec, &tm)) {
		cmd_message("time %lld is out of range", (long long)when.tv_sec);
		return CMD_EXIT_FAILURE;
	}
	if (strftime(line, sizeof(line), expanded, &tm) == 0 && expanded[0] != '\0')
		line[0] = '\0';
	puts(line);
	return 0;
}

int main(int argc, char **argv)
{
	const char *date = NULL, *reference = NULL, *format = DEFAULT_FORMAT;
	struct timespec when;
	struct stat st;
	int c;

	cmd_init("date", "date [-u] [-d DATE | -r FILE] [+FORMAT]");
	while ((c = cmd_getopt(argc, argv, "ud:r:")) != -1) {
		if (c == 'u')
			setenv("TZ", "UTC0", 1);
		else if (c == 'd')
			date = optarg;
		else
			reference = optarg;
	}
	if ((date && reference) || argc - optind > 1 || (optind < argc && argv[optind][0] != '+'))
		cmd_usage();
	if (optind < argc)
		format = argv[optind] + 1;
	cmd_use_utc_unless_tz();
	if (reference) {
		if (stat(reference, &st) < 0)
			return cmd_error(reference);
		when = st.st_mtim;
	} else if (date) {
		if (cmd_parse_date(date, &when) < 0) {
			cmd_message("invalid date '%s'", date);
			return CMD_EXIT_FAILURE;
		}
	} else {
		clock_gettime(CLOCK_REALTIME, &when);
	}
	return print_date(when, format);
}
