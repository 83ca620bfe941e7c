// The TypeScript compiler, for the audit's modules: `import ts from './compiler.cjs'`, never from 'typescript'.
// An ES module importing the compiler directly makes Node scan its 9 MB of CommonJS for named exports, which
// costs several times the load itself (see compilerRequireMs and compilerImportMs in `npm run bench -- audit`).
// Loaded through this CommonJS module it is a plain `require`, and the scan reads these few lines instead.
import ts = require('typescript');
export = ts;
