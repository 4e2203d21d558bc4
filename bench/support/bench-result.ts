import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from './machine';

export type Mode = 'full' | 'quick' | 'smoke';

/** A cell of a table: a figure, a label, or nothing measured (a skipped scenario). */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** A product goal (issue 7) and where the latest figure stands against it; never asserted by tests. */
export interface Target {
  name: string;
  goal: string;
  value: number | null;
  unit: string;
  /** null: not measured in this run (PostgreSQL unreachable, or a mode that does not measure it). */
  met: boolean | null;
}

/** What one benchmark measured. */
export interface Figures {
  title: string;
  parameters: Record<string, unknown>;
  rows: Row[];
  targets: Target[];
  notes: string[];
}

/** What lands in `bench/results/<name>.json`. */
export interface BenchResult extends Figures {
  name: string;
  mode: Mode;
  command: string;
  startedAt: string;
  seconds: number;
  machine: Machine;
  loadAverage: { start: [number, number, number]; end: [number, number, number] };
}

/** `applies: false` for a goal stated at a size this mode does not reach: shown, but neither met nor missed. */
export function target(
  name: string,
  goal: string,
  value: number | null,
  unit: string,
  met: (value: number) => boolean,
  applies = true,
): Target {
  return {
    name,
    goal,
    value,
    unit,
    met: !applies || value === null || !Number.isFinite(value) ? null : met(value),
  };
}

/**
 * Written through a temporary file, so that a run stopped half-way never leaves a truncated
 * result (bench/results is outside Prettier's reach: .prettierignore).
 */
export async function writeResult(directory: string, result: BenchResult): Promise<string> {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${result.name}.json`);
  const json = JSON.stringify(
    result,
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  );
  writeFileSync(`${path}.tmp`, json.endsWith('\n') ? json : `${json}\n`);
  renameSync(`${path}.tmp`, path);
  return path;
}

export function formatCell(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'string') return cell;
  if (Number.isInteger(cell)) return cell.toLocaleString('en-US');
  return cell.toLocaleString('en-US', {
    maximumFractionDigits: Math.abs(cell) >= 100 ? 0 : Math.abs(cell) >= 10 ? 1 : 2,
  });
}

/** A plain-text table; columns are the union of the rows' keys, in first-seen order. */
export function table(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column] ?? null)));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => line[index].length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => (index === 0 ? value.padEnd(widths[index]) : value.padStart(widths[index])))
      .join('  ');
  return [line(columns), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

export function describeTargets(targets: readonly Target[]): string {
  return targets
    .map(({ name, goal, value, unit, met }) => {
      const verdict = met === null ? 'n/a' : met ? 'MET' : 'MISSED';
      return `  ${verdict.padEnd(12)} ${name}: ${value === null ? '—' : formatCell(value)} ${unit} (goal ${goal})`;
    })
    .join('\n');
}

/** Consecutive rows measuring the same things (same columns) share a table. */
export function tables(rows: readonly Row[]): string[] {
  const groups: Row[][] = [];
  const signature = (row: Row) => Object.keys(row).join('|');
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && signature(last[0]) === signature(row)) last.push(row);
    else groups.push([row]);
  }
  return groups.map(table);
}

export function report(result: BenchResult): string {
  const { loadAverage } = result;
  return [
    `\n== ${result.name}: ${result.title} (${result.mode}, ${result.seconds.toFixed(1)} s, load ${loadAverage.start[0]} → ${loadAverage.end[0]})`,
    tables(result.rows).join('\n\n'),
    ...(result.targets.length > 0 ? ['targets:', describeTargets(result.targets)] : []),
    ...result.notes.map((note) => `note: ${note}`),
  ].join('\n');
}

/** The figures of a result as Markdown, for BENCHMARKS.md (`npm run bench -- --markdown`). */
export function markdown(result: BenchResult): string {
  const { loadAverage, machine } = result;
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const markdownTable = (rows: readonly Row[]) => {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    return [
      `| ${columns.map(escape).join(' | ')} |`,
      // Figures to the right, labels to the left.
      `| ${columns.map((column) => (rows.some((row) => typeof row[column] === 'number') ? '---:' : '---')).join(' | ')} |`,
      ...rows.map(
        (row) => `| ${columns.map((column) => escape(formatCell(row[column] ?? null))).join(' | ')} |`,
      ),
    ].join('\n');
  };
  const groups: Row[][] = [];
  for (const row of result.rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && Object.keys(last[0]).join('|') === Object.keys(row).join('|')) last.push(row);
    else groups.push([row]);
  }
  return [
    `\`${result.command}\` — ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${result.seconds.toFixed(0)} s, ` +
      `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryMB.toLocaleString('en-US')} MB, Node ${machine.node}, ` +
      `load average (1 min) ${loadAverage.start[0]} at start, ${loadAverage.end[0]} at end`,
    ...groups.map(markdownTable),
    ...(result.targets.length > 0
      ? [
          result.targets
            .map(
              ({ name, goal, value, unit, met }) =>
                `- ${met === null ? 'n/a' : met ? '**met**' : '**missed**'}: ${name} = ${value === null ? '—' : formatCell(value)} ${unit} (goal ${goal})`,
            )
            .join('\n'),
        ]
      : []),
  ].join('\n\n');
}
