// The server's input rules (API.md "Rules behind the table", shared/users/validation.cpp),
// checked as the user types. The server checks again; these only save a round trip.

export interface PasswordRule {
  id: string;
  label: string;
  test: (password: string) => boolean;
}

/** Length counts characters (code points), as the server does. */
const characters = (text: string) => [...text].length;

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: "length", label: "8 to 128 characters", test: (p) => characters(p) >= 8 && characters(p) <= 128 },
  { id: "lower", label: "a lowercase letter", test: (p) => /[a-z]/.test(p) },
  { id: "upper", label: "an uppercase letter", test: (p) => /[A-Z]/.test(p) },
  { id: "digit", label: "a digit", test: (p) => /[0-9]/.test(p) },
  { id: "other", label: "a character that is not a letter or digit", test: (p) => /[^A-Za-z0-9]/.test(p) },
];

export function passwordProblems(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password));
}

export function isUsername(username: string): boolean {
  return /^[A-Za-z0-9_.-]{3,80}$/.test(username);
}

/** A plausible address, as the server judges it (ASCII, one @, a dotted domain, ≤ 120). */
export function isEmail(email: string): boolean {
  if (email.length < 3 || email.length > 120 || !/^[\x21-\x7e]+$/.test(email)) return false;
  if (/[<>()[\],;:\\"]/.test(email)) return false;
  const parts = email.split("@");
  if (parts.length !== 2) return false;
  const [local = "", domain = ""] = parts;
  if (!local || local.length > 64 || domain.length < 3) return false;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  const dot = domain.indexOf(".");
  return dot > 0 && !domain.endsWith(".") && !domain.includes("..");
}

export const NAME_MAX = 60;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export interface ProfileInput {
  first_name: string;
  last_name: string;
  username: string;
  email: string;
}

/** What is wrong with a profile (signup or edit), by field, in the words a form shows. */
export function profileErrors(input: ProfileInput): FieldErrors<keyof ProfileInput> {
  const errors: FieldErrors<keyof ProfileInput> = {};
  for (const [field, label] of [
    ["first_name", "First name"],
    ["last_name", "Last name"],
  ] as const) {
    const value = input[field].trim();
    if (!value) errors[field] = `${label} is required`;
    else if (characters(value) > NAME_MAX) errors[field] = `${label} must be at most ${NAME_MAX} characters`;
  }
  if (!isUsername(input.username.trim())) errors.username = "Use 3 to 80 letters, digits, '_', '.' or '-'";
  if (!isEmail(input.email.trim())) errors.email = "Enter a valid email address";
  return errors;
}

/** A code for the login's `token`: 6 digits (authenticator or emailed) or a recovery code. */
export function normalizeCode(code: string): string {
  return code.trim().replace(/\s+/g, "");
}
