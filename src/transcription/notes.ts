/**
 * Note markers of pages scraped from the FRUS website. The page lists its notes at the end
 * ("  1. Source: ..."); in the text, each note's marker is its FRUS number glued to the word
 * before it ("Organizations0", "5181" = "518" + marker 1). FRUS numbers the source note 0, so
 * list entry k has marker k-1 (a number FRUS skipped shifts the rest by one).
 */
import { blockLines, type Inline, type Line, type Note, type TranscribedDocument } from './model.js';
import { codePointLength } from './source.js';

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
        if (before(after, c)) out.push(c);
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

  let prev = { slot: 0, at: -1 };
  let shift = 0;
  const chosen: { c: Candidate; note: Note; marker: string }[] = [];
  doc.notes.forEach((note, k) => {
    let marker = String(k + shift);
    let cands = find(marker, prev);
    if (!cands.length) {
      const alt = find(String(k + shift + 1), prev);
      if (alt.length) {
        shift++;
        marker = String(k + shift);
        cands = alt;
      }
    }
    if (!cands.length) {
      doc.warnings.push({ pos: note.pos, message: `no marker '${marker}' found in the text for note ${note.n}; the note is kept at the end` });
      return;
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
    chosen.push({ c: pick, note, marker });
    note.placed = true;
    prev = { slot: pick.slot, at: pick.at };
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
