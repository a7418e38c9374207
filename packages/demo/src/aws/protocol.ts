// Wire helpers shared by the local services: AWS JSON answers and errors, query-protocol XML,
// request ids in the shapes each service uses.
import { createHash, randomUUID } from 'node:crypto';
import type { AwsResponse } from './types.ts';

export const requestId = (): string => randomUUID();

/** S3's request id shape: 16 upper-case hex characters. */
export const s3RequestId = (): string => randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();

export const md5Hex = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

/** An AWS JSON 1.0/1.1 answer. */
export function awsJson(body: unknown, version: '1.0' | '1.1', status = 200): AwsResponse {
  return {
    status,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId() },
    body: JSON.stringify(body),
  };
}

/** An AWS JSON error: `__type` is "namespace#Code" or just the code, as the service sends it. */
export function awsJsonError(type: string, message: string, version: '1.0' | '1.1', status = 400): AwsResponse {
  return awsJson({ __type: type, message }, version, status);
}

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A query-protocol answer: <{Action}Response xmlns=...><{Action}Result>...</...><ResponseMetadata/></...>. */
export function queryXml(action: string, namespace: string, resultXml: string): AwsResponse {
  const rid = requestId();
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': rid },
    body: `<${action}Response xmlns="${namespace}"><${action}Result>${resultXml}</${action}Result><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** A query-protocol error. */
export function queryXmlError(code: string, message: string, status = 400, type: 'Sender' | 'Receiver' = 'Sender'): AwsResponse {
  const rid = requestId();
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': rid },
    body: `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${rid}</RequestId></ErrorResponse>`,
  };
}
