import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

test('doctor checks node, the native addons and the workspace, and names the fix for what fails', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const missing = await cli(dir, 'doctor', '--skip-model', '--json');
    assert.equal(missing.code, 1);
    const report = JSON.parse(missing.stdout) as { ok: boolean; checks: { name: string; ok: boolean; fix?: string }[] };
    assert.deepEqual(
      report.checks.map((c) => `${c.name}:${c.ok}`),
      ['node:true', 'leveldb:true', 'vector index:true', 'workspace:false', 'sandbox:true', 'claude-code:true'],
    );
    assert.match(report.checks[3]?.fix ?? '', /crucible init/);
    await cli(dir, 'init');
    const gate = async () => {
      const result = await cli(dir, 'doctor', '--skip-model', '--json');
      return { code: result.code, check: (JSON.parse(result.stdout) as Report).checks.find((c) => c.name === 'gate')! };
    };
    const noPackage = await gate();
    assert.equal(noPackage.code, 1);
    assert.match(noPackage.check.detail, /`npm test` needs a package.json, and there is none/);
    assert.match(noPackage.check.fix ?? '', /"gate": \{"commands": \["<your test command>"\]\}/);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }));
    await mkdir(join(dir, 'test'));
    const placeholder = await gate();
    assert.match(placeholder.check.detail, /npm's placeholder test script/);
    assert.match(placeholder.check.fix ?? '', /"gate": \{"commands": \["node --test"\]\}/, 'tests exist: node --test is proposed');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    const healthy = await cli(dir, 'doctor', '--skip-model');
    assert.equal(healthy.code, 0, healthy.stdout);
    assert.match(healthy.stdout, /ok {3}workspace/);
  } finally {
    await cleanup();
  }
});

type Report = { ok: boolean; checks: { name: string; ok: boolean; detail: string; fix?: string }[] };

/** Runs doctor with these variables set (and the others given as undefined removed) in the CLI's environment. */
async function doctorWith(dir: string, env: Record<string, string | undefined>, ...argv: string[]) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const assign = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  assign(env);
  try {
    const result = await cli(dir, 'doctor', '--skip-model', '--json', ...argv);
    const report = JSON.parse(result.stdout) as Report;
    const check = report.checks.find((c) => c.name === 'claude-code');
    assert.ok(check, result.stdout);
    return { code: result.code, check, stdout: result.stdout };
  } finally {
    assign(saved);
  }
}

test('doctor checks Claude Code when a role runs on it: found where, its version, and how it logs in (never the secret)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    const home = join(dir, 'home');
    await mkdir(home);
    // No `claude` on PATH: the one found is the binary the Agent SDK ships.
    const clean = {
      HOME: home,
      PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
      CLAUDE_CONFIG_DIR: undefined,
      ANTHROPIC_API_KEY: undefined,
      ANTHROPIC_AUTH_TOKEN: undefined,
      CLAUDE_CODE_OAUTH_TOKEN: undefined,
      CLAUDE_CODE_USE_BEDROCK: undefined,
      CLAUDE_CODE_USE_VERTEX: undefined,
      CLAUDE_CODE_USE_FOUNDRY: undefined,
      CRUCIBLE_CLAUDE_PATH: undefined,
    };

    const informational = await doctorWith(dir, clean);
    assert.equal(informational.code, 0, informational.stdout);
    assert.match(informational.check.detail, /^not used by this project's config \(not ready: .*not logged in/);

    await writeFile(join(dir, '.crucible', 'config.json'), JSON.stringify({ agents: { backends: { implementer: 'claude-code' } } }));
    const missing = await doctorWith(dir, { ...clean, CRUCIBLE_CLAUDE_PATH: join(dir, 'no-such-claude') });
    assert.equal(missing.code, 1);
    assert.equal(missing.check.ok, false);
    assert.match(
      missing.check.detail,
      /^CRUCIBLE_CLAUDE_PATH=.*no-such-claude is not an executable file \(agents\.backends puts implementer on claude-code\)/,
    );
    assert.match(missing.check.fix ?? '', /which claude.*or unset it/);

    const loggedOut = await doctorWith(dir, clean);
    assert.equal(loggedOut.code, 1);
    assert.match(
      loggedOut.check.detail,
      /^Claude Code \d+\.\d+\.\d+ at .*claude-agent-sdk-.*\/claude \(bundled with the Agent SDK\); not logged in/,
    );
    assert.match(loggedOut.check.fix ?? '', /ANTHROPIC_API_KEY/);

    const key = 'sk-ant-api03-doctor-must-not-print-this-0000';
    const keyed = await doctorWith(dir, { ...clean, ANTHROPIC_API_KEY: key });
    assert.equal(keyed.code, 0, keyed.stdout);
    assert.match(keyed.check.detail, /Claude Code \d+\.\d+\.\d+ at .*; authenticates with an API key \(ANTHROPIC_API_KEY\)/);
    assert.ok(!keyed.stdout.includes(key));

    const token = 'sk-ant-oat01-doctor-must-not-print-this-either';
    await mkdir(join(home, '.claude'));
    await writeFile(
      join(home, '.claude', '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: token, subscriptionType: 'pro' } }),
    );
    const subscribed = await doctorWith(dir, clean);
    assert.equal(subscribed.code, 0, subscribed.stdout);
    assert.match(subscribed.check.detail, /authenticates with the subscription login \(pro plan\) in .*\.credentials\.json/);
    assert.ok(!subscribed.stdout.includes(token));

    // --backend decides as it does for `crucible run`.
    assert.equal((await doctorWith(dir, { ...clean, HOME: dir }, '--backend', 'builtin')).code, 0);
    assert.equal((await doctorWith(dir, { ...clean, HOME: dir }, '--backend', 'claude-code')).code, 1);
  } finally {
    await cleanup();
  }
});
