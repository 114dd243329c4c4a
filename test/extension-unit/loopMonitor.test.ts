import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcOverlap, loopReportText, parseSchedStat, readSchedStat, startLoopMonitor } from '../../src/extension/loopMonitor';

test('schedstat: ns on the CPU and ns waiting for one, in ms', () => {
  assert.deepEqual(parseSchedStat('123456789 987654321 42\n'), { cpuMs: 123.456789, waitMs: 987.654321 });
  assert.equal(parseSchedStat(''), undefined);
  assert.equal(parseSchedStat('not a schedstat line'), undefined);
  assert.equal(readSchedStat('/nonexistent/schedstat'), undefined);
});

test('the main thread\'s counters grow with work on it (Linux)', { skip: process.platform !== 'linux' }, () => {
  const a = readSchedStat();
  assert.ok(a, 'schedstat readable');
  const until = performance.now() + 30;
  while (performance.now() < until) { /* spin on the CPU */ }
  const b = readSchedStat()!;
  assert.ok(b.cpuMs + b.waitMs - (a.cpuMs + a.waitMs) >= 15, `cpu ${b.cpuMs - a.cpuMs} ms, wait ${b.waitMs - a.waitMs} ms over a 30 ms spin`);
});

test('a blocked loop is reported: histogram max and the worst stall, split into CPU and waiting', async () => {
  const monitor = startLoopMonitor();
  await new Promise((r) => setTimeout(r, 30));
  const until = performance.now() + 80;
  while (performance.now() < until) { /* hold the event loop for 80 ms */ }
  await new Promise((r) => setTimeout(r, 30));
  const r = monitor.stop();
  assert.ok(r.maxMs >= 60, `histogram max ${r.maxMs} ms`);
  assert.ok(r.worst.delayMs >= 60, `worst stall ${r.worst.delayMs} ms`);
  if (process.platform === 'linux') {
    // A spinning thread hardly sleeps: most of the stall is time on a CPU or time waiting for one
    // (not all: a page fault or a kernel lock can put it to sleep briefly on a loaded machine).
    assert.ok(r.worst.cpuMs! + r.worst.waitMs! >= 0.5 * r.worst.delayMs, `cpu ${r.worst.cpuMs} + wait ${r.worst.waitMs} vs ${r.worst.delayMs} ms`);
  }
});

test('the stall split uses the injected counters, and the log text is what the live bench parses', async () => {
  let t = 0;
  let cpu = 0;
  const monitor = startLoopMonitor(() => t, () => ({ cpuMs: cpu, waitMs: 2 * cpu }));
  t = 70; // one gap of 70 ms: 60 ms late, 20 ms of it on the CPU and 40 ms waiting
  cpu = 20;
  const r = monitor.stop();
  // (A GC pause of the real heap can fall in the window: its share is checked separately below.)
  assert.deepEqual({ delayMs: r.worst.delayMs, cpuMs: r.worst.cpuMs, waitMs: r.worst.waitMs }, { delayMs: 60, cpuMs: 20, waitMs: 40 });
  assert.deepEqual(r.run, { ms: 70, cpuMs: 20 }, 'the whole run: 70 ms, 20 ms of it on the CPU');
  assert.match(loopReportText(r), /; host thread on a CPU 20\.0 ms of the run's 70 ms$/);
  const text = `host loop delay max ${loopReportText({ maxMs: 61.25, p99Ms: 12, worst: { delayMs: 60, cpuMs: 20, waitMs: 40 } })}`;
  assert.equal(text, 'host loop delay max 61.3 ms, p99 12.0 ms (worst stall 60.0 ms: 20.0 ms on the CPU, 40.0 ms waiting for a CPU)');
  assert.match(text, /host loop delay max ([\d.]+) ms(?:, p99 [\d.]+ ms \(worst stall ([\d.]+) ms(?:: ([\d.]+) ms on the CPU, ([\d.]+) ms waiting for a CPU)?\))?/);
  assert.equal(loopReportText({ maxMs: 0, p99Ms: 0, worst: { delayMs: 0 } }), '0.0 ms, p99 0.0 ms (worst stall 0.0 ms)');
});

test('off Linux (no schedstat) the probe stops reading the counters after the first try', async () => {
  let calls = 0;
  const monitor = startLoopMonitor(() => performance.now(), () => { calls++; return undefined; });
  await new Promise((r) => setTimeout(r, 45));
  const r = monitor.stop();
  assert.equal(calls, 1, 'asked once, at start');
  assert.equal(r.worst.cpuMs, undefined);
  assert.equal(r.worst.waitMs, undefined);
});

test('GC pauses: the share inside the worst stall, the run\'s longest pause, and the log text', async () => {
  assert.equal(gcOverlap([{ start: 10, ms: 5 }, { start: 40, ms: 20 }, { start: 100, ms: 3 }], 12, 50), 3 + 10);
  assert.equal(gcOverlap([], 0, 100), 0);
  const text = loopReportText({ maxMs: 61.25, p99Ms: 12, worst: { delayMs: 60, cpuMs: 20, waitMs: 30, gcMs: 8 }, gcMaxMs: 9.5 });
  assert.equal(text, '61.3 ms, p99 12.0 ms (worst stall 60.0 ms: 20.0 ms on the CPU, 30.0 ms waiting for a CPU); GC 8.0 ms of that stall, longest GC pause 9.5 ms');
  // A real pause: garbage made while the monitor runs is collected and reported.
  const monitor = startLoopMonitor();
  let keep: number[][] = [];
  for (let i = 0; i < 200; i++) keep.push(new Array(50_000).fill(i));
  keep = [];
  await new Promise((r) => setTimeout(r, 50));
  const r = monitor.stop();
  assert.ok(r.gcMaxMs !== undefined && r.gcMaxMs > 0, `a GC pause was observed (${r.gcMaxMs})`);
  assert.equal(keep.length, 0);
});
