// Carries out what the reducer asked for, through the same operations and
// machine events the headless CLI uses (so the same validation and the same
// refusals), and reports back as actions.
import {
  addRequirementOp,
  answerJudgmentOp,
  decideProposalOp,
  sendMessageOp,
  taskDiffOp,
  type OperationCaller,
} from '../../app/operations/index.js';
import { usageSamplesOp } from '../../mcp/operations-reads.js';
import type { Runtime } from '../../runtime/runtime.js';
import { searchRecord } from '../state/record-search.js';
import type { Effect, SearchHit } from '../state/types.js';
import type { EffectHandler, TuiStore } from '../store.js';
import { messageOf } from '../../shared/errors.js';

export interface CommandDeps {
  /** The record's operations, run against the workspace this session holds. */
  record: OperationCaller;
  store: TuiStore;
  runtime?: Runtime;
  /** Attached to another process's run: pause and resume go to it over the socket. */
  control?: (action: 'pause' | 'resume') => Promise<void>;
  /** Browsing: starts the run when the human asks (r). */
  startRun?: () => Promise<void>;
  /** Who runs the agents when this TUI is attached to another process (for the notices). */
  attachedTo?: string;
  /** The runtime started after opening (browsing, then r), once there is one. */
  current?: () => Runtime | undefined;
  /** The project's index search, when it has an index. */
  searchIndex?: (query: string) => Promise<SearchHit[]>;
  quit: () => void;
}

const message = (error: unknown) => messageOf(error).split('\n')[0]!;

export function commandHandler(deps: CommandDeps): EffectHandler {
  const { record, store } = deps;
  const notice = (text: string, tone: 'ok' | 'error' | 'warn' | 'info') => store.dispatch({ type: 'notice', text, tone });
  const searchIndex = deps.searchIndex;

  const answer = async (id: string, text: string) => {
    const answered = await record.call(answerJudgmentOp, { id, answer: text });
    notice(`Answered ${id}: ${answered.answer} (recorded as ${answered.decisionId})`, 'ok');
  };

  const search = async (query: string) => {
    const record = searchRecord(store.getState().record, query);
    let index: SearchHit[] = [];
    let note: string | undefined = searchIndex ? undefined : 'no index yet: `crucible ingest` adds documents and code';
    if (searchIndex) {
      try {
        index = await searchIndex(query);
      } catch (error) {
        note = `index: ${message(error)}`;
      }
    }
    store.dispatch({ type: 'search.results', query, hits: [...index, ...record], ...(note ? { message: note } : {}) });
  };

  /** The same approval `crucible proposals approve` makes: an implementation task, a test task, gated. */
  const approve = async (id: string) => {
    const { taskIds } = await record.call(decideProposalOp, { id, verdict: 'approve' });
    notice(`Approved ${id}: created ${taskIds.join(' and ')}.`, 'ok');
  };

  const reject = async (id: string) => {
    await record.call(decideProposalOp, { id, verdict: 'reject', reason: 'rejected in crucible-tui' });
    notice(`Rejected ${id}; the audit will not propose it again.`, 'ok');
  };

  /** From the prompt line: the same operations the socket serves, so the message is recorded and reaches the agent's next turn. */
  const steer = async (effect: Extract<Effect, { type: 'message' | 'requirement' }>) => {
    if (effect.type === 'message') {
      await record.call(sendMessageOp, { to: effect.to, text: effect.text });
      return notice(`Sent to ${effect.to}: it reaches their next turn.`, 'ok');
    }
    const added = await record.call(addRequirementOp, { text: effect.text });
    notice(`Added ${added.id}: ${effect.text}`, 'ok');
  };

  /** A new goal goes to the planner of the running session (a run that is over, or browsing, has no planner to take it). */
  const newGoal = (goal: string) => {
    if (deps.attachedTo) return notice(`${deps.attachedTo} runs the agents: a new goal is started there.`, 'warn');
    const runtime = deps.runtime ?? deps.current?.();
    const event = { type: 'run.goal', goal } as const;
    if (!runtime || !runtime.coordinator.getSnapshot().can(event))
      return notice('No planner can take a goal now (no run going, or it is planning): try again when it is free.', 'warn');
    runtime.coordinator.send(event);
    notice(`The planner is planning: ${goal}`, 'ok');
  };

  const run = (effect: Effect): Promise<void> | void => {
    switch (effect.type) {
      case 'answer':
        return answer(effect.id, effect.answer);
      case 'pause':
      case 'resume': {
        if (deps.control) return deps.control(effect.type);
        const runtime = deps.runtime ?? deps.current?.();
        if (!runtime) return notice('No run is going.', 'warn');
        runtime.coordinator.send({ type: effect.type === 'pause' ? 'run.pause' : 'run.resume' });
        return;
      }
      case 'run':
        if (deps.attachedTo) return notice(`${deps.attachedTo} runs the agents here: start the run there.`, 'warn');
        if (!deps.startRun) return notice('This session cannot start a run.', 'warn');
        return deps.startRun();
      case 'search':
        return search(effect.query).catch((error: unknown) =>
          store.dispatch({ type: 'search.failed', query: effect.query, message: message(error) }),
        );
      case 'proposal':
        return effect.verdict === 'approve' ? approve(effect.id) : reject(effect.id);
      case 'diff':
        return record.call(taskDiffOp, { id: effect.id }).then(
          (diff) => store.dispatch({ type: 'diff.loaded', id: effect.id, diff }),
          (error: unknown) => store.dispatch({ type: 'diff.failed', id: effect.id, message: message(error) }),
        );
      case 'stats':
        // The whole log's usage, read by whoever holds the record (this process, or the holder over the socket).
        return record.call(usageSamplesOp, {}).then(
          ({ head, samples }) => store.dispatch({ type: 'stats.loaded', head, samples }),
          (error: unknown) => store.dispatch({ type: 'stats.failed', message: message(error) }),
        );
      case 'message':
      case 'requirement':
        return steer(effect);
      case 'goal':
        return newGoal(effect.text);
      case 'quit':
        return deps.quit();
    }
  };

  return (effect) => {
    try {
      const pending = run(effect);
      if (pending) pending.catch((error: unknown) => notice(`Could not ${effect.type}: ${message(error)}`, 'error'));
    } catch (error) {
      notice(`Could not ${effect.type}: ${message(error)}`, 'error');
    }
  };
}
