import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiProblem } from './api/problem';
import { OutboxSender } from './features/declare/outbox-sender';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/legal/not-found-page';
// The layout shows the refusal itself: that page is in the entry chunk anyway.
import { AccessDeniedPage } from './features/login/access-denied-page';
import { lazyPage } from './ui/lazy-page';
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
      { path: 'connexion', element: lazyPage(() => import('./features/login/login-page'), 'LoginPage') },
      {
        path: 'acces-refuse',
        element: <AccessDeniedPage />,
      },
      { path: 'compte', element: lazyPage(() => import('./features/account/account-page'), 'AccountPage') },
      {
        path: 'admin/utilisateurs',
        element: lazyPage(() => import('./features/admin-users/admin-users-page'), 'AdminUsersPage'),
      },
      {
        path: 'activer',
        element: lazyPage(() => import('./features/activation/activation-page'), 'ActivationPage'),
      },
      { path: 'declarer', element: lazyPage(() => import('./features/declare/declare-page'), 'DeclarePage') },
      {
        path: 'declarations/:reference/accuse',
        element: lazyPage(() => import('./features/receipt/receipt-page'), 'ReceiptPage'),
      },
      {
        path: 'declarations',
        element: lazyPage(() => import('./features/declarations/my-declarations-page'), 'MyDeclarationsPage'),
      },
      {
        path: 'declarations/:reference',
        element: lazyPage(() => import('./features/declarations/declaration-page'), 'DeclarationPage'),
      },
      {
        path: 'console',
        element: lazyPage(() => import('./features/console-dashboard/dashboard-page'), 'DashboardPage'),
      },
      {
        path: 'console/declarations',
        element: lazyPage(() => import('./features/console/queue-page'), 'QueuePage'),
      },
      {
        path: 'console/declarations/:reference',
        element: lazyPage(
          () => import('./features/console/console-declaration-page'),
          'ConsoleDeclarationPage',
        ),
      },
      {
        path: 'console/deadlines',
        element: lazyPage(() => import('./features/console/deadlines-page'), 'DeadlinesPage'),
      },
      {
        path: 'console/rapport/:year',
        element: lazyPage(() => import('./features/console-report/report-page'), 'ReportPage'),
      },
      {
        path: 'console/admin',
        element: lazyPage(() => import('./features/console-admin/admin-page'), 'ConsoleAdminPage'),
      },
      {
        path: 'console/*',
        element: lazyPage(
          () => import('./features/console-dashboard/console-not-found'),
          'ConsoleNotFoundPage',
        ),
      },
      {
        path: 'accessibilite',
        element: lazyPage(() => import('./features/legal/accessibility-page'), 'AccessibilityPage'),
      },
      {
        path: 'mentions-legales',
        element: lazyPage(() => import('./features/legal/legal-notice-page'), 'LegalNoticePage'),
      },
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
