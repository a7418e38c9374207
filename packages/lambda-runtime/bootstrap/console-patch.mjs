// console.* as the Lambda Node.js runtime prints it: "<ISO time>\t<requestId>\t<LEVEL>\t<message>",
// one record per line (newlines inside a record become \r, which CloudWatch shows as one event).
import util from 'node:util';

let currentRequestId;

export function setCurrentRequestId(id) {
  currentRequestId = id;
}

export function writeRecord(level, message) {
  const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}`.replace(/\r?\n/g, '\r');
  process.stdout.write(`${line}\n`);
}

const LEVELS = { log: 'INFO', info: 'INFO', debug: 'DEBUG', warn: 'WARN', error: 'ERROR', trace: 'TRACE', fatal: 'FATAL' };

export function patchConsole() {
  for (const [method, level] of Object.entries(LEVELS)) {
    console[method] = (...args) => writeRecord(level, util.format(...args));
  }
}
