import { useId } from 'react';
import { LANGS, setLang, useLang, useT } from '../i18n/i18n';

/**
 * DSFR's language selector (fr-translate), as the DSFR writes it: react-dsfr's LanguageSelect
 * puts its menu inside its button, which nests links in a button (invalid, and a trap for the keyboard).
 * The collapse is DSFR's script's, driven by `aria-controls`; the choices are buttons: nothing to load.
 */
export function LanguageSelect() {
  const t = useT();
  const lang = useLang();
  // The header renders its quick access twice (desktop bar, mobile menu): one id each.
  const menu = `fr-translate-menu-${useId()}`;
  return (
    <nav role="navigation" className="fr-translate fr-nav" aria-label={t.layout.language}>
      <div className="fr-nav__item">
        <button
          type="button"
          className="fr-translate__btn fr-btn fr-btn--tertiary"
          aria-controls={menu}
          aria-expanded="false"
          title={t.layout.language}
        >
          {lang.toUpperCase()}
          <span className="fr-hidden-lg">&nbsp;- {t.lang[lang]}</span>
        </button>
        <div className="fr-collapse fr-translate__menu fr-menu" id={menu}>
          <ul className="fr-menu__list">
            {LANGS.map((candidate) => (
              <li key={candidate}>
                <button
                  type="button"
                  className="fr-translate__language fr-nav__link"
                  lang={candidate}
                  aria-current={candidate === lang ? 'true' : undefined}
                  onClick={() => setLang(candidate)}
                >
                  {candidate.toUpperCase()} - {t.lang[candidate]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </nav>
  );
}
