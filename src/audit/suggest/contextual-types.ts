// A function written inline in an object literal or a call's arguments takes its parameters' types from where it is
// written (`createReconciler<…>({ removeChild(node, removeNode) {…} })`: the object `createReconciler` takes). Hoisted
// into a module-level function it loses them, and its untyped parameters turn into implicit `any`s: the maintainer
// writes the types out. Which parameters, and what typed them when the code says it plainly.
import ts from '../compiler.cjs';
import { isTypeScriptFile } from '../parse.js';

export interface ContextualTypes {
  /** The parameters written without a type or a default value. */
  untyped: string[];
  /** What gave them their types (`` the object `createReconciler` takes ``), when the code names it. */
  typedBy?: string;
  /** The parameter list with the types written out (`(node: DOMElement, removed: DOMElement | TextNode)`), when the code says them. */
  written?: string;
}

const MAX_CALLEE = 40;

const WRAPPERS = new Set([ts.SyntaxKind.ParenthesizedExpression, ts.SyntaxKind.NonNullExpression]);

function holderOf(node: ts.Node): ts.Node {
  let up = node.parent;
  while (WRAPPERS.has(up.kind)) up = up.parent;
  return up;
}

function calleeOf(call: ts.CallExpression | ts.NewExpression): string {
  const text = call.expression.getText().replace(/\s+/g, '');
  const last = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : text;
  return text.length <= MAX_CALLEE ? text : last;
}

/** What types `value` (an object literal, or a function passed to a call) from outside: a call, an annotation, an assertion. */
function contextOf(value: ts.Node, what: 'object' | 'function'): { text: string; type?: ts.TypeNode } | undefined {
  const up = holderOf(value);
  if ((ts.isCallExpression(up) || ts.isNewExpression(up)) && up.arguments?.some((a) => a === value))
    return { text: what === 'object' ? `the object \`${calleeOf(up)}\` takes` : `the parameter of \`${calleeOf(up)}\` it is passed to` };
  const annotated =
    ts.isSatisfiesExpression(up) || ts.isAsExpression(up)
      ? up.type
      : (ts.isVariableDeclaration(up) || ts.isPropertyDeclaration(up)) && up.initializer === value
        ? up.type
        : undefined;
  return annotated ? { text: `\`${annotated.getText()}\``, type: annotated } : undefined;
}

/** The members of a type written as a literal, or named by an interface or a type alias of the same file. */
function membersOf(type: ts.TypeNode): readonly ts.TypeElement[] {
  if (ts.isTypeLiteralNode(type)) return type.members;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeArguments) return [];
  const name = type.typeName.text;
  for (const s of type.getSourceFile().statements) {
    if (ts.isInterfaceDeclaration(s) && s.name.text === name && !s.typeParameters) return s.members;
    if (ts.isTypeAliasDeclaration(s) && s.name.text === name && !s.typeParameters)
      return ts.isTypeLiteralNode(s.type) ? s.type.members : [];
  }
  return [];
}

/** The parameter types the type declares for its member `key`, by position, when it declares every one. */
function declaredTypes(type: ts.TypeNode, key: string): string[] | undefined {
  const member = membersOf(type).find((m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === key);
  const signature =
    member && ts.isMethodSignature(member)
      ? member
      : member && ts.isPropertySignature(member) && member.type && ts.isFunctionTypeNode(member.type)
        ? member.type
        : undefined;
  const types = signature?.parameters.map((p) => p.type?.getText());
  return types?.every((t): t is string => t !== undefined) ? types : undefined;
}

/**
 * The untyped parameters of `fn` (stored under `member.key` in `member.literal`, or an argument of a call when there is
 * no `member`), with the types to write when the literal's declared type, in the same file, says them.
 */
export function contextualTypes(
  path: string,
  fn: ts.FunctionLikeDeclaration,
  member?: { literal: ts.ObjectLiteralExpression; key: string | undefined },
): ContextualTypes | undefined {
  if (!isTypeScriptFile(path)) return undefined;
  const own = fn.parameters.filter((p) => p.name.getText() !== 'this');
  const untyped = own.filter((p) => !p.type && !p.initializer).map((p) => p.name.getText());
  if (untyped.length === 0) return undefined;
  const context = member ? contextOf(member.literal, 'object') : contextOf(fn, 'function');
  const declared = context?.type && member?.key !== undefined ? declaredTypes(context.type, member.key) : undefined;
  const written =
    declared && declared.length >= own.length
      ? own.map((p, i) => (p.type ? p.getText() : `${p.name.getText()}: ${declared[i]}`))
      : undefined;
  return { untyped, ...(context ? { typedBy: context.text } : {}), ...(written ? { written: `(${written.join(', ')})` } : {}) };
}
