/**
 * Runs the import-source stand-ins from the command line:
 *   npx tsx server/sources/main.ts [--simkl 8788] [--tmdb 8789] [--rewind 8790] [--host 127.0.0.1]
 * Each flag takes a port (0 = any free one) and starts that stand-in; `--all` starts the ones not
 * named on the suggested ports. It prints each origin and the demo credentials (demo values, printed
 * on purpose: the demo pastes them into the extension), and stops on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { DEMO_PORTS } from './demo';
import type { SourceStandIn } from './harness';
import { startRewindStandIn } from './rewind';
import { startSimklStandIn } from './simkl';
import { startTmdbStandIn } from './tmdb';

const USAGE = [
  `Usage: npx tsx server/sources/main.ts [--simkl ${DEMO_PORTS.simkl}] [--tmdb ${DEMO_PORTS.tmdb}] [--rewind ${DEMO_PORTS.rewind}] [--host 127.0.0.1] [--all]`,
  'Each of --simkl, --tmdb and --rewind needs a port number (0 = any free port); the numbers shown are the suggested ones.',
  `--all starts every stand-in not named, on ${DEMO_PORTS.simkl}, ${DEMO_PORTS.tmdb} and ${DEMO_PORTS.rewind}.`,
].join('\n');

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readOptions() {
  try {
    return parseArgs({
      options: {
        simkl: { type: 'string' },
        tmdb: { type: 'string' },
        rewind: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function portOf(flag: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    fail(`--${flag} must be a port number from 0 to 65535, got "${value}".`);
  return Number(value);
}

const values = readOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const host = values.host;
const ports = {
  simkl: portOf('simkl', values.simkl, values.all ? DEMO_PORTS.simkl : undefined),
  tmdb: portOf('tmdb', values.tmdb, values.all ? DEMO_PORTS.tmdb : undefined),
  rewind: portOf('rewind', values.rewind, values.all ? DEMO_PORTS.rewind : undefined),
};
if (ports.simkl === undefined && ports.tmdb === undefined && ports.rewind === undefined) {
  fail('Name at least one stand-in to start.');
}

const running: Array<SourceStandIn<object>> = [];
const stopAll = () => Promise.all(running.map((standIn) => standIn.close()));
const start = async <T extends SourceStandIn<object>>(starting: Promise<T>): Promise<T> => {
  try {
    const standIn = await starting;
    running.push(standIn);
    return standIn;
  } catch (error) {
    await stopAll();
    return fail(error instanceof Error ? error.message : String(error));
  }
};

const printControl = (standIn: SourceStandIn<object>) => {
  // Off loopback anyone on the network could reach /__control: it takes this secret, printed once here.
  if (standIn.controlSecret) console.log(`  /__control needs the header X-Control-Secret: ${standIn.controlSecret}`);
};

if (ports.simkl !== undefined) {
  const simkl = await start(startSimklStandIn({ host, port: ports.simkl }));
  console.log(`Simkl stand-in on ${simkl.origin}`);
  console.log(`  client_id: ${simkl.clientId}`);
  console.log(`  token:     ${simkl.token}`);
  console.log(`  PIN page:  ${simkl.origin}/pin (approves the codes apps get from /oauth/pin)`);
  printControl(simkl);
}
if (ports.tmdb !== undefined) {
  const tmdb = await start(startTmdbStandIn({ host, port: ports.tmdb }));
  console.log(`TMDB account stand-in on ${tmdb.origin} (account ${tmdb.account.id})`);
  console.log(`  access token: ${tmdb.token}`);
  printControl(tmdb);
}
if (ports.rewind !== undefined) {
  const rewind = await start(startRewindStandIn({ host, port: ports.rewind }));
  console.log(`Rewind stand-in on ${rewind.origin}`);
  for (const key of rewind.keys) console.log(`  ${key.startsWith('rw_admin_') ? 'admin key:' : 'read key: '} ${key}`);
  printControl(rewind);
}
console.log('These are demo credentials: they work only with these stand-ins.');

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`${signal}: stopping the stand-ins.`);
  stopAll().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
