// Twin branches that swap one word (`props` / `items`) are written once by taking the word as a key, unless the members
// the word selects have different types: then `it[key]` is a correlated union TypeScript cannot follow (Ajv's
// `it.props` is `EvaluatedProperties | Name`, `it.items` is `EvaluatedItems | Name`), and the shape that compiles is a
// generic helper taking the values that differ. The type checker, run on the twins' module and what it imports from the
// tree (no lib, no packages: a member whose type it cannot tell counts as not known), tells the two apart. It reuses the
// audit's parses, so what it costs is binding and checking the modules the twins' module imports, once per proposal.
import ts from '../compiler.cjs';
import { parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { wordsOf } from './words.js';

/** One expression of the first twin that the swapped word selects, with its counterpart in the second. */
export interface SwappedMember {
  /** `it.props` / `it.items`. */
  a: string;
  b: string;
  /** How the branch uses it: called (`mergeEvaluated.props(…)`), assigned (`it.props = …`), or read. */
  use: 'called' | 'assigned' | 'read';
  /** The two declared types, when the checker knows them. */
  typeA?: string;
  typeB?: string;
  /** True when both types are known and neither is assignable to the other. */
  differ: boolean;
  /** The union members (or whole types) that differ: what a type parameter of the helper stands for. */
  varies?: [string, string];
  /** Read through a receiver that may be undefined (`schEvaluated.props`, `schEvaluated` being optional): passed as `?.`. */
  optional?: boolean;
  /**
   * The declared type of the parameter it is passed as, when it is an argument of a member the word selects whose type is
   * generic over one type parameter (`it.props` as `to: Name | Exclude<T, true> | undefined` of `MergeEvaluatedFunc<T>`),
   * written with that parameter as `T`: the type the guard leaves it, which its declared type is not.
   */
  passedAs?: string;
  /** Its type is an alias its module does not export (Ajv's `MergeEvaluatedFunc<T>`): the alias written out, over `T`. */
  unexported?: string;
}

const ROOT = '/tree/';
const OPTIONS: ts.CompilerOptions = {
  noLib: true,
  types: [],
  allowJs: true,
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.Latest,
};

/** A program over the tree's files, rooted at `path`. The program renames the parses it is given (`/tree/…`): no analyzer reads that name. */
function programFor(path: string, lookup: (path: string) => SourceFile | undefined): ts.Program {
  const inTree = (name: string): SourceFile | undefined => (name.startsWith(ROOT) ? lookup(name.slice(ROOT.length)) : undefined);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => {
      const file = inTree(name);
      return file ? parse(file) : undefined;
    },
    getDefaultLibFileName: () => `${ROOT}lib.d.ts`,
    writeFile: () => undefined,
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => inTree(name) !== undefined,
    readFile: (name) => inTree(name)?.content,
    directoryExists: (name) => name.startsWith(ROOT),
  };
  return ts.createProgram([ROOT + path], OPTIONS, host);
}

/** Member accesses, identifiers and strings of a statement that hold the word, in source order. */
function holders(node: ts.Node, word: string): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) && wordsOf(n.name.text).includes(word)) found.push(n);
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

const statementAt = (sf: ts.SourceFile, range: Location): ts.Statement | undefined => {
  let found: ts.Statement | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const end = sf.getLineAndCharacterOfPosition(n.getEnd()).line + 1;
    if (ts.isStatement(n) && !ts.isBlock(n) && line === range.startLine && end === range.endLine) found = n;
    else if (line <= range.endLine && end >= range.startLine) ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
};

function useOf(n: ts.Node): SwappedMember['use'] {
  const parent = n.parent;
  if (ts.isCallExpression(parent) && parent.expression === n) return 'called';
  if (ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return 'assigned';
  return 'read';
}

/** The declared type of a member (not narrowed at the place it is read), or undefined when the checker cannot tell. */
function declaredType(checker: ts.TypeChecker, n: ts.PropertyAccessExpression): ts.Type | undefined {
  const symbol = checker.getSymbolAtLocation(n.name);
  if (!symbol) return undefined;
  const type = checker.getTypeOfSymbol(symbol);
  return type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) ? undefined : type;
}

/** Top-level union members of a type as the checker writes it (`EvaluatedProperties | Name | undefined`). */
/** The receiver's declared type (not narrowed by a guard) holds `undefined`. */
function optionalReceiver(checker: ts.TypeChecker, n: ts.PropertyAccessExpression): boolean {
  const symbol = ts.isIdentifier(n.expression) ? checker.getSymbolAtLocation(n.expression) : undefined;
  const type = symbol && checker.getTypeOfSymbol(symbol);
  return !!type && membersOfType(type).some((t) => (t.flags & ts.TypeFlags.Undefined) !== 0);
}

const membersOfType = (t: ts.Type): ts.Type[] => (t.isUnion() ? t.types : [t]);

/** See SwappedMember.passedAs. */
function passedAs(checker: ts.TypeChecker, n: ts.Node, callees: readonly ts.Node[]): string | undefined {
  const call = n.parent;
  if (!ts.isCallExpression(call) || !callees.includes(call.expression)) return undefined;
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  const parameter = declaration?.parameters[call.arguments.indexOf(n as ts.Expression)];
  const owner = declaration?.parent;
  if (!parameter?.type || !owner || !ts.isTypeAliasDeclaration(owner) || owner.typeParameters?.length !== 1) return undefined;
  const own = owner.typeParameters[0]?.name.text ?? '';
  return parameter.type.getText(parameter.getSourceFile()).replace(new RegExp(`\\b${own}\\b`, 'g'), 'T');
}

/** See SwappedMember.unexported. */
function unexportedAlias(type: ts.Type | undefined): string | undefined {
  const declaration = type?.aliasSymbol?.declarations?.[0];
  if (!declaration || !ts.isTypeAliasDeclaration(declaration) || declaration.typeParameters?.length !== 1) return undefined;
  if (declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  const own = declaration.typeParameters[0]?.name.text ?? '';
  const text = declaration.type.getText(declaration.getSourceFile()).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')');
  return text.replace(new RegExp(`\\b${own}\\b`, 'g'), 'T');
}

const membersOf = (text: string): string[] => text.split(' | ');

/** What tells the two types apart: the union members only one has (`EvaluatedProperties` / `EvaluatedItems`). */
function varying(a: string, b: string): [string, string] {
  const [ma, mb] = [membersOf(a), membersOf(b)];
  const [onlyA, onlyB] = [ma.filter((m) => !mb.includes(m)), mb.filter((m) => !ma.includes(m))];
  return onlyA.length === 1 && onlyB.length === 1 ? [onlyA[0] as string, onlyB[0] as string] : [a, b];
}

function pairOf(checker: ts.TypeChecker, a: ts.PropertyAccessExpression, b: ts.PropertyAccessExpression, passed?: string): SwappedMember {
  const [typeA, typeB] = [declaredType(checker, a), declaredType(checker, b)];
  const use = useOf(a);
  const differ = !!typeA && !!typeB && !checker.isTypeAssignableTo(typeA, typeB) && !checker.isTypeAssignableTo(typeB, typeA);
  const [shownA, shownB] = [typeA && checker.typeToString(typeA), typeB && checker.typeToString(typeB)];
  const unexported = use === 'called' ? unexportedAlias(typeA) : undefined;
  return {
    a: a.getText(),
    b: b.getText(),
    use,
    ...(shownA ? { typeA: shownA } : {}),
    ...(shownB ? { typeB: shownB } : {}),
    differ,
    ...(differ && shownA && shownB ? { varies: varying(shownA, shownB) } : {}),
    ...(optionalReceiver(checker, a) ? { optional: true } : {}),
    ...(passed ? { passedAs: passed } : {}),
    ...(unexported ? { unexported } : {}),
  };
}

/**
 * The members the swapped word selects in each twin (`it.props` / `it.items`, `mergeEvaluated.props` / `…items`,
 * `schEvaluated.dynamicProps` / `…Items`), paired in source order, with their declared types. Empty when the two twins
 * do not hold the same number of such members.
 */
export function swappedMembers(
  path: string,
  twins: { first: Location; second: Location; key: [string, string] },
  lookup: (path: string) => SourceFile | undefined,
): SwappedMember[] {
  const program = programFor(path, lookup);
  const sf = program.getSourceFile(ROOT + path);
  if (!sf) return [];
  const [first, second] = [statementAt(sf, twins.first), statementAt(sf, twins.second)];
  if (!first || !second) return [];
  const [inA, inB] = [holders(first, twins.key[0]), holders(second, twins.key[1])] as [
    ts.PropertyAccessExpression[],
    ts.PropertyAccessExpression[],
  ];
  if (inA.length !== inB.length) return [];
  const checker = program.getTypeChecker();
  const callees = inA.filter((a) => useOf(a) === 'called');
  const members: SwappedMember[] = [];
  inA.forEach((a, i) => {
    const known = members.find((m) => m.a === a.getText(sf));
    const passed = passedAs(checker, a, callees);
    if (!known) members.push(pairOf(checker, a, inB[i] as ts.PropertyAccessExpression, passed));
    else {
      // `it.props` read in the guard and assigned in the branch: what matters is that the branch writes it, or calls it.
      if (passed) known.passedAs = passed;
      const use = useOf(a);
      if (use !== 'read') known.use = use;
    }
  });
  return members;
}
