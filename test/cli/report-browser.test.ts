import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, cliJson } from '../helpers/cli.js';
import { chromiumBinary, PipeBrowser, type CdpEvent } from '../helpers/chromium.js';
import { tempDir } from '../../support/helpers/temp.js';

const HOSTILE = '<script>window.__pwned = 1</script>\u001b[31m red <img src="https://example.invalid/x.png">';

/** Console errors, uncaught exceptions and error log entries (CSP violations among them) heard on the page's session. */
function errorsOf(events: readonly CdpEvent[], sessionId: string): string[] {
  const mine = events.filter((e) => e.sessionId === sessionId);
  return [
    ...mine
      .filter((e) => e.method === 'Runtime.consoleAPICalled' && (e.params.type === 'error' || e.params.type === 'assert'))
      .map((e) => `console: ${JSON.stringify(e.params.args)}`),
    ...mine.filter((e) => e.method === 'Runtime.exceptionThrown').map((e) => `exception: ${JSON.stringify(e.params.exceptionDetails)}`),
    ...mine
      .filter((e) => e.method === 'Log.entryAdded' && (e.params.entry as { level?: string }).level === 'error')
      .map((e) => `log: ${JSON.stringify(e.params.entry)}`),
  ];
}

test(
  'after the demo, the report opens in headless Chromium with no console error and no network request; the trail is in the DOM',
  { timeout: 240_000 },
  async (t) => {
    const binary = chromiumBinary();
    if (!binary) return t.skip('chromium is not installed (apt-get install -y chromium); .ci/run installs it');
    const { dir, cleanup } = await tempDir();
    const browser = PipeBrowser.launch(binary, join(dir, 'chromium-profile'));
    try {
      const root = join(dir, 'strkit');
      await cliJson(dir, 'demo', '--dir', root);
      assert.equal((await cli(root, 'req', 'add', HOSTILE)).code, 0);
      const report = await cliJson<{ path: string; counts: { requirements: number } }>(root, 'report', '--html', 'out');
      assert.equal(report.path, join(root, 'out', 'index.html'));
      assert.equal(report.counts.requirements, 4);
      const url = pathToFileURL(report.path).href;

      const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
      const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await browser.send(`${domain}.enable`, {}, sessionId);
      const loaded = browser.waitFor((e) => e.sessionId === sessionId && e.method === 'Page.loadEventFired');
      await browser.send('Page.navigate', { url }, sessionId);
      await loaded;
      const evaluate = async <T>(expression: string): Promise<T> => {
        const answer = (await browser.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as { result: { value: T } };
        return answer.result.value;
      };

      // The collector hears an error when there is one: a probe, left out of what the page is judged by.
      await evaluate(`console.error('probe: the collector hears console errors')`);
      await browser.waitFor((e) => e.method === 'Runtime.consoleAPICalled' && JSON.stringify(e.params.args).includes('probe:'));
      const errors = errorsOf(browser.events, sessionId).filter((e) => !e.includes('probe: the collector hears console errors'));
      assert.deepEqual(errors, [], 'no console error, exception or CSP violation');
      const requests = browser.events
        .filter((e) => e.sessionId === sessionId && e.method === 'Network.requestWillBeSent')
        .map((e) => (e.params.request as { url: string }).url);
      assert.deepEqual(
        requests.filter((r) => r !== url),
        [],
        'the page requests nothing but itself',
      );
      assert.ok(requests.includes(url), 'the network collector heard the page itself');

      const ids = await evaluate<string[]>(`[...document.querySelectorAll('[data-id]')].map((e) => e.getAttribute('data-id'))`);
      for (const id of ['R-1', 'R-2', 'R-3', 'T-1', 'T-2', 'T-3', 'D-1', 'J-1']) assert.ok(ids.includes(id), `${id} is in the DOM`);
      assert.equal(
        await evaluate(`document.querySelector('tr[data-id="R-2"]').querySelector('code').textContent.startsWith('src/strings.js')`),
        true,
      );
      assert.equal(await evaluate(`document.querySelectorAll('#charts svg path.series').length > 0`), true, 'the charts are drawn');
      assert.equal(await evaluate(`typeof window.__pwned`), 'undefined', "the hostile requirement's script did not run");
      assert.equal(await evaluate(`document.querySelectorAll('img').length`), 0);
      assert.match(
        await evaluate<string>(`document.querySelector('tr[data-id="R-4"]').textContent`),
        /<script>window\.__pwned = 1<\/script>\\u001b\[31m red/,
      );

      // The page's script runs under its CSP: filtering hides the rows that do not match.
      const hidden = await evaluate<boolean[]>(
        `(() => { const f = document.getElementById('filter'); f.value = 'truncate('; f.dispatchEvent(new Event('input'));` +
          ` return ['R-1', 'R-2'].map((id) => document.querySelector('tr[data-id="' + id + '"]').hidden); })()`,
      );
      assert.deepEqual(hidden, [true, false]);

      const shot = (await browser.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId)) as {
        data: string;
      };
      const png = Buffer.from(shot.data, 'base64');
      const file = join(dir, 'report.png');
      await writeFile(file, png);
      const written = await readFile(file);
      assert.ok(written.length > 1000, 'a non-empty screenshot');
      assert.deepEqual([...written.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    } finally {
      await browser.close();
      await cleanup();
    }
  },
);
