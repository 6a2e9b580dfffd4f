/*
 * Tests of symbol lookup (kernel/ksyms.c) over the table the build links in.
 */
#include <kernel/ksyms.h>
#include <kernel/ktest.h>
#include <lib/string.h>

void kmain(uint32_t magic, uint64_t info_phys); /* kernel/main.c: a function surely present */

KTEST(ksyms_lookup_finds_kmain, "ksyms: kmain + 5 is in kmain at offset 5")
{
	uint64_t offset = 0;
	const char *name = ksym_lookup((uint64_t)kmain + 5, &offset);

	KTEST_ASSERT(name != NULL);
	KTEST_EXPECT(strcmp(name, "kmain") == 0);
	KTEST_EXPECT(offset == 5);
}

KTEST(ksyms_lookup_outside_code, "ksyms: addresses outside the kernel's code have no symbol")
{
	static const int data_object = 1;

	KTEST_EXPECT(ksym_lookup(0, NULL) == NULL);
	KTEST_EXPECT(ksym_lookup(0x1000, NULL) == NULL);
	KTEST_EXPECT(ksym_lookup((uint64_t)&data_object, NULL) == NULL);
	KTEST_EXPECT(ksym_lookup(~0UL, NULL) == NULL);
}

KTEST(ksyms_format_names_function, "ksyms: ksym_format prints name+offset/size or the address")
{
	char buf[KSYM_FORMAT_MAX];

	ksym_format(buf, sizeof(buf), (uint64_t)kmain + 0x10);
	KTEST_EXPECT(strncmp(buf, "kmain+0x10/0x", 13) == 0);
	ksym_format(buf, sizeof(buf), 0x1234);
	KTEST_EXPECT(strcmp(buf, "0x1234") == 0);
}

KTEST(ksyms_format_return_names_caller, "ksyms: a return address names the call before it")
{
	char buf[KSYM_FORMAT_MAX];

	/* kmain's own start, seen as a return address, belongs to the function before it. */
	ksym_format_return(buf, sizeof(buf), (uint64_t)kmain);
	KTEST_EXPECT(strncmp(buf, "kmain+", 6) != 0);
	ksym_format_return(buf, sizeof(buf), (uint64_t)kmain + 1);
	KTEST_EXPECT(strncmp(buf, "kmain+0x1/0x", 12) == 0);
}
