import '@amsterdam/design-system-tokens/dist/index.css';
import '@amsterdam/design-system-css/dist/index.css';
import './theme.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { loadConfig } from './auth/config';
import { oidcSignIn, tokenSignIn } from './auth/sessions';

void loadConfig().then((config) => {
  const signIn = config.oidc ? oidcSignIn(config.oidc) : tokenSignIn();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BrowserRouter>
        <App signIn={signIn} />
      </BrowserRouter>
    </StrictMode>,
  );
});
