// HTML from templates that escape every interpolation unless it is already HTML: the record's text
// is written by agents and must never become markup, script or a terminal escape on the page.
import { inert } from '../../shared/terminal-text.js';

/** Markup that is already safe: built by `markup` or a trusted constant of this module's callers. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlPart = Html | string | number | boolean | null | undefined | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as inert HTML: markup characters as entities, controls and bidi overrides as visible `\uXXXX`. */
export const escapeHtml = (text: string): string => inert(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function partText(part: HtmlPart): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return (part as readonly HtmlPart[]).map(partText).join('');
  if (part === null || part === undefined || typeof part === 'boolean') return '';
  return escapeHtml(String(part));
}

/** A template whose interpolations are escaped (arrays joined, nullish and booleans dropped, `Html` kept). */
export function markup(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < parts.length; i++) out += partText(parts[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** A trusted constant (the page's own CSS, script or a number already formatted) as HTML. */
export const trusted = (text: string): Html => new Html(text);

/** Text cut to at most `max` characters, keeping the end (where a command's failure is), marked when cut. */
export function tail(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

/** Text cut to at most `max` characters, keeping the start. */
export function head(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
