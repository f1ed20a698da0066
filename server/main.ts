/**
 * Runs the ReelRifter stand-in from the command line:
 *   npx tsx server/main.ts --port 8787 [--host 127.0.0.1] [--demo-token]
 * --demo-token prints a fresh token for the demo user as DEMO_TOKEN=…; this is the one place a
 * token is ever printed, because the demo has to paste it into the extension.
 */
import { parseArgs } from 'node:util';
import { describeScrobble, startStandIn } from './standin';

const USAGE = 'Usage: npx tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--demo-token]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        'demo-token': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const values = readOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = values.port;
if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) fail(`--port must be a whole number from 0 to 65535, got "${port}".`);
const host = values.host;

const standIn = await startStandIn({
  port: Number(port),
  host,
  onScrobble: (received) => console.log(describeScrobble(received)),
}).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

console.log(`ReelRifter stand-in listening on ${standIn.baseUrl}`);
if (standIn.controlSecret) {
  // Off loopback anyone on the network could reach /__control: it takes this secret, printed once here.
  console.log(`Listening off loopback: /__control needs the header X-Control-Secret: ${standIn.controlSecret}`);
}
if (values['demo-token']) console.log(`DEMO_TOKEN=${standIn.mintToken(undefined, 'demo')}`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`${signal}: stopping the stand-in.`);
  standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
