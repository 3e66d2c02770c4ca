/** Dates written in the sources, read as ISO dates. */

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "October 26, 1962" -> "1962-10-26"; undefined when the text is not such a date. */
export function parseLongDate(text: string): string | undefined {
  const m = /^(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})\.?$/.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!) + 1;
  const day = Number(m[2]);
  if (day < 1 || day > 31) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "1962-10-26" (+ "21:19") -> "October 26, 1962, 9:19 p.m." */
export function formatIsoDate(iso: string, time?: string): string {
  const [y, mo, d] = iso.split('-');
  let s = y ?? iso;
  if (mo) s = `${MONTHS[Number(mo) - 1]} ${d ? `${Number(d)}, ` : ''}${y}`;
  if (time) {
    const [h, mi] = time.split(':').map(Number) as [number, number];
    const hour = h % 12 === 0 ? 12 : h % 12;
    s += `, ${hour}${mi ? `:${String(mi).padStart(2, '0')}` : ''} ${h < 12 ? 'a.m.' : 'p.m.'}`;
  }
  return s;
}

const MONTH_ABBRS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A two-digit year: 30-99 are 19xx, 00-29 20xx (the sources run from 1962 to the 2000s). */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 4 ? n : n >= 30 ? 1900 + n : 2000 + n;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "11/19/62" (US order) -> "1962-11-19"; "3/4/88" -> "1988-03-04"; "1962/11/30" -> "1962-11-30". */
export function isoFromNumeric(text: string): string | undefined {
  // Year first: "1962/11/30".
  const y = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text.trim());
  if (y) return iso(Number(y[1]), Number(y[2]), Number(y[3]));
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text.trim());
  return m ? iso(fullYear(m[3]!), Number(m[1]), Number(m[2])) : undefined;
}

/** A telegram's date/time stamp, "Nov 19 9 19 PM '62" -> "1962-11-19T21:19:00". */
export function isoFromStamp(text: string): string | undefined {
  const m = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{1,2})[ :](\d{2}) ?(AM|PM|A\.M\.|P\.M\.) '(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const month = MONTH_ABBRS.indexOf(m[1]!.toLowerCase()) + 1;
  const day = iso(fullYear(m[6]!), month, Number(m[2]));
  let hour = Number(m[3]) % 12;
  if (m[5]!.startsWith('P')) hour += 12;
  const minute = Number(m[4]);
  if (!day || minute > 59 || Number(m[3]) > 12) return undefined;
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
}

const DATELINE_DATE_RE = /(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})(?:, (\d{1,2})(?::(\d{2}))? ?(a\.m\.|p\.m\.|noon|midnight))?/;

/**
 * The date of a dateline, with the time where one is given: "Paris, December 14, 1962, 4 p.m."
 * -> the date's offset and length in the text and "1962-12-14T16:00:00".
 */
export function datelineDate(text: string): { at: number; length: number; when: string } | undefined {
  const m = DATELINE_DATE_RE.exec(text);
  if (!m) return undefined;
  const day = parseLongDate(`${m[1]} ${m[2]}, ${m[3]}`);
  if (!day) return undefined;
  let when = day;
  if (m[6]) {
    let h = m[6] === 'noon' ? 12 : m[6] === 'midnight' ? 0 : Number(m[4] ?? 0) % 12;
    if (m[6] === 'p.m.') h += 12;
    const min = Number(m[5] ?? 0);
    if ((m[4] && Number(m[4]) > 12) || min > 59) return { at: m.index, length: m[0].length - (m[0].length - `${m[1]} ${m[2]}, ${m[3]}`.length), when: day };
    when = `${day}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00`;
  }
  return { at: m.index, length: m[0].length, when };
}
