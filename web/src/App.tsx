// Every page and who may open it. The router's basename is /app, where nginx serves the
// build; any /app/... path that is not a file falls back to index.html, so deep links and
// the links in emails (/app/verify-email/<token>, /app/reset-password/<token>) land here.
import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { AuthProvider } from "./auth/AuthContext";
import { RequireAuth, RequirePermission } from "./auth/RequireAuth";
import { AppLayout } from "./components/AppLayout";
import { Loading } from "./components/States";
import { ToastProvider } from "./components/Toast";
import { ForgotPasswordPage } from "./pages/auth/ForgotPasswordPage";
import { LoginPage } from "./pages/auth/LoginPage";
import { ResetPasswordPage } from "./pages/auth/ResetPasswordPage";
import { SignupPage } from "./pages/auth/SignupPage";
import { TwoFactorPage } from "./pages/auth/TwoFactorPage";
import { VerifyEmailPage } from "./pages/auth/VerifyEmailPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProfilePage } from "./pages/profile/ProfilePage";

// The pages with the larger libraries (drag and drop) or that fewer users open load on demand.
const LogsPage = lazy(() => import("./pages/logs/LogsPage").then((m) => ({ default: m.LogsPage })));
const KanbanPage = lazy(() => import("./pages/kanban/KanbanPage").then((m) => ({ default: m.KanbanPage })));
const BillingPage = lazy(() => import("./pages/billing/BillingPage").then((m) => ({ default: m.BillingPage })));
const CheckoutSuccessPage = lazy(() => import("./pages/billing/CheckoutResultPage").then((m) => ({ default: m.CheckoutSuccessPage })));
const CheckoutCancelPage = lazy(() => import("./pages/billing/CheckoutResultPage").then((m) => ({ default: m.CheckoutCancelPage })));
const SettingsPage = lazy(() => import("./pages/settings/SettingsPage").then((m) => ({ default: m.SettingsPage })));

export const BASENAME = "/app";
// React Router 7's behaviour now, without its warnings.
export const ROUTER_FUTURE = { v7_startTransition: true, v7_relativeSplatPath: true } as const;

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/two-factor" element={<TwoFactorPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
        <Route path="/verify-email/:token" element={<VerifyEmailPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            <Route index element={<Navigate to="/profile" replace />} />
            <Route path="/profile" element={<ProfilePage />} />
            <Route path="/logs" element={<LogsPage />} />
            <Route path="/kanban" element={<KanbanPage />} />
            <Route path="/kanban/:boardId" element={<KanbanPage />} />
            <Route path="/billing" element={<BillingPage />} />
            <Route path="/billing/checkout-success" element={<CheckoutSuccessPage />} />
            <Route path="/billing/checkout-cancel" element={<CheckoutCancelPage />} />
            <Route
              path="/settings"
              element={
                <RequirePermission permission="manage_users">
                  <SettingsPage />
                </RequirePermission>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  return (
    <BrowserRouter basename={BASENAME} future={ROUTER_FUTURE}>
      <ToastProvider>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </ToastProvider>
    </BrowserRouter>
  );
}
