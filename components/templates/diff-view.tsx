import type { DiffPart } from "@/lib/templates/line-diff";

/** Added lines in green, removed ones struck through in red, the rest quiet. */
export function DiffView({ parts, emptyText }: { parts: DiffPart[]; emptyText: string }) {
  if (parts.every((part) => part.kind === "same")) return <p className="text-sm text-stone-500">{emptyText}</p>;
  return (
    <pre
      data-testid="diff"
      className="overflow-x-auto whitespace-pre-wrap rounded-md border border-stone-200 bg-white p-3 text-sm leading-relaxed"
    >
      {parts.map((part, index) => (
        <span
          key={index}
          className={
            part.kind === "added"
              ? "bg-emerald-50 text-emerald-900"
              : part.kind === "removed"
                ? "bg-red-50 text-red-800 line-through"
                : "text-stone-500"
          }
        >
          {part.kind === "added" ? "+ " : part.kind === "removed" ? "− " : ""}
          {part.text}
        </span>
      ))}
    </pre>
  );
}
