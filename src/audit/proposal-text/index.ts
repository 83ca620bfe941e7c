/** The words of each kind of proposal, chosen by the kind of refactor (see proposal-units.ts for how findings are grouped). */
import type { CodeIndex, ProposalWords, Refactor, RefactorKind } from './context.js';
import { describeDuplicate } from './duplicate.js';
import { describeFile } from './file.js';
import { describeFunction } from './function.js';
import { describeSharedFiles } from './shared-files.js';
import { describeUnused, describeUntested } from './modules.js';
import { describeAny, describeCycle, describeMarkers } from './notes.js';

const DESCRIBERS: Record<RefactorKind, (refactor: Refactor, index: CodeIndex) => ProposalWords> = {
  duplicate: describeDuplicate,
  'shared-files': describeSharedFiles,
  function: describeFunction,
  file: describeFile,
  cycle: describeCycle,
  untested: describeUntested,
  unused: describeUnused,
  any: describeAny,
  markers: describeMarkers,
};

export const describeRefactor = (refactor: Refactor, index: CodeIndex): ProposalWords => DESCRIBERS[refactor.kind](refactor, index);
export type { Change, CodeIndex, ProposalWords, Refactor, RefactorKind } from './context.js';
