import {
  closedMail,
  complementRequestedMail,
  mailSentLabel,
  messageMail,
  receiptMail,
  reportDueSoonMail,
  reportOverdueMail,
  type MailDeclaration,
} from './mail-templates';

const declaration: MailDeclaration = {
  label: '2026-000042',
  structureName: 'CHU X',
  link: 'https://vigie.example/declarations/2026-000042',
};

describe('the mail texts', () => {
  it('the receipt: its reference, the facility, when in Paris time, the link, in text and HTML', () => {
    const mail = receiptMail(declaration, '2026-03-28T23:30:00.000Z');
    expect(mail.subject).toBe('[Vigie] Accusé de réception de votre déclaration 2026-000042');
    expect(mail.text).toContain(
      'Le CERT Santé a bien reçu votre déclaration 2026-000042 (CHU X), enregistrée le 29 mars 2026 à 00:30 (heure de Paris).',
    );
    expect(mail.text).toContain(
      'Pour consulter la déclaration : https://vigie.example/declarations/2026-000042',
    );
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('<a href="https://vigie.example/declarations/2026-000042">');
  });

  it('the CERT’s question is quoted as written, and escaped in HTML', () => {
    const mail = complementRequestedMail(declaration, 'Quels postes <b>exactement</b> ?\nEt depuis quand ?');
    expect(mail.subject).toBe('[Vigie] Complément demandé sur votre déclaration 2026-000042');
    expect(mail.text).toContain('> Quels postes <b>exactement</b> ?\n> Et depuis quand ?');
    expect(mail.html).toContain('Quels postes &#60;b&#62;exactement&#60;/b&#62; ?<br>Et depuis quand ?');
    expect(mail.html).not.toContain('<b>');
  });

  it('a CERT message', () => {
    const mail = messageMail(declaration, 'Nous vous rappelons demain.');
    expect(mail.subject).toBe('[Vigie] Nouveau message du CERT sur votre déclaration 2026-000042');
    expect(mail.text).toContain('> Nous vous rappelons demain.');
  });

  it('a staged report due within 24 h, then late: which one and by when', () => {
    const soon = reportDueSoonMail(declaration, 'NOTIFICATION', '2026-03-31T22:59:00.000Z');
    expect(soon.subject).toBe('[Vigie] Rapport à remettre sous 24 h : déclaration 2026-000042');
    expect(soon.text).toContain(
      'la notification d’incident (NIS2, 72 h) est à remettre avant le 1 avril 2026 à 00:59 (heure de Paris)',
    );
    const late = reportOverdueMail(declaration, 'FINAL', '2026-04-30T22:59:00.000Z');
    expect(late.subject).toBe('[Vigie] Rapport en retard : déclaration 2026-000042');
    expect(late.text).toContain('le rapport final (NIS2) était à remettre avant le 1 mai 2026 à 00:59');
  });

  it('the closure', () => {
    const mail = closedMail(declaration, '2026-04-02T08:00:00.000Z');
    expect(mail.subject).toBe('[Vigie] Déclaration 2026-000042 clôturée');
    expect(mail.text).toContain(
      'Le CERT Santé a clôturé votre déclaration 2026-000042 (CHU X) le 2 avril 2026 à 10:00',
    );
  });

  it('every mail greets without a name and ends with the no-reply line', () => {
    for (const mail of [
      receiptMail(declaration, '2026-03-28T23:30:00.000Z'),
      closedMail(declaration, '2026-04-02T08:00:00.000Z'),
    ]) {
      expect(mail.text.startsWith('Bonjour,\n\n')).toBe(true);
      expect(mail.text).toContain('merci de ne pas y répondre');
    }
  });

  it('the history’s label of a mail names its kind, never its recipient', () => {
    expect(mailSentLabel('receipt')).toBe('E-mail envoyé : accusé de réception');
  });
});
