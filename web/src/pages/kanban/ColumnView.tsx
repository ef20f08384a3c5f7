import { useState } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { boardApi } from "../../api/board";
import type { Board, Column } from "../../api/types";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { InlineForm } from "../../components/InlineForm";
import { useAction } from "../../lib/useAction";
import { columnKey, ticketKey } from "./moves";
import { NewTicketForm } from "./NewTicketForm";
import { TicketCard } from "./TicketCard";

interface ColumnViewProps {
  board: Board;
  column: Column;
  index: number;
  editable: boolean;
  activeTicketId?: number;
  onChanged: () => Promise<void>;
}

export function ColumnView({ board, column, index, editable, activeTicketId, onChanged }: ColumnViewProps) {
  // The column itself is a drop target too, so an empty column can take a ticket.
  const { setNodeRef, isOver } = useDroppable({ id: columnKey(column.id) });
  const [renaming, setRenaming] = useState(false);
  const change = useAction(
    async (what: "left" | "right" | "delete") => {
      if (what === "delete") {
        await boardApi.deleteColumn(board.id, column.id);
        await onChanged();
        return `Column "${column.name}" deleted`;
      }
      await boardApi.updateColumn(board.id, column.id, { position: what === "left" ? index - 1 : index + 1 });
      await onChanged();
    },
    { toastErrors: true },
  );

  return (
    <section aria-label={`Column ${column.name}`} data-testid={`column-${column.name}`} className="flex w-72 shrink-0 flex-col rounded-lg bg-slate-100 p-3 dark:bg-slate-800/60">
      <header className="mb-3 space-y-1">
        {renaming ? (
          <InlineForm
            label="Column name"
            submitLabel="Rename"
            initial={column.name}
            maxLength={200}
            clearOnSuccess={false}
            onCancel={() => setRenaming(false)}
            onSubmit={async (name) => {
              await boardApi.updateColumn(board.id, column.id, { name });
              setRenaming(false);
              await onChanged();
              return "Column renamed";
            }}
          />
        ) : (
          <h3 className="flex items-center justify-between text-sm font-semibold text-slate-800 dark:text-slate-100">
            <span className="truncate">{column.name}</span>
            <span className="ml-2 rounded-full bg-slate-200 px-2 text-xs font-medium text-slate-600 dark:bg-slate-700 dark:text-slate-300" aria-label={`${column.tickets.length} tickets`}>
              {column.tickets.length}
            </span>
          </h3>
        )}
        {editable && !renaming && (
          <div className="flex flex-wrap gap-1">
            <Button variant="ghost" small onClick={() => setRenaming(true)} aria-label={`Rename column ${column.name}`}>
              Rename
            </Button>
            <Button variant="ghost" small disabled={index === 0 || change.busy} onClick={() => void change.run("left")} aria-label={`Move column ${column.name} left`}>
              ←
            </Button>
            <Button variant="ghost" small disabled={index === board.columns.length - 1 || change.busy} onClick={() => void change.run("right")} aria-label={`Move column ${column.name} right`}>
              →
            </Button>
            <ConfirmButton label="Delete" question={`Delete column ${column.name}?`} onConfirm={() => void change.run("delete")} />
          </div>
        )}
      </header>
      <SortableContext items={column.tickets.map((t) => ticketKey(t.id))} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className={`min-h-16 flex-1 space-y-2 rounded-md p-1 transition ${isOver ? "bg-indigo-100/60 dark:bg-indigo-900/40" : ""}`}>
          {column.tickets.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} columnId={column.id} editable={editable} hidden={ticket.id === activeTicketId} onChanged={onChanged} />
          ))}
          {column.tickets.length === 0 && <li className="px-2 py-4 text-center text-xs text-slate-500 dark:text-slate-400">No tickets</li>}
        </ul>
      </SortableContext>
      {editable && <NewTicketForm columnId={column.id} position={column.tickets.length} onCreated={onChanged} />}
    </section>
  );
}
