import { messageOf } from '../shared/errors.js';
/** Parses a tool call's raw input: it must be a JSON object (empty input means `{}`). */
export type ParsedToolInput = { ok: true; input: Record<string, unknown> } | { ok: false; message: string };

export function parseToolInput(json: string): ParsedToolInput {
  if (json.trim() === '') return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ok: false, message: `tool input is not valid JSON (${messageOf(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'tool input must be a JSON object' };
  }
  return { ok: true, input: value as Record<string, unknown> };
}
