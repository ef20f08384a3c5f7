// Where a ticket is and where a drag puts it, as pure functions over the board, so the
// optimistic update on screen and the PUT sent to the API come from the same arithmetic.
import type { Board, Column, Ticket } from "../../api/types";

export interface TicketPlace {
  columnId: number;
  index: number;
}

export const ticketKey = (id: number) => `ticket-${id}`;
export const columnKey = (id: number) => `column-${id}`;

/** A dnd-kit id back to what it names. */
export function parseKey(key: string | number): { kind: "ticket" | "column"; id: number } | null {
  const match = /^(ticket|column)-(\d+)$/.exec(String(key));
  return match ? { kind: match[1] as "ticket" | "column", id: Number(match[2]) } : null;
}

export function findTicket(board: Board, ticketId: number): TicketPlace | null {
  for (const column of board.columns) {
    const index = column.tickets.findIndex((ticket) => ticket.id === ticketId);
    if (index >= 0) return { columnId: column.id, index };
  }
  return null;
}

/** The place a drop over `overKey` (a ticket or a column) means for the dragged ticket. */
export function dropPlace(board: Board, overKey: string | number): TicketPlace | null {
  const over = parseKey(overKey);
  if (!over) return null;
  if (over.kind === "ticket") return findTicket(board, over.id);
  const column = board.columns.find((c) => c.id === over.id);
  return column ? { columnId: column.id, index: column.tickets.length } : null;
}

/**
 * The board with the ticket moved to `to` (index in the target column's final order, as
 * the API's `position` means it). Positions are renumbered 0..n-1, as the server keeps them.
 */
export function moveTicket(board: Board, ticketId: number, to: TicketPlace): Board {
  const from = findTicket(board, ticketId);
  if (!from) return board;
  let moving: Ticket | undefined;
  const without = board.columns.map((column): Column => {
    if (column.id !== from.columnId) return column;
    const tickets = [...column.tickets];
    [moving] = tickets.splice(from.index, 1);
    return { ...column, tickets };
  });
  if (!moving) return board;
  const ticket = moving;
  const columns = without.map((column): Column => {
    if (column.id !== to.columnId) return column;
    const tickets = [...column.tickets];
    tickets.splice(Math.max(0, Math.min(to.index, tickets.length)), 0, ticket);
    return { ...column, tickets };
  });
  return {
    ...board,
    columns: columns.map((column) => ({ ...column, tickets: column.tickets.map((t, position) => ({ ...t, position })) })),
  };
}
