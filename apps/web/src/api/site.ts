import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type Site = components['schemas']['SiteDto'];

/** Until `/api/v1/site` answers, the header shows the defaults. */
export const DEFAULT_SITE: Site = {
  operatorName: 'CERT Santé',
  brandTop: ['République', 'Française'],
  emergencyPhone: '',
  login: { provider: 'embedded' },
};

export const useSite = () =>
  useQuery({
    queryKey: ['site'],
    queryFn: async () => unwrap(await api.GET('/api/v1/site')),
    staleTime: Infinity,
  });
