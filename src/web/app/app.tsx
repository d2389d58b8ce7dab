/** The whole app: language, session and router around the routes. */
import { BrowserRouter } from 'react-router';
import { I18nProvider } from '../i18n/i18n-context.js';
import { AppRoutes } from './routes.js';
import { SessionProvider } from './session-context.js';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
