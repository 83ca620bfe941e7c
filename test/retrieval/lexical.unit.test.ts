import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { denseRerank, reciprocalRankFusion } from '../../src/retrieval/ranking.js';
import { chunkTokens, headingWords, isInPageLinkItem, isTableOfContents, withoutNavigation } from '../../src/retrieval/lexical.js';
import { porterStem } from '../../src/retrieval/porter-stemmer.js';
import { queryTokens, splitIdentifier, stem, tokenize } from '../../src/retrieval/tokenize.js';
import type { Chunk } from '../../src/retrieval/types.js';

/** A Markdown chunk of `path` with this heading path and text. */
const markdownChunk = (path: string, heading: string[], text: string): Chunk => ({
  id: `${path}:1-2#0`,
  path,
  startLine: 1,
  endLine: 2,
  kind: 'markdown',
  heading,
  text,
  contentHash: '0',
});

test('identifiers split on camelCase, acronyms and snake_case; the joined form is kept', () => {
  assert.deepEqual(splitIdentifier('parseHTTPHeader_v2'), ['parse', 'HTTP', 'Header', 'v2']);
  assert.deepEqual(tokenize('hasMany max_file_bytes'), ['hasmani', 'mani', 'maxfilebyt', 'max', 'file', 'byte']);
  assert.deepEqual(tokenize('The index of THE Things'), ['index', 'thing']);
});

test('one-letter words are kept (short flags, parameters), but not lone digits, the s of "it\'s" or the t of "don\'t"', () => {
  assert.deepEqual(tokenize('git check-ignore -v'), ['git', 'check', 'ignor', 'v']);
  assert.deepEqual(tokenize('the k closest points in version 4.0.12'), ['k', 'closest', 'point', 'version', '12']);
  assert.deepEqual(tokenize("a component's output doesn't show"), ['compon', 'output', 'doesn', 'show']);
});

test('function words are stopwords, but negations and particles that carry meaning in technical text are kept', () => {
  assert.deepEqual(tokenize('run a hook before each command, between the retries'), ['run', 'hook', 'command', 'retri']);
  assert.deepEqual(tokenize('turn the colours off, not on: --no-color, onlyFiles'), [
    'turn',
    'colour',
    'off',
    'not',
    'no',
    'color',
    'onlyfil',
    'onli',
    'file',
  ]);
});

test('Porter stemming maps inflections of a word to one form', () => {
  const same = (...words: string[]) => assert.equal(new Set(words.map(stem)).size, 1, words.join(' '));
  same('retry', 'retries', 'retried');
  same('configure', 'configured', 'configuring');
  same('embedding', 'embeddings', 'embedded');
  same('cache', 'caches', 'cached', 'caching');
  same('stop', 'stopped', 'stopping');
  same('index', 'indexes');
  same('connect', 'connected', 'connecting', 'connection', 'connections');
  assert.equal(stem('v2'), 'v2');
  assert.equal(stem('utf8'), 'utf8', 'words with digits are kept whole');
});

test('the Porter stemmer gives the published outputs', () => {
  const published: Record<string, string> = {
    caresses: 'caress',
    ponies: 'poni',
    agreed: 'agre',
    plastered: 'plaster',
    motoring: 'motor',
    hopping: 'hop',
    falling: 'fall',
    filing: 'file',
    happy: 'happi',
    relational: 'relat',
    conditional: 'condit',
    generalization: 'gener',
    goodness: 'good',
    adjustment: 'adjust',
    adoption: 'adopt',
    controll: 'control',
    rate: 'rate',
    cease: 'ceas',
  };
  for (const [word, expected] of Object.entries(published)) assert.equal(porterStem(word), expected, word);
});

test('a query looks up an identifier the index knows whole, and an unknown one by its parts too', () => {
  const known = new Set(['typescript']);
  assert.deepEqual(
    queryTokens('TypeScript errors', (t) => known.has(t)),
    ['typescript', 'error'],
  );
  assert.deepEqual(
    queryTokens('hasMany', () => false),
    ['hasmani', 'mani'],
  );
  assert.deepEqual(
    queryTokens('how do I get the colours', () => false),
    ['colour'],
    'question filler words are stopwords',
  );
});

test('a chunk is indexed as its path, its heading path counted headingWeight times, then its lines', () => {
  const chunk = markdownChunk('a.md', ['Retries'], 'Backoff grows.');
  assert.deepEqual(chunkTokens(chunk, 2), ['md', 'retri', 'retri', 'backoff', 'grow']);
  assert.deepEqual(chunkTokens(chunk, 0), ['md', 'backoff', 'grow']);
});

test('a heading is indexed by its words: link text stays, link and badge URLs and HTML attributes do not', () => {
  const words = (title: string) => tokenize(headingWords(title));
  assert.deepEqual(
    words('YAML <a href="https://www.npmjs.com/package/yaml"><img src="https://badge.fury.io/js/yaml.svg" title="npm package" /></a>'),
    ['yaml'],
  );
  assert.deepEqual(words('[.makeRe](index.js#L392)'), ['maker', 're']);
  assert.deepEqual(words('lib [![NPM version](https://img.shields.io/npm/v/lib.svg?style=flat)](https://www.npmjs.com/package/lib)'), [
    'lib',
    'npm',
    'version',
  ]);
  assert.deepEqual(words('`<Text>`'), ['text'], 'a component name is not an HTML tag');
  assert.deepEqual(words('.add(patterns: Array<string | PatternParams>): this'), [
    'add',
    'pattern',
    'arrai',
    'string',
    'patternparam',
    'pattern',
    'param',
  ]);
  const chunk = markdownChunk(
    'y.md',
    ['YAML <a href="https://www.npmjs.com/package/yaml">npm</a>', '[Usage](https://example.com/usage)'],
    'Parse it.',
  );
  assert.deepEqual(chunkTokens(chunk, 1), ['y', 'md', 'yaml', 'npm', 'usag', 'pars']);
});

test('in-page link items (a table of contents) are not indexed; other links and prose are', () => {
  assert.ok(isInPageLinkItem('- [Options](#options)'));
  assert.ok(isInPageLinkItem('    * [Common option types](#common-option-types)'));
  assert.ok(isInPageLinkItem('1. [Install](#install)'));
  assert.ok(!isInPageLinkItem('- [glob-gitignore](https://www.npmjs.com/package/glob-gitignore) matches files'), 'an external link');
  assert.ok(!isInPageLinkItem('- [Options](#options) take a value'), 'a link followed by text is prose');
  assert.ok(!isInPageLinkItem('See [Options](#options).'), 'not a list item');
  assert.equal(withoutNavigation('Intro\n- [Usage](#usage)\n  - [API](#api)\nEnd'), 'Intro\nEnd');
  const toc = markdownChunk('a.md', ['Guide'], '- [Retries](#retries)\nBackoff');
  assert.deepEqual(chunkTokens(toc, 1), ['md', 'guid', 'backoff']);
});

test('a section titled as a table of contents is indexed by its heading only, whatever its items are', () => {
  for (const title of ['Contents', 'Table of Contents', 'Table Of Main Contents', 'TOC'])
    assert.ok(isTableOfContents(['lib', title]), title);
  for (const title of ['Contents of a record', 'Reading the contents', 'Usage']) assert.ok(!isTableOfContents(['lib', title]), title);
  assert.ok(!isTableOfContents([]));
  const toc = markdownChunk(
    'a.md',
    ['ignore', 'Table Of Main Contents'],
    '## Table Of Main Contents\n- [Usage](#usage)\n- [glob-gitignore](https://www.npmjs.com/package/glob-gitignore) filters files by gitignore rules',
  );
  assert.deepEqual(chunkTokens(toc, 1), ['md', 'ignor', 'tabl', 'main', 'content']);
});

test('BM25 ranks by term rarity and frequency, and forgets removed documents', () => {
  const bm25 = new Bm25Index({ k1: 1.2, b: 0.75 });
  bm25.add('retry', tokenize('Retries use exponential backoff with jitter. Retry delays are capped.'));
  bm25.add('lease', tokenize('Workers renew the lease with a heartbeat while the job runs.'));
  bm25.add('both', tokenize('A lost lease makes the job retry.'));
  assert.deepEqual(
    bm25.search(tokenize('retry backoff'), 10).map((h) => h.id),
    ['retry', 'both'],
  );
  assert.deepEqual(
    bm25.search(tokenize('heartbeat'), 10).map((h) => h.id),
    ['lease'],
  );
  assert.deepEqual(bm25.search(tokenize('quantum'), 10), []);
  bm25.remove('retry');
  assert.equal(bm25.size, 2);
  assert.deepEqual(
    bm25.search(tokenize('retry backoff'), 10).map((h) => h.id),
    ['both'],
  );
  bm25.add('both', tokenize('replaced text about queues'));
  assert.deepEqual(bm25.search(tokenize('retry'), 10), []);
});

test('weighted RRF adds w/(k+rank) from each list', () => {
  const fused = reciprocalRankFusion(
    [
      { id: 'a', score: 9 },
      { id: 'b', score: 5 },
    ],
    [
      { id: 'b', score: 0.9 },
      { id: 'c', score: 0.8 },
    ],
    { k: 60, lexicalWeight: 1, denseWeight: 0.5 },
  );
  assert.deepEqual(
    fused.map((f) => f.id),
    ['b', 'a', 'c'],
  );
  assert.ok(Math.abs((fused[0]?.score ?? 0) - (1 / 62 + 0.5 / 61)) < 1e-12);
  assert.deepEqual(
    fused.map((f) => [f.lexicalRank, f.denseRank]),
    [
      [2, 1],
      [1, null],
      [null, 2],
    ],
  );
});

test('dense re-ranking only reorders lexical candidates', () => {
  const lexical = [
    { id: 'a', score: 10 },
    { id: 'b', score: 9 },
    { id: 'c', score: 2 },
  ];
  const cos: Record<string, number> = { a: 0.1, b: 0.9, c: 1, z: 1 };
  const fused = denseRerank(lexical, (id) => cos[id], 0.4);
  assert.deepEqual(
    fused.map((f) => f.id),
    ['b', 'a', 'c'],
  );
  assert.ok(Math.abs((fused[0]?.score ?? 0) - (0.6 * 0.9 + 0.4 * 0.9)) < 1e-12);
  assert.deepEqual(
    denseRerank(lexical, () => undefined, 0.4).map((f) => f.id),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    denseRerank([], () => 1, 0.4),
    [],
  );
});
