import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiProblem } from './api/problem';
import { AccountPage } from './features/account/account-page';
import { ActivationPage } from './features/activation/activation-page';
import { AdminUsersPage } from './features/admin-users/admin-users-page';
import { DeclarePage } from './features/declare/declare-page';
import { OutboxSender } from './features/declare/outbox-sender';
import { ConsoleOnly } from './features/console/console-access';
import { ConsoleDeclarationPage } from './features/console/console-declaration-page';
import { DeadlinesPage } from './features/console/deadlines-page';
import { QueuePage } from './features/console/queue-page';
import { DeclarationPage } from './features/declarations/declaration-page';
import { MyDeclarationsPage } from './features/declarations/my-declarations-page';
import { HomePage } from './features/home/home-page';
import { AccessibilityPage } from './features/legal/accessibility-page';
import { LegalNoticePage } from './features/legal/legal-notice-page';
import { NotFoundPage } from './features/legal/not-found-page';
import { AccessDeniedPage } from './features/login/access-denied-page';
import { LoginPage } from './features/login/login-page';
import { ReceiptPage } from './features/receipt/receipt-page';
import { Layout } from './ui/layout';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change on retry; a network failure or a 503 may.
      retry: (count, error) =>
        !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** The URLs are French, as the pages are; `/auth/*` and `/api/*` belong to the API. */
const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'connexion', element: <LoginPage /> },
      { path: 'acces-refuse', element: <AccessDeniedPage /> },
      { path: 'compte', element: <AccountPage /> },
      { path: 'admin/utilisateurs', element: <AdminUsersPage /> },
      { path: 'activer', element: <ActivationPage /> },
      { path: 'declarer', element: <DeclarePage /> },
      { path: 'declarations/:reference/accuse', element: <ReceiptPage /> },
      { path: 'declarations', element: <MyDeclarationsPage /> },
      { path: 'declarations/:reference', element: <DeclarationPage /> },
      { path: 'console', element: <QueuePage /> },
      { path: 'console/declarations', element: <QueuePage /> },
      { path: 'console/declarations/:reference', element: <ConsoleDeclarationPage /> },
      { path: 'console/deadlines', element: <DeadlinesPage /> },
      {
        path: 'console/*',
        element: (
          <ConsoleOnly>
            <NotFoundPage />
          </ConsoleOnly>
        ),
      },
      { path: 'accessibilite', element: <AccessibilityPage /> },
      { path: 'mentions-legales', element: <LegalNoticePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* The offline outbox is sent at the app's start and when the network returns, whatever the page. */}
      <OutboxSender />
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
