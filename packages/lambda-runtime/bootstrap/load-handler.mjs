// _HANDLER ("dir/file.export.nested") -> the handler function, resolved like the Lambda Node.js
// runtime: file.js (ESM or CommonJS), then file.mjs, then file.cjs, under LAMBDA_TASK_ROOT.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuntimeError } from './error-record.mjs';

const HANDLER_NAME = /^([^.]*)\.(.*)$/;

function split(handlerString) {
  const base = path.basename(handlerString);
  const dir = handlerString.slice(0, handlerString.length - base.length);
  const m = HANDLER_NAME.exec(base);
  if (!m || m[1] === '' || m[2] === '') {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerString}`);
  }
  return { modulePath: dir + m[1], exportPath: m[2] };
}

async function loadModule(taskRoot, modulePath) {
  const base = path.resolve(taskRoot, modulePath);
  const require = createRequire(path.join(taskRoot, 'noop.js'));
  try {
    if (existsSync(`${base}.js`)) return await import(pathToFileURL(`${base}.js`).href);
    if (existsSync(`${base}.mjs`)) return await import(pathToFileURL(`${base}.mjs`).href);
    if (existsSync(`${base}.cjs`)) return require(`${base}.cjs`);
    return require(modulePath);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    if (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND')) {
      const message = String(error.message).includes(`'${modulePath}'`) ? `Cannot find module '${modulePath}'` : error.message;
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${message}`, error);
    }
    throw error;
  }
}

function resolveExport(mod, exportPath) {
  let value = mod;
  for (const key of exportPath.split('.')) value = value?.[key];
  if (value === undefined && mod && typeof mod === 'object' && 'default' in mod) {
    value = mod.default;
    for (const key of exportPath.split('.')) value = value?.[key];
  }
  return value;
}

export async function loadHandler(taskRoot, handlerString) {
  const { modulePath, exportPath } = split(handlerString);
  const mod = await loadModule(taskRoot, modulePath);
  const handler = resolveExport(mod, exportPath);
  if (handler === undefined) throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  return handler;
}
