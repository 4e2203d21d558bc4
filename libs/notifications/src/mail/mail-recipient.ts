import type { Declarant } from '@vigie/domain';
import { ERASED, UNREADABLE, type PersonalDataVault } from '@vigie/privacy';

const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;

/**
 * The declarant's address, decrypted just before sending; null when there is none to write to:
 * the subject was erased (crypto-shredding: `[erased]`), the envelope does not open, or what is
 * left is no address. Then nothing is sent, ever: an erased person is not written to.
 */
export async function recipientOf(
  vault: Pick<PersonalDataVault, 'reveal'>,
  declarant: Declarant,
): Promise<string | null> {
  const { email } = await vault.reveal(declarant);
  if (email === ERASED || email === UNREADABLE || !ADDRESS.test(email)) return null;
  return email;
}
