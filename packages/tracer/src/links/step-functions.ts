// Step Functions stitching (opt-in): the handler's output object gets a `_nightjar` link id; the
// next state's input carries it back (at the top level, or one level down when a ResultPath nests
// the previous output).
import { randomBytes } from 'node:crypto';
import { isObj, parseJsonObject, prop } from '../util/read.ts';
import { sfnKey } from './keys.ts';

export const STEP_FUNCTIONS_LINK_FIELD = '_nightjar';

export interface StepFunctionsLink {
  /** The output to return: a shallow copy with the link id, or the original when it is not a plain object. */
  output: unknown;
  /** The producer key (`sfn:<id>`), or undefined when nothing was added. */
  key: string | undefined;
}

/** Adds a fresh link id to a plain-object handler output (the original object is not mutated). */
export function addStepFunctionsLink(output: unknown, id: string = randomBytes(12).toString('hex')): StepFunctionsLink {
  if (!isObj(output) || Object.getPrototypeOf(output) !== Object.prototype && Object.getPrototypeOf(output) !== null) {
    return { output, key: undefined };
  }
  return { output: { ...output, [STEP_FUNCTIONS_LINK_FIELD]: id }, key: sfnKey(id) };
}

function own(v: unknown): string | undefined {
  const id = prop(v, STEP_FUNCTIONS_LINK_FIELD);
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

/** The link id in a state's input (an object, or its JSON text), or undefined. */
export function readStepFunctionsLink(input: unknown): string | undefined {
  const v = typeof input === 'string' ? parseJsonObject(input) : input;
  if (!isObj(v)) return undefined;
  const top = own(v);
  if (top !== undefined) return top;
  try {
    for (const k of Object.keys(v).slice(0, 64)) {
      const nested = own(prop(v, k));
      if (nested !== undefined) return nested;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
