/*
 * Tests of the RTC's decoding (arch/x86_64/rtc.c) from fixed register values, one for each way
 * status register B says they are coded, and of a real reading of QEMU's clock.
 */
#include <stddef.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <lib/compiler.h>
#include <arch/rtc.h>

#define BINARY	0x04
#define HOURS24 0x02
#define PM	0x80

/* 2024-02-29 13:45:30 UTC */
#define LEAP_DAY_AFTERNOON 1709214330

static int64_t decoded(struct rtc_registers regs)
{
	int64_t seconds = -1;

	return rtc_decode(&regs, &seconds) == 0 ? seconds : -1;
}

KTEST(rtc_decode_bcd_24h, "rtc: BCD, 24-hour registers 24-02-29 13:45:30 decode to that date")
{
	struct rtc_registers regs = { 0x30, 0x45, 0x13, 0x29, 0x02, 0x24, HOURS24 };

	KTEST_EXPECT(decoded(regs) == LEAP_DAY_AFTERNOON);
}

KTEST(rtc_decode_binary_24h, "rtc: binary, 24-hour registers decode to the same date")
{
	struct rtc_registers regs = { 30, 45, 13, 29, 2, 24, BINARY | HOURS24 };

	KTEST_EXPECT(decoded(regs) == LEAP_DAY_AFTERNOON);
}

KTEST(rtc_decode_bcd_12h, "rtc: BCD, 12-hour: 1 PM is 13:00, 12 AM is 0:00, 12 PM is 12:00")
{
	struct rtc_registers pm = { 0x30, 0x45, PM | 0x01, 0x29, 0x02, 0x24, 0 };
	struct rtc_registers midnight = { 0x30, 0x45, 0x12, 0x29, 0x02, 0x24, 0 };
	struct rtc_registers noon = { 0x30, 0x45, PM | 0x12, 0x29, 0x02, 0x24, 0 };

	KTEST_EXPECT(decoded(pm) == LEAP_DAY_AFTERNOON);
	KTEST_EXPECT(decoded(midnight) == LEAP_DAY_AFTERNOON - 13 * 3600);
	KTEST_EXPECT(decoded(noon) == LEAP_DAY_AFTERNOON - 3600);
}

KTEST(rtc_decode_binary_12h, "rtc: binary, 12-hour: 1 PM is 13:00, 11 AM is 11:00")
{
	struct rtc_registers pm = { 30, 45, PM | 1, 29, 2, 24, BINARY };
	struct rtc_registers am = { 30, 45, 11, 29, 2, 24, BINARY };

	KTEST_EXPECT(decoded(pm) == LEAP_DAY_AFTERNOON);
	KTEST_EXPECT(decoded(am) == LEAP_DAY_AFTERNOON - 2 * 3600);
}

KTEST(rtc_decode_years, "rtc: year 00 is 2000, 99 is 2099")
{
	struct rtc_registers y2000 = { 0, 0, 0, 1, 1, 0x00, HOURS24 };
	struct rtc_registers y2099 = { 0x59, 0x59, 0x23, 0x31, 0x12, 0x99, HOURS24 };

	KTEST_EXPECT(decoded(y2000) == 946684800);
	KTEST_EXPECT(decoded(y2099) == 4102444799);
}

KTEST(rtc_decode_rejects_nonsense, "rtc: registers that hold no date are EINVAL")
{
	struct rtc_registers bad[] = {
		{ 0x3a, 0x45, 0x13, 0x29, 0x02, 0x24, HOURS24 }, /* a BCD digit above 9 */
		{ 0x30, 0x45, 0x13, 0x29, 0x02, 0x23, HOURS24 }, /* 2023-02-29 */
		{ 0x30, 0x45, 0x13, 0x01, 0x13, 0x24, HOURS24 }, /* month 13 */
		{ 0x30, 0x45, 0x24, 0x01, 0x01, 0x24, HOURS24 }, /* hour 24 */
		{ 0x30, 0x45, 0x00, 0x01, 0x01, 0x24, 0 },	 /* hour 0 on a 12-hour clock */
		{ 0x30, 0x45, PM | 0x13, 0x01, 0x01, 0x24, 0 },	 /* 13 PM */
		{ 60, 0, 0, 1, 1, 24, BINARY | HOURS24 },	 /* second 60 */
		{ 0, 0, 0, 1, 1, 100, BINARY | HOURS24 },	 /* year 100 */
	};
	int64_t seconds;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		KTEST_EXPECT(rtc_decode(&bad[i], &seconds) == -EINVAL);
}

KTEST(rtc_reads_a_date, "rtc: QEMU's clock reads as a date after 2024")
{
	int64_t seconds = 0;

	KTEST_ASSERT(rtc_read_epoch_seconds(&seconds) == 0);
	KTEST_EXPECT(seconds >= 1704067200); /* 2024-01-01 */
	KTEST_EXPECT(seconds < 4102444800);  /* 2100-01-01 */
}
