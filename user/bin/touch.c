/*
 * touch: make files exist, and set their access and modification times.
 *
 *   touch [-acm] [-d DATE | -r FILE | -t STAMP] FILE...
 *
 * A FILE that does not exist is created, empty (mode 0666 less the umask), unless -c is given.
 * Then both its times are set (utimensat(2)): to now, or to DATE (as date -d takes it:
 * "YYYY-MM-DD HH:MM[:SS]", "@SECONDS"...), to STAMP ([[CC]YY]MMDDhhmm[.ss], POSIX's form), or
 * to FILE's own access and modification times.  -a sets only the access time, -m only the
 * modification time.  Times are local time, UTC unless TZ says otherwise.
 */
#include <cmd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static int no_create;
static struct timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};

/* Two digits of text at *at, moving past them: their value, or -1. */
static int two_digits(const char **at)
{
	const char *s = *at;

	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*at += 2;
	return (s[0] - '0') * 10 + s[1] - '0';
}

/* The year a STAMP's first digits give: CCYY, or YY (69..99 are 19YY, else 20YY), or now's. */
static int stamp_year(const char **at, size_t digits, const struct tm *now)
{
	int century, year;

	if (digits == 8)
		return now->tm_year + 1900;
	if (digits == 12) {
		century = two_digits(at);
		year = two_digits(at);
		return century < 0 || year < 0 ? -1 : century * 100 + year;
	}
	year = two_digits(at);
	return year < 0 ? -1 : year + (year >= 69 ? 1900 : 2000);
}

/* POSIX's -t STAMP, [[CC]YY]MMDDhhmm[.ss]: 0, or -1 if it is not one or no real time. */
static int parse_stamp(const char *stamp, struct timespec *when)
{
	time_t seconds = time(NULL);
	const char *at = stamp, *dot = strchr(stamp, '.');
	size_t digits = dot ? (size_t)(dot - stamp) : strlen(stamp);
	struct tm now, tm = {0};
	char date[64];

	localtime_r(&seconds, &now);
	if (digits != 8 && digits != 10 && digits != 12)
		return -1;
	tm.tm_year = stamp_year(&at, digits, &now);
	tm.tm_mon = two_digits(&at);
	tm.tm_mday = two_digits(&at);
	tm.tm_hour = two_digits(&at);
	tm.tm_min = two_digits(&at);
	if (dot) {
		at++;
		tm.tm_sec = two_digits(&at);
	}
	if (*at || tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mday < 0 || tm.tm_hour < 0 ||
	    tm.tm_min < 0 || tm.tm_sec < 0)
		return -1;
	snprintf(date, sizeof(date), "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year, tm.tm_mon,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return cmd_parse_date(date, when);
}

static int touch(const char *path)
{
	int fd;

	if (utimensat(AT_FDCWD, path, times, 0) == 0)
		return 0;
	if (errno != ENOENT)
		return cmd_error(path);
	if (no_create)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT, 0666);
	if (fd < 0)
		return cmd_error(path);
	if (futimens(fd, times) < 0) {
		close(fd);
		return cmd_error(path);
	}
	close(fd);
	return 0;
}

/* Both times from -d, -t or -r, before -a and -m leave one of them out. */
static void set_times(int option, const char *arg)
{
	struct timespec when;
	struct stat st;

	if (option == 'r') {
		if (stat(arg, &st) < 0)
			exit(cmd_error(arg));
		times[0] = st.st_atim;
		times[1] = st.st_mtim;
		return;
	}
	if ((option == 'd' ? cmd_parse_date(arg, &when) : parse_stamp(arg, &when)) < 0) {
		cmd_message("invalid date '%s'", arg);
		exit(CMD_EXIT_FAILURE);
	}
	times[0] = times[1] = when;
}

int main(int argc, char **argv)
{
	int c, only_atime = 0, only_mtime = 0, sources = 0;

	cmd_init("touch", "touch [-acm] [-d DATE | -r FILE | -t STAMP] FILE...");
	cmd_use_utc_unless_tz();
	while ((c = cmd_getopt(argc, argv, "acmd:r:t:")) != -1) {
		if (c == 'a')
			only_atime = 1;
		else if (c == 'm')
			only_mtime = 1;
		else if (c == 'c')
			no_create = 1;
		else if (sources++ == 0)
			set_times(c, optarg);
		else
			cmd_usage();
	}
	if (only_atime && !only_mtime)
		times[1].tv_nsec = UTIME_OMIT;
	if (only_mtime && !only_atime)
		times[0].tv_nsec = UTIME_OMIT;
	return cmd_each_operand(argc, argv, touch);
}
