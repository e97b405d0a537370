/**
 * Row 15: one harvest of the activity log, 90 days × 6 object types, 8 calls at once, against a sandbox whose log
 * answers every call after a fixed latency. Input: JSON `{ url, token, instance }` in argv[2]; output: one JSON line
 * `{ wallMs, calls, events, complete }`.
 */
import { DomoActivityLog, DomoTokenAuth } from '../src/index.js';

const input = JSON.parse(process.argv[2] ?? '{}') as { url: string; token: string; instance: string };
const auth = new DomoTokenAuth({ instance: input.instance, token: input.token, baseUrl: input.url });
let calls = 0;
const started = performance.now();
const harvest = new DomoActivityLog(auth).events({
  from: Date.now() - 90 * 86_400_000,
  types: ['USER', 'CARD', 'PAGE', 'DATA_SOURCE', 'ROLE', 'GROUP'],
  concurrency: 8,
  onRequest: () => (calls += 1),
});
let events = 0;
for await (const event of harvest) if (event.time > 0) events += 1;
const wallMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ wallMs, calls, events, complete: harvest.result?.complete ?? false })}\n`);
