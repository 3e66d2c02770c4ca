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
