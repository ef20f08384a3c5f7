// Auth group (API.md): signup, verification, login, 2FA, password recovery.
import { api } from "./client";
import type { LoginAnswer, Message, TwofaUpdate, TwofaUri, User } from "./types";

export interface SignupFields {
  first_name: string;
  last_name: string;
  username: string;
  email: string;
  password: string;
}

export interface Credentials {
  username_or_email: string;
  password: string;
  token?: string;
}

/** The API's answer when 2FA is on and the login lacks a valid code (it also mails one). */
export const TWOFA_REQUIRED = "2FA token required";

const anonymous = { anonymous: true } as const;

export const authApi = {
  signup: (fields: SignupFields) => api.post<Message>("/signup", fields, anonymous),
  verifyEmail: (token: string) => api.get<Message>(`/verify_email/${encodeURIComponent(token)}`, anonymous),
  resendVerification: (email: string) => api.post<Message>("/resend_verification", { email }, anonymous),
  login: (credentials: Credentials) => api.post<LoginAnswer>("/login", credentials, anonymous),
  logout: () => api.post<Message>("/logout", {}, anonymous),
  status: () => api.get<Message>("/check_auth_status", anonymous),
  currentUser: async () => (await api.get<{ user: User }>("/current_user_details", anonymous)).user,
  forgotPassword: (email: string) => api.post<Message>("/forgot_password", { email }, anonymous),
  resetPassword: (token: string, email: string, password: string) =>
    api.post<Message>(`/reset_password/${encodeURIComponent(token)}`, { email, password }, anonymous),
  twofaUri: () => api.get<TwofaUri>("/twofa_uri"),
  updateTwofa: (enabled: boolean, token: string) => api.post<TwofaUpdate>("/update_twofa", { enabled, token }),
};
