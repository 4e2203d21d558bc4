import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A personal-data field as the log and the read models hold it:
 * `enc:v1:<subjectId>:<generation>:<base64url(iv ‖ tag ‖ ciphertext)>`, AES-256-GCM under the
 * subject's key. The additional data binds the subject, the key generation and the field, so that
 * a value copied into another field or onto another subject does not decrypt.
 */
export const ENVELOPE_PREFIX = 'enc:v1:';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** What names a key: the data subject (a pseudonym, see subjectIdOf) and the generation of its key. */
export interface KeyRef {
  subjectId: string;
  generation: number;
}

export interface Envelope extends KeyRef {
  payload: Buffer;
}

const SUBJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ENVELOPE = /^enc:v1:([A-Za-z0-9_-]{1,64}):(\d{1,9}):([A-Za-z0-9_-]+)$/;

const additionalData = (ref: KeyRef, field: string): Buffer =>
  Buffer.from(`${ENVELOPE_PREFIX}${ref.subjectId}:${ref.generation}:${field}`, 'utf8');

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX);

/** Encrypts one field's text; each call draws a fresh IV, so equal texts never look equal. */
export function seal(key: Buffer, ref: KeyRef, field: string, plaintext: string): string {
  if (key.length !== KEY_BYTES) throw new Error(`a personal-data key is ${KEY_BYTES} bytes`);
  if (!SUBJECT_ID.test(ref.subjectId)) throw new Error('a subject id is 1 to 64 characters of [A-Za-z0-9_-]');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(ref, field));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const payload = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  return `${ENVELOPE_PREFIX}${ref.subjectId}:${ref.generation}:${payload}`;
}

/** The parts of an envelope, or null when the text is not one (a value written before encryption). */
export function parseEnvelope(value: string): Envelope | null {
  const match = ENVELOPE.exec(value);
  if (match === null) return null;
  const payload = Buffer.from(match[3], 'base64url');
  if (payload.length < IV_BYTES + TAG_BYTES) return null;
  return { subjectId: match[1], generation: Number(match[2]), payload };
}

/** The plaintext, or null when the key does not open it (another key, or a tampered value). */
export function open(key: Buffer, envelope: Envelope, field: string): string | null {
  const { payload } = envelope;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES));
    decipher.setAAD(additionalData(envelope, field));
    decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
}
