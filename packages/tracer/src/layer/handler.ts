// The layer's entry (built as nodejs/node_modules/@nightjar/lambda/handler.mjs; the tracer itself
// stays in ./index.mjs, imported lazily so that its failure cannot stop the function).
import { processEnv } from '../config.ts';
import { createLayerHandler, type TracerModule } from './layer-handler.ts';

export const handler = await createLayerHandler(
  processEnv(),
  () => import('../index.ts') as Promise<TracerModule>,
  (line) => process.stderr.write(`${line}\n`),
);
