import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTrigger } from './parse-trigger.ts';
import { findUserTier } from './user-tier.ts';

/** An API Gateway HTTP API (payload 2.0) event shaped exactly like the demo shop's (packages/demo/src/api-gateway.ts). */
const demoShopEvent = {
  version: '2.0',
  routeKey: 'POST /orders',
  rawPath: '/orders',
  rawQueryString: '',
  headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z', 'user-agent': 'shop-traffic' },
  requestContext: {
    accountId: '000000000000',
    apiId: 'shopapi',
    authorizer: { jwt: { claims: { sub: 'cust-0007', tier: 'vip', name: 'Ada', iss: 'https://auth.shop.example', aud: 'shop-api', iat: '1700000000', exp: '1700604800' }, scopes: null } },
    domainName: 'shopapi.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'shopapi',
    http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'shop-traffic' },
    requestId: 'gw-1',
    routeKey: 'POST /orders',
    stage: '$default',
    time: '23/Nov/2026:10:00:00 +0000',
    timeEpoch: 1795000000000,
  },
  body: '{"items":[{"sku":"A","qty":1}],"account":{"tier":"gold"}}',
  isBase64Encoded: false,
};

describe('user tier', () => {
  test("the demo shop's event: tier from the JWT claims, on the root span's attributes next to enduser.id", () => {
    const t = parseTrigger(demoShopEvent);
    assert.equal(t.source, 'api-gateway-http');
    assert.equal(t.userId, 'cust-0007');
    assert.equal(t.userTier, 'vip');
    assert.equal(t.attributes['nightjar.enduser.tier'], 'vip');
    assert.equal(t.attributes['enduser.id'], 'cust-0007');
  });

  test('no tier: empty, and no attribute', () => {
    const ev = { ...demoShopEvent, requestContext: { ...demoShopEvent.requestContext, authorizer: { jwt: { claims: { sub: 'cust-1' } } } } };
    const t = parseTrigger(ev);
    assert.equal(t.userId, 'cust-1');
    assert.equal(t.userTier, '');
    assert.equal('nightjar.enduser.tier' in t.attributes, false);
    assert.equal(parseTrigger({ hello: 'world' }).userTier, '');
  });

  test('default fields: Cognito custom attributes, Lambda authorizer contexts (HTTP and REST), plan', () => {
    assert.equal(findUserTier({ requestContext: { authorizer: { claims: { sub: 'a', 'custom:tier': 'Enterprise' } } } }), 'Enterprise');
    assert.equal(findUserTier({ requestContext: { authorizer: { lambda: { userId: 'a', plan: 'premium' } } } }), 'premium');
    assert.equal(findUserTier({ requestContext: { authorizer: { principalId: 'a', tier: 'gold', integrationLatency: 3 } } }), 'gold');
    assert.equal(findUserTier({ requestContext: { authorizer: { jwt: { claims: { 'custom:plan': 'standard' } } } } }), 'standard');
    assert.equal(findUserTier({ requestContext: { authorizer: { jwt: { claims: { plan: 'free', tier: 'vip' } } } } }), 'vip', 'tier before plan');
  });

  test('values: trimmed, numbers as text, long values cut, blank and non-text values ignored', () => {
    const claims = (v: unknown) => ({ requestContext: { authorizer: { jwt: { claims: { tier: v } } } } });
    assert.equal(findUserTier(claims('  vip ')), 'vip');
    assert.equal(findUserTier(claims(3)), '3');
    assert.equal(findUserTier(claims('x'.repeat(500))).length, 64);
    assert.equal(findUserTier(claims('   ')), '');
    assert.equal(findUserTier(claims({ name: 'vip' })), '');
    assert.equal(findUserTier(claims(null)), '');
  });

  test('configured paths come first and may reach into a JSON body; a miss falls back to the defaults', () => {
    assert.equal(parseTrigger(demoShopEvent, { userTierPaths: ['nope.here', 'body.account.tier'] }).userTier, 'gold');
    assert.equal(parseTrigger(demoShopEvent, { userTierPaths: ['nope.here'] }).userTier, 'vip');
  });

  test('malformed events never throw: no tier, the rest of the trigger intact', () => {
    const hostileAuthorizer = { requestContext: { get authorizer(): unknown { throw new Error('boom'); } } };
    assert.equal(findUserTier(hostileAuthorizer), '');
    const hostileClaims = { requestContext: { authorizer: { jwt: { claims: new Proxy({}, { getOwnPropertyDescriptor() { throw new Error('no'); }, get() { throw new Error('no'); } }) } } } };
    assert.equal(findUserTier(hostileClaims), '');
    assert.equal(findUserTier({ requestContext: { authorizer: 'not an object' } }), '');
    assert.equal(findUserTier({ body: '{not json' }, ['body.account.tier']), '');
    for (const ev of [undefined, null, 42, 'text', [], [{ requestContext: {} }]]) assert.equal(parseTrigger(ev, { userTierPaths: ['0.a', ''] }).userTier, '');
    const t = parseTrigger({ ...demoShopEvent, body: '{"account":' }, { userTierPaths: ['body.account.tier'] });
    assert.equal(t.userTier, 'vip');
    assert.equal(t.source, 'api-gateway-http');
  });
});
