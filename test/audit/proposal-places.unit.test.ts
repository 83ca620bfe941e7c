// The ninth round's asks on what a duplicate proposal calls its places (docs/audit-quality.md, "Ninth round"): a function a
// wrapper call hands to a variable is named after the variable; long nested holders leave the title short and go in full
// into the fix; "method" only for copies that all sit in one class's members; three copies over two files go where both
// can import them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listFunctions } from '../../src/audit/functions.js';
import { focusMover } from './fixture-code.js';
import { copiesAt, firstDraft } from '../../support/audit/helpers.js';

test('a function handed to a wrapper whose result a variable holds is named after the variable, not the wrapper', () => {
  const content = `export function App() {
  const focusNext = useCallback(() => {
    step(1);
  }, []);
  const Box = memo(forwardRef((props) => {
    return props;
  }));
  const off = store.subscribe(() => {
    step(2);
  });
  const timer = setTimeout(() => {
    step(3);
  }, 10);
  useEffect(() => {
    step(4);
  });
}
`;
  const names = listFunctions({ path: 'src/App.tsx', content }).map((f) => f.name);
  assert.deepEqual(names, [
    'App',
    'App.focusNext',
    'App.Box',
    'App.store.subscribe callback',
    'App.setTimeout callback',
    'App.useEffect callback',
  ]);
});

test("an object literal's functions are named through what holds the object, so two objects' `parse` are two names", () => {
  const content = `const jsonHandler = {
  parse(req: Request) {
    return req;
  },
};
export const handlers = [jsonHandler, { parse: (req: Request) => req }];
`;
  const names = listFunctions({ path: 'src/content.ts', content }).map((f) => f.name);
  assert.deepEqual(names, ['jsonHandler.parse', 'parse']);
});

test("copies in a component's callbacks: named after their variables, and the helper is a function, not a method", () => {
  const content = `export function App() {\n${focusMover('next', 'findNext', 'find', 'wrap')}${focusMover('previous', 'findPrevious', 'findLast', 'wrap')}}\n`;
  const files = [{ path: 'src/App.tsx', content }];
  const draft = firstDraft(copiesAt('fm', ['src/App.tsx', 2, 12], ['src/App.tsx', 13, 23]), files);
  assert.match(draft.title, /copies in `App\.next` and `App\.previous`/, draft.title);
  assert.doesNotMatch(draft.fix ?? '', /Extract one method/, draft.fix);
  assert.match(draft.fix ?? '', /one module-private function taking/, draft.fix);
});

const reporter = (outer: string) => `export function ${outer}(client: Client) {
  return () => {
    client.on('message', (raw) => {
      respondOrReport(() => {
        const shape = format(raw);
        if (shape.code === 'x') {
          client.send(shape);
        }
        client.close();
        log(shape);
      });
    });
  };
}
`;

test('copies deep in anonymous callbacks leave the title to the file, and the fix names every place in full', () => {
  const content = `${reporter('handlerA')}${reporter('handlerB')}${reporter('handlerC')}`;
  const files = [{ path: 'src/ws.ts', content }];
  const draft = firstDraft(copiesAt('ws', ['src/ws.ts', 5, 10], ['src/ws.ts', 19, 24], ['src/ws.ts', 33, 38]), files);
  // Each copy's innermost named function, when it has one of its own.
  assert.match(draft.title, /^Merge the 3 copies in `handlerA`, `handlerB` and `handlerC` into/, draft.title);
  // One copy in a named inner function, two in anonymous callbacks of the function holding it: the file names them.
  const block = (indent: string) =>
    [
      'respondOrReport(() => {',
      '  const shape = format(raw);',
      "  if (shape.code === 'x') {",
      '    client.send(shape);',
      '  }',
      '  client.close();',
      '  log(shape);',
      '});',
    ]
      .map((line) => indent + line)
      .join('\n');
  const one = [
    'export function handler(client: Client, raw: string) {',
    '  return () => {',
    '    const createCtx = async () => {',
    block('      '),
    '    };',
    "    client.on('message', () => {",
    block('      '),
    '      run(() => {',
    block('        '),
    '      });',
    '    });',
    '    return createCtx;',
    '  };',
    '}',
    '',
  ].join('\n');
  const starts = one.split('\n').flatMap((l, i) => (l.includes('const shape') ? [i + 1] : []));
  const deep = firstDraft(copiesAt('deep', ...starts.map((s): [string, number, number] => ['src/one.ts', s, s + 5])), [
    { path: 'src/one.ts', content: one },
  ]);
  assert.match(deep.title, /^Merge the 3 copies in src\/one\.ts into/, deep.title);
  assert.match(deep.fix ?? '', /src\/one\.ts:\d+-\d+ in `handler\.returned function\.createCtx\.respondOrReport callback`/, deep.fix);
});

const notifier = (cls: string, method: string) => `export class ${cls} {
  ${method}(value: unknown) {
    const notify = hasListeners(this);
    const change = { type: 'add', object: this, newValue: value };
    if (notify) {
      spyStart(change);
      notifyListeners(this, change);
      spyEnd();
    }
    return notify;
  }
}
`;

test('three copies over two classes in two files: one function where both files can import it, not a method', () => {
  const files = [
    {
      path: 'src/types/object.ts',
      content: notifier('ObjectAdm', 'add') + notifier('ObjectAdm2', 'remove').replace('export class', 'class'),
    },
    { path: 'src/types/set.ts', content: notifier('ObservableSet', 'add') },
  ];
  const draft = firstDraft(
    copiesAt('nt', ['src/types/object.ts', 5, 9], ['src/types/object.ts', 17, 21], ['src/types/set.ts', 5, 9]),
    files,
  );
  assert.match(draft.fix ?? '', /one function taking `\([^)]*\)` in src\/types\/ \(a module they all can import\)/, draft.fix);
  assert.doesNotMatch(draft.fix ?? '', /method|in src\/types\/object\.ts,/, draft.fix);
  // Copies in two methods of one class share a method.
  const [head, ...rest] = notifier('ObjectAdm', 'add').split('\n');
  const twice = [head, ...rest.slice(0, -3), ...notifier('ObjectAdm', 'remove').split('\n').slice(1)].join('\n');
  const method = firstDraft(copiesAt('nm', ['src/types/object.ts', 5, 9], ['src/types/object.ts', 15, 19]), [
    { path: 'src/types/object.ts', content: twice },
  ]);
  assert.match(method.fix ?? '', /one method taking/, method.fix);
});

test('copies that call a closure of their enclosing function get a helper beside it there, not at module level', () => {
  const reply = (n: number) => `      respond(() => ({
        id: ${n === 1 ? 'null' : 'null'},
        error: shape({ error, type: 'unknown', path: undefined, input: undefined }),
        kind: 'failure',
        at: Date.now(),
      }));`;
  const content = `export function handler(shape: (o: object) => object) {
  return (client: Client) => {
    const respond = (make: () => object) => client.send(make());
    client.on('open', (error: unknown) => {
${reply(1)}
      log('open');
    });
    client.on('message', (error: unknown) => {
${reply(2)}
      log('message');
    });
  };
}
`;
  const draft = firstDraft(copiesAt('cl', ['src/ws.ts', 5, 10], ['src/ws.ts', 14, 19]), [{ path: 'src/ws.ts', content }]);
  assert.match(
    draft.fix ?? '',
    /inside `handler`'s returned function, beside `respond` \(declared there, and the copies call it\)/,
    draft.fix,
  );
  assert.doesNotMatch(draft.fix ?? '', /module-private/, draft.fix);
});

test("copies inside one function get a local helper that reads that function's values, not parameters for them", () => {
  const step = (name: string, pick: string) => `  const ${name} = () => {
    try {
      const found = items.${pick}((item) => item.active);
      setActive(found?.id ?? fallback);
      report(found, limit, 'move');
      log.push({ found, limit, when: Date.now() });
    } catch (error) {
      fail(error, limit);
    }
  };
`;
  const content = `export function Menu(items: Item[], limit: number) {
  const [active, setActive] = useState(0);
  const fallback = items.length > 0 ? 0 : -1;
${step('next', 'find')}${step('previous', 'findLast')}  return { next, previous, active };
}
`;
  const draft = firstDraft(copiesAt('ls', ['src/menu.ts', 5, 13], ['src/menu.ts', 16, 24]), [{ path: 'src/menu.ts', content }]);
  const fix = draft.fix ?? '';
  assert.match(fix, /inside `Menu` \(it reads `[^)]*from there, not as parameters\)/, fix);
  for (const inScope of ['setActive', 'fallback', 'limit'])
    assert.doesNotMatch(fix.split('\n')[1] ?? '', new RegExp(`taking \`\\([^)]*\\b${inScope}\\b`), fix);
  assert.doesNotMatch(fix, /module-private/, fix);
});
