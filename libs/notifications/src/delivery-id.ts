import { createHash } from 'node:crypto';

/**
 * The id of one message to one recipient: the same inputs give the same id, so a delivery retried
 * after a restart keeps it and the receiver can drop the duplicate (`X-Vigie-Delivery`).
 */
export function deliveryIdOf(declarationId: string, recipient: string, kind: string): string {
  return uuidFrom(`${declarationId}\u0000${recipient}\u0000${kind}`);
}

/** A UUID (version 5 layout) derived from a seed: also the id of the event recording a delivery. */
export function uuidFrom(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
