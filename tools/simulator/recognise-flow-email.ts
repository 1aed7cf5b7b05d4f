// Which flow step an email the fake Postmark received belongs to, from its subject. The
// dispatcher sends a batch in no particular order, so order cannot tell day 5 from day 14; the
// subjects of the default templates can (a shop that rewrote them falls back to what is due). Pure.
import { STEPS } from "@/lib/outbound/flow-steps";
import type { StepRef } from "@/tools/simulator/simulation-tally";
import { DEFAULT_TEMPLATES, TEMPLATE_KEYS } from "@/lib/templates/default-templates";

const STEP_OF_TEMPLATE: Record<string, StepRef> = {
  [TEMPLATE_KEYS.abandonedHelp]: STEPS.abandonedHelp,
  [TEMPLATE_KEYS.checkIn]: STEPS.checkIn,
  [TEMPLATE_KEYS.reviewRequest]: STEPS.reviewRequest,
  [TEMPLATE_KEYS.lastReminder]: STEPS.lastReminder,
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const SUBJECTS = DEFAULT_TEMPLATES.flatMap((template) => {
  const step = STEP_OF_TEMPLATE[template.key];
  if (!step || template.channel !== "email" || !template.subject) return [];
  // {{variables}} match whatever they rendered to.
  const pattern = new RegExp(
    `^${template.subject
      .split(/\{\{\s*\w+\s*\}\}/)
      .map(escape)
      .join(".*")}$`,
    "s",
  );
  return [{ step, pattern }];
});

/** The step whose default subject this is, among the steps that can be due for the customer. */
export function recogniseFlowEmail(subject: string, due: readonly StepRef[]): StepRef | null {
  const matches = SUBJECTS.filter(({ step, pattern }) => due.includes(step) && pattern.test(subject.trim()));
  if (matches.length === 1) return matches[0]!.step;
  // Rewritten templates: only a customer with a single due email can still be told.
  return matches.length === 0 && due.length === 1 ? due[0]! : null;
}
