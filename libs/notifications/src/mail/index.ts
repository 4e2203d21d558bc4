export * from './mail-templates';
export * from './mail-transport';
export * from './mail-recipient';
export * from './pending-mails';
export * from './send-mail';
export * from './record-mail';
export * from './mail-process-manager';
export * from './start-mailer';
