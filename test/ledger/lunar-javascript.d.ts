/** lunar-javascript ships no types; the tests use HolidayUtil only. */
declare module 'lunar-javascript';
