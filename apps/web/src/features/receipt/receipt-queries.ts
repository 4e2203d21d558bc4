import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import type { components } from '../../api/schema';

export type DeclarationView = components['schemas']['DeclarationViewDto'];
export type Clock = components['schemas']['DeadlineItemDto'];

/**
 * The declaration by its reference (`2026-000042`) or, for one that predates references, by its id. `minPosition` (the submission's answer) makes the read
 * wait for the read models: right after the 201 the page would otherwise find nothing.
 */
export function useDeclaration(referenceOrId: string, minPosition: string | undefined) {
  return useQuery({
    queryKey: ['declarations', 'detail', referenceOrId],
    queryFn: async (): Promise<DeclarationView> =>
      unwrap(
        await api.GET('/api/v1/declarations/{id}', {
          params: {
            path: { id: referenceOrId },
            query: minPosition === undefined ? {} : { minPosition },
          },
        }),
      ),
    // A 404 right after a submission may be the read models catching up: two more tries.
    retry: (count, error) => error instanceof ApiProblem && error.status === 404 && count < 2,
    retryDelay: 500,
  });
}

export function useClocks(id: string | undefined, minPosition: string | undefined) {
  return useQuery({
    queryKey: ['declarations', 'clocks', id],
    enabled: id !== undefined,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/declarations/{id}/clocks', {
          params: { path: { id: id ?? '' }, query: minPosition === undefined ? {} : { minPosition } },
        }),
      ).items,
  });
}
