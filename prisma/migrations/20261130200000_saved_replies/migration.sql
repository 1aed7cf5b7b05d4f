-- CreateTable
CREATE TABLE "SavedReply" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "folder" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedReply_locale_name_key" ON "SavedReply"("locale", "name");

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Canned replies were templates the founder approved; they become the team's saved replies
-- (founder approval stays for automatic messages). The text in use moves: the approved
-- version, else the newest one.
INSERT INTO "SavedReply" ("id", "name", "folder", "body", "locale", "createdAt", "updatedAt")
SELECT
  'sr_' || t."id",
  t."name",
  CASE
    WHEN t."key" IN ('canned:payment_timeout', 'canned:card_declined') THEN CASE t."locale" WHEN 'fr' THEN 'Paiement' ELSE 'Payment' END
    WHEN t."key" = 'canned:thanks_review' THEN CASE t."locale" WHEN 'fr' THEN 'Avis' ELSE 'Reviews' END
    WHEN t."key" = 'canned:friction_fixed' THEN CASE t."locale" WHEN 'fr' THEN 'Problèmes du site' ELSE 'Site problems' END
    ELSE ''
  END,
  v."body",
  t."locale",
  t."createdAt",
  CURRENT_TIMESTAMP
FROM "Template" t
JOIN LATERAL (
  SELECT tv."body" FROM "TemplateVersion" tv
  WHERE tv."templateId" = t."id"
  ORDER BY (tv."id" = t."approvedVersionId") DESC, tv."number" DESC
  LIMIT 1
) v ON true
WHERE t."kind" = 'canned_reply'
ON CONFLICT ("locale", "name") DO NOTHING;

DELETE FROM "Template" WHERE "kind" = 'canned_reply';
