// One invocation of the user's handler: async (returned promise) or callback style, whichever settles
// first, as the Node.js runtime does. A callback result with callbackWaitsForEmptyEventLoop waits
// until the event loop is empty (process 'beforeExit') before it is reported.
import { buildContext } from './context.mjs';

let waitingForEmptyLoop = null;
process.on('beforeExit', () => {
  const release = waitingForEmptyLoop;
  waitingForEmptyLoop = null;
  release?.();
});

/** Resolves { error } or { result } once the invocation is over. */
export function runHandler(handler, event, headers, env) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome, waitForLoop) => {
      if (settled) return;
      settled = true;
      if (waitForLoop) waitingForEmptyLoop = () => resolve(outcome);
      else resolve(outcome);
    };
    const callbacks = {
      done: (error, result) => {
        const outcome = error !== null && error !== undefined ? { error } : { result };
        finish(outcome, context.callbackWaitsForEmptyEventLoop);
      },
    };
    const context = buildContext(headers, env, callbacks);
    try {
      const returned = handler(event, context, callbacks.done);
      if (returned && typeof returned.then === 'function') {
        returned.then(
          (result) => finish({ result }, false),
          (error) => finish({ error: error ?? new Error('handler rejected') }, false),
        );
      } else if (handler.length < 3) {
        finish({ result: returned }, false);
      }
    } catch (error) {
      finish({ error }, false);
    }
  });
}
