import type { ClockStage, MailKind } from '@vigie/domain';

/**
 * The French texts of the mails to the declarant. Pure: the same facts give the same mail, so a
 * mail sent again after a crash is the very same. Only the declaration's reference, the facility's
 * name, dates, stages and a link; of free text, only what the CERT wrote to the facility (a
 * question, a message). Never a person's name or address, the recipient's own included.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** What every mail about one declaration says. */
export interface MailDeclaration {
  /** `YYYY-NNNNNN`, or the id of a declaration that predates references. */
  label: string;
  structureName: string;
  /** `<publicUrl>/declarations/<reference or id>`. */
  link: string;
}

/** The French label of each kind, as the history may show it: "E-mail envoyé : accusé de réception". */
export const MAIL_KIND_LABELS: Readonly<Record<MailKind, string>> = {
  receipt: 'accusé de réception',
  'complement-requested': 'demande de complément',
  message: 'message du CERT',
  'report-due-soon': 'rapport à remettre sous 24 h',
  'report-overdue': 'rapport en retard',
  closed: 'déclaration clôturée',
};

export const mailSentLabel = (kind: MailKind): string => `E-mail envoyé : ${MAIL_KIND_LABELS[kind]}`;

const STAGE_LABELS: Partial<Record<ClockStage, string>> = {
  NOTIFICATION: 'la notification d’incident (NIS2, 72 h)',
  INTERMEDIATE: 'le rapport intermédiaire (NIS2)',
  FINAL: 'le rapport final (NIS2)',
};

export const stageLabel = (stage: ClockStage): string => STAGE_LABELS[stage] ?? `le rapport ${stage}`;

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** `28 mars 2026 à 23:30` (heure de Paris). */
export const parisTime = (instant: string): string => `${PARIS.format(new Date(instant))} (heure de Paris)`;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const SIGNATURE = 'Ce message est envoyé automatiquement par Vigie ; merci de ne pas y répondre.';

/** One paragraph of the body; `quote` marks the CERT's own words, shown as written. */
type Paragraph = string | { quote: string };

function compose(subject: string, declaration: MailDeclaration, paragraphs: Paragraph[]): MailContent {
  const all: Paragraph[] = [
    'Bonjour,',
    ...paragraphs,
    `Pour consulter la déclaration : ${declaration.link}`,
    SIGNATURE,
  ];
  const text = all
    .map((paragraph) =>
      typeof paragraph === 'string'
        ? paragraph
        : paragraph.quote
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n'),
    )
    .join('\n\n');
  const link = escapeHtml(declaration.link);
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body>',
    ...all
      .slice(0, -2)
      .map((paragraph) =>
        typeof paragraph === 'string'
          ? `<p>${escapeHtml(paragraph)}</p>`
          : `<blockquote><p>${escapeHtml(paragraph.quote).replace(/\n/g, '<br>')}</p></blockquote>`,
      ),
    `<p><a href="${link}">Consulter la déclaration ${escapeHtml(declaration.label)}</a></p>`,
    `<p><small>${escapeHtml(SIGNATURE)}</small></p>`,
    '</body></html>',
  ].join('');
  return { subject: `[Vigie] ${subject}`, text: `${text}\n`, html };
}

const about = (declaration: MailDeclaration): string =>
  `votre déclaration ${declaration.label} (${declaration.structureName})`;

export const receiptMail = (declaration: MailDeclaration, submittedAt: string): MailContent =>
  compose(`Accusé de réception de votre déclaration ${declaration.label}`, declaration, [
    `Le CERT Santé a bien reçu ${about(declaration)}, enregistrée le ${parisTime(submittedAt)}.`,
    'Elle sera analysée par le CERT, qui pourra vous demander des compléments. Vous serez prévenu par e-mail de chaque étape.',
  ]);

export const complementRequestedMail = (declaration: MailDeclaration, question: string): MailContent =>
  compose(`Complément demandé sur votre déclaration ${declaration.label}`, declaration, [
    `Le CERT Santé vous demande un complément d’information sur ${about(declaration)} :`,
    { quote: question },
    'Vous pouvez y répondre depuis la page de la déclaration.',
  ]);

export const messageMail = (declaration: MailDeclaration, body: string): MailContent =>
  compose(`Nouveau message du CERT sur votre déclaration ${declaration.label}`, declaration, [
    `Le CERT Santé a publié un message sur ${about(declaration)} :`,
    { quote: body },
  ]);

export const reportDueSoonMail = (
  declaration: MailDeclaration,
  stage: ClockStage,
  dueAt: string,
): MailContent =>
  compose(`Rapport à remettre sous 24 h : déclaration ${declaration.label}`, declaration, [
    `Pour ${about(declaration)}, ${stageLabel(stage)} est à remettre avant le ${parisTime(dueAt)}.`,
  ]);

export const reportOverdueMail = (
  declaration: MailDeclaration,
  stage: ClockStage,
  dueAt: string,
): MailContent =>
  compose(`Rapport en retard : déclaration ${declaration.label}`, declaration, [
    `Pour ${about(declaration)}, ${stageLabel(stage)} était à remettre avant le ${parisTime(dueAt)} et n’a pas été reçu.`,
    'Merci de le remettre dès que possible depuis la page de la déclaration.',
  ]);

export const closedMail = (declaration: MailDeclaration, closedAt: string): MailContent =>
  compose(`Déclaration ${declaration.label} clôturée`, declaration, [
    `Le CERT Santé a clôturé ${about(declaration)} le ${parisTime(closedAt)}.`,
    'Si l’incident reprend ou si vous avez un élément nouveau, vous pouvez le signaler depuis la page de la déclaration.',
  ]);
