// Scripted-model scripts the process tests share (format: docs/model.md).

/** T-1's implementer calls complete_task once with this evidence, so the gate decides; then it is done. */
export const completeOnceScript = (criterion: string, how: string): string => `version: 1
model: claude-sonnet-5-5
tasks:
  T-1:
    implementer:
      - text: Completing; the gate decides.
        tools:
          - name: complete_task
            input: { task_id: T-1, acceptance: [{ criterion: "${criterion}", how: "${how}" }] }
      - text: Done.
`;
