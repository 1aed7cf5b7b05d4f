"use client";

import { useTranslator } from "@/components/i18n/locale-provider";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** The teammates of a select: "Me" first, then the others by name. */
export function TeammateOptions({
  currentUserId,
  teammates,
}: {
  currentUserId: string;
  teammates: { id: string; name: string }[];
}) {
  const { t } = useTranslator(inboxMessages);
  return (
    <>
      <option value={currentUserId}>{t("bulkAssignMe")}</option>
      {teammates
        .filter((member) => member.id !== currentUserId)
        .map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
    </>
  );
}
