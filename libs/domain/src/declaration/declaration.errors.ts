import { DomainError, InvalidField, LifecycleConflict } from '../domain-error';

export class DeclarationNotFound extends DomainError {
  readonly code = 'declaration-not-found';
  readonly kind = 'not-found' as const;
  constructor(readonly declarationId: string) {
    super(`Declaration ${declarationId} does not exist`);
  }
}

export class DeclarationAlreadyExists extends LifecycleConflict {
  readonly code = 'declaration-already-exists';
  constructor(readonly declarationId: string) {
    super(`Declaration ${declarationId} was already submitted`);
  }
}

export class DeclarationIsClosed extends LifecycleConflict {
  readonly code = 'declaration-is-closed';
  constructor(readonly declarationId: string) {
    super(`Declaration ${declarationId} is closed: reopen it first`);
  }
}

export class DeclarationNotClosed extends LifecycleConflict {
  readonly code = 'declaration-not-closed';
  constructor(readonly declarationId: string) {
    super(`Declaration ${declarationId} is not closed: only a closed declaration can be reopened`);
  }
}

export class ComplementAlreadyRequested extends LifecycleConflict {
  readonly code = 'complement-already-requested';
  constructor(readonly openRequestId: string) {
    super(`Complement request ${openRequestId} is still unanswered: one open request at a time`);
  }
}

export class NoOpenComplementRequest extends LifecycleConflict {
  readonly code = 'no-open-complement-request';
  constructor(readonly declarationId: string) {
    super(`Declaration ${declarationId} has no unanswered complement request`);
  }
}

export class DeclarationAlreadyResolved extends LifecycleConflict {
  readonly code = 'declaration-already-resolved';
  constructor(readonly declarationId: string) {
    super(`The resolution of declaration ${declarationId} was already reported`);
  }
}

export class InvalidFiness extends InvalidField {
  readonly code = 'invalid-finess';
  constructor(reason: string) {
    super('structure.finess', reason);
  }
}

/**
 * The region given is not the one of the FINESS number's département (docs/domain-regions.md):
 * either may be the mistake, so the 400 names both.
 */
export class RegionContradictsFiness extends InvalidField {
  readonly code = 'region-contradicts-finess';
  override readonly fields = ['structure.region', 'structure.finess'] as const;
  constructor(message: string) {
    super('structure.region', message);
  }
}

export class InvalidDates extends InvalidField {
  readonly code = 'invalid-dates';
}

export class TypeDoesNotMatchOrigin extends InvalidField {
  readonly code = 'type-does-not-match-origin';
}

export class OutOfScopeReasonRequired extends InvalidField {
  readonly code = 'out-of-scope-reason-required';
  constructor() {
    super('outOfScopeReason', 'a declaration qualified as out of scope needs the reason');
  }
}

/** A code outside its taxonomy (DOMAIN.md): it would sit in the log and the report forever. */
export class UnknownCode extends InvalidField {
  readonly code = 'unknown-code';
  constructor(field: string, allowed: readonly string[]) {
    super(field, `must be one of ${allowed.join(', ')}`);
  }
}

export class TextRequired extends InvalidField {
  readonly code = 'text-required';
  constructor(field: string) {
    super(field, 'must not be blank');
  }
}

export class InvalidCount extends InvalidField {
  readonly code = 'invalid-count';
  constructor(field: string, max: number) {
    super(field, `must be a whole number from 0 to ${max}`);
  }
}

export class SupplierNameWithoutSupplier extends InvalidField {
  readonly code = 'supplier-name-without-supplier';
  constructor(field: 'supplierName' | 'supplierInvolved') {
    super(field, 'a supplier’s name goes with supplierInvolved: YES');
  }
}

export class InvalidReference extends InvalidField {
  readonly code = 'invalid-reference';
  constructor() {
    super('reference', 'must read YYYY-NNNNNN');
  }
}
