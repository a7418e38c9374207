// Handlers that fail in the ways Lambda distinguishes.
class OrderError extends Error {
  constructor(message) {
    super(message);
    this.name = 'OrderError';
  }
}

export const throws = async () => {
  throw new OrderError('order 42 is missing');
};

export const uncaught = async () => {
  setTimeout(() => {
    throw new Error('escaped the handler');
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return 'not reached';
};

export const rejectsLater = async () => {
  void Promise.reject(new Error('nobody awaited me'));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return 'not reached';
};

export const sleeps = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { slept: event.ms, pid: process.pid };
};

export const crashes = async () => {
  process.kill(process.pid, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 1000));
};

export const hogsMemory = async () => {
  const keep = [];
  for (;;) {
    keep.push(Buffer.alloc(8 * 1024 * 1024, 1));
    await new Promise((resolve) => setImmediate(resolve));
  }
};

export const notAFunction = 42;
