import type { KeyStore } from './key-store.port';
import { open, parseEnvelope, seal, type KeyRef } from './personal-data-envelope';
import { emailHashOf, loginSubjectHashOf, subjectIdOf } from './subject-id';

/** What a reader sees of a field whose subject was erased: the key is gone, the text with it. */
export const ERASED = '[erased]';
/** An envelope no key opens (altered in the log): shown as such, never as a guess. */
export const UNREADABLE = '[unreadable]';

/** The personal data of a declaration: name, e-mail and phone are encrypted; the role (a job title) is not. */
export interface PersonalData {
  name: string;
  role: string;
  email: string;
  phone: string | null;
}

export type SealedField = 'name' | 'email' | 'phone';

/**
 * Crypto-shredding: a person's name, e-mail and phone are encrypted with a key of their own,
 * held in the KeyStore, before they reach the log. Erasing the subject destroys the key; the
 * ciphertext left in the log, the read models and their backups then reads as "[erased]".
 * Keys are looked up on every reveal (never cached): an erasure by another process (the CLI)
 * takes effect at once.
 */
export class PersonalDataVault {
  constructor(
    private readonly keys: KeyStore,
    private readonly subjectSecret: string,
  ) {}

  subjectOf(email: string): string {
    return subjectIdOf(email, this.subjectSecret);
  }

  /** The keyed hash by which a user's account at `issuer` is bound (LoginBound), never its `sub`. */
  loginSubjectHashOf(issuer: string, sub: string): string {
    return loginSubjectHashOf(issuer, sub, this.subjectSecret);
  }

  /** The keyed hash by which an invitation is found from the e-mail a login gives (UserInvited `emailHash`). */
  emailHashOf(email: string): string {
    return emailHashOf(email, this.subjectSecret);
  }

  async seal<Person extends PersonalData>(person: Person): Promise<Person> {
    const current = await this.keys.currentKey(this.subjectOf(person.email));
    const sealed = (field: SealedField, text: string): string => seal(current.key, current, field, text);
    return {
      ...person,
      name: sealed('name', person.name),
      email: sealed('email', person.email),
      phone: person.phone === null ? null : sealed('phone', person.phone),
    };
  }

  /** The person as an authorised reader sees it. Fields that are not envelopes (data from before encryption) pass as they are. */
  async reveal<Person extends PersonalData>(person: Person): Promise<Person> {
    const keys = new Map<string, Promise<Buffer | null>>();
    const revealed = (field: SealedField, value: unknown) => this.revealValue(value, field, keys);
    const [name, email, phone] = await Promise.all([
      revealed('name', person.name),
      revealed('email', person.email),
      revealed('phone', person.phone),
    ]);
    return { ...person, name: name ?? '', email: email ?? '', phone };
  }

  private async revealValue(
    value: unknown,
    field: SealedField,
    keys: Map<string, Promise<Buffer | null>>,
  ): Promise<string | null> {
    if (typeof value !== 'string') return null;
    const envelope = parseEnvelope(value);
    if (envelope === null) return value;
    const key = await this.keyOf(envelope, keys);
    if (key === null) return ERASED;
    return open(key, envelope, field) ?? UNREADABLE;
  }

  private keyOf(ref: KeyRef, keys: Map<string, Promise<Buffer | null>>): Promise<Buffer | null> {
    const id = `${ref.subjectId}:${ref.generation}`;
    let key = keys.get(id);
    if (key === undefined) {
      key = this.keys.findKey(ref);
      keys.set(id, key);
    }
    return key;
  }
}
