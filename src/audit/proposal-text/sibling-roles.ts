// The role two sibling values share, which names the helper's parameter that takes either (docs/audit-quality.md, tenth
// round): `stream` for `stdout` / `stderr`, never one side's own name. A parameter called `stdout` that carries `stderr`
// invites the wrong edit: a reader routes to it what must stay on the real `stdout`.

/** Families of names that are siblings of one kind, and the word for the kind. */
const FAMILIES: ReadonlyArray<readonly [readonly string[], string]> = [
  [['stdout', 'stderr', 'stdin'], 'stream'],
  [['next', 'previous', 'prev', 'forward', 'backward', 'up', 'down'], 'direction'],
  [['left', 'right', 'top', 'bottom', 'start', 'end'], 'side'],
  [['width', 'height'], 'dimension'],
  [['min', 'max'], 'bound'],
  [['first', 'last'], 'end'],
  [['x', 'y', 'z'], 'axis'],
  [['resolve', 'reject'], 'settle'],
  [['request', 'response', 'req', 'res'], 'message'],
  [['get', 'set', 'delete', 'has'], 'operation'],
];

/** The kind both names belong to, when they are siblings of one family (any case, `Stdout` too). */
export function siblingRole(a: string, b: string): string | undefined {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return FAMILIES.find(([members]) => x !== y && members.includes(x) && members.includes(y))?.[1];
}

/**
 * A parameter for two names that share no word and no family (`interceptable` / `listenable`): a plain role word, since
 * either side's own name would say the helper is about that side only. A function passed in is a `fn`.
 */
export const plainRole = (called: boolean | undefined): string => (called ? 'fn' : 'target');
