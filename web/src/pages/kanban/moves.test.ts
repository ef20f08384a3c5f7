import { describe, expect, it } from "vitest";
import type { Board } from "../../api/types";
import { dropPlace, findTicket, moveTicket, parseKey } from "./moves";

const ticket = (id: number, position: number) => ({ id, title: `T${id}`, description: "", position });
const board: Board = {
  id: 1,
  name: "B",
  columns: [
    { id: 10, name: "To do", position: 0, tickets: [ticket(1, 0), ticket(2, 1), ticket(3, 2)] },
    { id: 20, name: "Done", position: 1, tickets: [ticket(4, 0)] },
    { id: 30, name: "Empty", position: 2, tickets: [] },
  ],
};
const ids = (b: Board) => b.columns.map((c) => c.tickets.map((t) => [t.id, t.position]));

describe("moveTicket", () => {
  it("moves within a column and keeps positions dense", () => {
    expect(ids(moveTicket(board, 1, { columnId: 10, index: 2 }))).toEqual([[[2, 0], [3, 1], [1, 2]], [[4, 0]], []]);
  });

  it("moves across columns: out of one, into the other at the index", () => {
    expect(ids(moveTicket(board, 2, { columnId: 20, index: 0 }))).toEqual([[[1, 0], [3, 1]], [[2, 0], [4, 1]], []]);
  });

  it("appends when the index is past the end, and fills an empty column", () => {
    expect(ids(moveTicket(board, 3, { columnId: 30, index: 99 }))).toEqual([[[1, 0], [2, 1]], [[4, 0]], [[3, 0]]]);
  });

  it("leaves the board alone for an unknown ticket", () => {
    expect(moveTicket(board, 999, { columnId: 20, index: 0 })).toBe(board);
  });

  it("does not change the board it was given", () => {
    moveTicket(board, 1, { columnId: 20, index: 0 });
    expect(ids(board)).toEqual([[[1, 0], [2, 1], [3, 2]], [[4, 0]], []]);
  });
});

describe("drop targets", () => {
  it("a ticket means its place; a column means its end", () => {
    expect(dropPlace(board, "ticket-2")).toEqual({ columnId: 10, index: 1 });
    expect(dropPlace(board, "column-20")).toEqual({ columnId: 20, index: 1 });
    expect(dropPlace(board, "column-30")).toEqual({ columnId: 30, index: 0 });
    expect(dropPlace(board, "something-else")).toBeNull();
  });

  it("finds tickets and reads keys", () => {
    expect(findTicket(board, 4)).toEqual({ columnId: 20, index: 0 });
    expect(findTicket(board, 5)).toBeNull();
    expect(parseKey("ticket-12")).toEqual({ kind: "ticket", id: 12 });
    expect(parseKey("ticket-x")).toBeNull();
  });
});
