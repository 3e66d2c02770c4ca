/**
 * Note markers of pages scraped from the FRUS website (each note is numbered as its marker is). The page lists its notes at the end
 * ("  1. Source: ..."); in the text, each note's marker is its FRUS number glued to the word
 * before it ("Organizations0", "5181" = "518" + marker 1). FRUS numbers the source note 0, so
 * list entry k has marker k-1 (a number FRUS skipped shifts the rest by one).
 */
import { blockLines, type Inline, type Line, type Note, type TranscribedDocument } from './model.js';
import { codePointLength } from './source.js';
import { inlineText } from './inline.js';

interface Slot {
  line: Line;
  idx: number;
  /** The last text of the document heading: its marker may follow a space. */
  headEnd: boolean;
}

interface Candidate {
  slot: number;
  at: number;
  len: number;
  /** Glued to a digit ("5181"): could also be part of a number. */
  weak: boolean;
}

const before = (a: { slot: number; at: number }, b: { slot: number; at: number }) => a.slot < b.slot || (a.slot === b.slot && a.at < b.at);

/**
 * Digits that look like a marker but are not one: a paragraph label ("(5)", "(6) and (7)", "10."
 * at the start of a paragraph), a number after a dash or an opening bracket or quote ("G–2"), or
 * the last digit of a year ("1963", which would read as "196" + marker 3).
 */
export function notAMarker(text: string, at: number, len: number, lineStart: boolean): boolean {
  const prev = text[at - 1] ?? '';
  if (/[-‐–—([{“‘"'/]/.test(prev)) return true;
  const wordStart = text.slice(0, at).search(/\S+$/);
  const wordEnd = at + len + (/^\S*/.exec(text.slice(at + len))?.[0].length ?? 0);
  const word = text.slice(wordStart, wordEnd);
  const startsLine = lineStart && text.slice(0, wordStart).trim() === '';
  if (/^\(?[0-9A-Za-z]{1,3}\)[.,;:]?$/.test(word)) return true;
  if (startsLine && /^\d{1,3}[.)]$/.test(word)) return true;
  const digits = /\d+$/.exec(text.slice(0, at))?.[0] ?? '';
  if (digits && /^(?:1[5-9]|20)\d\d$/.test(digits + text.slice(at, at + len)) && digits.length === 4 - len) return true;
  return false;
}

export function resolveNoteMarkers(doc: TranscribedDocument): void {
  const witness = doc.witnesses[0];
  if (!witness) return;
  const slots: Slot[] = [];
  for (const b of witness.blocks) {
    const lines = blockLines(b);
    lines.forEach((line, li) => {
      line.inlines.forEach((n, idx) => {
        if (n.kind === 'text') slots.push({ line, idx, headEnd: b.kind === 'head' && li === lines.length - 1 && idx === line.inlines.length - 1 });
      });
    });
  }
  const textOf = (s: Slot) => (s.line.inlines[s.idx] as { text: string }).text;

  const find = (marker: string, after: { slot: number; at: number }): Candidate[] => {
    const out: Candidate[] = [];
    const re = new RegExp(`(?<=(\\S))${marker}(?=$|[\\s,.;:)\\]”"’—–])`, 'g');
    for (let s = after.slot; s < slots.length; s++) {
      const slot = slots[s]!;
      const text = textOf(slot);
      for (const m of text.matchAll(re)) {
        const c = { slot: s, at: m.index, len: marker.length, weak: /\d/.test(m[1]!) };
        if (before(after, c) && !notAMarker(text, m.index, marker.length, slot.idx === 0)) out.push(c);
      }
      if (slot.headEnd) {
        const m = new RegExp(`\\s${marker}$`).exec(text);
        if (m) {
          const c = { slot: s, at: m.index + 1, len: marker.length, weak: false };
          if (before(after, c)) out.push(c);
        }
      }
    }
    return out.sort((a, b) => (before(a, b) ? -1 : 1));
  };

  const body = slots.map(textOf).join(' ');
  const inlineCopy = (note: Note) => {
    const t = inlineText(note.content).trim();
    return t.length >= 12 && body.includes(t);
  };
  type Step = { marker: string; pick?: Candidate };
  /**
   * Markers for the notes from list entry k on. Where entry k's marker is missing but the next
   * number is there, either FRUS skipped a number (the rest shift by one) or this note has no
   * marker: `branch` tries both (each continued without branching) and keeps the one that places
   * more notes; on a tie, the shifted one unless the note's text stands in the running text
   * (the page wrote the note out where its marker would be).
   */
  const assign = (k0: number, prev0: { slot: number; at: number }, shift0: number, branch: boolean): Step[] => {
    const steps: Step[] = [];
    let prev = prev0;
    let shift = shift0;
    for (let k = k0; k < doc.notes.length; k++) {
      let marker = String(k + shift);
      let cands = find(marker, prev);
      if (!cands.length) {
        const alt = find(String(k + shift + 1), prev);
        if (alt.length) {
          if (branch) {
            const placed = (xs: Step[]) => xs.filter((x) => x.pick).length;
            const skipped = assign(k, prev, shift + 1, false);
            const missing = [{ marker }, ...assign(k + 1, prev, shift, false)];
            // A note the page wrote out in the text instead of marking it has no marker.
            const inline = inlineCopy(doc.notes[k]!);
            if (placed(skipped) > placed(missing) || (placed(skipped) === placed(missing) && !inline)) shift++;
            else {
              steps.push({ marker });
              continue;
            }
          } else shift++;
          marker = String(k + shift);
          cands = alt;
        }
      }
      if (!cands.length) {
        steps.push({ marker });
        continue;
      }
      const good = cands.find((c) => !c.weak);
      const weak = cands.find((c) => c.weak);
      const nextGood = find(String(k + shift + 1), prev).find((c) => !c.weak);
      // A marker glued to a letter is surer than one glued to a digit, as long as it comes
      // before the next note's marker.
      let pick: Candidate;
      if (good && (!nextGood || before(good, nextGood))) pick = good;
      else if (weak && (!nextGood || before(weak, nextGood))) pick = weak;
      else pick = cands[0]!;
      steps.push({ marker, pick });
      prev = { slot: pick.slot, at: pick.at };
    }
    return steps;
  };

  const chosen: { c: Candidate; note: Note; marker: string }[] = [];
  assign(0, { slot: 0, at: -1 }, 0, true).forEach(({ marker, pick }, k) => {
    const note = doc.notes[k]!;
    // The note takes the number its marker gives it (FRUS numbers the source note 0): "note 1"
    // of the edition is FRUS's note 1.
    const listed = note.n;
    note.n = marker;
    if (!pick) {
      doc.warnings.push({ pos: note.pos, message: `no marker '${marker}' found in the text for note ${listed} of the list; the note is kept at the end` });
      return;
    }
    chosen.push({ c: pick, note, marker });
    note.placed = true;
  });

  // Split the text nodes, last marker first so offsets stay valid.
  for (const { c, note, marker } of [...chosen].reverse()) {
    const slot = slots[c.slot]!;
    const node = slot.line.inlines[slot.idx] as Extract<Inline, { kind: 'text' }>;
    const head = node.text.slice(0, c.at);
    const tail = node.text.slice(c.at + c.len);
    const pos = { line: node.pos.line, column: node.pos.column + codePointLength(head) };
    const parts: Inline[] = [];
    if (head) parts.push({ kind: 'text', text: head, pos: node.pos });
    parts.push({ kind: 'noteRef', marker, note, pos });
    if (tail) parts.push({ kind: 'text', text: tail, pos: { line: pos.line, column: pos.column + codePointLength(marker) } });
    slot.line.inlines.splice(slot.idx, 1, ...parts);
  }
}
