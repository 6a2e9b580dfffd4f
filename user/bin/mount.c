/*
 * mount: show the mounted file systems, or mount one.
 *
 *   mount                                   print the mount table (/proc/mounts)
 *   mount -t TYPE [-o OPTIONS] SOURCE DIR   mount a file system of TYPE on the directory DIR
 *
 * OPTIONS is a comma-separated list.  The generic ones become mount(2) flags: ro, rw,
 * nosuid, nodev, noexec, remount, bind; the rest go to the file system as they are (its
 * data string).  SOURCE is the device or, for a file system that has none (ramfs, procfs),
 * any word: "none" by custom.  A failed mount names what it tried:
 * "mount: none on /cpu (type container, options cpuacct): No such device".
 */
#include <cmd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#define MOUNTS "/proc/mounts"

/* The options that are mount(2) flags: each sets some bits and clears others. */
static const struct {
	const char *name;
	unsigned long set, clear;
} mount_flags[] = {
    {"ro", MS_RDONLY, 0},   {"rw", 0, MS_RDONLY},     {"nosuid", MS_NOSUID, 0},
    {"nodev", MS_NODEV, 0}, {"noexec", MS_NOEXEC, 0}, {"remount", MS_REMOUNT, 0},
    {"bind", MS_BIND, 0},
};

#define MOUNT_FLAG_COUNT (sizeof(mount_flags) / sizeof(mount_flags[0]))

/* Split options into mount(2) flags and the rest, which goes to data (as long as options). */
static unsigned long parse_options(char *options, char *data)
{
	unsigned long flags = 0;
	char *word, *rest = options;
	size_t i;

	*data = '\0';
	while ((word = strsep(&rest, ",")) != NULL) {
		for (i = 0; i < MOUNT_FLAG_COUNT && strcmp(word, mount_flags[i].name) != 0; i++)
			;
		if (i < MOUNT_FLAG_COUNT) {
			flags = (flags | mount_flags[i].set) & ~mount_flags[i].clear;
		} else if (*word != '\0') {
			if (*data != '\0')
				strcat(data, ",");
			strcat(data, word);
		}
	}
	return flags;
}

static int print_table(void)
{
	int fd = open(MOUNTS, O_RDONLY);

	if (fd < 0 || cmd_copy_fd(fd, 1) < 0)
		return cmd_error(MOUNTS);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	char *type = NULL, *options = NULL;
	char data[256] = "", asked[256] = "";
	unsigned long flags = 0;
	int c;

	cmd_init("mount", "mount [-t TYPE [-o OPTIONS] SOURCE DIR]");
	while ((c = cmd_getopt(argc, argv, "t:o:")) != -1) {
		if (c == 't')
			type = optarg;
		else
			options = optarg;
	}
	if (argc == 1)
		return print_table();
	if (argc - optind != 2 || !type)
		cmd_usage();
	if (options) {
		if (strlen(options) >= sizeof(data))
			cmd_usage();
		snprintf(asked, sizeof(asked), ", options %s", options);
		flags = parse_options(options, data);
	}
	if (mount(argv[optind], argv[optind + 1], type, flags, *data ? data : NULL) < 0) {
		cmd_message("%s on %s (type %s%s): %s", argv[optind], argv[optind + 1],
			    type, asked, strerror(errno));
		return CMD_EXIT_FAILURE;
	}
	return 0;
}
