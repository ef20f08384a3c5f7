import { useState, type FormEvent } from "react";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { boardApi } from "../../api/board";
import type { Ticket } from "../../api/types";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { TextArea, TextField } from "../../components/Field";
import { useAction } from "../../lib/useAction";
import { ticketKey } from "./moves";

interface TicketCardProps {
  ticket: Ticket;
  columnId: number;
  editable: boolean;
  /** The original of the ticket being dragged: a faded placeholder. */
  hidden?: boolean;
  /** The copy that follows the pointer during a drag. */
  overlay?: boolean;
  onChanged?: () => Promise<void>;
}

export function TicketCard({ ticket, columnId, editable, hidden = false, overlay = false, onChanged }: TicketCardProps) {
  const sortable = useSortable({ id: ticketKey(ticket.id), disabled: !editable || overlay });
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(ticket.title);
  const [description, setDescription] = useState(ticket.description);
  const change = useAction(
    async (what: "save" | "delete") => {
      if (what === "delete") await boardApi.deleteTicket(columnId, ticket.id);
      else await boardApi.updateTicket(columnId, ticket.id, { title: title.trim(), description });
      setEditing(false);
      await onChanged?.();
      return what === "delete" ? `Ticket "${ticket.title}" deleted` : "Ticket saved";
    },
    { toastErrors: true },
  );

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) void change.run("save");
  };

  return (
    <li
      ref={overlay ? undefined : sortable.setNodeRef}
      style={overlay ? undefined : { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      className={`rounded-md border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-700 dark:bg-slate-900 ${hidden ? "opacity-40" : ""} ${overlay ? "list-none shadow-lg ring-2 ring-indigo-500" : ""}`}
      data-testid={`ticket-${ticket.title}`}
    >
      {editing ? (
        <form onSubmit={save} className="space-y-2" noValidate>
          <TextField label="Title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} autoFocus />
          <TextArea label="Description" value={description} maxLength={10000} onChange={(e) => setDescription(e.target.value)} />
          <div className="flex gap-2">
            <Button type="submit" small busy={change.busy}>
              Save
            </Button>
            <Button variant="secondary" small onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex items-start gap-2">
          {editable && (
            <button
              type="button"
              ref={sortable.setActivatorNodeRef}
              {...sortable.attributes}
              {...sortable.listeners}
              aria-label={`Move ticket ${ticket.title}`}
              className="mt-0.5 cursor-grab touch-none rounded px-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 active:cursor-grabbing dark:hover:bg-slate-800 dark:hover:text-slate-200"
            >
              <span aria-hidden="true">⠿</span>
            </button>
          )}
          <div className="min-w-0 flex-1">
            <p className="break-words text-sm font-medium text-slate-900 dark:text-slate-100">{ticket.title}</p>
            {ticket.description && <p className="mt-1 whitespace-pre-wrap break-words text-xs text-slate-600 dark:text-slate-400">{ticket.description}</p>}
            {editable && !overlay && (
              <div className="mt-2 flex flex-wrap gap-1">
                <Button variant="ghost" small onClick={() => setEditing(true)} aria-label={`Edit ticket ${ticket.title}`}>
                  Edit
                </Button>
                <ConfirmButton label="Delete" question={`Delete ticket ${ticket.title}?`} busy={change.busy} onConfirm={() => void change.run("delete")} />
              </div>
            )}
          </div>
        </div>
      )}
    </li>
  );
}
