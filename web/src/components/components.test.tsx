import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { ConfirmButton } from "./ConfirmButton";
import { TextField } from "./Field";
import { visibleSections } from "./navigation";
import { Pager, pageLabel } from "./Pager";
import { PasswordRules } from "./PasswordRules";
import { ToastProvider, useToast } from "./Toast";

describe("PasswordRules", () => {
  function Typing() {
    const [password, setPassword] = useState("");
    return <TextField label="Password" value={password} onChange={(e) => setPassword(e.target.value)} hint={<PasswordRules password={password} />} />;
  }

  it("ticks each server rule off while the user types", async () => {
    render(<Typing />);
    const rules = screen.getByRole("list", { name: "Password rules" });
    expect(rules).toHaveTextContent("8 to 128 characters (not met yet)");
    await userEvent.type(screen.getByLabelText("Password"), "abcdefgh");
    expect(rules).toHaveTextContent("8 to 128 characters (met)");
    expect(rules).toHaveTextContent("an uppercase letter (not met yet)");
    await userEvent.type(screen.getByLabelText("Password"), "A1-");
    expect(rules).not.toHaveTextContent("not met yet");
  });
});

describe("TextField", () => {
  it("ties its label, hint and error to the input", () => {
    render(<TextField label="Email" hint="We never share it" error="Enter a valid email address" defaultValue="x" />);
    const input = screen.getByLabelText("Email");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("We never share it Enter a valid email address");
  });
});

describe("Pager", () => {
  it("says 'about' when the total is the database's estimate", () => {
    expect(pageLabel(3, 1200, false)).toBe(`Page 3 of ${(1200).toLocaleString()}`);
    expect(pageLabel(3, 1200, true)).toBe(`Page 3 of about ${(1200).toLocaleString()}`);
    expect(pageLabel(1, 0, false)).toBe("Page 1 of 1");
  });

  it("disables Previous on the first page and Next on the last, unless the last is a guess", async () => {
    const onPage = vi.fn();
    const { rerender } = render(<Pager page={1} totalPages={2} onPage={onPage} />);
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(onPage).toHaveBeenCalledWith(2);
    rerender(<Pager page={2} totalPages={2} onPage={onPage} />);
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
    rerender(<Pager page={2} totalPages={2} estimate onPage={onPage} />);
    expect(screen.getByRole("button", { name: "Next" })).toBeEnabled();
  });
});

describe("ConfirmButton", () => {
  it("asks once more and acts only on Yes", async () => {
    const onConfirm = vi.fn();
    render(<ConfirmButton label="Delete" question="Delete board Launch?" onConfirm={onConfirm} />);
    await userEvent.click(screen.getByRole("button", { name: "Delete board Launch" }));
    await userEvent.click(screen.getByRole("button", { name: "No" }));
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Delete board Launch" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe("Toasts", () => {
  function Shout() {
    const toast = useToast();
    return (
      <>
        <button onClick={() => toast.success("Role created")}>ok</button>
        <button onClick={() => toast.error("This change would leave no user holding manage_admin")}>fail</button>
      </>
    );
  }

  it("announces results, errors as alerts, and can be dismissed", async () => {
    render(
      <ToastProvider>
        <Shout />
      </ToastProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "ok" }));
    await userEvent.click(screen.getByRole("button", { name: "fail" }));
    expect(screen.getByRole("status")).toHaveTextContent("Role created");
    expect(screen.getByRole("alert")).toHaveTextContent("This change would leave no user holding manage_admin");
    await userEvent.click(screen.getAllByRole("button", { name: "Dismiss notification" })[0]!);
    expect(screen.queryByText("Role created")).not.toBeInTheDocument();
  });
});

describe("sidebar sections", () => {
  it("shows Settings only to holders of manage_users", () => {
    const labels = (held: string[]) => visibleSections((p) => held.includes(p)).map((s) => s.label);
    expect(labels(["view_dashboard", "edit"])).toEqual(["Profile", "Logs", "Kanban", "Billing"]);
    expect(labels(["manage_users"])).toEqual(["Profile", "Logs", "Kanban", "Billing", "Settings"]);
  });
});
