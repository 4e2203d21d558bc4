import { Button } from '@codegouvfr/react-dsfr/Button';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { useMe } from '../../api/me';
import type { Me } from '../../api/types';
import { DEFAULT_SITE, useSite } from '../../api/site';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { MyFacilities } from '../facilities/my-facilities';

export function HomePage() {
  const t = useT();
  const me = useMe();
  const site = useSite().data ?? DEFAULT_SITE;
  usePageTitle(me.data ? t.home.mySpace : t.home.title);
  if (me.isPending) return <p>{t.layout.loading}</p>;
  return (
    <>
      {site.emergencyPhone !== '' && (
        <Notice className="fr-mb-4w" title={t.home.emergency(site.emergencyPhone)} />
      )}
      {me.data ? <MySpace me={me.data} /> : <Welcome />}
    </>
  );
}

function Welcome() {
  const t = useT();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t.home.title}</h1>
        <p className="fr-text--lead">{t.home.lead}</p>
        <ul>
          {t.home.what.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <Button className="fr-mt-2w" iconId="fr-icon-lock-line" linkProps={{ to: '/connexion' }}>
          {t.home.loginCta}
        </Button>
      </div>
    </div>
  );
}

function MySpace({ me }: { me: Me }) {
  const t = useT();
  const staff = me.roles.includes('analyst') || me.roles.includes('admin');
  return (
    <>
      <h1>{t.home.welcome(me.user.name ?? me.user.email ?? '')}</h1>
      {me.roles.includes('declarant') && me.finess.length > 0 && (
        <Button
          className="fr-mb-4w"
          size="large"
          iconId="fr-icon-alarm-warning-line"
          linkProps={{ to: '/declarer' }}
        >
          {t.declare.cta}
        </Button>
      )}
      {me.roles.includes('declarant') && <MyFacilities finess={me.finess} />}
      <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        {me.roles.includes('declarant') && (
          <div className="fr-col-12 fr-col-md-4">
            <Card
              title={t.declarations.homeLink}
              desc={t.declarations.homeLinkDesc}
              titleAs="h2"
              linkProps={{ to: '/declarations' }}
              enlargeLink
              border
            />
          </div>
        )}
        {staff && (
          <div className="fr-col-12 fr-col-md-4">
            <Card
              title={t.console.title}
              desc={t.console.homeDesc}
              titleAs="h2"
              linkProps={{ to: '/console/declarations' }}
              enlargeLink
              border
            />
          </div>
        )}
        {me.roles.includes('admin') && (
          <div className="fr-col-12 fr-col-md-4">
            <Card
              title={t.home.adminUsers}
              titleAs="h2"
              linkProps={{ to: '/admin/utilisateurs' }}
              enlargeLink
              border
            />
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <Card title={t.home.myAccount} titleAs="h2" linkProps={{ to: '/compte' }} enlargeLink border />
        </div>
      </div>
    </>
  );
}
