import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/app';
import { loadConfig } from './app/config';
import { ConfigContext } from './app/config-context';
import { AuthProvider } from './auth/auth';
import { ApiError } from './api/client';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) is an answer, not a glitch: retry only what may pass on a second try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ConfigContext.Provider value={config}>
          <AuthProvider config={config}>
            <QueryClientProvider client={queryClient}>
              <App />
            </QueryClientProvider>
          </AuthProvider>
        </ConfigContext.Provider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main>
        <h1>The console could not start</h1>
        <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
      </main>,
    ),
);
