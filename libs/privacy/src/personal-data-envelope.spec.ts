import { randomBytes } from 'node:crypto';
import { isSealed, open, parseEnvelope, seal } from './personal-data-envelope';
import { loginSubjectHashOf, normaliseEmail, subjectIdOf } from './subject-id';

describe('personal-data envelopes', () => {
  const key = randomBytes(32);
  const ref = { subjectId: 'ds_abc', generation: 1 };

  it('a sealed text opens with its key, field and subject, and never shows the plaintext', () => {
    const sealed = seal(key, ref, 'name', 'Jeanne Martin');
    expect(sealed).toMatch(/^enc:v1:ds_abc:1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('Jeanne');
    expect(isSealed(sealed)).toBe(true);
    expect(open(key, parseEnvelope(sealed)!, 'name')).toBe('Jeanne Martin');
  });

  it('equal texts seal differently (a fresh IV each time)', () => {
    expect(seal(key, ref, 'name', 'x')).not.toBe(seal(key, ref, 'name', 'x'));
  });

  it('does not open under another key, another field, or after a change of one character', () => {
    const sealed = seal(key, ref, 'email', 'rssi@ch-x.example');
    const envelope = parseEnvelope(sealed)!;
    expect(open(randomBytes(32), envelope, 'email')).toBeNull();
    expect(open(key, envelope, 'name')).toBeNull();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(open(key, parseEnvelope(tampered)!, 'email')).toBeNull();
    // Moved onto another subject: the additional data no longer matches.
    expect(open(key, { ...envelope, subjectId: 'ds_other' }, 'email')).toBeNull();
  });

  it('a text that is not an envelope parses to null', () => {
    expect(parseEnvelope('Jeanne Martin')).toBeNull();
    expect(parseEnvelope('enc:v1:ds_abc:1:')).toBeNull();
    expect(parseEnvelope('enc:v1:ds:abc:1:AAAA')).toBeNull();
  });
});

describe('subject ids', () => {
  it('the same person (e-mail case and spaces aside) gets the same id; another secret, another id', () => {
    const id = subjectIdOf('RSSI@CH-X.example ', 's'.repeat(32));
    expect(id).toMatch(/^ds_[A-Za-z0-9_-]{22}$/);
    expect(subjectIdOf('rssi@ch-x.example', 's'.repeat(32))).toBe(id);
    expect(subjectIdOf('rssi@ch-x.example', 't'.repeat(32))).not.toBe(id);
    expect(subjectIdOf('other@ch-x.example', 's'.repeat(32))).not.toBe(id);
    expect(normaliseEmail(' A@B.example')).toBe('a@b.example');
  });
});

describe('login subject hashes', () => {
  it('the same account always hashes alike, and the hash shows neither the sub nor the issuer', () => {
    const secret = 's'.repeat(32);
    const hash = loginSubjectHashOf('https://idp.example', 'f:5a1b:camille@ch-x.example', secret);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loginSubjectHashOf('https://idp.example', 'f:5a1b:camille@ch-x.example', secret)).toBe(hash);
    expect(loginSubjectHashOf('https://other.example', 'f:5a1b:camille@ch-x.example', secret)).not.toBe(hash);
    expect(loginSubjectHashOf('https://idp.example', 'f:5a1b:camille@ch-x.example', 't'.repeat(32))).not.toBe(
      hash,
    );
    expect(hash).not.toBe(subjectIdOf('camille@ch-x.example', secret).slice(3));
  });
});
