"use client";

import { useState } from "react";
import { changeUserRoleAction, setUserActiveAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";

type Row = { id: string; email: string; name: string; role: Role; deactivatedAt: string | null; lastSignInAt: string | null };

export function UsersTable({ users, currentUserId }: { users: Row[]; currentUserId: string }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const roleChange = useServerAction(changeUserRoleAction);
  const activation = useServerAction(setUserActiveAction);
  const pending = roleChange.pending || activation.pending;
  const message = activation.message ?? roleChange.message;

  function changeRole(user: Row, role: Role) {
    activation.setMessage(null);
    roleChange.run({ userId: user.id, role }, () => `${user.name} is now ${ROLE_LABELS[role]}.`);
  }

  function setActive(user: Row, active: boolean) {
    roleChange.setMessage(null);
    activation.run({ userId: user.id, active }, () => {
      setConfirming(null);
      return active ? `${user.name} can sign in again.` : `${user.name} was deactivated.`;
    });
  }

  if (users.length === 0) return <Notice>No users yet. Add the first one with the form.</Notice>;

  return (
    <div className="space-y-3">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase text-stone-500">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Role</th>
              <th className="px-4 py-2 font-medium">Last sign-in</th>
              <th className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const inactive = Boolean(user.deactivatedAt);
              const self = user.id === currentUserId;
              return (
                <tr key={user.id} className={`border-b border-stone-100 last:border-0 ${inactive ? "text-stone-400" : ""}`} data-testid={`user-row-${user.email}`}>
                  <td className="px-4 py-2">
                    <p className="font-medium">{user.name}</p>
                    <p className="text-xs text-stone-500">{user.email}</p>
                  </td>
                  <td className="px-4 py-2">
                    <label className="sr-only" htmlFor={`role-${user.id}`}>
                      Role of {user.name}
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
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-4 py-2 text-xs">{inactive ? "Deactivated" : user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleString() : "Never"}</td>
                  <td className="px-4 py-2 text-right">
                    {self ? (
                      <span className="text-xs text-stone-400">You</span>
                    ) : confirming === user.id ? (
                      <span className="inline-flex items-center gap-2">
                        <span className="text-xs">Deactivate {user.name}? They can no longer sign in.</span>
                        <Button variant="danger" pending={pending} onClick={() => setActive(user, false)}>
                          Deactivate
                        </Button>
                        <Button variant="secondary" onClick={() => setConfirming(null)}>
                          Cancel
                        </Button>
                      </span>
                    ) : inactive ? (
                      <Button variant="secondary" disabled={pending} onClick={() => setActive(user, true)}>
                        Reactivate
                      </Button>
                    ) : (
                      <Button variant="secondary" disabled={pending} onClick={() => setConfirming(user.id)}>
                        Deactivate…
                      </Button>
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
