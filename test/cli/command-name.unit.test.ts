import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandNameOf, RECORD_COMMAND_NAMES } from '../../src/cli/command-name.js';
import { COMMAND_MODULES } from '../../src/cli/command-table.js';
import { RECORD_COMMAND_MODULES } from '../../src/cli/record-commands.js';

test('the command an argv names: the first word that is neither an option nor the value of --dir', () => {
  assert.equal(commandNameOf(['status']), 'status');
  assert.equal(commandNameOf(['--json', 'task', 'list']), 'task');
  assert.equal(commandNameOf(['--dir', 'status', 'log']), 'log');
  assert.equal(commandNameOf(['--dir=proj', 'trace', 'R-1']), 'trace');
  assert.equal(commandNameOf(['--', 'status']), 'status');
  assert.equal(commandNameOf(['--help']), undefined);
  assert.equal(commandNameOf(['-V']), undefined);
  assert.equal(commandNameOf([]), undefined);
});

test('the record CLI serves exactly the record commands, and the full table has every command once', () => {
  const recordNames = Object.values(RECORD_COMMAND_MODULES).flatMap((m) => m.names);
  assert.deepEqual([...recordNames].sort(), [...RECORD_COMMAND_NAMES].sort());
  const all = COMMAND_MODULES.flatMap((m) => m.names);
  assert.equal(new Set(all).size, all.length);
  for (const name of RECORD_COMMAND_NAMES) assert.ok(all.includes(name), name);
});
