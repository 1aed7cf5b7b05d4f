"use client";

import { useRef, useState, type ReactNode } from "react";
import { proposeVersionAction } from "@/app/(app)/templates/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { DraftInVoiceButton } from "@/components/ai/draft-in-voice-button";
import { TemplatePreview } from "@/components/templates/template-preview";
import { VoiceWarnings } from "@/components/templates/voice-warnings";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { templateMessages } from "@/lib/i18n/messages/templates";
import type { PreviewCustomer } from "@/lib/templates/preview-customers";
import { variablesForTemplate, variablesNotProvided } from "@/lib/templates/step-variables";
import { variableProblems } from "@/lib/templates/variable-problems";

type Draft = { subject: string; preheader: string; body: string };
type Props = {
  template: { id: string; key: string; kind: string; channel: "email" | "sms"; locale: "en" | "fr" };
  initial: Draft;
  signature: string;
  customers: PreviewCustomer[];
  aiConfigured: boolean;
  /** The app's address: an SMS is measured with the real length of its tracked link. */
  appUrl: string;
};

/** Edit the text with variables checked where they are, see it on a real customer, save a version. */
export function TemplateEditor({ template, initial, signature, customers, aiConfigured, appUrl }: Props) {
  const { t } = useTranslator(templateMessages);
  const save = useServerAction(proposeVersionAction);
  const [draft, setDraft] = useState<Draft>(initial);
  const body = useRef<HTMLTextAreaElement>(null);
  const isEmail = template.channel === "email";

  function set(field: keyof Draft, value: string) {
    setDraft((current) => ({ ...current, [field]: value }));
  }

  function insertVariable(name: string) {
    const area = body.current;
    const start = area?.selectionStart ?? draft.body.length;
    const end = area?.selectionEnd ?? draft.body.length;
    set("body", `${draft.body.slice(0, start)}{{${name}}}${draft.body.slice(end)}`);
    requestAnimationFrame(() => area?.focus());
  }

  function submit(submitForApproval: boolean) {
    save.run(
      {
        templateId: template.id,
        subject: isEmail ? draft.subject : null,
        preheader: isEmail ? draft.preheader : null,
        body: draft.body,
        submit: submitForApproval,
      },
      (version) => t(version.status === "pending_approval" ? "submitted" : "savedDraft", { number: version.number }),
    );
  }

  // Only what this template's step fills when it is sent (no checkout link after delivery).
  const variables = variablesForTemplate(template.key);
  const notProvided = (field: keyof Draft) => variablesNotProvided(draft[field], template.key);
  const problems = (field: keyof Draft) => [
    ...variableProblems(draft[field]).map((p) =>
      t("problemAt", { line: p.line, column: p.column, message: p.message }),
    ),
    ...(notProvided(field).length
      ? [
          t("variableNotProvided", {
            field: t(field),
            variable: notProvided(field)
              .map((name) => `{{${name}}}`)
              .join(", "),
            allowed: variables.map((name) => `{{${name}}}`).join(", "),
          }),
        ]
      : []),
    ...(save.fieldErrors[field] ?? []),
  ];
  const blocked = (["subject", "preheader", "body"] as const).some(
    (field) => variableProblems(draft[field]).length > 0 || notProvided(field).length > 0,
  );

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit(true);
        }}
      >
        {isEmail && (
          <>
            <Field id="template-subject" label={t("subject")} errors={problems("subject")}>
              <input
                id="template-subject"
                value={draft.subject}
                onChange={(event) => set("subject", event.target.value)}
                className="block w-full rounded-md border border-stone-300 px-3 py-2 text-sm"
              />
            </Field>
            <Field id="template-preheader" label={t("preheader")} errors={problems("preheader")}>
              <input
                id="template-preheader"
                value={draft.preheader}
                onChange={(event) => set("preheader", event.target.value)}
                className="block w-full rounded-md border border-stone-300 px-3 py-2 text-sm"
              />
            </Field>
          </>
        )}
        <Field id="template-body" label={t("body")} errors={problems("body")} hint={t("fallbackHint")}>
          <textarea
            id="template-body"
            ref={body}
            rows={14}
            value={draft.body}
            onChange={(event) => set("body", event.target.value)}
            className="block w-full rounded-md border border-stone-300 px-3 py-2 font-mono text-sm"
          />
        </Field>
        <DraftInVoiceButton
          aiConfigured={aiConfigured}
          templateKey={template.key}
          channel={template.channel}
          locale={template.locale}
          currentText={draft.body}
          currentSubject={isEmail ? draft.subject : null}
          onDraft={(drafted) =>
            setDraft((current) => ({ ...current, body: drafted.body, subject: drafted.subject ?? current.subject }))
          }
        />
        <div className="flex flex-wrap items-center gap-1 text-xs" role="group" aria-label={t("insertVariable")}>
          <span className="mr-1 text-stone-600">{t("insertVariable")}:</span>
          {variables.map((name) => (
            <button
              key={name}
              type="button"
              onClick={() => insertVariable(name)}
              className="rounded border border-stone-300 bg-white px-1.5 py-0.5 font-mono hover:bg-stone-100"
            >
              {`{{${name}}}`}
            </button>
          ))}
        </div>
        <VoiceWarnings
          text={draft.body}
          subject={draft.subject}
          preheader={draft.preheader}
          locale={template.locale}
          channel={template.channel}
          purpose={template.kind === "canned_reply" ? "reply" : "template"}
          templateKey={template.key}
          appUrl={appUrl}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={save.pending} disabled={blocked}>
            {t("submit")}
          </Button>
          <Button type="button" variant="secondary" disabled={save.pending || blocked} onClick={() => submit(false)}>
            {t("saveDraft")}
          </Button>
        </div>
        {save.message && <Notice tone={save.message.tone}>{save.message.text}</Notice>}
      </form>
      <TemplatePreview
        channel={template.channel}
        locale={template.locale}
        subject={draft.subject}
        preheader={draft.preheader}
        body={draft.body}
        signature={signature}
        customers={customers}
      />
    </div>
  );
}

function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint && errors.length === 0 && <p className="text-xs text-stone-500">{hint}</p>}
      {errors.map((error) => (
        <p key={error} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ))}
    </div>
  );
}
