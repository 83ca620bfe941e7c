// Routes judgment calls: the asking agent waits for the answer (only that
// agent); with the `first` policy (scripts, CI, the headless demo) the first
// option is chosen at once and recorded as answered by `auto-answer`.
import type { Bus } from '../bus/types.js';
import type { EventStore } from '../record/event-store.js';

export type AnswerPolicy = 'ask' | 'first';

export class JudgmentRouter {
  /** Judgments whose answer this run has handed to an agent. */
  private readonly delivered = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly policy: AnswerPolicy,
  ) {}

  /**
   * Asks a guard's question (the loop guard's), or finds it already asked: a run that
   * stopped while the question waited asks it again on resume, and then the earlier
   * judgment, and the answer given to it meanwhile, is used instead of a second one.
   */
  async ask(
    question: string,
    options: { label: string; tradeoffs: string }[],
    askedBy: string,
    taskId: string | undefined,
  ): Promise<string> {
    const earlier = [...this.store.view.rows('judgments')].find(
      (j) => j.question === question && j.askedBy === askedBy && j.taskId === taskId && !this.delivered.has(j.id),
    );
    if (earlier) return earlier.id;
    const asked = await this.store.append({
      type: 'judgment.asked',
      actor: askedBy,
      data: { question, options, askedBy, ...(taskId ? { taskId } : {}) },
    });
    return asked.data.id;
  }

  async await(judgmentId: string, signal?: AbortSignal): Promise<string> {
    const answer = await this.answerOf(judgmentId, signal);
    this.delivered.add(judgmentId);
    return answer;
  }

  private async answerOf(judgmentId: string, signal?: AbortSignal): Promise<string> {
    const current = this.store.view.get('judgments', judgmentId);
    if (!current) throw new Error(`judgment ${judgmentId} does not exist`);
    if (current.status === 'answered') return current.answer ?? '';
    if (this.policy === 'first') {
      const answer = current.options[0]?.label ?? 'proceed';
      await this.store.append({ type: 'judgment.answered', actor: 'auto-answer', data: { id: judgmentId, answer } });
      return answer;
    }
    return new Promise<string>((resolve, reject) => {
      const sub = this.bus.subscribe(
        (event) => {
          if (event.type === 'judgment.answered' && event.data.id === judgmentId) {
            sub.close();
            resolve(event.data.answer);
          }
        },
        { types: ['judgment.answered'] },
      );
      signal?.addEventListener(
        'abort',
        () => {
          sub.close();
          reject(new Error('cancelled while waiting for a judgment'));
        },
        { once: true },
      );
      // A live subscription is enough: the answer is durable in the judgments table, read before
      // and after subscribing, and a restarted run asks the table again (bus/types.ts).
      // It may have been answered between the check above and the subscription.
      const again = this.store.view.get('judgments', judgmentId);
      if (again?.status === 'answered') {
        sub.close();
        resolve(again.answer ?? '');
      }
    });
  }

  pending(): string[] {
    return [...this.store.view.rows('judgments')].filter((j) => j.status === 'pending').map((j) => j.id);
  }
}
