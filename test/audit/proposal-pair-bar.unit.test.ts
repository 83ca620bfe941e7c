// Two copies past the rule of three that still read better as two (docs/audit-quality/verdicts-10.md and verdicts-11.md,
// "What would turn each M/N into a U"): a helper taking a method's or property's name as a string, a subscribe/unsubscribe
// effect, a helper generic over a type no argument carries. Each stays a finding; the shape beside it is proposed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoredProposals, type Finding, type SourceFile } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';
import { focusMover, mobxRegister } from './fixture-code.js';

const scored = (findings: Finding[], files: SourceFile[]) => {
  const [proposal] = scoredProposals(findings, files);
  assert.ok(proposal, 'a proposal');
  return proposal;
};

test("two short copies calling other methods (`find` / `findLast`) stay a finding: the helper would take the method's name as a string", () => {
  // Ink's `focusNext` / `focusPrevious`, 11 lines each.
  const state = '  const [, setFocusables] = useState([]);\n  const [, setActive] = useState();\n';
  const movers = ['find', 'findLast'].map((pick, i) =>
    focusMover(i === 0 ? 'next' : 'previous', i === 0 ? 'findNext' : 'findPrevious', pick),
  );
  const pair = { path: 'src/App.tsx', content: `export function App() {\n${state}${movers.join('')}}\n` };
  const found = scored(copiesAt('fm', ['src/App.tsx', 4, 14], ['src/App.tsx', 15, 25]), [pair]);
  assert.match(
    found.belowBar ?? '',
    /^two 11-line copies that call other methods \(`find` \/ `findLast`\): the helper would take the name as a string \(`current\[method\]\(…\)`\)/,
    found.belowBar,
  );
  // Three copies share a helper: the rule is for pairs.
  const third = focusMover('last', 'findLastOne', 'findLastIndex');
  const three = { path: 'src/App.tsx', content: `export function App() {\n${state}${movers.join('')}${third}}\n` };
  const trio = scored(copiesAt('f3', ['src/App.tsx', 4, 14], ['src/App.tsx', 15, 25], ['src/App.tsx', 26, 36]), [three]);
  assert.doesNotMatch(trio.belowBar ?? '', /as a string/, trio.belowBar);
});

test('two short copies writing other properties (`interceptors_` / `changeListeners_`) stay a finding: a string key escapes renames and mangling', () => {
  const files = [
    { path: 'src/types/intercept-utils.ts', content: mobxRegister('registerInterceptor', 'interceptable', 'interceptors_') },
    { path: 'src/types/listen-utils.ts', content: mobxRegister('registerListener', 'listenable', 'changeListeners_') },
  ];
  const ranges: Array<[string, number, number]> = files.map((f) => [f.path, 2, 14]);
  const written = scored(copiesAt('rg', ...ranges), files).belowBar ?? '';
  const reason = /^two 13-line copies that write other properties \(`interceptors_` \/ `changeListeners_`\): .*`target\[key\]`.*mangling/;
  assert.match(written, reason, written);
  // The same copies reading the property, not writing it: the helper takes the value, and the pair is proposed.
  const read = files.map((f) => ({ ...f, content: f.content.replace(/list = (\w+)\.\w+ = \[handler\]/, 'list = [handler]') }));
  const reading = scored(copiesAt('rd', ...ranges), read);
  assert.equal(reading.belowBar, undefined, reading.belowBar);
});

// Ink's `useInput` / `usePaste`: the effect subscribing to the stdin emitter, 11 lines.
const subscriber = (hook: string, event: string, handle: string) => `export function ${hook}(handler: Handler, options: Options = {}) {
  const { internal_eventEmitter } = useStdinContext();
  const ${handle} = useEffectEvent((data: string) => handler(data));
  useEffect(() => {
    if (options.isActive === false) {
      return;
    }

    internal_eventEmitter.on('${event}', ${handle});

    return () => {
      internal_eventEmitter.removeListener('${event}', ${handle});
    };
  }, [options.isActive, internal_eventEmitter]);
}
`;

test('two short effects that subscribe and return the cleanup that unsubscribes stay a finding; three share a hook', () => {
  const hook = (file: string, name: string, event: string, handle: string) => ({
    path: `src/hooks/${file}.ts`,
    content: subscriber(name, event, handle),
  });
  const hooks = [
    hook('use-input', 'useInput', 'input', 'handleData'),
    hook('use-paste', 'usePaste', 'paste', 'handlePaste'),
    hook('use-focus', 'useFocusEvent', 'focus', 'handleFocus'),
  ];
  const at = (i: number): [string, number, number] => [`src/hooks/${['use-input', 'use-paste', 'use-focus'][i]}.ts`, 4, 14];
  const pair = scored(copiesAt('fx', at(0), at(1)), hooks.slice(0, 2));
  assert.match(pair.belowBar ?? '', /^two 11-line effects that subscribe and return the cleanup that unsubscribes/, pair.belowBar);
  const three = scored(copiesAt('f3', at(0), at(1), at(2)), hooks);
  assert.equal(three.belowBar, undefined, three.belowBar);
  // `on` returns the emitter, not a cleanup: an effect returning it leaks the listener, a bug, not the idiom.
  const leaking = hooks.map((h) => ({
    ...h,
    content: h.content.replace(/return \(\) => \{\n.*\n    \};/, "return internal_eventEmitter.on('x', h);"),
  }));
  assert.doesNotMatch(scored(copiesAt('fl', at(0), at(1)), leaking.slice(0, 2)).belowBar ?? '', /subscribe and return the cleanup/);
});

// tRPC's `jsonlStreamConsumer`: one read of a chunk, cast to each branch's chunk type.
const reader = (fn: string, type: string, readerType = 'Reader') => `export async function ${fn}(reader: ${readerType}) {
  const { done, value } = await reader.read();

  if (done) {
    throw new Error('Stream closed unexpectedly');
  }

  const [_chunkId, status, data] = value as ${type};
  log(status, data);
  return data;
}
`;

test('two short copies that differ only in the type they cast to stay a finding, unless an argument carries the type', () => {
  const content = (readers: [string, string]) =>
    `${reader('readPromise', 'PromiseChunk', readers[0])}${reader('readIterable', 'IterableChunk', readers[1])}`;
  const found = (readers: [string, string]) =>
    scored(copiesAt('rc', ['src/stream/jsonl.ts', 2, 8], ['src/stream/jsonl.ts', 13, 19]), [
      { path: 'src/stream/jsonl.ts', content: content(readers) },
    ]);
  const cast = found(['Reader', 'Reader']);
  assert.match(
    cast.belowBar ?? '',
    /^two 7-line copies that differ only in the types they cast to \(`PromiseChunk` \/ `IterableChunk`\), which no argument carries/,
    cast.belowBar,
  );
  // `reader` typed with each chunk type: a type parameter inferred from it keeps each caller's type.
  const carried = found(['Reader<PromiseChunk>', 'Reader<IterableChunk>']);
  assert.doesNotMatch(carried.belowBar ?? '', /no argument carries/, carried.belowBar);
});
