import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chunkFile, splitLines } from '../../src/retrieval/chunkers/index.js';
import { windowRanges } from '../../src/retrieval/chunkers/lines.js';
import { parseRetrievalConfig } from '../../src/retrieval/config.js';
import { sha256 } from '../../src/retrieval/files.js';
import type { Chunk } from '../../src/retrieval/types.js';
import { QUALITY_CORPUS } from '../../support/retrieval/quality-set.js';
import { lines } from './helpers.js';

const chunking = parseRetrievalConfig({}).chunking;
const ranges = (chunks: Chunk[]) => chunks.map((c) => [c.startLine, c.endLine]);

/** The property every chunker must keep: a chunk is exactly lines start..end of the file. */
function assertExact(path: string, text: string, chunks: Chunk[]): void {
  const fileLines = splitLines(text);
  for (const chunk of chunks) {
    assert.ok(chunk.startLine >= 1 && chunk.endLine <= fileLines.length && chunk.startLine <= chunk.endLine, `${chunk.id} in range`);
    assert.equal(chunk.text, fileLines.slice(chunk.startLine - 1, chunk.endLine).join('\n'), `${chunk.id} text is its lines`);
    assert.equal(chunk.contentHash, sha256(chunk.text));
    assert.equal(chunk.path, path);
  }
}

test('markdown splits at headings, keeps the heading path, and ignores # inside fences and front matter', () => {
  const text = lines(
    '---',
    'title: Guide',
    '# not a heading',
    '---', //            1-4 front matter
    'Intro paragraph.',
    '', //                                     5-6
    '# Guide',
    'Welcome.',
    '', //                                  7-9
    '## Install',
    '',
    '```sh',
    '# comment in a fence',
    'npm i',
    '```',
    '', // 10-16
    '## Usage', //                                                 17 (no body: only in children's path)
    '### Options',
    'Use `--fast`.',
    '', //                         18-20
    'Setext Title',
    '============',
    'Body under setext.', //       21-23
  );
  const chunks = chunkFile('docs/guide.md', text, chunking);
  assertExact('docs/guide.md', text, chunks);
  assert.deepEqual(ranges(chunks), [
    [1, 5],
    [7, 8],
    [10, 15],
    [18, 19],
    [21, 23],
  ]);
  assert.deepEqual(
    chunks.map((c) => c.heading),
    [[], ['Guide'], ['Guide', 'Install'], ['Guide', 'Usage', 'Options'], ['Setext Title']],
  );
  assert.ok(chunks.every((c) => c.kind === 'markdown'));
});

test('a long markdown section becomes overlapping windows that keep the heading path', () => {
  const body = Array.from({ length: 100 }, (_, i) => `line ${i + 1} of the section`);
  const text = lines('# Big', ...body);
  const chunks = chunkFile('big.md', text, { ...chunking, maxLines: 40, overlapLines: 5 });
  assertExact('big.md', text, chunks);
  assert.deepEqual(ranges(chunks), [
    [1, 40],
    [36, 75],
    [71, 101],
  ]);
  assert.ok(chunks.every((c) => c.heading[0] === 'Big'));
});

test('code splits at top-level declarations with their leading comments; tiny neighbours merge', () => {
  const text = lines(
    "import { x } from './x.js';", //             1
    '', //                                         2
    '/**',
    ' * Adds.',
    ' */', //                   3-5
    'export function add(a: number, b: number): number {',
    '  const sum = a + b;',
    '  // inner comment',
    '  return sum;',
    '}', // 6-10
    '', //                                         11
    '// A class.', //                              12
    'export class Counter {',
    '  private n = 0;',
    '  inc(): void {',
    '    this.n++;',
    '  }',
    '  get value(): number {',
    '    return this.n;',
    '  }',
    '}', // 13-21
    '', //                                         22
    'export const ONE = 1;', //                    23
    'export const TWO = 2;', //                    24
  );
  const chunks = chunkFile('src/math.ts', text, chunking);
  assertExact('src/math.ts', text, chunks);
  assert.deepEqual(ranges(chunks), [
    [1, 10],
    [12, 21],
    [23, 24],
  ]);
  assert.deepEqual(
    chunks.map((c) => c.heading),
    [['add'], ['Counter'], ['ONE', 'TWO']],
  );
  assert.ok(chunks.every((c) => c.kind === 'code'));
});

test('python declarations keep their decorators', () => {
  const text = lines(
    'import os',
    '',
    '',
    '@cache',
    'def load(path):',
    '    return open(path).read()',
    '    # more',
    '    # more',
    '',
    'class Store:',
    '    def get(self):',
    '        return 1',
    '    def put(self):',
    '        return 2',
  );
  const chunks = chunkFile('store.py', text, { ...chunking, minLines: 2 });
  assertExact('store.py', text, chunks);
  assert.deepEqual(ranges(chunks), [
    [1, 1],
    [4, 8],
    [10, 14],
  ]);
  assert.deepEqual(
    chunks.map((c) => c.heading),
    [[], ['load'], ['Store']],
  );
});

test('unknown formats use line windows with overlap; plain text uses paragraphs', () => {
  const json = lines(...Array.from({ length: 25 }, (_, i) => `"k${i}": ${i},`));
  const windows = chunkFile('data.json', json, { ...chunking, windowLines: 10, overlapLines: 3 });
  assertExact('data.json', json, windows);
  assert.deepEqual(ranges(windows), [
    [1, 10],
    [8, 17],
    [15, 24],
    [22, 25],
  ]);
  assert.deepEqual(windowRanges(1, 5, 10, 3), [[1, 5]]);

  const text = lines('First paragraph', 'continues here.', '', '', 'Second one.', '', 'Third.');
  const paragraphs = chunkFile('NOTES.txt', text, { ...chunking, windowLines: 4 });
  assertExact('NOTES.txt', text, paragraphs);
  assert.deepEqual(ranges(paragraphs), [
    [1, 2],
    [5, 7],
  ]);
  assert.ok(paragraphs.every((c) => c.kind === 'text'));
});

test('CRLF files, a missing final newline and empty files keep exact line numbers', () => {
  const crlf = '# A\r\ntext a\r\n\r\n# B\r\ntext b';
  const chunks = chunkFile('crlf.md', crlf, chunking);
  assert.deepEqual(ranges(chunks), [
    [1, 2],
    [4, 5],
  ]);
  assert.equal(chunks[1]?.text, '# B\ntext b');
  assert.deepEqual(chunkFile('empty.md', '', chunking), []);
  assert.deepEqual(chunkFile('blank.ts', '\n\n\n', chunking), []);
});

test('every fixture file chunks to exact line ranges', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const files = walk(QUALITY_CORPUS);
  assert.ok(files.length >= 10);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const chunks = chunkFile(file, text, chunking);
    assert.ok(chunks.length > 0, file);
    assertExact(file, text, chunks);
  }
});
