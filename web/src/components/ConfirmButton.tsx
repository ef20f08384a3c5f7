// A destructive button that asks once more, inline: "Delete" → "Delete board X?" Yes / No.
import { useState } from "react";
import { Button } from "./Button";

export function ConfirmButton({ label, question, onConfirm, busy = false, small = true }: { label: string; question: string; onConfirm: () => void; busy?: boolean; small?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant="ghost" small={small} onClick={() => setAsking(true)} busy={busy} aria-label={question.replace(/\?$/, "")}>
        {label}
      </Button>
    );
  }
  return (
    <span role="group" aria-label={question} className="inline-flex items-center gap-1 text-xs">
      <span className="text-slate-700 dark:text-slate-200">{question}</span>
      <Button
        variant="danger"
        small
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes
      </Button>
      <Button variant="secondary" small onClick={() => setAsking(false)}>
        No
      </Button>
    </span>
  );
}
