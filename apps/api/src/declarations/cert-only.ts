import { CERT_ONLY_EVENT_TYPES } from '@vigie/domain';
import type { DeadlineItem, DeclarationListItem, DeclarationView, TimelineEntry } from '@vigie/read-models';
import type { Principal } from '../auth/principal';

/*
 * What only the CERT sees — who follows a declaration up and the notes between analysts — is
 * taken out here, the one place every read of a declaration goes through (detail, receipt,
 * history, list, clocks), for a caller who acts for a facility.
 */

const forFacility = (principal: Principal): boolean => principal.role === 'declarant';

export function viewFor(principal: Principal, view: DeclarationView): DeclarationView {
  return forFacility(principal) ? { ...view, assignee: null, internalNotes: [] } : view;
}

export function historyFor(principal: Principal, items: TimelineEntry[]): TimelineEntry[] {
  return forFacility(principal) ? items.filter((item) => !CERT_ONLY_EVENT_TYPES.includes(item.type)) : items;
}

export function listItemsFor(principal: Principal, items: DeclarationListItem[]): DeclarationListItem[] {
  return forFacility(principal) ? items.map((item) => ({ ...item, assignee: null })) : items;
}

export function deadlineItemsFor(principal: Principal, items: DeadlineItem[]): DeadlineItem[] {
  return forFacility(principal) ? items.map((item) => ({ ...item, assignee: null })) : items;
}
