// A one-field form (create or rename something): a labelled input, a submit button and the
// server's refusal under it. Clears itself after a successful create.
import { useState, type FormEvent } from "react";
import { Button } from "./Button";
import { TextField } from "./Field";
import { useAction } from "../lib/useAction";

interface InlineFormProps {
  label: string;
  submitLabel: string;
  initial?: string;
  maxLength?: number;
  onSubmit: (value: string) => Promise<string | void>;
  onCancel?: () => void;
  clearOnSuccess?: boolean;
}

export function InlineForm({ label, submitLabel, initial = "", maxLength, onSubmit, onCancel, clearOnSuccess = true }: InlineFormProps) {
  const [value, setValue] = useState(initial);
  const action = useAction(onSubmit);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) return;
    if ((await action.run(trimmed)) && clearOnSuccess) setValue("");
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2" noValidate>
      <TextField label={label} value={value} maxLength={maxLength} onChange={(e) => setValue(e.target.value)} error={action.error} autoFocus={Boolean(onCancel)} />
      <div className="flex gap-2">
        <Button type="submit" small busy={action.busy} disabled={!value.trim()}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="secondary" small onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
