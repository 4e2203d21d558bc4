import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { DeclareForm } from './declare-form';

/** The structure as the facility's latest declaration gave it (Vigie keeps no register of facilities). */
function useLastStructure(finess: string) {
  return useQuery({
    queryKey: ['declarations', 'last-structure', finess],
    enabled: /^\d[\dAB]\d{7}$/.test(finess),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/declarations', { params: { query: { finess, limit: '1' } } }),
      );
      const last = page.items[0];
      if (last === undefined) return null;
      // The list has no NIS 2 status nor OSE flag: the declaration itself has them.
      const view = unwrap(await api.GET('/api/v1/declarations/{id}', { params: { path: { id: last.id } } }));
      return {
        structureName: last.structureName,
        structureType: last.structureType,
        region: last.region,
        nis2: view.structure.nis2,
        isOse: view.structure.isOse,
      };
    },
  });
}

/**
 * Fills the facility's name, type and region from its latest declaration, only where they are
 * empty (never over what the person typed); says whether it did, so the page asks to check them.
 */
export function useFacilityPrefill(form: DeclareForm, set: (patch: Partial<DeclareForm>) => void): boolean {
  const last = useLastStructure(form.finess).data;
  useEffect(() => {
    if (last === undefined || last === null) return;
    const patch: Partial<DeclareForm> = {};
    if (form.structureName === '') patch.structureName = last.structureName;
    if (form.structureType === '') patch.structureType = last.structureType;
    if (form.region === '') patch.region = last.region;
    if (form.nis2 === '') Object.assign(patch, { nis2: last.nis2, isOse: last.isOse });
    if (Object.keys(patch).length > 0) set(patch);
    // Only when the facility's answer arrives: clearing a field afterwards is the person's choice.
  }, [last]);
  return (
    last !== undefined &&
    last !== null &&
    form.structureName === last.structureName &&
    form.structureType === last.structureType &&
    form.region === last.region &&
    form.nis2 === last.nis2 &&
    form.isOse === last.isOse
  );
}
