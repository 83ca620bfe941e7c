// Asks the human a yes/no question on the terminal before something that cannot be undone from
// the CLI; without a terminal (a script, a pipe), refuses unless `--yes` said it already.
import { createInterface } from 'node:readline/promises';
import { usageError } from '../shared/errors.js';

export async function confirmOrRefuse(question: string, yes: boolean | undefined, what: string): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw usageError('needs-confirmation', `${what} needs a confirmation and there is no terminal to ask on`, 'pass --yes to confirm it');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw usageError('not-confirmed', `${what}: not confirmed; nothing was changed`);
  } finally {
    rl.close();
  }
}
