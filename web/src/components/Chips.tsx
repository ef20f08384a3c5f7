// A name in a pill with an optional × to remove it, and a select-and-add form: the two
// halves of editing a many-to-many list (a role's permissions, a user's roles).
import { useState, type FormEvent } from "react";
import { Button } from "./Button";
import { SelectField } from "./Field";

export function Chip({ label, removeLabel, onRemove, disabled = false }: { label: string; removeLabel?: string; onRemove?: () => void; disabled?: boolean }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
      {label}
      {onRemove && (
        <button
          type="button"
          disabled={disabled}
          onClick={onRemove}
          className="rounded-full px-1 hover:bg-indigo-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-indigo-800"
          aria-label={removeLabel}
        >
          ×
        </button>
      )}
    </li>
  );
}

interface PickAndAddProps {
  label: string;
  submitLabel: string;
  options: { value: string; label: string }[];
  onAdd: (value: string) => void;
  disabled?: boolean;
}

export function PickAndAdd({ label, submitLabel, options, onAdd, disabled = false }: PickAndAddProps) {
  const [picked, setPicked] = useState("");
  // The first option until the user picks one (and again after an add).
  const chosen = options.some((o) => o.value === picked) ? picked : (options[0]?.value ?? "");
  if (!options.length) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onAdd(chosen);
    setPicked("");
  };

  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
      <div className="w-52">
        <SelectField label={label} value={chosen} onChange={(e) => setPicked(e.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" small variant="secondary" disabled={disabled}>
        {submitLabel}
      </Button>
    </form>
  );
}
