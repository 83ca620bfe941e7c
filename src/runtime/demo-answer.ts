// `crucible demo --answer <n|label>`: the human picks the demo judgment's
// option on the command line, and the headless run answers with it when the
// architect asks, so either branch of the demo can be seen without the TUI.
import type { Subscription } from '../bus/types.js';
import type { Script } from '../model/script.js';
import { usageError } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';

export interface DemoJudgment {
  question: string;
  options: string[];
}

/** The judgment the demo script's agents ask (its first ask_human call). */
export function demoJudgment(script: Script): DemoJudgment | undefined {
  const turnLists = [...Object.values(script.roles), ...Object.values(script.tasks).flatMap((byRole) => Object.values(byRole))];
  for (const turns of turnLists) {
    for (const turn of turns) {
      for (const call of [turn, ...(turn.alternatives ?? [])].flatMap((body) => body.tools ?? [])) {
        if (call.name !== 'ask_human') continue;
        const input = call.input ?? {};
        const options = Array.isArray(input['options'])
          ? input['options'].map((o: unknown) => (o && typeof o === 'object' && 'label' in o ? String(o.label) : String(o)))
          : [];
        return { question: String(input['question'] ?? ''), options };
      }
    }
  }
  return undefined;
}

/** `--answer 2` or `--answer "at exactly max characters"` -> the option's label; anything else is refused. */
export function resolveDemoAnswer(judgment: DemoJudgment | undefined, value: string): string {
  if (!judgment || judgment.options.length === 0)
    throw usageError('bad-flag', '--answer: the demo script asks no judgment with options', 'run the demo without --answer');
  const wanted = value.trim();
  const byNumber = /^\d+$/.test(wanted) ? judgment.options[Number(wanted) - 1] : undefined;
  const byLabel = judgment.options.find((label) => label.toLowerCase() === wanted.toLowerCase());
  const label = byNumber ?? byLabel;
  if (label !== undefined) return label;
  const choices = judgment.options.map((o, i) => `${i + 1}. ${o}`).join(', ');
  throw usageError(
    'bad-flag',
    `--answer: "${value}" is not an option of "${judgment.question}" (${choices})`,
    `pass --answer 1 to ${judgment.options.length}, or one of the labels in quotes`,
  );
}

/**
 * Answers every judgment as it is asked: with `answer` when it is one of the
 * judgment's options (the human chose it, on the command line), else with the
 * first option as `auto-answer`, so a headless run never waits.
 */
export function answerJudgmentsWith(ws: Workspace, answer: string): Subscription {
  return ws.bus.subscribe(
    async (event) => {
      if (event.type !== 'judgment.asked') return;
      const chosen = event.data.options.some((o) => o.label === answer);
      const label = chosen ? answer : (event.data.options[0]?.label ?? 'proceed');
      if (ws.store.view.get('judgments', event.data.id)?.status !== 'pending') return;
      await ws.store.append({
        type: 'judgment.answered',
        actor: chosen ? 'human' : 'auto-answer',
        data: { id: event.data.id, answer: label },
      });
    },
    { types: ['judgment.asked'] },
  );
}
