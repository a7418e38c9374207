// How Lambda words a runtime process's exit: "Runtime exited with error: signal: killed".

const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
};

export function exitReason(code: number | null, signal: string | null): string {
  if (signal !== null) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal.toLowerCase()}`;
  if (code !== null && code !== 0) return `Runtime exited with error: exit status ${code}`;
  return 'Runtime exited without providing a reason';
}
