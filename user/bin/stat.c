/*
 * stat: show what stat(2) says of files.
 *
 *   stat [-L] [-c FORMAT] FILE...
 *
 * Without -c, prints each FILE as Linux's stat does: name, size, blocks, I/O block and type;
 * device, inode and links (and the device a device file stands for); permissions, owner and
 * group (names from /etc/passwd and /etc/group); and the access, modification and change times
 * to the nanosecond, in local time (UTC unless TZ says otherwise).  Corral keeps no birth time,
 * so "Birth" is "-".  With -c, prints FORMAT for each FILE, with these conversions:
 *
 *   %n name   %s size   %b blocks   %B bytes per block (512)   %o I/O block   %F type
 *   %a permission bits (octal)   %A the same as ls shows them   %f raw mode (hex)
 *   %u %U owner's id and name   %g %G group's id and name   %h links   %i inode
 *   %d device (decimal)   %t %T major and minor (hex) of a device file
 *   %x %y %z access, modification, change time   %X %Y %Z the same in seconds since 1970
 *   %w %W birth time ("-", 0)   %% a percent sign
 *
 * -L (follow symbolic links) is accepted: Corral has none.
 */
#include <cmd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* A device number's parts, as Linux encodes them (its major() and minor()). */
#define DEV_MAJOR(dev) ((unsigned)((((dev) >> 8) & 0xfff) | (((dev) >> 32) & ~0xfffULL)))
#define DEV_MINOR(dev) ((unsigned)(((dev)&0xff) | (((dev) >> 12) & ~0xffULL)))

#define DEFAULT_FORMAT                                                                             \
	"  File: %n\n"                                                                             \
	"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"                                         \
	"Device: %Hd,%Ld\tInode: %-11i Links: %h\n"                                                \
	"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"                                \
	"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"
#define DEVICE_FORMAT                                                                              \
	"  File: %n\n"                                                                             \
	"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"                                         \
	"Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n"                         \
	"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"                                \
	"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"

static const char *format; /* -c's FORMAT, or NULL */

/* The type of a file, in stat's words. */
static const char *file_type(const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return st->st_size == 0 ? "regular empty file" : "regular file";
	if (S_ISDIR(st->st_mode))
		return "directory";
	if (S_ISCHR(st->st_mode))
		return "character special file";
	if (S_ISBLK(st->st_mode))
		return "block special file";
	if (S_ISFIFO(st->st_mode))
		return "fifo";
	if (S_ISLNK(st->st_mode))
		return "symbolic link";
	return S_ISSOCK(st->st_mode) ? "socket" : "weird file";
}

/* "2024-02-29 13:45:30.123456789 +0000": a time as stat shows it. */
static void time_string(struct timespec t, char *out, size_t size)
{
	char date[32], zone[8];
	struct tm tm;

	localtime_r(&t.tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	snprintf(out, size, "%s.%09ld %s", date, t.tv_nsec, zone);
}

/* The text conversion c stands for (%n %F %A %U %G %x %y %z %w), into buf; NULL if none. */
static const char *text_value(char c, const char *name, const struct stat *st, char *buf,
			      size_t size)
{
	switch (c) {
	case 'n':
		return name;
	case 'F':
		return file_type(st);
	case 'A':
		cmd_mode_string(st->st_mode, buf);
		return buf;
	case 'U':
		return cmd_user_name(st->st_uid);
	case 'G':
		return cmd_group_name(st->st_gid);
	case 'x':
		time_string(st->st_atim, buf, size);
		return buf;
	case 'y':
		time_string(st->st_mtim, buf, size);
		return buf;
	case 'z':
		time_string(st->st_ctim, buf, size);
		return buf;
	case 'w':
		return "-";
	default:
		return NULL;
	}
}

/* A device number, or with modifier H or L its major or minor part. */
static unsigned long long device_part(unsigned long long dev, char modifier)
{
	return modifier == 'H' ? DEV_MAJOR(dev) : modifier == 'L' ? DEV_MINOR(dev) : dev;
}

/*
 * The number conversion c stands for into *value, and the printf conversion to print it with
 * ("u", "o", "x" or "d"); NULL if c is none.
 */
static const char *number_value(char c, char modifier, const struct stat *st,
				unsigned long long *value)
{
	switch (c) {
	case 's': *value = (unsigned long long)st->st_size; return "u";
	case 'b': *value = (unsigned long long)st->st_blocks; return "u";
	case 'B': *value = 512; return "u";
	case 'o': *value = (unsigned long long)st->st_blksize; return "u";
	case 'a': *value = st->st_mode & 07777; return "o";
	case 'f': *value = st->st_mode; return "x";
	case 'u': *value = st->st_uid; return "u";
	case 'g': *value = st->st_gid; return "u";
	case 'h': *value = st->st_nlink; return "u";
	case 'i': *value = st->st_ino; return "u";
	case 'd': *value = device_part(st->st_dev, modifier); return "u";
	case 'r': *value = device_part(st->st_rdev, modifier ? modifier : 'H'); return "u";
	case 't': *value = DEV_MAJOR(st->st_rdev); return "x";
	case 'T': *value = DEV_MINOR(st->st_rdev); return "x";
	case 'X': *value = (unsigned long long)st->st_atim.tv_sec; return "d";
	case 'Y': *value = (unsigned long long)st->st_mtim.tv_sec; return "d";
	case 'Z': *value = (unsigned long long)st->st_ctim.tv_sec; return "d";
	case 'W': *value = 0; return "d";
	default: return NULL;
	}
}

/*
 * Print conversion c for the file, with spec its "%", flags and width ("%-10"); an unknown
 * one prints "?", as Linux's stat does.
 */
static void put_conversion(const char *spec, char modifier, char c, const char *name,
			   const struct stat *st)
{
	char conversion[32], buf[64];
	unsigned long long number;
	const char *text = text_value(c, name, st, buf, sizeof(buf)), *type;

	if (text) {
		snprintf(conversion, sizeof(conversion), "%ss", spec);
		printf(conversion, text);
	} else if ((type = number_value(c, modifier, st, &number)) != NULL) {
		snprintf(conversion, sizeof(conversion), "%sll%s", spec, type);
		printf(conversion, number);
	} else {
		putchar('?');
	}
}

/* Print format for the file name with status st. */
static void print_format(const char *format, const char *name, const struct stat *st)
{
	for (const char *p = format; *p; p++) {
		char spec[16], modifier = 0;
		size_t len;

		if (*p != '%' || p[1] == '%') {
			putchar(*p);
			p += *p == '%';
			continue;
		}
		len = 1 + strspn(p + 1, "-0123456789.#+ ");
		if (len >= sizeof(spec))
			len = sizeof(spec) - 1;
		memcpy(spec, p, len);
		spec[len] = '\0';
		p += len;
		if (*p == 'H' || *p == 'L')
			modifier = *p++;
		if (!*p)
			break;
		put_conversion(spec, modifier, *p, name, st);
	}
}

static int show(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return cmd_error(path);
	if (format) {
		print_format(format, path, &st);
		putchar('\n');
	} else {
		print_format(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? DEVICE_FORMAT
									: DEFAULT_FORMAT,
			     path, &st);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c;

	cmd_init("stat", "stat [-L] [-c FORMAT] FILE...");
	while ((c = cmd_getopt(argc, argv, "Lc:")) != -1)
		if (c == 'c')
			format = optarg;
	cmd_use_utc_unless_tz();
	return cmd_each_operand(argc, argv, show);
}
