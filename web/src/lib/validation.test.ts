import { describe, expect, it } from "vitest";
import { isEmail, isUsername, normalizeCode, passwordProblems, profileErrors } from "./validation";

describe("password rules (API.md: 8-128 chars, lower, upper, digit, other)", () => {
  it("accepts a password that meets every rule", () => {
    expect(passwordProblems("Analytical-Engine-1")).toEqual([]);
  });

  it.each([
    ["Ab1-", "length"],
    ["analytical-engine-1", "upper"],
    ["ANALYTICAL-ENGINE-1", "lower"],
    ["Analytical-Engine", "digit"],
    ["AnalyticalEngine1", "other"],
  ])("%s breaks the %s rule", (password, rule) => {
    expect(passwordProblems(password).map((r) => r.id)).toEqual([rule]);
  });

  it("counts characters, not UTF-16 units, as the server does", () => {
    expect(passwordProblems("Aa1😀😀😀😀😀").map((r) => r.id)).toEqual([]);
    expect(passwordProblems("Aa1" + "x".repeat(125) + "-").map((r) => r.id)).toEqual(["length"]);
    expect(passwordProblems("Aa1" + "x".repeat(124) + "-")).toEqual([]);
  });

  it("treats a non-ASCII letter as 'not a letter or digit', as the server does", () => {
    expect(passwordProblems("Analyticalé1").map((r) => r.id)).toEqual([]);
  });
});

describe("usernames and emails", () => {
  it.each(["ada", "ada.lovelace", "a_b-c", "x".repeat(80)])("%s is a username", (name) => expect(isUsername(name)).toBe(true));
  it.each(["ab", "x".repeat(81), "ada lovelace", "ada@home", "adà"])("%s is not a username", (name) => expect(isUsername(name)).toBe(false));
  it.each(["ada@example.com", "a.b+c@sub.example.org"])("%s is an email", (email) => expect(isEmail(email)).toBe(true));
  it.each(["ada", "@example.com", "ada@", "ada@example", "ada@@example.com", ".ada@example.com", "ada..b@example.com", "ada@example.com.", "a da@example.com", "ada@exämple.com", `${"a".repeat(110)}@example.com`])(
    "%s is not an email",
    (email) => expect(isEmail(email)).toBe(false),
  );
});

describe("profileErrors", () => {
  it("names each bad field in the form's words", () => {
    expect(profileErrors({ first_name: " ", last_name: "x".repeat(61), username: "a", email: "nope" })).toEqual({
      first_name: "First name is required",
      last_name: "Last name must be at most 60 characters",
      username: "Use 3 to 80 letters, digits, '_', '.' or '-'",
      email: "Enter a valid email address",
    });
  });

  it("finds nothing wrong with a good profile", () => {
    expect(profileErrors({ first_name: "Ada", last_name: "Lovelace", username: "ada", email: "ada@example.com" })).toEqual({});
  });
});

it("normalizeCode drops the spaces people type or paste into codes", () => {
  expect(normalizeCode(" 123 456 ")).toBe("123456");
});
