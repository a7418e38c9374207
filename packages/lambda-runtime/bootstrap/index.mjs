// Nightjar's local Lambda Node.js runtime interface client: load _HANDLER at init, then loop on the
// Runtime API: /next -> run the handler -> /response or /error. Started by the platform (or by
// AWS_LAMBDA_EXEC_WRAPPER, which receives this command as its arguments) with the Lambda environment.
import { createRuntimeClient } from './runtime-client.mjs';
import { patchConsole, setCurrentRequestId, writeRecord } from './console-patch.mjs';
import { loadHandler } from './load-handler.mjs';
import { runHandler } from './run-handler.mjs';
import { toLogRecord, toRuntimeResponse, unhandledRejection } from './error-record.mjs';

const env = process.env;
const client = createRuntimeClient(env.AWS_LAMBDA_RUNTIME_API);
let currentRequestId;

patchConsole();

async function failAndExit(marker, error, exitCode) {
  writeRecord('ERROR', `${marker} \t${toLogRecord(error)}`);
  try {
    if (currentRequestId === undefined) await client.postInitError(toRuntimeResponse(error));
    else await client.postError(currentRequestId, toRuntimeResponse(error));
  } finally {
    process.exit(exitCode);
  }
}

process.on('uncaughtException', (error) => void failAndExit('Uncaught Exception', error, 129));
process.on('unhandledRejection', (reason) => void failAndExit('Unhandled Promise Rejection', unhandledRejection(reason), 128));

function serialise(result) {
  return JSON.stringify(result === undefined ? null : result);
}

async function main() {
  let handler;
  try {
    handler = await loadHandler(env.LAMBDA_TASK_ROOT, env._HANDLER);
  } catch (error) {
    await failAndExit('Uncaught Exception', error, 129);
    return;
  }
  for (;;) {
    let next;
    try {
      next = await client.next();
    } catch {
      // The platform is gone (its Runtime API endpoint closed): so is this sandbox.
      process.exit(1);
    }
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    setCurrentRequestId(requestId);
    const traceId = next.headers['lambda-runtime-trace-id'];
    if (traceId) env._X_AMZN_TRACE_ID = traceId;
    else delete env._X_AMZN_TRACE_ID;
    const outcome = await runHandler(handler, JSON.parse(next.body), next.headers, env);
    if ('error' in outcome) {
      writeRecord('ERROR', `Invoke Error \t${toLogRecord(outcome.error)}`);
      await client.postError(requestId, toRuntimeResponse(outcome.error));
    } else {
      let body;
      try {
        body = serialise(outcome.result);
      } catch (error) {
        writeRecord('ERROR', `Invoke Error \t${toLogRecord(error)}`);
        await client.postError(requestId, toRuntimeResponse(error));
        continue;
      }
      await client.postResponse(requestId, body);
    }
  }
}

void main();
