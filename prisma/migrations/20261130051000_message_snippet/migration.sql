-- The inbox list shows 140 characters of each conversation's last message. Stored once per
-- message (a generated column), so a list never reads whole bodies, however large.
ALTER TABLE "Message" ADD COLUMN "snippet" TEXT GENERATED ALWAYS AS (
  "left"(regexp_replace("left"(COALESCE("strippedText", "textBody"), 600), '\s+'::text, ' '::text, 'g'::text), 140)
) STORED;
