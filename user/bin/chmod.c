/*
 * chmod: change the permission bits of files.
 *
 *   chmod [-R] MODE FILE...
 *
 * MODE is octal (755) or symbolic (u+x, go-w, a=r, g=u, +X), as user/lib/cmd_mode.c reads
 * it; a symbolic mode starts from each file's present bits.  -R also changes everything in a
 * directory, depth first.  Only a file's owner or root may change its mode (EPERM).
 */
#include <cmd.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *mode_text;
static mode_t umask_bits;
static int recursive; /* -R */

static int change(const char *path)
{
	struct stat st;
	mode_t mode;
	int status = 0;

	if (stat(path, &st) < 0)
		return cmd_error(path);
	if (cmd_parse_mode(mode_text, st.st_mode & 07777, umask_bits, S_ISDIR(st.st_mode), &mode) <
	    0) {
		cmd_message("invalid mode: '%s'", mode_text);
		return CMD_EXIT_FAILURE;
	}
	if (chmod(path, mode) < 0)
		status = cmd_error(path);
	if (recursive && S_ISDIR(st.st_mode))
		status |= cmd_each_entry(path, change);
	return status;
}

int main(int argc, char **argv)
{
	mode_t probe;

	cmd_init("chmod", "chmod [-R] MODE FILE...");
	while (cmd_getopt(argc, argv, "R") != -1)
		recursive = 1;
	if (argc - optind < 2)
		cmd_usage();
	mode_text = argv[optind++];
	umask_bits = umask(0);
	umask(umask_bits);
	if (cmd_parse_mode(mode_text, 0, umask_bits, 0, &probe) < 0) {
		cmd_message("invalid mode: '%s'", mode_text);
		return CMD_EXIT_USAGE;
	}
	return cmd_each_operand(argc, argv, change);
}
