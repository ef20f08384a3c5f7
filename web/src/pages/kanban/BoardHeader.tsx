import { useState } from "react";
import { boardApi } from "../../api/board";
import type { Board } from "../../api/types";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { InlineForm } from "../../components/InlineForm";
import { useAction } from "../../lib/useAction";

export function BoardHeader({ board, editable, onRenamed, onDeleted }: { board: Board; editable: boolean; onRenamed: () => Promise<void>; onDeleted: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const remove = useAction(
    async () => {
      await boardApi.deleteBoard(board.id);
      onDeleted();
      return `Board "${board.name}" deleted`;
    },
    { toastErrors: true },
  );

  if (renaming) {
    return (
      <div className="max-w-sm">
        <InlineForm
          label="Board name"
          submitLabel="Rename"
          initial={board.name}
          clearOnSuccess={false}
          onCancel={() => setRenaming(false)}
          onSubmit={async (name) => {
            await boardApi.renameBoard(board.id, name);
            setRenaming(false);
            await onRenamed();
            return "Board renamed";
          }}
        />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h2 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{board.name}</h2>
      {editable && (
        <>
          <Button variant="ghost" small onClick={() => setRenaming(true)} aria-label={`Rename board ${board.name}`}>
            Rename
          </Button>
          <ConfirmButton label="Delete" question={`Delete board ${board.name}?`} busy={remove.busy} onConfirm={() => void remove.run()} />
        </>
      )}
    </div>
  );
}
