// The project files an audit reads besides code: package.json (what a package
// publishes) and tsconfig.json (where the build puts its output, and whether
// imports used only as types survive compilation). They arrive in `files` like
// the code, so the analyzers that read them stay pure.
import { posix } from 'node:path';
import { parseJsonc } from './jsonc.js';
import type { SourceFile } from './types.js';

/** Globs that `runAudit` reads next to the code. */
export const MANIFEST_GLOBS = ['**/package.json', '**/tsconfig*.json'];

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A manifest's top-level object; tsconfig's comments and trailing commas allowed. Null when it does not parse. */
export function readJsonObject(file: SourceFile): JsonObject | null {
  const config = parseJsonc(file.content);
  return isJsonObject(config) ? config : null;
}

/** The compiler options that matter to the audit, as tree-relative paths. */
export interface TsSettings {
  rootDir?: string;
  outDir?: string;
  /** `verbatimModuleSyntax` or `preserveValueImports`: an import used only as a type is still emitted. */
  keepsValueImports: boolean;
}

const settingsCache = new WeakMap<readonly SourceFile[], Map<string, TsSettings | null>>();

/** The settings of the nearest tsconfig.json at or above `dir` (`''` is the root), following relative `extends` in the tree. */
export function tsSettingsFor(dir: string, files: readonly SourceFile[]): TsSettings | null {
  let byDir = settingsCache.get(files);
  if (!byDir) {
    const configs = new Map(files.filter((f) => /^tsconfig[\w.-]*\.json$/.test(posix.basename(f.path))).map((f) => [f.path, f] as const));
    const nearest = [...configs.keys()].filter((path) => posix.basename(path) === 'tsconfig.json');
    byDir = new Map(nearest.map((path) => [dirOf(path), readSettings(path, configs, 0)] as const));
    settingsCache.set(files, byDir);
  }
  for (let at = dir; ; at = dirOf(at)) {
    const found = byDir.get(at);
    if (found !== undefined) return found;
    if (at === '') return null;
  }
}

/** `a/b/c.ts` → `a/b`; a top-level path → `''`. */
export const dirOf = (path: string): string => {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
};

/** Joins tree-relative paths, `''` being the root; the result has no leading `./`. */
export const joinPath = (dir: string, path: string): string => {
  const joined = posix.normalize(posix.join(dir || '.', path)).replace(/\/$/, '');
  return joined === '.' ? '' : joined;
};

const MAX_EXTENDS = 5;

function readSettings(path: string, configs: ReadonlyMap<string, SourceFile>, depth: number): TsSettings | null {
  const file = configs.get(path);
  const json = file ? readJsonObject(file) : null;
  if (!json) return null;
  const base = depth < MAX_EXTENDS ? baseSettings(path, json.extends, configs, depth) : null;
  const options = isJsonObject(json.compilerOptions) ? json.compilerOptions : {};
  const dirOption = (key: string): string | undefined =>
    typeof options[key] === 'string' ? joinPath(dirOf(path), options[key]) : (base?.[key as 'rootDir' | 'outDir'] ?? undefined);
  const flag = (key: string): boolean | undefined => (typeof options[key] === 'boolean' ? options[key] : undefined);
  const keeps = flag('verbatimModuleSyntax') ?? flag('preserveValueImports');
  return {
    ...(dirOption('rootDir') !== undefined ? { rootDir: dirOption('rootDir') } : {}),
    ...(dirOption('outDir') !== undefined ? { outDir: dirOption('outDir') } : {}),
    keepsValueImports: keeps ?? base?.keepsValueImports ?? false,
  };
}

/** The settings of the first relative `extends` that names a tsconfig in the tree (package presets are not followed). */
function baseSettings(path: string, extended: unknown, configs: ReadonlyMap<string, SourceFile>, depth: number): TsSettings | null {
  const names = typeof extended === 'string' ? [extended] : Array.isArray(extended) ? extended : [];
  for (const name of names) {
    if (typeof name !== 'string' || !name.startsWith('.')) continue;
    const target = joinPath(dirOf(path), name.endsWith('.json') ? name : `${name}.json`);
    if (configs.has(target)) return readSettings(target, configs, depth + 1);
  }
  return null;
}
