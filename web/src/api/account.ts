// Account group (API.md): profile, password, sessions, the request log.
import { api } from "./client";
import type { LogPage, Message, SessionInfo } from "./types";

export interface ProfileFields {
  first_name: string;
  last_name: string;
  username: string;
  email: string;
}

export interface LogQuery {
  page: number;
  per_page: number;
  level?: string;
  user_email?: string;
  q?: string;
}

export const accountApi = {
  updateProfile: (fields: ProfileFields) => api.post<Message>("/update_profile", fields),
  changePassword: (current_password: string, new_password: string) =>
    api.post<Message>("/change_password", { current_password, new_password }),
  sessions: async () => (await api.get<{ sessions: SessionInfo[] }>("/sessions")).sessions,
  endSession: (id: number) => api.delete<Message>(`/sessions/${id}`),
  logs: (query: LogQuery) => api.get<LogPage>("/logs", { query: { ...query } }),
};
