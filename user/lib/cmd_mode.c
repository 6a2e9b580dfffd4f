/*
 * File modes as chmod(1) and the shell's umask take them (<cmd.h>): an octal number, or
 * POSIX's symbolic form, clauses separated by commas:
 *
 *   [ugoa]*  then one or more of  [+-=][rwxXst]*  or  [+-=][ugo]
 *
 * "u+x" gives the owner execute, "go-w" takes write from group and others, "a=r" sets read
 * alone, "g=u" copies the owner's bits to the group, "+X" gives execute to a directory or to
 * a file that some class may execute already.  With no [ugoa] the clause is for all, but the
 * bits set in the umask are left as they are ("+w" gives write only where the umask allows).
 */
#include <cmd.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ALL_CLASSES (S_IRWXU | S_IRWXG | S_IRWXO | S_ISUID | S_ISGID | S_ISVTX)

/* The bits of the classes in who, from a u/g/o/a letter; 0 for another character. */
static mode_t class_bits(char c)
{
	switch (c) {
	case 'u':
		return S_IRWXU | S_ISUID;
	case 'g':
		return S_IRWXG | S_ISGID;
	case 'o':
		return S_IRWXO | S_ISVTX;
	case 'a':
		return ALL_CLASSES;
	default:
		return 0;
	}
}

/* The rwx bits of one class of mode, copied into every class (for "g=u"). */
static mode_t copied_class(mode_t mode, char c)
{
	mode_t rwx = c == 'u' ? (mode >> 6) & 7 : c == 'g' ? (mode >> 3) & 7 : mode & 7;

	return rwx << 6 | rwx << 3 | rwx;
}

/* The bits one permission letter stands for, in every class; 0 for an unknown letter. */
static mode_t perm_bits(char c, mode_t mode, int is_dir)
{
	switch (c) {
	case 'r':
		return S_IRUSR | S_IRGRP | S_IROTH;
	case 'w':
		return S_IWUSR | S_IWGRP | S_IWOTH;
	case 'x':
		return S_IXUSR | S_IXGRP | S_IXOTH;
	case 'X':
		return is_dir || (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) ? S_IXUSR | S_IXGRP | S_IXOTH
								     : 0;
	case 's':
		return S_ISUID | S_ISGID;
	case 't':
		return S_ISVTX;
	default:
		return 0;
	}
}

/* Apply one action ("+rw", "=u") at *text to *mode for the classes in who; advances *text. */
static int apply_action(const char **text, mode_t *mode, mode_t who, mode_t mask, int is_dir)
{
	char op = *(*text)++;
	mode_t bits = 0;

	if (**text == 'u' || **text == 'g' || **text == 'o') {
		bits = copied_class(*mode, *(*text)++);
	} else {
		for (; **text && **text != ',' && !strchr("+-=", **text); (*text)++) {
			mode_t b = perm_bits(**text, *mode, is_dir);

			if (!b && **text != 'X')
				return -1;
			bits |= b;
		}
	}
	bits &= who & ~mask;
	if (op == '+')
		*mode |= bits;
	else if (op == '-')
		*mode &= ~bits;
	else
		*mode = (*mode & ~(who & ~mask)) | bits;
	return 0;
}

/* One clause, up to a comma or the end. */
static int apply_clause(const char **text, mode_t *mode, mode_t umask_bits, int is_dir)
{
	mode_t who = 0, mask = 0;

	for (; class_bits(**text); (*text)++)
		who |= class_bits(**text);
	if (!who) {
		who = ALL_CLASSES;
		mask = umask_bits; /* POSIX: the bits of the umask stay as they are */
	}
	if (!**text || !strchr("+-=", **text))
		return -1;
	while (**text && strchr("+-=", **text)) {
		if (apply_action(text, mode, who, mask, is_dir) < 0)
			return -1;
	}
	return 0;
}

int cmd_parse_mode(const char *text, mode_t mode, mode_t umask_bits, int is_dir, mode_t *out)
{
	long octal;

	if (*text >= '0' && *text <= '7') {
		char *end;

		octal = strtol(text, &end, 8);
		if (*end || octal > 07777)
			goto bad;
		*out = (mode_t)octal;
		return 0;
	}
	for (;;) {
		if (apply_clause(&text, &mode, umask_bits, is_dir) < 0)
			goto bad;
		if (*text == '\0')
			break;
		text++; /* the comma */
	}
	*out = mode & 07777;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}
