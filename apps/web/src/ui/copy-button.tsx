import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useT } from '../i18n/i18n';

/** Copies a secret shown once (an API token, an activation link) to the clipboard. */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      priority="secondary"
      size="small"
      iconId={copied ? 'fr-icon-check-line' : 'fr-icon-clipboard-line'}
      title={label}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(() => setCopied(true));
      }}
    >
      {copied ? t.tokens.copied : t.tokens.copy}
    </Button>
  );
}

/** A secret on its own line, selectable, with its copy button. */
export function Secret({ value, label }: { value: string; label: string }) {
  return (
    <div className="fr-mb-2w">
      <p className="fr-mb-1w">
        <code aria-label={label} style={{ wordBreak: 'break-all' }}>
          {value}
        </code>
      </p>
      <CopyButton value={value} label={label} />
    </div>
  );
}
