import { NotFoundPage } from '../legal/not-found-page';
import { ConsoleOnly } from '../console/console-access';

/** An unknown `/console/*` URL: refused to whoever may not see the console, "not found" to the CERT. */
export function ConsoleNotFoundPage() {
  return (
    <ConsoleOnly>
      <NotFoundPage />
    </ConsoleOnly>
  );
}
