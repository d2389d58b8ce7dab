/**
 * The frame around every signed-in page: brand, the user's role, language, and the menu drawn
 * from the navigation table. On a phone the menu folds behind a button so content gets the
 * whole 360 px; from 48rem it is always shown.
 */
import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/language-switch.js';
import { useI18n } from '../i18n/i18n-context.js';
import { navFor } from './nav.js';
import { useCurrentUser, useSession } from './session-context.js';

export function Layout() {
  const { t } = useI18n();
  const { roles, logout } = useSession();
  const user = useCurrentUser();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = navFor(roles);

  // Following a link closes the phone menu.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    // The first role colours the bar, so whose view this is shows at a glance (styles.css).
    <div className="shell" data-roles={roles.join(' ')} data-primary-role={roles[0]}>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t('app.fullName')}>
          RPB
        </Link>
        <span className="topbar-roles" data-testid="role-badges">
          {roles.map((role) => (
            <span key={role} className={`role-chip role-${role}`} data-testid={`role-${role}`}>
              {t(`role.${role}`)}
            </span>
          ))}
        </span>
        <div className="topbar-end">
          <LanguageSwitch />
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            data-testid="menu-button"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('layout.menu')}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav
          id="main-nav"
          className={menuOpen ? 'main-nav main-nav-open' : 'main-nav'}
          aria-label={t('nav.label')}
          data-testid="main-nav"
        >
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <NavLink to={item.path} end={item.path === '/'} data-testid={`nav-${item.key}`}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
          <div className="nav-user">
            <span className="nav-user-name" data-testid="current-user">
              {user.name}
            </span>
            <button
              type="button"
              className="button-secondary"
              data-testid="logout"
              // Signed out, the login gate (routes.tsx) shows the login page.
              onClick={() => void logout()}
            >
              {t('action.logout')}
            </button>
          </div>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
