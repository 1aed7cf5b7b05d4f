-- The inbox list's cost is the page (issue #15): each view is one ordered index range, the
-- counts sum a small table of deltas, and the channels of a thread are kept on it.

-- Open or pending, as one value: "IN ('open', 'pending')" would merge two ranges and sort.
ALTER TABLE "Conversation" ADD COLUMN "isOpen" BOOLEAN NOT NULL GENERATED ALWAYS AS (status = ANY (ARRAY['open'::"ConversationStatus", 'pending'::"ConversationStatus"])) STORED;

-- Every channel a thread has used, kept by the trigger below (a message's channel never changes).
ALTER TABLE "Conversation" ADD COLUMN "channels" "Channel"[] DEFAULT ARRAY[]::"Channel"[];
UPDATE "Conversation" c SET "channels" = COALESCE((SELECT array_agg(DISTINCT m.channel ORDER BY m.channel) FROM "Message" m WHERE m."conversationId" = c.id), ARRAY[]::"Channel"[]);

CREATE FUNCTION reply_conversation_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Conversation" SET "channels" = array_append(COALESCE("channels", ARRAY[]::"Channel"[]), NEW.channel)
   WHERE id = NEW."conversationId" AND NOT (NEW.channel = ANY (COALESCE("channels", ARRAY[]::"Channel"[])));
  RETURN NULL;
END $$;
CREATE TRIGGER "Message_conversation_channel" AFTER INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION reply_conversation_channel();

-- The inbox counts: +1/-1 per group change, summed by the list, folded by the dispatcher run.
CREATE TABLE "ConversationCountDelta" (
    "id" BIGSERIAL NOT NULL,
    "status" "ConversationStatus" NOT NULL,
    "needsHuman" BOOLEAN NOT NULL,
    "assigneeId" TEXT,
    "isOpen" BOOLEAN NOT NULL GENERATED ALWAYS AS (status = ANY (ARRAY['open'::"ConversationStatus", 'pending'::"ConversationStatus"])) STORED,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "ConversationCountDelta_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION reply_conversation_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "ConversationCountDelta" ("status", "needsHuman", "assigneeId", "delta") VALUES (OLD.status, OLD."needsHuman", OLD."assigneeId", -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "ConversationCountDelta" ("status", "needsHuman", "assigneeId", "delta") VALUES (NEW.status, NEW."needsHuman", NEW."assigneeId", 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Conversation_count_insert_delete" AFTER INSERT OR DELETE ON "Conversation" FOR EACH ROW EXECUTE FUNCTION reply_conversation_count_delta();
CREATE TRIGGER "Conversation_count_update" AFTER UPDATE OF "status", "needsHuman", "assigneeId" ON "Conversation" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."needsHuman" IS DISTINCT FROM NEW."needsHuman" OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId")
  EXECUTE FUNCTION reply_conversation_count_delta();
-- A TRUNCATE of the conversations (tests, db:seed --force) empties the counts too.
CREATE FUNCTION reply_conversation_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ConversationCountDelta";
  RETURN NULL;
END $$;
CREATE TRIGGER "Conversation_count_truncate" AFTER TRUNCATE ON "Conversation" FOR EACH STATEMENT EXECUTE FUNCTION reply_conversation_count_truncate();
INSERT INTO "ConversationCountDelta" ("status", "needsHuman", "assigneeId", "delta")
  SELECT status, "needsHuman", "assigneeId", count(*) FROM "Conversation" GROUP BY 1, 2, 3;

-- One index per view, in the view's order.
DROP INDEX "Conversation_needsHuman_status_priority_waitingSince_idx";
DROP INDEX "Conversation_status_lastMessageAt_id_idx";
CREATE INDEX "Conversation_status_lastMessageAt_id_idx" ON "Conversation"("status", "lastMessageAt" DESC, "id" DESC);
CREATE INDEX "Conversation_isOpen_lastMessageAt_id_idx" ON "Conversation"("isOpen", "lastMessageAt" DESC, "id" DESC);
CREATE INDEX "Conversation_needsHuman_isOpen_priority_waitingSince_id_idx" ON "Conversation"("needsHuman", "isOpen", "priority" DESC, "waitingSince", "id");
CREATE INDEX "Conversation_assigneeId_isOpen_lastMessageAt_id_idx" ON "Conversation"("assigneeId", "isOpen", "lastMessageAt" DESC, "id" DESC);
