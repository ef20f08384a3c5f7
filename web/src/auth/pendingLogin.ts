// The credentials between the password page and the two-factor code page. Memory only:
// a reload forgets them (and sends the user back to log in), so a password never touches
// browser storage.
import type { Credentials } from "../api/auth";

let pending: Credentials | null = null;

export const pendingLogin = {
  set: (credentials: Credentials) => {
    pending = { username_or_email: credentials.username_or_email, password: credentials.password };
  },
  get: (): Credentials | null => pending,
  clear: () => {
    pending = null;
  },
};
