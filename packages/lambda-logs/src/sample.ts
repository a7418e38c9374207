// The start of an offending record, kept with its ingest error (IngestErrorRow.sample).

export const SAMPLE_CHARS = 2048;

export function sampleOf(text: string): string {
  return text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
}
