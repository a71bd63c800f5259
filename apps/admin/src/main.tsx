import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// Invitation links may arrive as `/accept-invitation?token=…` (no hash): route them into the hash router.
const { pathname, search, hash } = window.location;
if (!hash && pathname.endsWith('/accept-invitation')) {
  const base = pathname.slice(0, -'accept-invitation'.length);
  window.history.replaceState(null, '', `${base}#/accept-invitation${search}`);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
