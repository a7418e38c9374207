// notify's contact rules: lenient falls back to email, strict normalises every order notification's
// phone and fails on an empty one, lunch reminders are never checked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Notification } from '../shared/notification.ts';
import { contactValidation, InvalidContactError, normalizePhone, resolveAddress } from './contact.ts';

const n = (over: Partial<Notification> & { phone?: string }): Notification => ({
  kind: 'order-confirmed',
  channel: 'email',
  to: { userId: 'u-1', name: 'A', email: 'a@example.com', phone: over.phone ?? '' },
  text: 't',
  ...over,
});

describe('contact', () => {
  it('normalizePhone: E.164 out, InvalidContactError for empty or malformed numbers', () => {
    assert.equal(normalizePhone('+1 (555) 555-0100'), '+15555550100');
    assert.equal(normalizePhone('555 555 0100'), '+15555550100');
    assert.equal(normalizePhone('445555550100'), '+445555550100');
    assert.throws(() => normalizePhone(''), (e: unknown) => e instanceof InvalidContactError && e.name === 'InvalidContactError' && e.message === 'phone number is empty');
    assert.throws(() => normalizePhone('12ab'), InvalidContactError);
  });

  it('lenient: sms without a phone falls back to email with a reason; email never looks at the phone', () => {
    assert.deepEqual(resolveAddress(n({ channel: 'sms', phone: '+15555550100' }), 'lenient'), { channel: 'sms', to: '+15555550100' });
    const fallback = resolveAddress(n({ channel: 'sms' }), 'lenient');
    assert.equal(fallback.channel, 'email');
    assert.equal(fallback.to, 'a@example.com');
    assert.match(fallback.fallback ?? '', /no phone number for u-1/);
    assert.deepEqual(resolveAddress(n({}), 'lenient'), { channel: 'email', to: 'a@example.com' });
  });

  it('strict: order notifications without a phone throw, even by email; lunch reminders pass', () => {
    assert.throws(() => resolveAddress(n({}), 'strict'), /phone number is empty/);
    assert.throws(() => resolveAddress(n({ kind: 'payment-failed' }), 'strict'), InvalidContactError);
    assert.deepEqual(resolveAddress(n({ channel: 'sms', phone: '555-555-0100' }), 'strict'), { channel: 'sms', to: '+15555550100' });
    assert.deepEqual(resolveAddress(n({ kind: 'lunch-reminder', channel: 'sms', phone: '+15555550100' }), 'strict'), { channel: 'sms', to: '+15555550100' });
  });

  it('CONTACT_VALIDATION: only "strict" turns strict on', () => {
    assert.equal(contactValidation(undefined), 'lenient');
    assert.equal(contactValidation('lenient'), 'lenient');
    assert.equal(contactValidation('strict'), 'strict');
  });
});
