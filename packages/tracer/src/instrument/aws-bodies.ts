// Reads AWS request and response bodies as the SDK's input and output shapes (enough for the
// resource and producerLinkKeys): JSON protocols as they are, the query protocol's form body as flat
// parameters, and the query protocol's XML responses (MessageId of Publish / SendMessage and of the
// successful entries of the batch calls). Never throws.
import { isObj, type Obj } from '../util/read.ts';

export function parseRequestBody(protocol: 'json' | 'query' | 'rest', text: string | undefined): Obj | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    if (protocol === 'json') {
      const v: unknown = JSON.parse(text);
      return isObj(v) ? v : undefined;
    }
    if (protocol === 'query') return Object.fromEntries(new URLSearchParams(text));
  } catch {
    // unreadable: no input
  }
  return undefined;
}

function xmlValues(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g');
  for (const m of xml.matchAll(re)) if (m[1] !== undefined && m[1] !== '') out.push(m[1].trim());
  return out;
}

/** The response as an output shape; `operation` chooses how the query protocol's XML is read. */
export function parseResponseBody(text: string | undefined, operation: string | undefined): Obj | undefined {
  if (text === undefined) return undefined;
  const t = text.trimStart();
  try {
    if (t.startsWith('{')) {
      const v: unknown = JSON.parse(t);
      return isObj(v) ? v : undefined;
    }
    if (t.startsWith('<')) return parseXml(t, operation);
  } catch {
    // unreadable: no output
  }
  return undefined;
}

function parseXml(xml: string, operation: string | undefined): Obj {
  const out: Obj = {};
  const code = xmlValues(xml, 'Code')[0];
  if (code !== undefined) out['__type'] = code;
  const message = xmlValues(xml, 'Message')[0];
  if (message !== undefined) out['message'] = message;
  if (operation?.endsWith('Batch') === true) {
    const successful = xml.replace(/<Failed>[\s\S]*?<\/Failed>/g, '');
    out['Successful'] = xmlValues(successful, 'MessageId').map((id) => ({ MessageId: id }));
  } else {
    const id = xmlValues(xml, 'MessageId')[0];
    if (id !== undefined) out['MessageId'] = id;
  }
  return out;
}

/** The AWS error code of a failed call: x-amzn-errortype, JSON `__type` / `code`, XML `<Code>`. */
export function errorCode(headers: Record<string, string>, output: Obj | undefined): string | undefined {
  const header = headers['x-amzn-errortype'];
  if (header !== undefined && header !== '') return header.split(':')[0];
  const type = output?.['__type'] ?? output?.['code'] ?? output?.['Code'];
  if (typeof type !== 'string' || type === '') return undefined;
  return type.slice(type.lastIndexOf('#') + 1);
}

export function errorText(output: Obj | undefined): string | undefined {
  const m = output?.['message'] ?? output?.['Message'];
  return typeof m === 'string' && m !== '' ? m.slice(0, 512) : undefined;
}
