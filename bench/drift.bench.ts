// `npm run bench -- drift --json`: every drift scenario, caught or not, with the refusal as it was shown.
import { runDriftSuite } from '../support/drift/scenarios.js';

export async function run(): Promise<Record<string, unknown>> {
  return { bench: 'drift', ...(await runDriftSuite()) };
}
