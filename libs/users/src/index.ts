export * from './execute-user-command';
