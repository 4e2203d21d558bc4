/** A configuration value the service cannot start with; the message names the variable, never a secret. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
