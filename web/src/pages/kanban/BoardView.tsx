// One board: its columns side by side, tickets dragged within and across columns with the
// mouse, touch or keyboard (dnd-kit). A drop updates the screen at once, sends one PUT, and
// reloads the board from the server, so what stays on screen is what the server stored.
import { useRef, useState } from "react";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { boardApi } from "../../api/board";
import type { Board, Ticket } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { Failed, Loading } from "../../components/States";
import { useToast } from "../../components/Toast";
import { errorText, useLoad } from "../../lib/useLoad";
import { BoardHeader } from "./BoardHeader";
import { ColumnView } from "./ColumnView";
import { NewColumnForm } from "./NewColumnForm";
import { TicketCard } from "./TicketCard";
import { dropPlace, findTicket, moveTicket, parseKey, type TicketPlace } from "./moves";

/** A drag in progress: what is on screen comes from `board` until the drop. */
interface Drag {
  ticket: Ticket;
  origin: TicketPlace;
  board: Board;
}

function describe(board: Board, key: string | number | undefined): string {
  const item = key === undefined ? null : parseKey(key);
  if (!item) return "nowhere";
  const place = item.kind === "ticket" ? findTicket(board, item.id) : dropPlace(board, key as string);
  const column = board.columns.find((c) => c.id === place?.columnId);
  return column && place ? `column ${column.name}, position ${place.index + 1} of ${column.tickets.length + (item.kind === "column" ? 1 : 0)}` : "nowhere";
}

function ticketTitle(board: Board, key: string | number): string {
  const item = parseKey(key);
  const place = item ? findTicket(board, item.id) : null;
  const column = board.columns.find((c) => c.id === place?.columnId);
  return (place && column?.tickets[place.index]?.title) || "ticket";
}

export function BoardView({ boardId, onDeleted, onRenamed }: { boardId: number; onDeleted: () => void; onRenamed: () => void }) {
  const { can } = useAuth();
  const toast = useToast();
  const editable = can("edit");
  const loaded = useLoad(() => boardApi.board(boardId), [boardId]);
  // While a ticket is dragged the board on screen is the drag's own copy, so a reload that
  // lands mid-drag cannot move things under the pointer. dnd-kit may call a handler from an
  // earlier render: the handlers read the drag through a ref.
  const [dragging, setDraggingState] = useState<Drag | null>(null);
  const draggingRef = useRef<Drag | null>(null);
  const setDragging = (drag: Drag | null) => {
    draggingRef.current = drag;
    setDraggingState(drag);
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  if (loaded.error && !loaded.data) return <Failed message={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading label="Loading board…" />;
  const board = dragging?.board ?? loaded.data;

  const onDragStart = ({ active }: DragStartEvent) => {
    const item = parseKey(active.id);
    const origin = item ? findTicket(board, item.id) : null;
    const ticket = origin ? board.columns.find((c) => c.id === origin.columnId)?.tickets[origin.index] : undefined;
    if (item && origin && ticket) setDragging({ ticket, origin, board });
  };

  // Crossing into another column moves the ticket there at once, so the target column
  // opens a gap under the pointer (or the keyboard's focus).
  const onDragOver = ({ active, over }: DragOverEvent) => {
    const drag = draggingRef.current;
    const item = parseKey(active.id);
    if (!drag || !over || !item) return;
    const from = findTicket(drag.board, item.id);
    const to = dropPlace(drag.board, over.id);
    if (from && to && from.columnId !== to.columnId) setDragging({ ...drag, board: moveTicket(drag.board, item.id, to) });
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const drag = draggingRef.current;
    const item = parseKey(active.id);
    setDragging(null);
    if (!drag || !item || !over) return;
    const to = dropPlace(drag.board, over.id);
    if (!to) return;
    loaded.setData(moveTicket(drag.board, item.id, to));
    if (to.columnId === drag.origin.columnId && to.index === drag.origin.index) return;
    try {
      await boardApi.moveTicket(drag.origin.columnId, item.id, to.columnId, to.index);
    } catch (error) {
      toast.error(errorText(error));
    }
    await loaded.reload();
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ticket ${ticketTitle(board, active.id)}, ${describe(board, active.id)}.`,
    onDragOver: ({ active, over }) => `Ticket ${ticketTitle(board, active.id)} is over ${describe(draggingRef.current?.board ?? board, over?.id)}.`,
    onDragEnd: ({ active, over }) => `Ticket ${ticketTitle(board, active.id)} was dropped in ${describe(draggingRef.current?.board ?? board, over?.id)}.`,
    onDragCancel: ({ active }) => `Moving ticket ${ticketTitle(board, active.id)} was cancelled.`,
  };

  return (
    <div className="space-y-4">
      <BoardHeader board={board} editable={editable} onRenamed={async () => { await loaded.reload(); onRenamed(); }} onDeleted={onDeleted} />
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={(event) => void onDragEnd(event)}
        onDragCancel={() => setDragging(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: "To move a ticket, press space or enter on its handle. Use the arrow keys to move it within and across columns, space or enter to drop it, escape to cancel.",
          },
        }}
      >
        <div className="flex items-start gap-4 overflow-x-auto pb-4">
          {board.columns.map((column, index) => (
            <ColumnView key={column.id} board={board} column={column} index={index} editable={editable} onChanged={loaded.reload} activeTicketId={dragging?.ticket.id} />
          ))}
          {editable && <NewColumnForm boardId={board.id} position={board.columns.length} onCreated={loaded.reload} />}
        </div>
        <DragOverlay>{dragging ? <TicketCard ticket={dragging.ticket} columnId={0} editable={false} overlay /> : null}</DragOverlay>
      </DndContext>
      {board.columns.length === 0 && !editable && <p className="text-sm text-slate-500">This board has no columns yet.</p>}
    </div>
  );
}
