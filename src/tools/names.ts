/** Every tool an agent file may list. */
export const TOOL_NAMES = [
  'read_file',
  'write_file',
  'edit_file',
  'list_files',
  'grep',
  'search_docs',
  'run_command',
  'add_requirement',
  'record_decision',
  'create_task',
  'update_task',
  'claim_task',
  'complete_task',
  'review_task',
  'link_code',
  'remember',
  'recall',
  'send_message',
  'ask_human',
  'propose_improvement',
  'refine_proposal',
] as const;

export type ToolName = (typeof TOOL_NAMES)[number];
