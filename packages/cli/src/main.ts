// The `nightjar` command.
import { VERSION } from '@nightjar/server';
import { runDemo } from './demo-command.ts';
import { runStart } from './start-command.ts';

const USAGE = `Usage: nightjar <command> [options]

Commands:
  start        start Nightjar (receivers, embedded store, API and web UI)
  demo         start Nightjar and the demo shop (a serverless app sending it real telemetry)

Run "nightjar start --help" or "nightjar demo --help" for their options.
  --version    print the version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'start') return runStart(rest);
  if (command === 'demo') return runDemo(rest);
  console.error(`nightjar: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('nightjar: failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
