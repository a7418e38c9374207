// Loads the function's own handler ("dir/file.export.nested" under LAMBDA_TASK_ROOT) exactly as the
// Lambda Node.js runtime does: file.js (ESM or CommonJS by package.json "type"), then file.mjs, then
// file.cjs, else require(); nested export names, falling back to the default export. Failures are
// the runtime's own errors (same errorType and message), so an init failure reads the same with or
// without the tracer's layer.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** An error of the runtime itself: its name is the errorType Lambda reports (Runtime.ImportModuleError, ...). */
export class RuntimeError extends Error {
  constructor(errorType: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = errorType;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler shape
export type AnyHandler = (...args: any[]) => any;

const HANDLER_NAME = /^([^.]*)\.(.*)$/;

function split(handlerString: string): { modulePath: string; exportPath: string } {
  const base = path.basename(handlerString);
  const dir = handlerString.slice(0, handlerString.length - base.length);
  const m = HANDLER_NAME.exec(base);
  if (!m || m[1] === '' || m[2] === '') throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerString}`);
  return { modulePath: dir + (m[1] ?? ''), exportPath: m[2] ?? '' };
}

async function loadModule(taskRoot: string, modulePath: string): Promise<unknown> {
  const base = path.resolve(taskRoot, modulePath);
  const require = createRequire(path.join(taskRoot, 'noop.js'));
  try {
    if (existsSync(`${base}.js`)) return await import(pathToFileURL(`${base}.js`).href);
    if (existsSync(`${base}.mjs`)) return await import(pathToFileURL(`${base}.mjs`).href);
    if (existsSync(`${base}.cjs`)) return require(`${base}.cjs`);
    return require(modulePath);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      const text = String((error as { message?: unknown }).message);
      const message = text.includes(`'${modulePath}'`) ? `Cannot find module '${modulePath}'` : text;
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${message}`, error);
    }
    throw error;
  }
}

function resolveExport(mod: unknown, exportPath: string): unknown {
  const walk = (start: unknown): unknown => {
    let value = start;
    for (const key of exportPath.split('.')) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
    return value;
  };
  const value = walk(mod);
  if (value === undefined && typeof mod === 'object' && mod !== null && 'default' in mod) return walk((mod as { default: unknown }).default);
  return value;
}

/** The handler function named by `handlerString`, or the runtime's init error. */
export async function loadOriginalHandler(taskRoot: string, handlerString: string): Promise<AnyHandler> {
  const { modulePath, exportPath } = split(handlerString);
  const mod = await loadModule(taskRoot, modulePath);
  const handler = resolveExport(mod, exportPath);
  if (handler === undefined) throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  return handler as AnyHandler;
}
