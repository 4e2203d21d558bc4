import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { DeclarationView } from './declaration-types';

interface Item {
  key: string;
  at: string;
  fromCert: boolean;
  heading: string;
  text: string;
}

/**
 * The thread with the CERT, oldest first: its complement requests and the answers, and the
 * messages (`messages` in the detail).
 */
export function DeclarationExchanges({ declaration }: { declaration: DeclarationView }) {
  const t = useT();
  const lang = useLang();
  const items: Item[] = [
    ...declaration.complements.flatMap((complement) => [
      {
        key: `${complement.requestId}-q`,
        at: complement.requestedAt,
        fromCert: true,
        heading: t.declarations.page.complementQuestion,
        text: complement.question,
      },
      ...(complement.answer === null || complement.providedAt === null
        ? []
        : [
            {
              key: `${complement.requestId}-a`,
              at: complement.providedAt,
              fromCert: false,
              heading: t.declarations.page.complementAnswer,
              text: complement.answer,
            },
          ]),
    ]),
    ...declaration.messages.map((message) => ({
      key: message.messageId,
      at: message.postedAt,
      fromCert: message.author === 'CERT',
      heading: t.declarations.events.MessagePosted,
      text: message.body,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (items.length === 0) return <p>{t.declarations.page.noExchange}</p>;
  return (
    <ol className="fr-raw-list" style={{ overflowWrap: 'anywhere' }}>
      {items.map((item) => (
        <li
          key={item.key}
          className="fr-mb-2w fr-p-2w"
          style={{ border: '1px solid var(--border-default-grey)' }}
        >
          <p className="fr-text--sm fr-mb-1v">
            <strong>{item.fromCert ? t.declarations.page.fromCert : t.declarations.page.fromFacility}</strong>{' '}
            · {item.heading} · <time dateTime={item.at}>{formatDate(item.at, lang)}</time>
          </p>
          <p className="fr-mb-0" style={{ whiteSpace: 'pre-line' }}>
            {item.text}
          </p>
        </li>
      ))}
    </ol>
  );
}
