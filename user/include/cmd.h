/*
 * <cmd.h>: what the commands in user/bin (ls, cat, mkdir ...) share, so that each says the
 * same things the same way (user/lib/cmd.c).
 *
 * A command calls cmd_init() first with its name and its usage line.  Then:
 *   - bad arguments: cmd_usage() prints "usage: mkdir [-p] DIR..." on stderr and exits with
 *     CMD_EXIT_USAGE (2);
 *   - a failed call: cmd_error(path) prints "mkdir: path: strerror(errno)" and returns
 *     CMD_EXIT_FAILURE (1), for the command to exit with once it has done what it can.
 * cmd_getopt() is getopt() (newlib's, with "+" in front of the options for POSIX order), with
 * a bad or incomplete option turned into "mkdir: unknown option -x" and the usage line.
 */
#ifndef _CORRAL_CMD_H
#define _CORRAL_CMD_H

#include <intprintf.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define CMD_EXIT_FAILURE 1 /* something failed: a file is missing, a call returned an error */
#define CMD_EXIT_USAGE	 2 /* the arguments make no sense */

/* The command's name, for messages; set by cmd_init(). */
extern const char *cmd_name;

void cmd_init(const char *name, const char *usage);
_Noreturn void cmd_usage(void);
int cmd_error(const char *what);
void cmd_message(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
int cmd_getopt(int argc, char *const argv[], const char *options);

/*
 * Call action(path) for each operand, argv[optind] on; none is a usage error.  Returns 0, or
 * CMD_EXIT_FAILURE if an action failed (each reports its own errors).
 */
int cmd_each_operand(int argc, char *const argv[], int (*action)(const char *path));

/* fopen(path, "r"), except that "-" is standard input; cmd_fclose() leaves that one open. */
FILE *cmd_fopen(const char *path);
void cmd_fclose(FILE *file);

/*
 * "head -3", "tail -3": a first argument of a '-' and digits alone stands for "-n" and the
 * digits (POSIX's older form, which everyone types).  Rewrites argv[1] so; call it before
 * cmd_getopt().
 */
void cmd_digit_option(int argc, char *argv[]);

/* A whole decimal number in [min, max] from text, or -1 (errno EINVAL or ERANGE) if it is not. */
int cmd_number(const char *text, long min, long max, long *value);

/* Copy everything from descriptor in to descriptor out: 0, or -1 with errno set. */
int cmd_copy_fd(int in, int out);

/*
 * Copy the contents of the file source to the file target, made with source's permission
 * bits if it is new.  A directory is refused (EISDIR).  Returns 0, or CMD_EXIT_FAILURE after
 * reporting what failed.
 */
int cmd_copy_file(const char *source, const char *target);

/* Is path a directory (following a symbolic link)? */
int cmd_is_dir(const char *path);

/*
 * The operands of cp and mv, from argv[optind] on: "SOURCE TARGET" calls
 * action(SOURCE, TARGET), unless TARGET is a directory; "SOURCE... DIR" calls
 * action(SOURCE, DIR/name-of-SOURCE) for each SOURCE.  Fewer than two operands is a usage
 * error.  Returns 0, or CMD_EXIT_FAILURE if an action failed (each reports its own errors).
 */
int cmd_source_target(int argc, char *const argv[],
		      int (*action)(const char *source, const char *target));

/*
 * Call action(DIR/NAME) for each entry of the directory dir but "." and "..": 0, or
 * CMD_EXIT_FAILURE if dir could not be read or an action failed (each reports its own).
 */
int cmd_each_entry(const char *dir, int (*action)(const char *path));

/* A file's last path component, without trailing slashes ("a/b/" is "b"), in a static buffer. */
const char *cmd_basename(const char *path);

/*
 * A mode as chmod and umask take it (user/lib/cmd_mode.c): octal ("755"), or symbolic
 * ("u+x,go-w", "a=r", "g=u", "+X") applied to mode, the file's present one; umask_bits are
 * left alone by a clause that names no class, and is_dir makes X mean x.  0 with *out set, or
 * -1 with errno EINVAL.
 */
int cmd_parse_mode(const char *text, mode_t mode, mode_t umask_bits, int is_dir, mode_t *out);

/* ---- files, users and dates, for ls, stat, ps, date and touch (user/lib/cmd_info.c) ---- */

/* "drwxr-xr-x" for a mode, with s or S for the set-id bits and t or T for the sticky bit. */
void cmd_mode_string(mode_t mode, char out[11]);

/* A user's or a group's name from /etc/passwd or /etc/group; its number if it has none. */
const char *cmd_user_name(uid_t uid);
const char *cmd_group_name(gid_t gid);

/* Make local time UTC, by name, when TZ does not name another zone (newlib would say GMT). */
void cmd_use_utc_unless_tz(void);

/*
 * A date as date -d and touch -d take it, into *when: "@SECONDS" since the epoch,
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.FRACTION]]" (or a T instead of the space), in local
 * time, or "now".  0, or -1 with errno EINVAL for anything else, or a day that does not exist.
 */
int cmd_parse_date(const char *text, struct timespec *when);

#endif /* _CORRAL_CMD_H */
