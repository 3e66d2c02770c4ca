import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { run } from './helpers.js';


function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'tei-edition-'));
}

function file(dir: string, name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('bad input: a clear message with file:line:col, exit 1, nothing written', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['unbalanced deletion', 'Line one is fine.\n\nThe ~~struck text never ends.\n', /bad\.txt:3:5: error: unclosed deletion '~~'/],
    ['unclosed insertion', 'The ^{inserted text\n', /bad\.txt:1:5: error: unclosed insertion '\^\{'/],
    ['empty file', '', /bad\.txt:1:1: error: the transcription is empty/],
    ['blank file', '\n  \n\n', /bad\.txt:1:1: error: the transcription is empty/],
    ['invalid UTF-8', new Uint8Array([0x4f, 0x4b, 0x0a, 0x61, 0x62, 0xff, 0x63]), /bad\.txt:2:3: error: invalid UTF-8 \(byte 0xFF\)/],
    ['truncated UTF-8 sequence', new Uint8Array([0x61, 0xe2, 0x98]), /bad\.txt:1:2: error: invalid UTF-8/],
    ['control character', 'SECRET\n\nA bell \u0007 here\n', /bad\.txt:3:8: error: character U\+0007 is not allowed in XML 1\.0/],
    ['noncharacter U+FFFE', 'A \uFFFE here\n', /bad\.txt:1:3: error: character U\+FFFE is not allowed in XML 1\.0/],
  ];

  test.each(cases)('%s', async (_name, content, message) => {
    const dir = tmp();
    const src = file(dir, 'bad.txt', content);
    const out = join(dir, 'bad.xml');
    writeFileSync(out, 'previous output');
    const r = await run('convert', src, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(readFileSync(out, 'utf8')).toBe('previous output');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('a missing file', async () => {
    const r = await run('convert', '/nonexistent/x.txt');
    expect(r.code).toBe(1);
    expect(r.err).toContain('/nonexistent/x.txt:1:1: error: cannot read: no such file');
  });

  test('a bad edition.yaml names its line and column', async () => {
    const dir = tmp();
    file(dir, 'edition.yaml', 'documents:\n  doc:\n    date: 26 October 1962\n');
    const src = file(dir, 'doc.txt', 'A sentence of text.\n');
    const r = await run('convert', src);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/edition\.yaml:3:11: error: 'date' must be an ISO date/);
  });

  test('a very large file converts, linearly enough, into well-formed TEI', async () => {
    const dir = tmp();
    const para = 'The US has still been unable to obtain ~~satisfactory~~ ^{adequate} performance from the USSR. ';
    const blocks: string[] = [];
    for (let i = 0; i < 6500; i++) blocks.push(`(${i}) ${para.repeat(8)}`, i % 50 === 49 ? 'SECRET\n\nSECRET' : 'FOR TOKYO');
    const src = file(dir, 'big.txt', blocks.join('\n\n'));
    expect(readFileSync(src).length).toBeGreaterThan(5_000_000);
    const out = join(dir, 'big.xml');
    const r = await run('convert', src, '-o', out);
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(readFileSync(out, 'utf8'))).toBe(true);
  });
});

describe('convert and build', () => {
  test('convert writes TEI to standard output', async () => {
    const r = await run('convert', 'sources/1962-10-29-topol-594.txt');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<TEI xmlns="http:\/\/www.tei-c.org\/ns\/1.0" xml:id="doc-1962-10-29-topol-594"/);
    // metadata from sources/edition.yaml beside the file
    expect(r.out).toContain('<date when="1962-10-29">October 29, 1962</date>');
  });

  test('build converts every transcription; one bad document does not stop the others', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sources'));
    copyFileSync('sources/1962-11-30-memcon-surprise-attack.txt', join(dir, 'sources/a-good.txt'));
    file(join(dir, 'sources'), 'b-bad.txt', 'An ^{unclosed insertion\n');
    copyFileSync('sources/1962-10-29-topol-594.txt', join(dir, 'sources/c-good.txt'));
    const r = await run('build', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/b-bad\.txt:1:4: error: unclosed insertion/);
    expect(r.err).toContain('2 documents converted, 1 failed');
    expect(readdirSync(join(dir, 'tei')).sort()).toEqual(['a-good.xml', 'c-good.xml']);
  });

  test('build of a folder without transcriptions fails clearly', async () => {
    const dir = tmp();
    const r = await run('build', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no sources folder');
    mkdirSync(join(dir, 'sources'));
    const r2 = await run('build', dir);
    expect(r2.err).toContain('no transcriptions (*.txt) found');
  });

  test('every command has --help; an unknown command is a usage error', async () => {
    for (const cmd of [[], ['convert'], ['build']]) {
      const r = await run(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: tei-edition');
    }
    expect((await run('frobnicate')).code).not.toBe(0);
    expect((await run('convert')).code).not.toBe(0);
  });

  test('a user error is one line, not a stack trace: render -o naming a file, a path through a file', async () => {
    const dir = tmp();
    const f = file(dir, 'not-a-folder', 'x');
    let r = await run('render', 'tei/1962-10-29-topol-594.xml', '-o', f);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${f} is a file; -o names the folder the editions are written to\n`);
    r = await run('convert', 'sources/1962-10-29-topol-594.txt', '-o', join(f, 'x.xml'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toBe(`error: cannot write ${join(f, 'x.xml')}: a part of its folder path is a file, not a folder\n`);
  });

  test('the compiled binary runs and exits non-zero on failure', () => {
    expect(existsSync('dist/cli/bin.js')).toBe(true);
    const ok = spawnSync(process.execPath, ['dist/cli/bin.js', '--help'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Usage: tei-edition');
    const bad = spawnSync(process.execPath, ['dist/cli/bin.js', 'convert', '/nonexistent.txt'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('/nonexistent.txt:1:1: error:');
  });
});
