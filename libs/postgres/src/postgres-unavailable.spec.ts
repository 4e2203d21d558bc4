import { isPostgresUnavailable } from './postgres-unavailable';

const failure = (message: string, code?: string): Error =>
  Object.assign(new Error(message), code ? { code } : {});

describe('isPostgresUnavailable: the one list of "PostgreSQL cannot take work now"', () => {
  it.each([
    ['a refused connection', failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['an unknown host', failure('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
    ['a connection exception (class 08)', failure('connection failure', '08006')],
    ['a server shutting down', failure('terminating connection due to administrator command', '57P01')],
    [
      'a statement cancelled by statement_timeout',
      failure('canceling statement due to statement timeout', '57014'),
    ],
    ['too many connections', failure('sorry, too many clients already', '53300')],
    ['a database gone', failure('database "vigie" does not exist', '3D000')],
    ['a read-only standby', failure('cannot execute INSERT in a read-only transaction', '25006')],
    ['a silent network (client-side limit)', failure('Query read timeout')],
    ['a connection that timed out', failure('timeout expired')],
    ['a full pool', failure('timeout exceeded when trying to connect')],
    ['a lost connection', failure('Connection terminated unexpectedly')],
    [
      'a database closed to connections',
      failure('database "vigie" is not currently accepting connections', '55000'),
    ],
  ])('%s is unavailable', (_what, error) => {
    expect(isPostgresUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', failure('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', failure('syntax error at or near "SELEC"', '42601')],
    ['a missing table', failure('relation "events" does not exist', '42P01')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['something not an error', 'ECONNREFUSED'],
  ])('%s is not', (_what, error) => {
    expect(isPostgresUnavailable(error)).toBe(false);
  });
});
