import { scrub } from './redaction';

describe('scrub', () => {
  it.each([
    ['an e-mail encoded once', '/declarations/leak%40x.example', '/declarations/[email]'],
    ['an e-mail encoded twice', '/declarations/leak%2540x.example', '/declarations/[email]'],
    ['a phone with an encoded +', '/declarations/%2B33612345678', '/declarations/[phone]'],
    ['a phone with encoded spaces', '/d/06%2012%2034%2056%2078', '/d/[phone]'],
    ['bytes that are not UTF-8 next to an e-mail', '/d/leak%FF%40x.example', '/d/[email]'],
    ['a cut escape after an e-mail', '/d/leak%40x.example%E0%A4%A', '/d/[email]\uFFFD%A'],
    ['a lone %', 'paid 50% in 100%', 'paid 50% in 100%'],
    ['text encoded more than five times', '/d/%25252525252540x', '/d/[encoded]40x'],
  ])('sees through percent-encoding: %s', (_name, text, scrubbed) => {
    expect(scrub(text)).toBe(scrubbed);
  });
});
