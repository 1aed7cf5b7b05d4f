import { Notice } from "@/components/ui/notice";

/** Says plainly that a section is planned and not built yet, and what it will do. */
export function NotBuiltYet({ what, plannedIn }: { what: string; plannedIn: string }) {
  return (
    <Notice tone="warning" title="Not built yet">
      <p>{what}</p>
      <p className="mt-1 text-amber-800">Planned in {plannedIn}. Nothing on this page works yet.</p>
    </Notice>
  );
}
