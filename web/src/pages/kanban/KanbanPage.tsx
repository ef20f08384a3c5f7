// /kanban and /kanban/<board id>: the board list (pick, create) and the chosen board.
import { useEffect } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { boardApi } from "../../api/board";
import { useAuth } from "../../auth/AuthContext";
import { PageTitle } from "../../components/Card";
import { InlineForm } from "../../components/InlineForm";
import { Empty, Failed, Loading } from "../../components/States";
import { useLoad } from "../../lib/useLoad";
import { BoardView } from "./BoardView";

export function KanbanPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { boardId } = useParams();
  const boards = useLoad(boardApi.boards, []);
  const selected = boardId ? Number(boardId) : undefined;

  // Without a board in the address, open the first one.
  useEffect(() => {
    const first = boards.data?.[0];
    if (selected === undefined && first) navigate(`/kanban/${first.id}`, { replace: true });
  }, [boards.data, selected, navigate]);

  return (
    <div className="space-y-6">
      <PageTitle>Kanban</PageTitle>
      <div className="flex flex-wrap items-end gap-6">
        {boards.data && boards.data.length > 0 && (
          <nav aria-label="Boards" className="flex flex-wrap gap-2">
            {boards.data.map((board) => (
              <button
                key={board.id}
                type="button"
                aria-current={board.id === selected ? "page" : undefined}
                onClick={() => navigate(`/kanban/${board.id}`)}
                className={`rounded-full px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
                  board.id === selected ? "bg-indigo-600 text-white" : "bg-slate-200 text-slate-800 hover:bg-slate-300 dark:bg-slate-700 dark:text-slate-100"
                }`}
              >
                {board.name}
              </button>
            ))}
          </nav>
        )}
        {can("edit") && (
          <div className="w-full max-w-xs">
            <InlineForm
              label="New board"
              submitLabel="Create board"
              maxLength={200}
              onSubmit={async (name) => {
                const created = await boardApi.createBoard(name);
                await boards.reload();
                navigate(`/kanban/${created.id}`);
                return `Board "${name}" created`;
              }}
            />
          </div>
        )}
      </div>
      {boards.error && <Failed message={boards.error} onRetry={boards.reload} />}
      {boards.loading && !boards.data && <Loading label="Loading boards…" />}
      {boards.data?.length === 0 && <Empty>No boards yet.{can("edit") ? " Create the first one above." : ""}</Empty>}
      {selected !== undefined && Number.isInteger(selected) && (
        <BoardView
          key={selected}
          boardId={selected}
          onRenamed={() => void boards.reload()}
          onDeleted={() => {
            void boards.reload();
            navigate("/kanban", { replace: true });
          }}
        />
      )}
    </div>
  );
}
