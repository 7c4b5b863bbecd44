/**
 * True for an MRZ date `YYMMDD` that names a day (any century: the MRZ does not say which), or one
 * whose unknown parts are `<`, as ICAO 9303 part 3 (4.6) allows for a date of birth not fully known.
 *
 * @example
 * isMrzDate('750506') // true
 * isMrzDate('751306') // false: no 13th month
 * isMrzDate('75<<<<') // true: month and day unknown
 */
export function isMrzDate(text: string): boolean {
  if (!/^[0-9<]{6}$/.test(text)) return false;
  const [yy, mm, dd] = [text.slice(0, 2), text.slice(2, 4), text.slice(4, 6)];
  // An unknown part is wholly `<`; a half-known one (`0<`) is no date.
  if ([yy, mm, dd].some((part) => part.includes('<') && part !== '<<')) return false;
  const month = mm === '<<' ? 1 : Number(mm);
  const day = dd === '<<' ? 1 : Number(dd);
  if (month < 1 || month > 12 || day < 1) return false;
  // 2000 is a leap year and 1900 is not: a 29 February stands if any century allows it.
  const year = yy === '<<' ? 2000 : 2000 + Number(yy);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap(year) || (yy !== '<<' && leap(1900 + Number(yy))) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}
