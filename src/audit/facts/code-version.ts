// What the audit's caches are keyed on besides the files: the code that made
// them. A hash of every module of the audit (src/audit or dist/audit, whichever
// runs) and the compiler's version, so a changed analyzer or proposal writer
// never serves results cached by the old one, with no number to bump by hand.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../shared/hash.js';
import { FACTS_VERSION } from './types.js';

let memo: string | undefined;

export function auditCodeVersion(): string {
  memo ??= computeVersion();
  return memo;
}

function computeVersion(): string {
  const auditDir = dirname(dirname(fileURLToPath(import.meta.url)));
  const parts: string[] = [String(FACTS_VERSION), compilerVersion()];
  for (const path of modulesUnder(auditDir)) parts.push(path.slice(auditDir.length), readFileSync(path, 'utf8'));
  return sha256(parts.join('\u0000')).slice(0, 32);
}

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return modulesUnder(path);
      return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    })
    .sort();
}

function compilerVersion(): string {
  try {
    // Read, not required: a require would put the compiler's package in the module cache, as if it were loaded.
    const manifest: unknown = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('typescript/package.json'), 'utf8'));
    return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
  } catch {
    return 'unknown';
  }
}
