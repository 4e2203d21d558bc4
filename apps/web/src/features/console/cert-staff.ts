import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';

export interface CertMember {
  sub: string;
  name: string;
  active: boolean;
}

/** `GET /api/v1/cert-staff`: the CERT's people change seldom; read once a few minutes. */
export const useCertStaff = () =>
  useQuery({
    queryKey: ['cert-staff'],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<CertMember[]> => unwrap(await api.GET('/api/v1/cert-staff')).items,
  });

/**
 * A sub in words for the console: "moi", a colleague's name, or — for anyone the CERT's list does
 * not hold (a facility's declarant, a script) — the sub itself, which is what the API knows.
 */
export function useNameOf(meSub: string): (sub: string | null) => string {
  const t = useT();
  const staff = useCertStaff();
  return useCallback(
    (sub: string | null) => {
      if (sub === null) return t.console.queue.nobody;
      if (sub === meSub) return t.console.queue.me;
      return staff.data?.find((member) => member.sub === sub)?.name ?? sub;
    },
    [meSub, staff.data, t],
  );
}
