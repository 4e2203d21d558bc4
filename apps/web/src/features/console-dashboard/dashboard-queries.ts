import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { DECLARATIONS } from '../declarations/declaration-queries';
import type { AnnualReport } from '../console-report/report-model';

/** Live figures: the dashboard is left open; a minute is fresh enough and cheap for the read models. */
const REFRESH_MS = 60_000;

const annual = async (year: number): Promise<AnnualReport> =>
  unwrap(
    await api.GET('/api/v1/reports/annual/{year}', { params: { path: { year: String(year) } } }),
  ) as AnnualReport;

/** This year's report: its cards. */
export const useDashboardReports = (year: number) =>
  useQuery({
    queryKey: [...DECLARATIONS, 'dashboard', 'reports', year],
    refetchInterval: REFRESH_MS,
    queryFn: async () => ({ current: await annual(year) }),
  });

/** Open declarations (not resolved nor closed) with actual patient endangerment, by status. */
export const useOpenEndangered = () =>
  useQuery({
    queryKey: [...DECLARATIONS, 'dashboard', 'endangered'],
    refetchInterval: REFRESH_MS,
    queryFn: async () => {
      const counts = unwrap(
        await api.GET('/api/v1/declaration-counts', { params: { query: { patientEndangerment: 'ACTUAL' } } }),
      );
      const { SUBMITTED, COMPLEMENT_REQUESTED, QUALIFIED } = counts.byStatus;
      return {
        SUBMITTED,
        COMPLEMENT_REQUESTED,
        QUALIFIED,
        open: SUBMITTED + COMPLEMENT_REQUESTED + QUALIFIED,
      };
    },
  });

const MAX_PAGES = 10;

/** Overdue clocks of declarations still open (as the deadlines page counts them). */
export const useOverdueClocks = () =>
  useQuery({
    queryKey: [...DECLARATIONS, 'dashboard', 'overdue'],
    refetchInterval: REFRESH_MS,
    queryFn: async () => {
      let count = 0;
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = unwrap(
          await api.GET('/api/v1/deadlines', {
            params: { query: { status: 'overdue', limit: '200', ...(cursor ? { cursor } : {}) } },
          }),
        );
        count += answer.items.filter((clock) => !clock.declarationClosed).length;
        if (answer.nextCursor === null) return { count, more: false };
        cursor = answer.nextCursor;
      }
      return { count, more: true };
    },
  });

/** Declarations per Paris week, the 52 weeks to this one (`GET /api/v1/declaration-counts/weekly`). */
export const useWeeklyCounts = () =>
  useQuery({
    queryKey: [...DECLARATIONS, 'dashboard', 'weekly'],
    refetchInterval: REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/api/v1/declaration-counts/weekly')).weeks,
  });
