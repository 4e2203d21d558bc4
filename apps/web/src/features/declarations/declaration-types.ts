import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type DeclarationListItem = Schemas['DeclarationListItemDto'];
export type DeclarationPage = Schemas['DeclarationPageDto'];
export type DeclarationView = Schemas['DeclarationViewDto'];
export type DeclarationStatus = DeclarationView['status'];
export type Clock = Schemas['DeadlineItemDto'];
export type TimelineEntry = Schemas['TimelineEntryDto'];
export type CommandResult = Schemas['CommandResultDto'];
export type AmendBody = Schemas['AmendDeclarationDto'];

export const DECLARATION_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'COMPLEMENT_REQUESTED',
  'QUALIFIED',
  'RESOLVED',
  'CLOSED',
];

/** What a person reads and types: the reference, else the id's first block (no reference before issue 13). */
export const displayReference = (declaration: { id: string; reference?: string | null }): string =>
  declaration.reference ?? declaration.id.slice(0, 8);

/** The page's URL: by reference when there is one, else by id (both open the same page). */
export const declarationPath = (declaration: { id: string; reference?: string | null }): string =>
  `/declarations/${encodeURIComponent(declaration.reference ?? declaration.id)}`;
