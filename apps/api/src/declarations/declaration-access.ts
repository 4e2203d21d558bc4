import { ForbiddenException } from '@nestjs/common';
import { DeclarationNotFound } from '@vigie/domain';
import type { Principal } from '../auth/principal';

/**
 * A declarant sees and acts on the declarations of its own facilities only. For any other one it
 * gets the same 404 as for a declaration that does not exist: existence is not leaked.
 */
export function assertMayAccess(principal: Principal, declarationId: string, finess: string | null): void {
  if (principal.role !== 'declarant') return;
  if (finess === null || !principal.finess.includes(finess)) throw new DeclarationNotFound(declarationId);
}

/** A declarant declares for the facilities its token lists; analysts and admins for any. */
export function assertMayDeclareFor(principal: Principal, finess: string): void {
  if (principal.role === 'declarant' && !principal.finess.includes(finess)) {
    throw new ForbiddenException('This token does not act for the facility given in structure.finess');
  }
}
