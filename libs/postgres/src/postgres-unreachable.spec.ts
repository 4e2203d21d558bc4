import { PostgresUnreachableError, unreachableIn, withoutPassword } from './postgres-unreachable';

const LIMITS = { statementTimeoutMs: 5000, longStatementTimeoutMs: 600_000, connectTimeoutMs: 2500 };
const URL_WITH_PASSWORD = 'postgres://vigie:hunter2@db.example:5432/vigie';

const failure = (message: string, code?: string): Error =>
  Object.assign(new Error(message), code ? { code } : {});
const reason = (error: unknown): string =>
  new PostgresUnreachableError(URL_WITH_PASSWORD, error, LIMITS).reason;

describe('PostgresUnreachableError: where and why a store could not connect', () => {
  it('says where without the password, whether in the user part or the query', () => {
    expect(withoutPassword(URL_WITH_PASSWORD)).toBe('postgres://vigie@db.example:5432/vigie');
    expect(withoutPassword('postgresql://vigie@db/vigie?password=hunter2&sslmode=require')).toBe(
      'postgresql://vigie@db/vigie?sslmode=require',
    );
    expect(withoutPassword('postgres://vigie:hunter2@[not a host')).toBe('postgres:…');
    const error = new PostgresUnreachableError(
      URL_WITH_PASSWORD,
      failure('connect ECONNREFUSED', 'ECONNREFUSED'),
      LIMITS,
    );
    expect(error.message).toBe(
      'cannot connect to PostgreSQL at postgres://vigie@db.example:5432/vigie: connection refused (ECONNREFUSED)',
    );
    expect(error.message).not.toContain('hunter2');
  });

  it.each([
    [
      'refused',
      failure('connect ECONNREFUSED 10.0.0.1:5432', 'ECONNREFUSED'),
      'connection refused (ECONNREFUSED)',
    ],
    ['an unknown host', failure('getaddrinfo ENOTFOUND db.example', 'ENOTFOUND'), 'unknown host (ENOTFOUND)'],
    [
      'no DNS',
      failure('getaddrinfo EAI_AGAIN db.example', 'EAI_AGAIN'),
      'host name not resolved (DNS unavailable) (EAI_AGAIN)',
    ],
    ['pg’s connection timeout', failure('timeout expired'), 'no answer within 2500 ms (connection timeout)'],
    [
      'a pool’s timeout',
      failure('Connection terminated due to connection timeout'),
      'no answer within 2500 ms (connection timeout)',
    ],
    [
      'a wrong password',
      failure('password authentication failed for user "vigie"', '28P01'),
      'authentication failed: password authentication failed for user "vigie" (28P01)',
    ],
    [
      'a missing password',
      failure('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'),
      'authentication failed: SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string',
    ],
    [
      'a missing database',
      failure('database "vigie" does not exist', '3D000'),
      'database "vigie" does not exist (3D000)',
    ],
    [
      'every address of a host refused (Node’s AggregateError has no message)',
      Object.assign(new AggregateError([failure('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {}),
      'connection refused (ECONNREFUSED)',
    ],
  ])('%s', (_what, error, expected) => {
    expect(reason(error)).toBe(expected);
  });

  it('is found among the causes of the error a store wraps it in', () => {
    const unreachable = new PostgresUnreachableError(URL_WITH_PASSWORD, failure('timeout expired'), LIMITS);
    const wrapped = new Error('PostgreSQL event store unavailable', { cause: unreachable });
    expect(unreachableIn(wrapped)).toBe(unreachable);
    expect(unreachableIn(new Error('other'))).toBeNull();
    expect(unreachableIn('not an error')).toBeNull();
  });
});
