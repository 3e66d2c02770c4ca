import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { availabilityOf, type EditionMeta } from '../enrich/metadata.js';
/**
 * Text and attribute values for xmlbuilder2. Its serializer leaves an ampersand that starts an
 * entity-like sequence as it is ("&gt;" in a transcription would become ">", "&foo;" malformed
 * XML), so every ampersand is escaped before it reaches the builder; the serializer then keeps
 * the "&amp;" it finds.
 */
export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;');
}

export function xmlAttrs<T extends Record<string, string> | undefined>(attrs: T): T {
  if (!attrs) return attrs;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = xmlText(v);
  return out as T;
}

/** publicationStmt/availability of an edition-wide TEI file (pretty-printed builders). */
export function writeAvailability(publicationStmt: XMLBuilder, edition: EditionMeta): void {
  const a = availabilityOf(edition);
  const avail = publicationStmt.ele('availability', xmlAttrs(a.status ? { status: a.status } : {}));
  for (const l of a.licences) avail.ele('licence', xmlAttrs({ target: l.target })).txt(xmlText(l.text));
  for (const p of a.unstated) avail.ele('p').txt(xmlText(p));
}
