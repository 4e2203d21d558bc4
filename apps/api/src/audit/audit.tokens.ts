/** Injection token of the ReadAuditLog. */
export const READ_AUDIT_LOG = Symbol('READ_AUDIT_LOG');
