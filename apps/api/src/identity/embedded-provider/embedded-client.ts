import { createHmac } from 'node:crypto';
import type { VigieConfig } from '@vigie/config';

/** The embedded provider's one client, the API itself: its secret derives from the service's own. */
export const embeddedClientSecret = (config: VigieConfig): string =>
  createHmac('sha256', config.jwtSecret).update('vigie-web-client').digest('base64url');
