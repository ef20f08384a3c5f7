import { useState, type FormEvent } from "react";
import { boardApi } from "../../api/board";
import { Button } from "../../components/Button";
import { TextArea, TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { useAction } from "../../lib/useAction";

export function NewTicketForm({ columnId, position, onCreated }: { columnId: number; position: number; onCreated: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const create = useAction(async () => {
    await boardApi.createTicket(columnId, { title: title.trim(), description }, position);
    setTitle("");
    setDescription("");
    setOpen(false);
    await onCreated();
    return "Ticket added";
  });

  if (!open) {
    return (
      <Button variant="ghost" small className="mt-2 w-full" onClick={() => setOpen(true)}>
        + Add ticket
      </Button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) void create.run();
  };

  return (
    <form onSubmit={submit} className="mt-3 space-y-2 rounded-md bg-white p-2 dark:bg-slate-900" noValidate>
      <Notice tone="error">{create.error}</Notice>
      <TextField label="Ticket title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} autoFocus />
      <TextArea label="Description" value={description} maxLength={10000} onChange={(e) => setDescription(e.target.value)} />
      <div className="flex gap-2">
        <Button type="submit" small busy={create.busy} disabled={!title.trim()}>
          Add ticket
        </Button>
        <Button variant="secondary" small onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
