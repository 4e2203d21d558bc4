import { NavLink } from 'react-router';
import { useMe } from '../../api/me';
import { useT } from '../../i18n/i18n';

/** The console's own sections, under each of its pages' headings; the administration for admins. */
export function ConsoleNav() {
  const t = useT();
  const me = useMe();
  const year = new Date().getFullYear();
  const links = [
    { to: '/console', label: t.cert.nav.dashboard, end: true },
    { to: '/console/declarations', label: t.console.queueLink, end: false },
    { to: '/console/deadlines', label: t.console.deadlinesLink, end: false },
    { to: `/console/rapport/${year}`, label: t.cert.nav.report, end: false },
    ...(me.data?.roles.includes('admin')
      ? [{ to: '/console/admin', label: t.cert.nav.admin, end: false }]
      : []),
  ];
  return (
    <nav className="fr-mb-4w" aria-label={t.cert.nav.label}>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) => `fr-btn fr-btn--sm ${isActive ? '' : 'fr-btn--tertiary'}`.trim()}
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
