// A short read command opens the record with only the projections it reads (src/cli/record-reads.ts,
// LevelEventStore's `tables`): those tables are whole, any other throws when read, appends are refused,
// and the open still checks the log (a damaged one is still refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Command } from 'commander';
import { LevelEventStore } from '../../src/record/store.js';
import { commandPathOf, READ_TABLES, tablesReadBy } from '../../src/cli/record-reads.js';
import { RECORD_COMMAND_NAMES } from '../../src/cli/command-name.js';
import { tempDir } from '../../support/helpers/temp.js';

test('a record opened for some tables serves them whole, throws on the others and refuses appends', async () => {
  const { dir, cleanup } = await tempDir();
  const options = { dir: join(dir, 'db'), holderFile: join(dir, 'holder.json'), command: 'test' };
  try {
    const writer = await LevelEventStore.open(options);
    await writer.append({ type: 'requirement.added', actor: 'human', data: { text: 'users sign in', priority: 'must' } });
    await writer.append({
      type: 'task.created',
      actor: 'human',
      data: { title: 'sign-in form', role: 'implementer', requirements: ['R-1'] },
    });
    const full = [...writer.view.rows('tasks')];
    await writer.close();

    const reader = await LevelEventStore.open({ ...options, tables: ['tasks'] });
    try {
      assert.equal(reader.head(), 2);
      assert.deepEqual([...reader.view.rows('tasks')], full, 'the loaded table is the whole table, history included');
      assert.throws(() => reader.view.get('requirements', 'R-1'), /opened to read tasks, not requirements/);
      assert.throws(() => [...reader.view.rows('edges')], /not edges/);
      await assert.rejects(
        reader.append({ type: 'requirement.added', actor: 'human', data: { text: 'more', priority: 'must' } }),
        /appends are refused/,
      );
    } finally {
      await reader.close();
    }
    const again = await LevelEventStore.open(options);
    assert.equal(again.head(), 2, 'the refused append left no trace');
    assert.equal(again.view.get('requirements', 'R-1')?.text, 'users sign in');
    await again.close();
  } finally {
    await cleanup();
  }
});

test('read commands are declared by their command path; writes and other commands load every table', () => {
  const program = new Command('crucible');
  const task = program.command('task');
  const list = task.command('list');
  assert.equal(commandPathOf(list), 'task list');
  assert.deepEqual(tablesReadBy(list), ['tasks']);
  assert.equal(tablesReadBy(task.command('add')), undefined);
  assert.equal(tablesReadBy(program.command('decide')), undefined);
  assert.deepEqual(tablesReadBy(program.command('log')), []);
  for (const path of Object.keys(READ_TABLES)) assert.ok(RECORD_COMMAND_NAMES.includes(path.split(' ')[0]!), `${path} is a record command`);
});

test('tasks read for some tables are the rows a whole open reads: the same fields in the same order, history and evidence in order', async () => {
  const { dir, cleanup } = await tempDir();
  const options = { dir: join(dir, 'db'), holderFile: join(dir, 'holder.json'), command: 'test' };
  try {
    const writer = await LevelEventStore.open(options);
    for (const title of ['parser', 'printer', 'untouched'])
      await writer.append({ type: 'task.created', actor: 'human', data: { title, role: 'implementer' } });
    const note = (text: string) => ({ kind: 'note' as const, text });
    for (const id of ['T-1', 'T-2']) {
      await writer.append({ type: 'task.claimed', actor: 'implementer', data: { id, assignee: 'implementer' } });
      await writer.append({ type: 'task.started', actor: 'implementer', data: { id } });
      await writer.append({ type: 'task.submitted', actor: 'implementer', data: { id, evidence: [note(`${id} one`), note(`${id} two`)] } });
    }
    await writer.append({ type: 'task.completed', actor: 'implementer', data: { id: 'T-1', evidence: [note('T-1 three')] } });
    await writer.close();
    // A whole record reopened reads its tasks as codec.ts lays them out: the partial view must read the same.
    const whole = await LevelEventStore.open(options);
    const full = [...whole.view.rows('tasks')];
    await whole.close();
    assert.equal(full[0]!.evidence.length, 3, 'the record under test has evidence');
    assert.ok(full[0]!.history.length >= 4, 'and history');

    const reader = await LevelEventStore.open({ ...options, tables: ['tasks'] });
    try {
      const partial = [...reader.view.rows('tasks')];
      assert.deepEqual(
        partial.map((t) => t.id),
        full.map((t) => t.id),
      );
      assert.equal(JSON.stringify(partial), JSON.stringify(full), 'the same fields in the same order');
      assert.deepEqual(partial, full);
    } finally {
      await reader.close();
    }
  } finally {
    await cleanup();
  }
});
