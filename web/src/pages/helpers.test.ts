// The small pure pieces behind pages: 2FA setup, billing plans and amounts, log queries.
import { describe, expect, it } from "vitest";
import type { Price, Product } from "../api/types";
import { formatAmount, formatInterval } from "../lib/format";
import { isAmount } from "./billing/CatalogueManager";
import { plans } from "./billing/PlanCards";
import { returnPath } from "./auth/LoginPage";
import { logQueryFrom } from "./logs/LogsPage";
import { recoveryCodesText } from "./profile/RecoveryCodes";
import { secretOf, svgDataUri } from "./profile/TwoFactorSettings";

describe("2FA setup", () => {
  it("reads the secret out of the otpauth URI", () => {
    expect(secretOf("otpauth://totp/T2Overse:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=T2Overse")).toBe("JBSWY3DPEHPK3PXP");
    expect(secretOf("otpauth://totp/x")).toBe("");
  });

  it("shows the API's SVG as an image, never as markup in the page", () => {
    const uri = svgDataUri('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(uri.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(uri).not.toContain("<");
  });

  it("writes the recovery codes one per line for the download", () => {
    expect(recoveryCodesText(["a1", "b2"])).toMatch(/\n\na1\nb2\n$/);
  });
});

describe("billing", () => {
  const product = (id: string, active = true): Product => ({ product_id: id, name: id, description: null, active });
  const price = (id: string, product_id: string, active = true): Price => ({
    price_id: id, product_id, unit_amount: "9.99", currency: "usd", recurring: { interval: "month", interval_count: 1 },
    type: "recurring", nickname: null, active,
  });

  it("offers active products with their active prices only", () => {
    const offered = plans([product("p1"), product("p2", false), product("p3")], [price("a", "p1"), price("b", "p1", false), price("c", "p2"), price("d", "p3", false)]);
    expect(offered.map((p) => [p.product.product_id, p.prices.map((x) => x.price_id)])).toEqual([["p1", ["a"]]]);
  });

  it("takes amounts as the API does: dollars with at most two decimals", () => {
    expect(["10", "10.9", "10.99", "0.29"].every(isAmount)).toBe(true);
    expect(["", "10.999", "-1", "1e3", "ten"].some(isAmount)).toBe(false);
  });

  it("describes prices", () => {
    expect(formatAmount("10.99", "usd")).toContain("10.99");
    expect(formatAmount(null, "usd")).toBe("—");
    expect(formatInterval({ interval: "month", interval_count: 1 })).toBe("per month");
    expect(formatInterval({ interval: "week", interval_count: 2 })).toBe("every 2 weeks");
    expect(formatInterval(null)).toBe("one time");
  });
});

describe("logs query from the address bar", () => {
  it("keeps filters and a sane page", () => {
    expect(logQueryFrom(new URLSearchParams("page=3&level=ERROR&user=a%40b.c&q=boards"))).toEqual({ page: 3, per_page: 25, level: "ERROR", user_email: "a@b.c", q: "boards" });
    expect(logQueryFrom(new URLSearchParams("page=-2")).page).toBe(1);
    expect(logQueryFrom(new URLSearchParams("page=abc")).page).toBe(1);
  });
});

describe("after login", () => {
  it("goes back where the user came from, but only to a path of this app", () => {
    expect(returnPath({ from: "/kanban/3" })).toBe("/kanban/3");
    expect(returnPath({ from: "//evil.example/x" })).toBe("/profile");
    expect(returnPath({ from: "https://evil.example" })).toBe("/profile");
    expect(returnPath(null)).toBe("/profile");
  });
});
