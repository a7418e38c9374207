// Where a notification goes. CONTACT_VALIDATION=lenient (v1, the default): a missing address for
// the channel falls back to email with a warning. strict (the "bad deployment"): the phone number of
// every order notification is normalised first, and an empty one throws InvalidContactError.
import type { Channel, Notification } from '../shared/notification.ts';

export class InvalidContactError extends Error {
  override name = 'InvalidContactError';
}

export type ContactValidation = 'lenient' | 'strict';

/** E.164: "+15555550100". Ten digits are taken as a US number. */
export function normalizePhone(phone: string): string {
  if (phone.trim() === '') throw new InvalidContactError('phone number is empty');
  const digits = phone.replace(/[\s().-]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^\d{11,15}$/.test(digits)) return `+${digits}`;
  throw new InvalidContactError(`phone number is not valid: ${JSON.stringify(phone)}`);
}

export interface Address {
  channel: Channel;
  to: string;
  /** Set when the channel was changed (lenient fallback). */
  fallback?: string;
}

export function resolveAddress(n: Notification, mode: ContactValidation): Address {
  if (mode === 'strict' && (n.kind === 'order-confirmed' || n.kind === 'payment-failed')) {
    const phone = normalizePhone(n.to.phone);
    return n.channel === 'sms' ? { channel: 'sms', to: phone } : { channel: 'email', to: n.to.email };
  }
  if (n.channel === 'sms') {
    if (n.to.phone !== '') return { channel: 'sms', to: n.to.phone };
    return { channel: 'email', to: n.to.email, fallback: `no phone number for ${n.to.userId}, sending by email` };
  }
  return { channel: 'email', to: n.to.email };
}

export function contactValidation(value: string | undefined): ContactValidation {
  return value === 'strict' ? 'strict' : 'lenient';
}
