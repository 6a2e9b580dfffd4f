/*
 * Parsing the kernel command line (the words are described in include/kernel/cmdline.h).
 *
 * The text is copied into struct cmdline and split in place: each word becomes a
 * NUL-terminated string there, so the parsed fields point into the copy and nothing is
 * allocated.  This runs before the memory allocator exists.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <lib/ctype.h>
#include <lib/string.h>

struct cmdline kernel_cmdline;

static bool starts_with(const char *word, const char *prefix)
{
	return strncmp(word, prefix, strlen(prefix)) == 0;
}

static void parse_test_poweroff(struct cmdline *out, const char *value)
{
	unsigned long status;

	if (kstrtoul(value, 0, &status) < 0 || status > 255) {
		pr_warn("cmdline: test.poweroff=%s is not a status 0..255; ignored\n", value);
		return;
	}
	out->test_poweroff = (int)status;
}

/* One word before "--". */
static void parse_kernel_word(struct cmdline *out, const char *word)
{
	if (starts_with(word, "init=") && word[5] != '\0') {
		out->init_path = word + 5;
	} else if (strcmp(word, "quiet") == 0) {
		out->quiet = true;
	} else if (strcmp(word, "ktest") == 0) {
		out->ktest = true;
	} else if (starts_with(word, "ktest=") && word[6] != '\0') {
		out->ktest = true;
		out->ktest_only = word + 6;
	} else if (strcmp(word, "kbench") == 0) {
		out->kbench = true;
	} else if (strcmp(word, "trace") == 0) {
		out->trace = true;
	} else if (starts_with(word, "test.fault=")) {
		out->test_fault = word + 11;
	} else if (starts_with(word, "test.poweroff=")) {
		parse_test_poweroff(out, word + 14);
	} else {
		out->unknown_words++;
		pr_warn("cmdline: ignoring unknown word '%s'\n", word);
	}
}

static void add_init_arg(struct cmdline *out, const char *word)
{
	if (out->init_argc == CMDLINE_MAX_INIT_ARGS) {
		pr_warn("cmdline: more than %d arguments for init; '%s' dropped\n",
			CMDLINE_MAX_INIT_ARGS, word);
		return;
	}
	out->init_args[out->init_argc++] = word;
	out->init_args[out->init_argc] = NULL;
}

/* Cut the next word out of *cursor (in place) and return it, or NULL at the end. */
static char *next_word(char **cursor)
{
	char *p = *cursor;
	char *word;

	while (isspace(*p))
		p++;
	if (*p == '\0')
		return NULL;
	word = p;
	while (*p != '\0' && !isspace(*p))
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*cursor = p;
	return word;
}

int cmdline_parse(struct cmdline *out, const char *text)
{
	bool after_separator = false;
	char *cursor, *word;

	memset(out, 0, sizeof(*out));
	out->init_path = CMDLINE_DEFAULT_INIT;
	out->test_poweroff = -1;
	if (strlcpy(out->text, text, sizeof(out->text)) >= sizeof(out->text))
		pr_warn("cmdline: longer than %d bytes; the rest is ignored\n", CMDLINE_MAX - 1);

	cursor = out->text;
	while ((word = next_word(&cursor)) != NULL) {
		if (after_separator)
			add_init_arg(out, word);
		else if (strcmp(word, "--") == 0)
			after_separator = true;
		else
			parse_kernel_word(out, word);
	}
	return 0;
}
