// A platform process that starts an instance, prints its runtime's pid and then hangs, so that a test
// can kill it without any cleanup and check the instance does not outlive it.
import { fileURLToPath } from 'node:url';
import { createLocalLambda } from '../src/local-lambda.ts';

const codeDir = fileURLToPath(new URL('.', import.meta.url));
const lambda = createLocalLambda({ functions: [{ name: 'echo', handler: 'echo.handler', codeDir }] });
const r = await lambda.invoke('echo', {});
console.log(JSON.stringify({ pid: (r.payload as { pid: number }).pid }));
setInterval(() => undefined, 1000);
