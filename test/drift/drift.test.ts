import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENARIOS } from '../../support/drift/scenarios.js';

for (const scenario of SCENARIOS) {
  test(`drift suite: ${scenario.name} is caught and explained`, async () => {
    const result = await scenario.run();
    assert.equal(result.caught, true, `not caught; saw: ${result.refusal || '(nothing)'}`);
    assert.ok(result.refusal.length > 0);
  });
}
