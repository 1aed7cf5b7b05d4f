"use client";

import { useState } from "react";
import { changeUserRoleAction, resetUserPasswordAction, setUserActiveAction } from "@/app/(app)/users/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { commonMessages } from "@/lib/i18n/messages/common";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { usersMessages } from "@/lib/i18n/messages/users";

type Row = {
  id: string;
  email: string;
  name: string;
  role: Role;
  deactivatedAt: string | null;
  lastSignInAt: string | null;
};

/** Dates are shown in the shop's time zone, so the server and the browser render the same text. */
export function UsersTable({ users, currentUserId }: { users: Row[]; currentUserId: string }) {
  const timeZone = useViewerTimeZone();
  const { t, locale } = useTranslator(usersMessages);
  const { t: shell } = useTranslator(shellMessages);
  const { t: common } = useTranslator(commonMessages);
  const [confirming, setConfirming] = useState<{ userId: string; action: "deactivate" | "reset" } | null>(null);
  const [newPassword, setNewPassword] = useState<{ name: string; password: string } | null>(null);
  const roleChange = useServerAction(changeUserRoleAction);
  const activation = useServerAction(setUserActiveAction);
  const reset = useServerAction(resetUserPasswordAction);
  const pending = roleChange.pending || activation.pending || reset.pending;
  const message = reset.message ?? activation.message ?? roleChange.message;

  function clearMessages() {
    for (const action of [roleChange, activation, reset]) action.setMessage(null);
    setNewPassword(null);
  }

  function resetPassword(user: Row) {
    clearMessages();
    reset.run({ userId: user.id }, (result) => {
      setConfirming(null);
      if (result.generatedPassword) setNewPassword({ name: user.name, password: result.generatedPassword });
      return t("passwordReset", { name: user.name });
    });
  }

  function changeRole(user: Row, role: Role) {
    clearMessages();
    roleChange.run({ userId: user.id, role }, () => t("roleChanged", { name: user.name, role: shell(`role.${role}`) }));
  }

  function setActive(user: Row, active: boolean) {
    clearMessages();
    activation.run({ userId: user.id, active }, () => {
      setConfirming(null);
      return t(active ? "reactivated" : "deactivated", { name: user.name });
    });
  }

  if (users.length === 0) return <Notice>{t("none")}</Notice>;

  return (
    <div className="space-y-3">
      {message && (
        <Notice tone={message.tone}>
          {message.text}
          {message.tone === "success" && newPassword && (
            <p className="mt-2">
              {t("newPasswordFor", { name: newPassword.name })}{" "}
              <code className="rounded bg-white px-1 font-mono" data-testid="reset-password">
                {newPassword.password}
              </code>
            </p>
          )}
        </Notice>
      )}
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase text-stone-500">
            <tr>
              <th className="px-4 py-2 font-medium">{t("columnName")}</th>
              <th className="px-4 py-2 font-medium">{t("columnRole")}</th>
              <th className="px-4 py-2 font-medium">{t("columnLastSignIn")}</th>
              <th className="px-4 py-2 font-medium">
                <span className="sr-only">{t("columnActions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const inactive = Boolean(user.deactivatedAt);
              const self = user.id === currentUserId;
              return (
                <tr
                  key={user.id}
                  className={`border-b border-stone-100 last:border-0 ${inactive ? "text-stone-400" : ""}`}
                  data-testid={`user-row-${user.email}`}
                >
                  <td className="max-w-[16rem] px-4 py-2">
                    <p className="truncate font-medium" title={user.name}>
                      {user.name}
                    </p>
                    <p className="truncate text-xs text-stone-500" title={user.email}>
                      {user.email}
                    </p>
                  </td>
                  <td className="px-4 py-2">
                    <label className="sr-only" htmlFor={`role-${user.id}`}>
                      {t("roleOf", { name: user.name })}
                    </label>
                    <select
                      id={`role-${user.id}`}
                      value={user.role}
                      disabled={pending || inactive || self}
                      onChange={(event) => changeRole(user, event.target.value as Role)}
                      className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {shell(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-4 py-2 text-xs">
                    {inactive
                      ? t("deactivatedStatus")
                      : user.lastSignInAt
                        ? formatDateTime(user.lastSignInAt, locale, timeZone)
                        : common("never")}
                  </td>
                  <td className="px-4 py-2 text-right">
                    {self ? (
                      <span className="text-xs text-stone-400">{t("you")}</span>
                    ) : confirming?.userId === user.id ? (
                      <span className="inline-flex items-center gap-2">
                        <span className="text-xs">
                          {confirming.action === "reset"
                            ? t("resetConfirm", { name: user.name })
                            : t("deactivateConfirm", { name: user.name })}
                        </span>
                        <Button
                          variant="danger"
                          pending={pending}
                          onClick={() => (confirming.action === "reset" ? resetPassword(user) : setActive(user, false))}
                        >
                          {confirming.action === "reset" ? t("reset") : t("deactivate")}
                        </Button>
                        <Button variant="secondary" onClick={() => setConfirming(null)}>
                          {common("cancel")}
                        </Button>
                      </span>
                    ) : inactive ? (
                      <Button variant="secondary" disabled={pending} onClick={() => setActive(user, true)}>
                        {t("reactivate")}
                      </Button>
                    ) : (
                      <span className="inline-flex gap-2">
                        <Button
                          variant="secondary"
                          disabled={pending}
                          onClick={() => setConfirming({ userId: user.id, action: "reset" })}
                        >
                          {t("resetAsk")}
                        </Button>
                        <Button
                          variant="secondary"
                          disabled={pending}
                          onClick={() => setConfirming({ userId: user.id, action: "deactivate" })}
                        >
                          {t("deactivateAsk")}
                        </Button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
