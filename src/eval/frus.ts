/**
 * npm run eval: how well the converter finds the persons FRUS tagged, on the FRUS development set
 * (../shared/frus-dev): each txt/ page converted, its persName elements compared with the names
 * FRUS's own TEI tags (*.gold.json), first with empty registers (names found by the suggestion
 * rules alone), then with person registers built from the volumes' lists of persons (persons/).
 * Nothing here is tuned to the set: the rules and registers are the edition's own.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { convertText } from '../pipeline.js';
import { DEFAULT_EDITION } from '../enrich/metadata.js';
import { EMPTY_REGISTERS, type Person, type Registers } from '../enrich/registers.js';

const DEV = process.argv[2] ?? '../shared/frus-dev';

interface Score {
  tp: number;
  predicted: number;
  gold: number;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The persName texts of a TEI document's text, in order. */
export function persNames(xml: string): string[] {
  const text = xml.slice(xml.indexOf('<text>'));
  return [...text.matchAll(/<persName\b[^>]*>([\s\S]*?)<\/persName>/g)].map((m) =>
    norm(
      m[1]!
        .replace(/<(corr|expan)\b[^>]*>[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&'),
    ),
  );
}

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

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
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
  const runs: [string, (volume: string) => Registers][] = [
    ['empty registers (suggestion rules only)', () => EMPTY_REGISTERS],
    ['registers from the FRUS lists of persons', (v) => ({ ...EMPTY_REGISTERS, persons: volumes.get(v) ?? [] })],
  ];
  console.log(`# Person names on the FRUS development set (${files.length} documents)\n`);
  for (const [label, registersOf] of runs) {
    const total: Score = { tp: 0, predicted: 0, gold: 0 };
    const misses = new Map<string, number>();
    const extras = new Map<string, number>();
    for (const f of files) {
      const volume = f.split('_')[0]!;
      const gold = (JSON.parse(readFileSync(join(DEV, 'txt', f.replace('.txt', '.gold.json')), 'utf8')) as { persName: string[] }).persName.map(norm);
      const c = convertText(f, readFileSync(join(DEV, 'txt', f)), metadata, { registers: registersOf(volume), suggest: true });
      const predicted = persNames(c.xml);
      const s = score(predicted, gold);
      total.tp += s.tp;
      total.predicted += s.predicted;
      total.gold += s.gold;
      const g = [...gold];
      for (const p of predicted) {
        const k = g.indexOf(p);
        if (k >= 0) g.splice(k, 1);
        else extras.set(p, (extras.get(p) ?? 0) + 1);
      }
      for (const m of g) misses.set(m, (misses.get(m) ?? 0) + 1);
    }
    const precision = total.tp / total.predicted;
    const recall = total.tp / total.gold;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    console.log(`## ${label}`);
    console.log(`persName found ${total.predicted}, FRUS ${total.gold}, matching ${total.tp}`);
    console.log(`precision ${pct(total.tp, total.predicted)}   recall ${pct(total.tp, total.gold)}   F1 ${(100 * f1).toFixed(1)}%`);
    const top = (m: Map<string, number>) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, n]) => `${k} (${n})`)
        .join(', ');
    console.log(`most missed: ${top(misses)}`);
    console.log(`most often extra: ${top(extras)}\n`);
  }
}

main();
