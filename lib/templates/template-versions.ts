import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { configuredChannels, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendEmail } from "@/lib/delivery/providers/transport";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { translator, type UiLocale } from "@/lib/i18n/translate";
import { lineDiff } from "@/lib/templates/line-diff";
import { variablesForTemplate, variablesNotProvided } from "@/lib/templates/step-variables";
import { variableProblems } from "@/lib/templates/variable-problems";
import { logError } from "@/lib/log";

const noBadVariables = (text: string | null | undefined) => !text || variableProblems(text).length === 0;
const variablesMessage = (text: string | null | undefined) => ({
  message: text ? (variableProblems(text)[0]?.message ?? "") : "",
});

export const proposeVersionSchema = z
  .object({
    templateId: z.string().min(1),
    subject: z.string().trim().max(200, "200 characters at most").nullish(),
    preheader: z.string().trim().max(200, "200 characters at most").nullish(),
    body: z.string().trim().min(1, "Write the message first").max(20_000, "20,000 characters at most"),
    /** false: keep as a draft; true: send to the founder for approval. */
    submit: z.boolean(),
  })
  .superRefine((input, ctx) => {
    for (const field of ["subject", "preheader", "body"] as const) {
      if (!noBadVariables(input[field]))
        ctx.addIssue({ code: "custom", path: [field], ...variablesMessage(input[field]) });
    }
  });

export const reviewVersionSchema = z
  .object({
    versionId: z.string().min(1),
    decision: z.enum(["approve", "reject"]),
    comment: z.string().trim().max(2000, "2,000 characters at most").optional(),
    /** An admin approving in the founder's place says so explicitly; it is recorded. */
    actingAsFounder: z.boolean().default(false),
  })
  .refine((input) => input.decision === "approve" || Boolean(input.comment), { message: "sayWhy", path: ["comment"] });

type Actor = { id: string; name: string; role: string };

/**
 * Variables a text uses that its template's step never fills (a checkout link after delivery):
 * refused by field, in the reader's language, before it can be saved or approved.
 */
function refuseVariablesNotProvided(
  templateKey: string,
  fields: { subject?: string | null; preheader?: string | null; body: string },
  locale: UiLocale,
) {
  const t = translator(templateMessages, locale);
  const allowed = variablesForTemplate(templateKey)
    .map((name) => `{{${name}}}`)
    .join(", ");
  const fieldErrors: Record<string, string[]> = {};
  for (const field of ["subject", "preheader", "body"] as const) {
    const missing = variablesNotProvided(fields[field], templateKey);
    if (missing.length)
      fieldErrors[field] = [
        t("variableNotProvided", {
          field: t(field),
          variable: missing.map((name) => `{{${name}}}`).join(", "),
          allowed,
        }),
      ];
  }
  const messages = Object.values(fieldErrors).flat();
  if (messages.length)
    throw new AppError(
      "bad_request",
      `${t("variablesNotProvidedTitle")} ${messages.join(" ")}`,
      undefined,
      fieldErrors,
    );
}

export async function listTemplates() {
  const templates = await db.template.findMany({
    orderBy: [{ kind: "asc" }, { key: "asc" }, { channel: "asc" }, { locale: "asc" }],
    include: {
      approvedVersion: { select: { number: true, reviewedAt: true } },
      _count: { select: { versions: { where: { status: "pending_approval" } } } },
    },
  });
  return templates.map((t) => ({
    id: t.id,
    key: t.key,
    kind: t.kind,
    channel: t.channel,
    locale: t.locale,
    name: t.name,
    approvedNumber: t.approvedVersion?.number ?? null,
    approvedAt: t.approvedVersion?.reviewedAt ?? null,
    pending: t._count.versions,
  }));
}

export async function getTemplateWithVersions(id: string) {
  return db.template.findUnique({
    where: { id },
    include: {
      versions: {
        orderBy: { number: "desc" },
        include: { author: { select: { name: true } }, reviewedBy: { select: { name: true } } },
      },
    },
  });
}

export type TemplateWithVersions = NonNullable<Awaited<ReturnType<typeof getTemplateWithVersions>>>;

/** Versions waiting for the founder, oldest first, each with the approved text it would replace. */
export async function listApprovalQueue() {
  const pending = await db.templateVersion.findMany({
    where: { status: "pending_approval" },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, template: { include: { approvedVersion: true } } },
  });
  return pending.map((version) => ({
    id: version.id,
    number: version.number,
    createdAt: version.createdAt,
    author: version.author?.name ?? null,
    subject: version.subject,
    preheader: version.preheader,
    body: version.body,
    template: {
      id: version.template.id,
      key: version.template.key,
      name: version.template.name,
      channel: version.template.channel,
      locale: version.template.locale,
      kind: version.template.kind,
    },
    approved: version.template.approvedVersion
      ? {
          number: version.template.approvedVersion.number,
          subject: version.template.approvedVersion.subject,
          preheader: version.template.approvedVersion.preheader,
          body: version.template.approvedVersion.body,
        }
      : null,
  }));
}

export type QueuedVersion = Awaited<ReturnType<typeof listApprovalQueue>>[number];

/** The founders are told by email, when email is configured; a failure never loses the proposal. */
async function notifyFounders(templateName: string, authorName: string) {
  if (!configuredChannels().email) return;
  const settings = await getShopSettingsRow();
  const founders = await db.user.findMany({
    where: { role: "founder", deactivatedAt: null },
    select: { id: true, email: true },
  });
  if (!settings || founders.length === 0) return;
  const link = `${env().APP_URL.replace(/\/$/, "")}/templates/queue`;
  for (const founder of founders) {
    const outcome = await sendEmail({
      from: `"Reply Inbox" <${settings.senderEmail}>`,
      to: founder.email,
      replyTo: null,
      subject: `To approve: a new version of "${templateName}"`,
      textBody: `${authorName} proposed a new version of "${templateName}". Nothing changes for customers until you approve it:\n\n${link}\n`,
      htmlBody: `<p>${authorName.replace(/</g, "&lt;")} proposed a new version of "${templateName.replace(/</g, "&lt;")}". Nothing changes for customers until you approve it.</p><p><a href="${link}">Open the approval queue</a></p>`,
      headers: [],
      metadata: { purpose: "template_approval" },
    });
    if (outcome.kind !== "sent")
      logError("templates", `approval notice to founder ${founder.id} not sent: ${outcome.error}`);
  }
}

/** Every save is a new numbered version: a draft, or submitted for the founder's approval. */
export async function proposeVersion(
  input: z.infer<typeof proposeVersionSchema>,
  actor: Actor,
  locale: UiLocale = "en",
) {
  const template = await db.template.findUnique({
    where: { id: input.templateId },
    include: { approvedVersion: true },
  });
  if (!template) throw AppError.because("not_found", "templateGone");
  refuseVariablesNotProvided(template.key, input, locale);
  const isEmail = template.channel === "email";
  if (isEmail && template.kind !== "canned_reply" && !input.subject)
    throw AppError.because("bad_request", "emailNeedsSubject");
  const version = await db.$transaction(async (tx) => {
    const last = await tx.templateVersion.findFirst({
      where: { templateId: template.id },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const created = await tx.templateVersion.create({
      data: {
        templateId: template.id,
        number: (last?.number ?? 0) + 1,
        subject: isEmail ? (input.subject ?? null) : null,
        preheader: isEmail ? (input.preheader ?? null) : null,
        body: input.body,
        status: input.submit ? "pending_approval" : "draft",
        authorId: actor.id,
      },
    });
    const before = template.approvedVersion;
    await recordAudit(
      {
        actorUserId: actor.id,
        action: input.submit ? "template.version_submitted" : "template.version_saved",
        entityType: "template",
        entityId: template.id,
        data: {
          version: created.number,
          diff: lineDiff(before?.body ?? "", created.body),
          subject: [before?.subject ?? null, created.subject],
        },
      },
      tx,
    );
    return created;
  });
  if (input.submit) await notifyFounders(template.name, actor.name);
  return version;
}

/** Submits a draft for approval as it is. */
export async function submitDraft(versionId: string, actor: Actor) {
  const version = await db.templateVersion.findUnique({ where: { id: versionId }, include: { template: true } });
  if (!version) throw AppError.because("not_found", "versionGone");
  const { count } = await db.templateVersion.updateMany({
    where: { id: versionId, status: "draft" },
    data: { status: "pending_approval" },
  });
  if (count === 0) throw AppError.because("conflict", "onlyDraftSubmitted");
  await recordAudit({
    actorUserId: actor.id,
    action: "template.version_submitted",
    entityType: "template",
    entityId: version.templateId,
    data: { version: version.number },
  });
  await notifyFounders(version.template.name, actor.name);
}

/**
 * The founder approves (it becomes the only version sent) or rejects with a comment. An admin may
 * do it only by saying they act as the founder. Only a pending version can be reviewed.
 */
export async function reviewVersion(
  input: z.input<typeof reviewVersionSchema>,
  actor: Actor,
  now = new Date(),
  locale: UiLocale = "en",
) {
  if (actor.role !== "founder" && !(actor.role === "admin" && input.actingAsFounder)) {
    throw AppError.because("forbidden", actor.role === "admin" ? "tickActingAsFounder" : "onlyFounderApproves");
  }
  return db.$transaction(async (tx) => {
    const version = await tx.templateVersion.findUnique({
      where: { id: input.versionId },
      include: { template: { include: { approvedVersion: true } } },
    });
    if (!version) throw AppError.because("not_found", "versionGone");
    const approve = input.decision === "approve";
    // A version written before this check could still carry a variable its step never fills.
    if (approve) refuseVariablesNotProvided(version.template.key, version, locale);
    const { count } = await tx.templateVersion.updateMany({
      where: { id: version.id, status: "pending_approval" },
      data: {
        status: approve ? "approved" : "rejected",
        reviewedById: actor.id,
        reviewedAt: now,
        reviewComment: input.comment ?? null,
      },
    });
    if (count === 0) throw AppError.because("conflict", "versionAlreadyReviewed");
    if (approve)
      await tx.template.update({ where: { id: version.templateId }, data: { approvedVersionId: version.id } });
    const previous = version.template.approvedVersion;
    await recordAudit(
      {
        actorUserId: actor.id,
        action: approve ? "template.version_approved" : "template.version_rejected",
        entityType: "template",
        entityId: version.templateId,
        data: {
          version: version.number,
          comment: input.comment ?? null,
          actingAsFounder: actor.role === "admin",
          replaces: previous?.number ?? null,
          diff: lineDiff(previous?.body ?? "", version.body),
        },
      },
      tx,
    );
    return { templateId: version.templateId, number: version.number, status: approve ? "approved" : "rejected" };
  });
}
