// Model names. The default is checked at compile time against the SDK's own
// list of model ids, and by a test against the SDK's list of deprecated models.
import type { Model } from '@anthropic-ai/sdk/resources/messages';

/** The model ids the installed SDK names explicitly (its `Model` union minus the open `string`). */
export type KnownModel = Model extends infer M ? (M extends string ? (string extends M ? never : M) : never) : never;

/**
 * Claude Sonnet 5.5: the current Sonnet, not deprecated in SDK 1.13 (which marks
 * claude-sonnet-4-5 for end of life on 2026-11-30), and with a published price.
 */
export const DEFAULT_MODEL: KnownModel = 'claude-sonnet-5-5';

/** The model name the scripted model reports when its script names none. */
export const SCRIPTED_MODEL = 'scripted';
