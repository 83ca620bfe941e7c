// `crucible audit --self` from inside another project: Crucible's proposals never land in that project's workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crucibleRoot } from '../../src/audit/run.js';
import { auditTarget } from '../../src/cli/commands/audit-target.js';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

/** Two copies of one function and a marker: enough for a plain `crucible audit` to open proposals. */
const copy = (name: string) => `export function ${name}(items: number[]): number {
  let total = 0;
  for (const item of items) {
    if (item > 10) total += item * 2;
    else if (item > 5) total += item + 3;
    else if (item < 0) total -= Math.abs(item) * 4;
    else total -= 1;
  }
  const rounded = Math.round(total * 100) / 100;
  return rounded > 1000 ? 1000 : rounded;
}
// TODO: handle NaN
`;

test("audit --self inside another project's workspace adds none of Crucible's proposals there and closes none of its own", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/a.ts'), copy('scoreA'));
    await writeFile(join(dir, 'src/b.ts'), copy('scoreB'));
    await cliJson(dir, 'audit');
    const before = await cliJson<{ id: string; status: string }[]>(dir, 'proposals', 'list', '--status', 'all');
    assert.ok(
      before.some((p) => p.status === 'open'),
      JSON.stringify(before),
    );

    const self = await cli(join(dir, 'src'), 'audit', '--self');
    assert.equal(self.code, 0, self.stderr);
    const checkout = crucibleRoot();
    const where = self.stdout.trim().split('\n').at(-1) ?? '';
    // Where the result went: the checkout's own workspace when it has one, otherwise nowhere.
    assert.ok(
      where.startsWith(`not recorded: Crucible's checkout ${checkout} has no workspace`) || where.includes(`recorded in ${checkout} `),
      where,
    );
    assert.ok(!where.includes(dir), where);

    assert.deepEqual(await cliJson(dir, 'proposals', 'list', '--status', 'all'), before);
    const wrongDir = await cli(dir, 'audit', '--self', '--dir', dir);
    assert.equal(wrongDir.code, 2);
    assert.match(wrongDir.stderr, /--self audits Crucible's own checkout .*not --dir/);
  } finally {
    await cleanup();
  }
});

test("audit --self records into the checkout's own workspace when it has one, whatever the current directory", async () => {
  const { dir: project, cleanup: cleanProject } = await tempDir();
  const { dir: checkout, cleanup: cleanCheckout } = await tempDir();
  try {
    await cli(project, 'init');
    const cwd = { dir: undefined, cwd: project };
    assert.equal(auditTarget(true, cwd, () => checkout).recordIn, undefined);
    await cli(checkout, 'init');
    assert.deepEqual(
      auditTarget(true, cwd, () => checkout),
      { recordIn: checkout },
    );
    // Exactly the checkout's .crucible/, never a parent's: a checkout inside a project does not record there.
    await mkdir(join(project, 'vendor/crucible'), { recursive: true });
    assert.equal(auditTarget(true, cwd, () => join(project, 'vendor/crucible')).recordIn, undefined);
    assert.deepEqual(
      auditTarget(false, cwd, () => checkout),
      { recordIn: project },
    );
  } finally {
    await cleanProject();
    await cleanCheckout();
  }
});
