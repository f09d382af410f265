import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { isApiError } from './api/problem';
import { AuthProvider, useAuth } from './auth/AuthContext';
import type { SignIn } from './auth/sessions';
import { Layout } from './components/Layout';
import { Loading, NotFound } from './components/Status';
import { CaseListPage } from './pages/CaseListPage';
import { CasePage } from './pages/CasePage';
import { DashboardPage } from './pages/DashboardPage';
import { NewCasePage } from './pages/NewCasePage';
import { PlanPrintPage } from './pages/PlanPrintPage';
import { SignInCallbackPage, SignInPage } from './pages/SignInPage';
import { TimelinePage } from './pages/TimelinePage';
import { WorkflowPage } from './pages/WorkflowPage';

function newQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal (4xx) is an answer, not a hiccup: no retries for those.
        retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Pages behind sign-in: without a session, to `/inloggen` (and back here afterwards). */
function Private({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session === undefined) return <Loading />;
  if (session === null) return <Navigate to="/inloggen" replace state={{ from: location.pathname }} />;
  return children;
}

export function App({ signIn, fetchImpl }: { signIn: SignIn; fetchImpl?: typeof fetch }) {
  const [queries] = useState(newQueryClient);
  const privately = (page: ReactNode) => <Private>{page}</Private>;
  return (
    <QueryClientProvider client={queries}>
      <AuthProvider signIn={signIn} fetchImpl={fetchImpl}>
        <Layout>
          <Routes>
            <Route path="/inloggen" element={<SignInPage />} />
            <Route path="/aanmelden/terug" element={<SignInCallbackPage />} />
            <Route path="/" element={privately(<CaseListPage />)} />
            <Route path="/zaken/nieuw" element={privately(<NewCasePage />)} />
            <Route path="/zaken/:caseId" element={privately(<CasePage />)} />
            <Route path="/zaken/:caseId/tijdlijn" element={privately(<TimelinePage />)} />
            <Route path="/zaken/:caseId/plan" element={privately(<PlanPrintPage />)} />
            <Route path="/werkwijze" element={privately(<WorkflowPage />)} />
            <Route path="/dashboard" element={privately(<DashboardPage />)} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout>
      </AuthProvider>
    </QueryClientProvider>
  );
}
