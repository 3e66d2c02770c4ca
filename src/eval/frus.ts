/**
 * npm run eval: how well the converter finds the persons FRUS tagged, on the FRUS development set
 * (../shared/frus-dev): each txt/ page converted, its persName elements compared with the names
 * FRUS's own TEI tags (*.gold.json), first with empty registers (names found by the suggestion
 * rules alone), then with person registers built from the volumes' lists of persons (persons/).
 * Nothing here is tuned to the set: the rules and registers are the edition's own.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { convertText } from '../pipeline.js';
import { DEFAULT_EDITION } from '../enrich/metadata.js';
import { EMPTY_REGISTERS, type Person, type Registers } from '../enrich/registers.js';
import { nameTrace } from '../enrich/names.js';
import { structureReport } from './structure.js';

const args = process.argv.slice(2);
const VERBOSE = args.includes('--verbose');
/** --why: the evidence for each extra name. */
const WHY = args.includes('--why');
/** --diff: each document's extra and missed names, in order, with the text around each extra. */
const DIFF = args.includes('--diff');
const DEV = args.find((a) => !a.startsWith('--')) ?? '../shared/frus-dev';
/**
 * --names-gold=FILE: placeName and orgName as a person marked them by hand in the dev set's texts
 * (FRUS tags places only in datelines, which its web pages leave out, and no organisations), as
 * { "<volume>_<doc>": { "placeName": [...], "orgName": [...] } } in document order. Kept beside the
 * dev set, never in this repository.
 */
const NAMES_GOLD = args.find((a) => a.startsWith('--names-gold='))?.slice('--names-gold='.length);

interface Score {
  tp: number;
  predicted: number;
  gold: number;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The texts of one kind of name (persName, placeName, orgName) of a TEI document's text, in order. */
export function namesOf(xml: string, element: 'persName' | 'placeName' | 'orgName'): string[] {
  const text = xml.slice(xml.indexOf('<text>'));
  return [...text.matchAll(new RegExp(`<${element}\\b[^>]*>([\\s\\S]*?)<\\/${element}>`, 'g'))].map((m) =>
    norm(
      m[1]!
        .replace(/<(corr|expan)\b[^>]*>[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&'),
    ),
  );
}

/** The persName texts of a TEI document's text, in order. */
export const persNames = (xml: string) => namesOf(xml, 'persName');

/** Multiset overlap of predicted and gold names. */
export function score(predicted: string[], gold: string[]): Score {
  const left = new Map<string, number>();
  for (const g of gold) left.set(g, (left.get(g) ?? 0) + 1);
  let tp = 0;
  for (const p of predicted) {
    const n = left.get(p) ?? 0;
    if (n > 0) {
      tp++;
      left.set(p, n - 1);
    }
  }
  return { tp, predicted: predicted.length, gold: gold.length };
}

/** Person registers from a FRUS volume's list of persons: "Surname, Forenames" and the usual forms. */
export function personsFromFrus(xml: string): Person[] {
  const items = [...xml.matchAll(/<persName xml:id="([^"]+)">([\s\S]*?)<\/persName>/g)];
  const persons: Person[] = [];
  for (const [, id, raw] of items) {
    const name = norm(raw!.replace(/<[^>]+>/g, ''));
    const [surname, forenames = ''] = name.split(/,\s*/, 2) as [string, string?];
    // Ranks and titles in the forenames ("Norstad, General Lauris") are not part of the name.
    const first = forenames
      .replace(/,?\s*(Jr\.|Sr\.|III|II)$/, '')
      .replace(/^(?:(?:Lieutenant|Major|Brigadier|Vice|Rear|Fleet) )?(?:General|Admiral|Colonel|Sir|Dr\.|Ambassador|Field Marshal|Marshal|King|Queen|Prince|Princess|Archbishop|Bishop)\s+/, '')
      .trim();
    const given = first.split(/\s+/).filter(Boolean);
    const forms = new Set<string>([surname]);
    if (given.length) {
      forms.add(`${given.join(' ')} ${surname}`);
      forms.add(`${given[0]} ${surname}`);
    }
    persons.push({ id: id!.replace(/[^\w.-]/g, '_'), name, forms: [...forms].filter((f) => f.length > 1) });
  }
  return persons;
}

/** A name lower-cased without spaces: "DeGaulle" and "de Gaulle" are one. */
const squash = (s: string) => s.replace(/[\s.]/g, '').toLowerCase();

/**
 * One document's extra (+) and missed (−) person names in the order of the text (the predicted and
 * FRUS's sequences aligned on their longest common subsequence), each extra with the text around it
 * and the evidence the rules had for it.
 */
export function documentDiff(file: string, xml: string, gold: string[], trace: Map<string, string[]>): string[] {
  const plain = xml
    .slice(xml.indexOf('<text>'))
    .replace(/<(corr|expan)\b[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<persName\b[^>]*>/g, '\u27e6')
    .replace(/<\/persName>/g, '\u27e7')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  const found = [...plain.matchAll(/\u27e6([^\u27e7]*)\u27e7/g)].map((m) => ({
    name: norm(m[1]!),
    context: plain.slice(Math.max(0, m.index - 60), m.index + m[0].length + 30).replace(/\u27e6/g, '[[').replace(/\u27e7/g, ']]'),
  }));
  const P = found.map((x) => x.name);
  const L = Array.from({ length: P.length + 1 }, () => new Array<number>(gold.length + 1).fill(0));
  for (let a = P.length - 1; a >= 0; a--) for (let b = gold.length - 1; b >= 0; b--) L[a]![b] = P[a] === gold[b] ? L[a + 1]![b + 1]! + 1 : Math.max(L[a + 1]![b]!, L[a]![b + 1]!);
  const out = [`${file}: found ${P.length}, FRUS ${gold.length}`];
  let a = 0;
  let b = 0;
  while (a < P.length || b < gold.length) {
    if (a < P.length && b < gold.length && P[a] === gold[b]) {
      a++;
      b++;
    } else if (b >= gold.length || (a < P.length && L[a + 1]![b]! >= L[a]![b + 1]!)) {
      out.push(`  + ${P[a]} [${[...new Set(trace.get(P[a]!) ?? ['a register form or drafter code'])].join('; ')}]\n      … ${found[a]!.context} …`);
      a++;
    } else {
      out.push(`  - ${gold[b]}`);
      b++;
    }
  }
  return out;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
}

interface Run {
  mentions: Score;
  distinct: Score;
  /**
   * The extras by kind: `span`, a name that overlaps a name FRUS tagged there and was cut otherwise
   * ("Jane Doe" for "Doe"); `evidence`, a name the text itself marks as a person's (a title, a given
   * name or initials, a verb of speech, a participant's line, a signature); `shape`, one found from
   * its words alone.
   */
  kinds: { span: number; evidence: number; shape: number };
  /**
   * The extras that overlap no missed name, by FRUS's tagging: `elsewhere`, a name FRUS tags at other places of
   * the same document but not at this one; `listed`, a person of the volume's list (persons/) whose name
   * FRUS left untagged at this place; `unlisted`, a name the dev set's excerpt of the list does not hold
   * (a person FRUS did not list, or no person at all: only a reading tells).
   */
  byList: { elsewhere: number; listed: number; unlisted: number };
  /** Extras that overlap a missed name of the same document ("Jane Doe" for "Doe"), paired one to one. */
  spanPairs: number;
  places: Map<string, number>;
  orgs: Map<string, number>;
  /** placeName and orgName compared with a hand-made gold, where one is given (--names-gold). */
  placeScore: { mentions: Score; distinct: Score };
  orgScore: { mentions: Score; distinct: Score };
  misses: Map<string, number>;
  extras: Map<string, number>;
}

const emptyRun = (): Run => ({
  mentions: { tp: 0, predicted: 0, gold: 0 },
  distinct: { tp: 0, predicted: 0, gold: 0 },
  misses: new Map(),
  extras: new Map(),
  kinds: { span: 0, evidence: 0, shape: 0 },
  byList: { elsewhere: 0, listed: 0, unlisted: 0 },
  spanPairs: 0,
  places: new Map(),
  orgs: new Map(),
  placeScore: { mentions: { tp: 0, predicted: 0, gold: 0 }, distinct: { tp: 0, predicted: 0, gold: 0 } },
  orgScore: { mentions: { tp: 0, predicted: 0, gold: 0 }, distinct: { tp: 0, predicted: 0, gold: 0 } },
});

const add = (a: Score, b: Score) => {
  a.tp += b.tp;
  a.predicted += b.predicted;
  a.gold += b.gold;
};
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function line(label: string, s: Score, goldLabel = 'FRUS'): string {
  const p = s.tp / s.predicted;
  const r = s.tp / s.gold;
  const f1 = (2 * p * r) / (p + r || 1);
  return `${label.padEnd(28)} found ${String(s.predicted).padStart(4)}, ${goldLabel} ${String(s.gold).padStart(4)}, matching ${String(s.tp).padStart(4)}   precision ${pct(s.tp, s.predicted).padStart(6)}   recall ${pct(s.tp, s.gold).padStart(6)}   F1 ${(100 * f1).toFixed(1)}%`;
}

function main(): void {
  if (!existsSync(join(DEV, 'txt'))) {
    console.error(`${DEV}/txt: the FRUS development set is not there`);
    process.exitCode = 1;
    return;
  }
  const files = readdirSync(join(DEV, 'txt')).filter((f) => f.endsWith('.txt')).sort();
  const volumes = new Map<string, Person[]>();
  for (const f of readdirSync(join(DEV, 'persons'))) {
    volumes.set(f.replace('_persons.xml', ''), personsFromFrus(readFileSync(join(DEV, 'persons', f), 'utf8')));
  }
  const metadata = { edition: DEFAULT_EDITION, documents: {} };
  const namesGold = NAMES_GOLD ? (JSON.parse(readFileSync(NAMES_GOLD, 'utf8')) as Record<string, { placeName?: string[]; orgName?: string[] }>) : undefined;
  const runs: [string, (volume: string) => Registers][] = [
    ['empty registers (names nobody listed)', () => EMPTY_REGISTERS],
    ['registers from the FRUS lists of persons', (v) => ({ ...EMPTY_REGISTERS, persons: volumes.get(v) ?? [] })],
  ];
  // The held-out split: the rules were developed on half A (the 1st, 3rd, 5th … file in name order)
  // and checked on half B (the others), which was not looked at while developing.
  const half = (i: number) => (i % 2 === 0 ? 'A' : 'B');
  console.log(`# Names on the FRUS development set (${files.length} documents; half A: ${files.filter((_, i) => half(i) === 'A').length}, half B: ${files.filter((_, i) => half(i) === 'B').length})\n`);
  console.log('persName mentions are counted as a multiset per document; distinct names as the set of a document\'s names.');
  console.log('FRUS tags only the persons of its volume\'s List of Persons: a name it left untagged counts against precision.\n');
  for (const [label, registersOf] of runs) {
    const all = emptyRun();
    const whys: string[] = [];
    const diffs: string[] = [];
    const halves = { A: emptyRun(), B: emptyRun() };
    files.forEach((f, i) => {
      const volume = f.split('_')[0]!;
      const gold = (JSON.parse(readFileSync(join(DEV, 'txt', f.replace('.txt', '.gold.json')), 'utf8')) as { persName: string[] }).persName.map(norm);
      const trace = (nameTrace.map = new Map<string, string[]>());
      const c = convertText(f, readFileSync(join(DEV, 'txt', f)), metadata, { registers: registersOf(volume), suggest: true });
      nameTrace.map = undefined;
      const predicted = persNames(c.xml);
      const m = score(predicted, gold);
      const d = score([...new Set(predicted)], [...new Set(gold)]);
      for (const r of [all, halves[half(i)]]) {
        add(r.mentions, m);
        add(r.distinct, d);
      }
      const g = [...gold];
      const extras: string[] = [];
      for (const p of predicted) {
        const k = g.indexOf(p);
        if (k >= 0) g.splice(k, 1);
        else {
          extras.push(p);
          count(all.extras, p);
          if (WHY) whys.push(`${f}: ${p} [${(trace.get(p) ?? ['a register form or drafter code']).join('; ')}]`);
        }
      }
      for (const x of g) count(all.misses, x);
      // Extras that are the same name cut otherwise than FRUS cut it, paired with a missed name that shares a word.
      const missed = [...g];
      let pairs = 0;
      const unpaired: string[] = [];
      for (const p of extras) {
        const k = missed.findIndex((x) => x.split(' ').some((w) => p.split(' ').includes(w)));
        if (k >= 0) {
          missed.splice(k, 1);
          pairs++;
        } else unpaired.push(p);
      }
      const listed = new Set((volumes.get(volume) ?? []).map((x) => squash(x.forms[0]!)));
      for (const r of [all, halves[half(i)]]) {
        r.spanPairs += pairs;
        for (const p of unpaired) r.byList[gold.includes(p) ? 'elsewhere' : listed.has(squash(p.slice(p.lastIndexOf(' ') + 1))) || listed.has(squash(p)) ? 'listed' : 'unlisted']++;
      }
      if (DIFF) diffs.push(...documentDiff(f, c.xml, gold, trace));
      const words = (s: string) => new Set(s.split(' '));
      for (const p of extras) {
        const kind = g.some((x) => [...words(p)].some((w) => words(x).has(w)) || gold.some((y) => y !== p && (y.includes(p) || p.includes(y))))
          ? 'span'
          : (trace.get(p) ?? ['strong: a register form']).some((r) => r.startsWith('strong')) ? 'evidence' : 'shape';
        for (const r of [all, halves[half(i)]]) r.kinds[kind]++;
      }
      const placeGold = namesGold?.[f.replace('.txt', '')];
      for (const [element, key, scoreKey] of [['placeName', 'places', 'placeScore'], ['orgName', 'orgs', 'orgScore']] as const) {
        const found = namesOf(c.xml, element);
        for (const p of found) count(all[key], p);
        const expected = placeGold?.[element];
        if (!expected) continue;
        for (const r of [all, halves[half(i)]]) {
          add(r[scoreKey].mentions, score(found, expected.map(norm)));
          add(r[scoreKey].distinct, score([...new Set(found)], [...new Set(expected.map(norm))]));
        }
      }
    });
    console.log(`## ${label}`);
    console.log(line('persName mentions, all', all.mentions));
    console.log(line('persName distinct, all', all.distinct));
    console.log(line('mentions, half A (dev)', halves.A.mentions));
    console.log(line('mentions, half B (held out)', halves.B.mentions));
    console.log(line('distinct, half A (dev)', halves.A.distinct));
    console.log(line('distinct, half B (held out)', halves.B.distinct));
    // The same with the extras that overlap a missed name of the document counted as found: FRUS cuts a name
    // otherwise now and then ("Sofoklis <persName>Venizelos</persName>", "<persName>Gen Norstad</persName>").
    const tolerant = (r: Run): Score => ({ tp: r.mentions.tp + r.spanPairs, predicted: r.mentions.predicted, gold: r.mentions.gold });
    console.log(line('mentions, spans forgiven, A', tolerant(halves.A)));
    console.log(line('mentions, spans forgiven, B', tolerant(halves.B)));
    const top = (m: Map<string, number>, n = 8) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, n)
        .map(([k, v]) => `${k} (${v})`)
        .join(', ');
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const kinds = (r: Run) => `${r.kinds.span} cut otherwise than FRUS cut a name it tagged, ${r.kinds.evidence} marked as persons by the text (title, given name or initials, verb of speech, participant line, signature), ${r.kinds.shape} from their words alone`;
    console.log(`extras, all: ${kinds(all)}`);
    console.log(`extras, half A: ${kinds(halves.A)}; half B: ${kinds(halves.B)}`);
    const lists = (r: Run) => `${r.spanPairs} the same name as a missed one cut otherwise, ${r.byList.elsewhere} a name FRUS tags elsewhere in the document, ${r.byList.listed} of a person in the volume's List of Persons that FRUS left untagged there, ${r.byList.unlisted} not in the list's excerpt (persons/)`;
    console.log(`extras by FRUS's list, half A: ${lists(halves.A)}; half B: ${lists(halves.B)}`);
    console.log(`most missed: ${top(all.misses, VERBOSE ? 1000 : 8)}`);
    console.log(`most often extra: ${top(all.extras, VERBOSE ? 1000 : 8)}`);
    // FRUS's TEI tags placeName only in datelines, which its web pages leave out, and no orgName:
    // they are compared with a hand-made gold when one is given (--names-gold), else listed for a check by hand.
    if (WHY) console.log(`why each extra was found:\n  ${whys.join('\n  ')}`);
    if (DIFF) console.log(diffs.join('\n'));
    for (const [element, key, scoreKey] of [['placeName', 'places', 'placeScore'], ['orgName', 'orgs', 'orgScore']] as const) {
      if (namesGold) {
        console.log(line(`${element} mentions, all`, all[scoreKey].mentions, 'gold'));
        console.log(line(`${element} distinct, all`, all[scoreKey].distinct, 'gold'));
        console.log(line(`${element} mentions, half A`, halves.A[scoreKey].mentions, 'gold'));
        console.log(line(`${element} mentions, half B`, halves.B[scoreKey].mentions, 'gold'));
      }
      console.log(`${element} ${total(all[key])} (${all[key].size} distinct${namesGold ? '' : '; FRUS tags none in the text: --names-gold=FILE compares with a hand-made gold'}): ${top(all[key], VERBOSE ? 1000 : 12)}`);
    }
    console.log('');
  }
  console.log(structureReport(DEV, VERBOSE).join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
