// The layer's handler (what _HANDLER names once the exec wrapper ran): loads the function's own
// handler from NIGHTJAR_ORIGINAL_HANDLER as the runtime would, then wraps it once. Loading the
// original fails exactly as the runtime would fail without the layer; if the tracer fails to load
// or to wrap, the original handler is returned untraced.
import type { Env } from '../config.ts';
import { loadOriginalHandler, RuntimeError, type AnyHandler } from './load-original.ts';

export const ORIGINAL_HANDLER_VAR = 'NIGHTJAR_ORIGINAL_HANDLER';

export interface TracerModule {
  wrap: (handler: AnyHandler) => AnyHandler;
}

export async function createLayerHandler(env: Env, loadTracer: () => Promise<TracerModule>, log: (line: string) => void): Promise<AnyHandler> {
  const original = env[ORIGINAL_HANDLER_VAR];
  if (original === undefined || original === '') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${ORIGINAL_HANDLER_VAR} is not set: use the layer through AWS_LAMBDA_EXEC_WRAPPER=/opt/nightjar-wrapper`);
  }
  const handler = await loadOriginalHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), original);
  try {
    const tracer = await loadTracer();
    const wrapped = tracer.wrap(handler);
    if (typeof wrapped === 'function') return wrapped;
    log('nightjar: the tracer did not return a handler; running the function untraced');
  } catch (error) {
    log(`nightjar: the tracer failed to load (${error instanceof Error ? error.message : String(error)}); running the function untraced`);
  }
  return handler;
}
