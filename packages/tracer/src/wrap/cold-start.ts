// faas.coldstart: true for the first invocation of the process only, and never for sandboxes
// initialised ahead of demand (provisioned concurrency, SnapStart restores).

const AHEAD_OF_DEMAND = new Set(['provisioned-concurrency', 'snap-start']);

export class ColdStart {
  private pending = true;

  /** Whether this invocation is the cold start; later calls return false. */
  take(initializationType: string | undefined): boolean {
    const first = this.pending;
    this.pending = false;
    return first && !AHEAD_OF_DEMAND.has(initializationType ?? '');
  }
}

/** The process's one cold start, shared by every wrapped handler. */
export const processColdStart = new ColdStart();
