// Bytes of a child's stdout/stderr -> whole lines. The Node.js runtime writes one record per line with
// the record's own newlines turned into \r; a record's \r become \n again, as CloudWatch shows them.

export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.pending + chunk;
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    for (const part of parts) this.emit(part);
  }

  /** Emit what is left without a final newline (at process exit). */
  flush(): void {
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }

  private emit(line: string): void {
    this.onLine(line.replace(/\r/g, '\n'));
  }
}
