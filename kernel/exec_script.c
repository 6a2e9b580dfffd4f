/*
 * #! scripts: the line execve() reads at the head of a file that is not ELF.
 *
 * A file that starts with "#!" names the program that runs it, as Linux's binfmt_script
 * does: "#!INTERPRETER [ARG]".  kernel/exec.c reads the file's first SCRIPT_BUF_SIZE bytes
 * (Linux's BINPRM_BUF_SIZE, 256), zero-filled past the end of a short file, and asks
 * script_parse() for the line's parts; then INTERPRETER runs with
 *
 *	argv = { INTERPRETER, [ARG,] the script's path as execve() got it, argv[1], ... }
 *
 * The line ends at the first newline.  Spaces and tabs after "#!" and at the end of the line
 * are skipped; INTERPRETER runs to the next space, tab or NUL; ARG is all the rest of the
 * line, inner blanks included, as one argument.  Without a newline in the buffer the line is
 * the whole buffer but its last byte, as long as INTERPRETER ends inside it: a name cut short
 * would run the wrong program, while a cut ARG does no harm, since the interpreter reads the
 * script again.
 */
#include <stdbool.h>
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <lib/string.h>

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first character in [first, last] (both included) that is no space or tab, or NULL. */
static char *next_non_spacetab(char *first, char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

/* The first space, tab or NUL in [first, last] (both included), or NULL. */
static char *next_terminator(char *first, char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

/* Where the #! line ends (its newline, or the buffer's last byte), or NULL if it is cut short. */
static char *line_end(char *buf)
{
	char *buf_end = buf + SCRIPT_BUF_SIZE - 1, *end;

	for (end = buf; end <= buf_end; end++)
		if (*end == '\n')
			return end;
	end = next_non_spacetab(buf + 2, buf_end);
	if (!end || !next_terminator(end, buf_end))
		return NULL; /* nothing but blanks, or no end to the interpreter's name */
	return buf_end;
}

int script_parse(char *buf, const char **interpreter, const char **arg)
{
	char *end, *name, *sep;

	if (buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	end = line_end(buf);
	if (!end)
		return -ENOEXEC;
	while (spacetab(end[-1]))
		end--;
	name = next_non_spacetab(buf + 2, end);
	if (!name || name == end)
		return -ENOEXEC; /* no interpreter named */
	sep = next_terminator(name, end);
	*arg = sep && *sep ? next_non_spacetab(sep, end) : NULL;
	*end = '\0';
	if (*arg)
		*sep = '\0';
	*interpreter = name;
	return 0;
}
