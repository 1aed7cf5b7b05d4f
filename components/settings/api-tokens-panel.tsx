"use client";

import { useState, type FormEvent } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/settings/actions";
import { RichText } from "@/components/i18n/rich-text";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { commonMessages } from "@/lib/i18n/messages/common";
import { settingsMessages } from "@/lib/i18n/messages/settings";

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Dates are shown in the shop's time zone, so the server and the browser render the same text. */
export function ApiTokensPanel({ tokens, eventsUrl }: { tokens: TokenRow[]; eventsUrl: string }) {
  const timeZone = useViewerTimeZone();
  const { t, locale } = useTranslator(settingsMessages);
  const { t: common } = useTranslator(commonMessages);
  const create = useServerAction(createApiTokenAction);
  const revoke = useServerAction(revokeApiTokenAction);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setNewToken(null);
    create.run({ name: new FormData(form).get("tokenName") }, (created) => {
      form.reset();
      setNewToken(created.token);
      return t("tokens.created");
    });
  }

  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm text-stone-600">
        <RichText
          text={t("tokens.intro")}
          values={{
            endpoint: <code className="rounded bg-stone-100 px-1">POST {eventsUrl}</code>,
            header: <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code>,
            docs: "docs/EVENTS_API.md",
          }}
        />
      </p>
      {tokens.length === 0 ? (
        <p className="text-sm text-stone-500">{t("tokens.none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
          {tokens.map((token) => (
            <li
              key={token.id}
              className="flex flex-wrap items-center justify-between gap-2 px-4 py-2"
              data-testid={`api-token-${token.name}`}
            >
              <span>
                <span className="font-medium">{token.name}</span>{" "}
                <code className="text-xs text-stone-500">{token.prefix}…</code>
                <span className="block text-xs text-stone-500">
                  {token.revokedAt
                    ? t("tokens.revoked")
                    : token.lastUsedAt
                      ? t("tokens.lastUsed", { date: formatDateTime(token.lastUsedAt, locale, timeZone) })
                      : t("tokens.neverUsed")}
                </span>
              </span>
              {!token.revokedAt &&
                (confirming === token.id ? (
                  <span className="inline-flex items-center gap-2">
                    <span className="text-xs">{t("tokens.revokeWarning")}</span>
                    <Button
                      variant="danger"
                      pending={revoke.pending}
                      onClick={() =>
                        revoke.run(
                          { id: token.id },
                          () => (setConfirming(null), t("tokens.revokedNamed", { name: token.name })),
                        )
                      }
                    >
                      {t("tokens.revoke")}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      {common("cancel")}
                    </Button>
                  </span>
                ) : (
                  <Button variant="secondary" onClick={() => setConfirming(token.id)}>
                    {t("tokens.revokeAsk")}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {revoke.message && <Notice tone={revoke.message.tone}>{revoke.message.text}</Notice>}
      <form onSubmit={onCreate} noValidate className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField
            id="tokenName"
            label={t("tokens.newName")}
            placeholder={t("tokens.newNamePlaceholder")}
            errors={create.fieldErrors.name}
          />
        </div>
        <Button type="submit" pending={create.pending}>
          {t("tokens.create")}
        </Button>
      </form>
      {create.message && (
        <Notice tone={create.message.tone}>
          {create.message.text}
          {newToken && (
            <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono" data-testid="new-api-token">
              {newToken}
            </code>
          )}
        </Notice>
      )}
    </div>
  );
}
