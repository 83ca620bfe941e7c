import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameChannel, type ChannelClock } from '../../src/tui/session/channel.js';

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: ChannelClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const i = timers.indexOf(handle as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

test('a burst of pushes is delivered as one batch per interval, in order', () => {
  const { clock, advance } = fakeClock();
  const batches: number[][] = [];
  const channel = new FrameChannel<number>((items) => batches.push(items), 50, clock);
  for (let i = 0; i < 1000; i++) channel.push(i);
  advance(0);
  assert.equal(batches.length, 1);
  assert.equal(batches[0]!.length, 1000);
  for (let t = 0; t < 1000; t += 5) {
    channel.push(t);
    advance(5);
  }
  // 1000 ms of pushes every 5 ms: at most 20 frames a second, plus the one above.
  assert.ok(batches.length <= 22, `${batches.length} batches`);
  assert.deepEqual(batches.flat().slice(1000, 1003), [0, 5, 10]);
});

test('mark() asks for a re-read without an item; an idle channel sets no timer', () => {
  const { clock, advance, pending } = fakeClock();
  const seen: { items: number; dirty: boolean }[] = [];
  const channel = new FrameChannel<number>((items, dirty) => seen.push({ items: items.length, dirty }), 50, clock);
  assert.equal(pending(), 0);
  channel.mark();
  channel.mark();
  advance(0);
  assert.deepEqual(seen, [{ items: 0, dirty: true }]);
  advance(500);
  assert.equal(pending(), 0);
  assert.equal(seen.length, 1);
});

test('flush() delivers at once; close() drops the rest', () => {
  const { clock } = fakeClock();
  const seen: number[][] = [];
  const channel = new FrameChannel<number>((items) => seen.push(items), 50, clock);
  channel.push(1);
  channel.flush();
  channel.push(2);
  channel.close();
  channel.push(3);
  assert.deepEqual(seen, [[1]]);
});

test('a frame drawn outside the channel (a key) delays the next batch a full interval, but never past two intervals', () => {
  const { clock, advance } = fakeClock();
  const at: number[] = [];
  let now = 0;
  const channel = new FrameChannel<number>(() => at.push(now), 100, clock);
  const step = (ms: number) => {
    now += ms;
    advance(ms);
  };
  channel.push(1);
  step(0);
  assert.deepEqual(at, [0], 'the first item after idle is delivered at once');
  step(50);
  channel.push(2);
  step(30);
  channel.drawn(); // a key frame at 80 ms
  step(90);
  assert.deepEqual(at, [0], 'not at 100 ms: the key frame at 80 ms counts');
  step(10);
  assert.deepEqual(at, [0, 180], 'a full interval after the key frame');
  // Keys every 40 ms (a held arrow key) push the batch back, but only up to two intervals after its item came.
  channel.push(3);
  for (let i = 0; i < 10; i++) {
    step(40);
    channel.drawn();
  }
  assert.deepEqual(at, [0, 180, 380], 'delivered 200 ms after it came, not starved by the keys');
});
