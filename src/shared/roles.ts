// Why `role` is not one of the known agent roles, with the likeliest meant one
// and the list, or undefined when it is known. The CLI and create_task share it.
import { didYouMeanHint } from './did-you-mean.js';

export function unknownRoleReason(role: string, known: readonly string[]): string | undefined {
  if (known.includes(role)) return undefined;
  return `"${role}" is not a known role${didYouMeanHint(role, known)}; known roles: ${[...known].sort().join(', ')}`;
}
