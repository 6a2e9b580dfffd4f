/*
 * What the commands that show files and processes share (<cmd.h>): a mode as ls shows it, the
 * names of users and groups, and dates as date and touch take them.
 *
 * Names come from /etc/passwd and /etc/group (getpwuid(), getgrgid()); a number with no name
 * prints as the number, as on Linux.  A few names are remembered, since ls -l asks for the same
 * owner once a line.  Times are local: the time zone is TZ's, UTC when TZ is unset
 * (cmd_use_utc_unless_tz()), which is what Corral's clock keeps.
 */
#include <cmd.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define NAME_CACHE 8

void cmd_mode_string(mode_t mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	out[0] = S_ISDIR(mode)	  ? 'd'
		 : S_ISLNK(mode)  ? 'l'
		 : S_ISCHR(mode)  ? 'c'
		 : S_ISBLK(mode)  ? 'b'
		 : S_ISFIFO(mode) ? 'p'
		 : S_ISSOCK(mode) ? 's'
				  : '-';
	for (int i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		out[3] = out[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = out[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		out[9] = out[9] == 'x' ? 't' : 'T';
	out[10] = '\0';
}

/* Remembered names of ids, one table for users and one for groups. */
struct name_cache {
	unsigned int id[NAME_CACHE];
	char name[NAME_CACHE][32];
	int used, next;
};

static const char *cached_name(struct name_cache *cache, unsigned int id, int is_group)
{
	struct passwd *pw;
	struct group *gr;
	int i;

	for (i = 0; i < cache->used; i++)
		if (cache->id[i] == id)
			return cache->name[i];
	i = cache->next;
	cache->next = (cache->next + 1) % NAME_CACHE;
	if (cache->used < NAME_CACHE)
		cache->used++;
	cache->id[i] = id;
	if (!is_group && (pw = getpwuid(id)) != NULL)
		snprintf(cache->name[i], sizeof(cache->name[i]), "%s", pw->pw_name);
	else if (is_group && (gr = getgrgid(id)) != NULL)
		snprintf(cache->name[i], sizeof(cache->name[i]), "%s", gr->gr_name);
	else
		snprintf(cache->name[i], sizeof(cache->name[i]), "%u", id);
	return cache->name[i];
}

const char *cmd_user_name(uid_t uid)
{
	static struct name_cache users;

	return cached_name(&users, uid, 0);
}

const char *cmd_group_name(gid_t gid)
{
	static struct name_cache groups;

	return cached_name(&groups, gid, 1);
}

void cmd_use_utc_unless_tz(void)
{
	if (!getenv("TZ"))
		setenv("TZ", "UTC0", 1);
	tzset();
}

/* A number of 1 to max_digits decimal digits at *s, which moves past it; -1 if none is there. */
static long take_number(const char **s, int max_digits)
{
	long value = 0;
	int digits = 0;

	for (; digits < max_digits && **s >= '0' && **s <= '9'; digits++)
		value = value * 10 + *(*s)++ - '0';
	return digits ? value : -1;
}

/* Whether *s starts with c; if so *s moves past it. */
static int take_char(const char **s, char c)
{
	if (**s != c)
		return 0;
	(*s)++;
	return 1;
}

/* Nanoseconds from the digits after a decimal point ("5" is 500000000); -1 if none. */
static long take_fraction(const char **s)
{
	long ns = 0, scale = 100000000;
	int digits = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++, digits++, scale /= 10)
		ns += (**s - '0') * scale;
	return digits ? ns : -1;
}

/* "@SECONDS[.FRACTION]" since the epoch, perhaps negative ("-1.5" is 1.5 s before it). */
static int parse_epoch(const char *text, struct timespec *when)
{
	char *end;
	const char *rest;
	long long seconds;
	long ns = 0;

	errno = 0;
	seconds = strtoll(text, &end, 10);
	if (end == text || errno)
		return -1;
	rest = end;
	if (take_char(&rest, '.') && (ns = take_fraction(&rest)) < 0)
		return -1;
	if (*rest)
		return -1;
	if (text[0] == '-' && ns > 0) {
		seconds--;
		ns = 1000000000 - ns;
	}
	*when = (struct timespec){.tv_sec = (time_t)seconds, .tv_nsec = ns};
	return 0;
}

/* Whether tm, once mktime() has normalized it, still says the same date and time. */
static int same_date(const struct tm *asked, const struct tm *got)
{
	return asked->tm_year == got->tm_year && asked->tm_mon == got->tm_mon &&
	       asked->tm_mday == got->tm_mday && asked->tm_hour == got->tm_hour &&
	       asked->tm_min == got->tm_min && asked->tm_sec == got->tm_sec;
}

/* A broken-down local time to a time: -1 if it is no real date (February 30). */
static int local_time(struct tm *tm, long ns, struct timespec *when)
{
	struct tm asked = *tm;
	time_t seconds;

	tm->tm_isdst = -1;
	seconds = mktime(tm);
	if (!same_date(&asked, tm))
		return -1;
	*when = (struct timespec){.tv_sec = seconds, .tv_nsec = ns};
	return 0;
}

/* "HH:MM[:SS[.FRACTION]]" at *s into tm and *ns: 0, or -1 if it is not that. */
static int take_time_of_day(const char **s, struct tm *tm, long *ns)
{
	long hour = take_number(s, 2), minute = -1, second = 0;

	if (hour < 0 || !take_char(s, ':') || (minute = take_number(s, 2)) < 0)
		return -1;
	if (take_char(s, ':') && (second = take_number(s, 2)) < 0)
		return -1;
	if (take_char(s, '.') && (*ns = take_fraction(s)) < 0)
		return -1;
	tm->tm_hour = (int)hour;
	tm->tm_min = (int)minute;
	tm->tm_sec = (int)second;
	return 0;
}

/* "YYYY-MM-DD", then perhaps " HH:MM[:SS[.FRACTION]]" (or a T for the space), local time. */
static int parse_calendar(const char *s, struct timespec *when)
{
	long year = take_number(&s, 6), month = -1, day = -1, ns = 0;
	struct tm tm = {0};

	if (year < 0 || !take_char(&s, '-') || (month = take_number(&s, 2)) < 0 ||
	    !take_char(&s, '-') || (day = take_number(&s, 2)) < 0)
		return -1;
	if ((take_char(&s, ' ') || take_char(&s, 'T')) && take_time_of_day(&s, &tm, &ns) < 0)
		return -1;
	if (*s)
		return -1;
	tm.tm_year = (int)(year - 1900);
	tm.tm_mon = (int)(month - 1);
	tm.tm_mday = (int)day;
	return local_time(&tm, ns, when);
}

int cmd_parse_date(const char *text, struct timespec *when)
{
	int err;

	if (strcmp(text, "now") == 0)
		err = clock_gettime(CLOCK_REALTIME, when);
	else if (text[0] == '@')
		err = parse_epoch(text + 1, when);
	else
		err = parse_calendar(text, when);
	if (err)
		errno = EINVAL;
	return err ? -1 : 0;
}
