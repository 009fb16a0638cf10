import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import './i18n.js';
import './styles.css';
import { Layout } from './Layout.js';
import { SessionProvider } from './session.js';
import { Home } from './pages/Home.js';
import { Account } from './pages/Account.js';
import { AdminGate } from './pages/AdminGate.js';
import { NotFound } from './pages/NotFound.js';
import { SearchPage } from './catalog/SearchPage.js';
import { ProcedurePage } from './catalog/ProcedurePage.js';
import { ControlRoute, VersionsRoute } from './catalog/routes.js';
import { ApplyRoute, BackofficeRoute, DeskRoute, DossierRoute, LookupRoute, MyDossiersRoute, WorkRoute } from './dossiers/shell.js';

// Declarative routing (<BrowserRouter>): half the router code of a data router, which the app does
// not need. Vietnamese paths: they are what people see and share. /api/, /auth/, /oidc/ are the server's.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Home />} />
            <Route path="tai-khoan" element={<Account />} />
            <Route path="quan-tri" element={<AdminGate />} />
            <Route path="thu-tuc" element={<SearchPage />} />
            <Route path="thu-tuc/:code" element={<ProcedurePage />} />
            <Route path="thu-tuc/:code/phien-ban" element={<VersionsRoute />} />
            <Route path="kiem-soat-tthc" element={<ControlRoute />} />
            <Route path="thu-tuc/:code/nop-ho-so" element={<ApplyRoute />} />
            <Route path="ho-so-cua-toi" element={<MyDossiersRoute />} />
            <Route path="ho-so-cua-toi/:ref" element={<DossierRoute />} />
            <Route path="tra-cuu" element={<LookupRoute />} />
            <Route path="mot-cua" element={<BackofficeRoute />} />
            <Route path="mot-cua/tiep-nhan" element={<DeskRoute />} />
            <Route path="mot-cua/ho-so/:ref" element={<WorkRoute />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
