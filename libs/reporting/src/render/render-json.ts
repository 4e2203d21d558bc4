import type { AnyReport } from '../public-mask';

export const renderJson = (report: AnyReport): string => `${JSON.stringify(report, null, 2)}\n`;
