// Board group (API.md "Kanban"). Every write needs the `edit` permission.
import { api } from "./client";
import type { Board, BoardSummary } from "./types";

export interface TicketFields {
  title: string;
  description: string;
}

export const boardApi = {
  boards: () => api.get<BoardSummary[]>("/boards"),
  board: (id: number) => api.get<Board>(`/boards/${id}`),
  createBoard: (name: string) => api.post<{ id: number }>("/boards", { name }),
  renameBoard: (id: number, name: string) => api.put<BoardSummary>("/boards", { id, name }),
  deleteBoard: (id: number) => api.delete<void>("/boards", { id }),
  createColumn: (boardId: number, name: string, position: number) =>
    api.post<{ id: number }>(`/boards/${boardId}/columns`, { name, position }),
  updateColumn: (boardId: number, id: number, changes: { name?: string; position?: number }) =>
    api.put<unknown>(`/boards/${boardId}/columns`, { id, ...changes }),
  deleteColumn: (boardId: number, id: number) => api.delete<void>(`/boards/${boardId}/columns`, { id }),
  createTicket: (columnId: number, fields: TicketFields, position: number) =>
    api.post<{ id: number }>(`/columns/${columnId}/tickets`, { ...fields, position }),
  updateTicket: (columnId: number, id: number, changes: Partial<TicketFields>) =>
    api.put<unknown>(`/columns/${columnId}/tickets`, { id, ...changes }),
  /** Moves a ticket to `position` in `toColumnId`; the path names the column it is in now. */
  moveTicket: (fromColumnId: number, id: number, toColumnId: number, position: number) =>
    api.put<unknown>(`/columns/${fromColumnId}/tickets`, { id, column_id: toColumnId, position }),
  deleteTicket: (columnId: number, id: number) => api.delete<void>(`/columns/${columnId}/tickets`, { id }),
};
