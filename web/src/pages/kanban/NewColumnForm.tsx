import { boardApi } from "../../api/board";
import { InlineForm } from "../../components/InlineForm";

export function NewColumnForm({ boardId, position, onCreated }: { boardId: number; position: number; onCreated: () => Promise<void> }) {
  return (
    <div className="w-72 shrink-0 rounded-lg border border-dashed border-slate-300 p-3 dark:border-slate-600">
      <InlineForm
        label="New column"
        submitLabel="Add column"
        maxLength={200}
        onSubmit={async (name) => {
          await boardApi.createColumn(boardId, name, position);
          await onCreated();
          return `Column "${name}" added`;
        }}
      />
    </div>
  );
}
