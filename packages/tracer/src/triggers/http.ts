// HTTP triggers: API Gateway REST (payload v1, also HTTP APIs on payload 1.0), HTTP APIs (v2),
// Lambda Function URLs (v2 shape on *.lambda-url.* domains) and ALB target groups.
import { isSecretKey, MASK } from '../scrub/secret-patterns.ts';
import { at, header, isObj, prop, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';
import { parseAwsTraceHeader, parseTraceparent } from './trace-context.ts';

/** A query string with the values of secret-looking parameters masked. */
export function maskQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // keep the raw name
      }
      return isSecretKey(name) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
}

/** Query text from (multi-value) parameter maps; `encode` for API Gateway, which decodes them. */
function queryFrom(multi: unknown, single: unknown, encode: boolean): string {
  const enc = (s: string): string => (encode ? encodeURIComponent(s) : s);
  const parts: string[] = [];
  if (isObj(multi)) {
    for (const k of Object.keys(multi)) {
      const values = prop(multi, k);
      if (Array.isArray(values)) for (const v of values) parts.push(`${enc(k)}=${enc(String(v))}`);
    }
  } else if (isObj(single)) {
    for (const k of Object.keys(single)) parts.push(`${enc(k)}=${enc(String(prop(single, k)))}`);
  }
  return parts.join('&');
}

function common(event: unknown, c: TriggerCollector, headers: unknown): void {
  c.set('user_agent.original', header(headers, 'user-agent'));
  c.set('server.address', str(event, 'requestContext', 'domainName') ?? header(headers, 'host'));
  c.context(parseTraceparent(header(headers, 'traceparent')));
  c.context(parseAwsTraceHeader(header(headers, 'x-amzn-trace-id')));
}

export function isAlb(event: unknown): boolean {
  return isObj(at(event, 'requestContext', 'elb'));
}

export function isHttpV2(event: unknown): boolean {
  return str(event, 'version') === '2.0' && isObj(at(event, 'requestContext', 'http'));
}

export function isRestV1(event: unknown): boolean {
  return str(event, 'httpMethod') !== undefined && isObj(at(event, 'requestContext')) && prop(event, 'resource') !== undefined;
}

export function parseRestV1(event: unknown, c: TriggerCollector): void {
  c.is('http', str(event, 'version') === '1.0' ? 'api-gateway-http' : 'api-gateway-rest');
  const headers = prop(event, 'headers');
  c.set('http.request.method', str(event, 'httpMethod'));
  c.set('http.route', str(event, 'resource'));
  c.set('url.path', str(event, 'path'));
  c.set('url.query', maskQuery(queryFrom(prop(event, 'multiValueQueryStringParameters'), prop(event, 'queryStringParameters'), true)));
  c.set('client.address', str(event, 'requestContext', 'identity', 'sourceIp'));
  c.set('aws.api_gateway.api_id', str(event, 'requestContext', 'apiId'));
  c.set('aws.api_gateway.stage', str(event, 'requestContext', 'stage'));
  c.set('aws.api_gateway.request_id', str(event, 'requestContext', 'requestId'));
  common(event, c, headers);
  c.set('user_agent.original', str(event, 'requestContext', 'identity', 'userAgent'));
}

export function parseHttpV2(event: unknown, c: TriggerCollector): void {
  const domain = str(event, 'requestContext', 'domainName') ?? '';
  const url = domain.includes('.lambda-url.');
  c.is('http', url ? 'function-url' : 'api-gateway-http');
  const routeKey = str(event, 'routeKey');
  const space = routeKey === undefined ? -1 : routeKey.indexOf(' ');
  c.set('http.request.method', str(event, 'requestContext', 'http', 'method'));
  if (routeKey !== undefined && routeKey !== '$default') c.set('http.route', space >= 0 ? routeKey.slice(space + 1) : routeKey);
  c.set('url.path', str(event, 'rawPath') ?? str(event, 'requestContext', 'http', 'path'));
  c.set('url.query', maskQuery(str(event, 'rawQueryString') ?? ''));
  c.set('client.address', str(event, 'requestContext', 'http', 'sourceIp'));
  if (url) c.set('aws.lambda.url_id', str(event, 'requestContext', 'apiId'));
  else {
    c.set('aws.api_gateway.api_id', str(event, 'requestContext', 'apiId'));
    c.set('aws.api_gateway.stage', str(event, 'requestContext', 'stage'));
  }
  c.set('aws.api_gateway.request_id', url ? undefined : str(event, 'requestContext', 'requestId'));
  common(event, c, prop(event, 'headers'));
  c.set('user_agent.original', str(event, 'requestContext', 'http', 'userAgent'));
}

export function parseAlb(event: unknown, c: TriggerCollector): void {
  c.is('http', 'alb');
  const headers = prop(event, 'multiValueHeaders') !== undefined ? flatten(prop(event, 'multiValueHeaders')) : prop(event, 'headers');
  c.set('http.request.method', str(event, 'httpMethod'));
  c.set('url.path', str(event, 'path'));
  // ALB passes query parameters as the client sent them (not decoded).
  c.set('url.query', maskQuery(queryFrom(prop(event, 'multiValueQueryStringParameters'), prop(event, 'queryStringParameters'), false)));
  c.set('client.address', header(headers, 'x-forwarded-for')?.split(',')[0]?.trim());
  c.set('aws.elb.target_group_arn', str(event, 'requestContext', 'elb', 'targetGroupArn'));
  common(event, c, headers);
}

/** multiValueHeaders -> first value per header. */
function flatten(multi: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(multi)) return out;
  for (const k of Object.keys(multi)) {
    const v = prop(multi, k);
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}
