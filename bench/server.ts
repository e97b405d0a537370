/**
 * A loopback sandbox in its own process, so that server CPU is not charged to the client being measured.
 * Options come as JSON in argv[2]; prints one JSON line `{ url, token, instance }`; stops on SIGTERM or stdin EOF.
 */
import { startSandbox, type StartSandboxOptions } from '../src/sandbox/index.js';

const { activity, ...options } = JSON.parse(process.argv[2] ?? '{}') as StartSandboxOptions & {
  /** The activity log's latency per call and generated volume (rows 15 and 16). */
  activity?: { latencyMs?: number; volume?: { perDay: number; types: string[] } };
};
const sb = await startSandbox({ ...options, port: 0 });
sb.state.requestLogLimit = 1_000;
if (activity?.latencyMs) sb.state.activity.faults = { latencyMs: activity.latencyMs };
if (activity?.volume) sb.state.activity.volume = activity.volume;
process.stdout.write(`${JSON.stringify({ url: sb.url, token: sb.token, instance: sb.instance })}\n`);
const stop = () => void sb.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
