// Keeps the process up until SIGINT/SIGTERM (or a time limit), then runs the stop sequence once;
// a second signal exits at once.
export function runUntilStopped(stop: () => Promise<void>, opts: { durationMs?: number | null } = {}): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    let timer: NodeJS.Timeout | null = null;
    const begin = (why: string) => {
      if (stopping) {
        console.error(`nightjar: ${why} again, exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      if (timer) clearTimeout(timer);
      console.log(`nightjar: ${why}, flushing acknowledged data and stopping...`);
      stop().then(resolve, (err: unknown) => {
        console.error('nightjar: error while stopping', err);
        resolve();
      });
    };
    process.on('SIGINT', () => begin('SIGINT received'));
    process.on('SIGTERM', () => begin('SIGTERM received'));
    if (opts.durationMs != null) timer = setTimeout(() => begin(`--duration of ${Math.round(opts.durationMs! / 1000)} s reached`), opts.durationMs);
  });
}
