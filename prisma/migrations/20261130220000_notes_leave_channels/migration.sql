-- A note (and a forward, which is recorded as a note) is not a way the customer was reached: it
-- no longer adds its channel to the conversation's channels (a forward by email put "email" on an
-- SMS-only conversation).
CREATE OR REPLACE FUNCTION reply_conversation_channel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  assignee TEXT;
BEGIN
  IF NEW.direction = 'inbound' THEN
    UPDATE "Conversation"
       SET "lastInboundAt" = GREATEST(COALESCE("lastInboundAt", NEW."createdAt"), NEW."createdAt"),
           "channels" = CASE WHEN NEW.channel = ANY (COALESCE("channels", ARRAY[]::"Channel"[])) THEN "channels"
                             ELSE array_append(COALESCE("channels", ARRAY[]::"Channel"[]), NEW.channel) END
     WHERE id = NEW."conversationId"
    RETURNING "assigneeId" INTO assignee;
    IF assignee IS NOT NULL THEN
      INSERT INTO "Notification" ("userId", kind, "conversationId", "messageId", "createdAt")
      VALUES (assignee, 'customer_replied', NEW."conversationId", NEW.id, NEW."createdAt");
    END IF;
  ELSIF NOT NEW."isInternalNote" THEN
    UPDATE "Conversation" SET "channels" = array_append(COALESCE("channels", ARRAY[]::"Channel"[]), NEW.channel)
     WHERE id = NEW."conversationId" AND NOT (NEW.channel = ANY (COALESCE("channels", ARRAY[]::"Channel"[])));
  END IF;
  RETURN NULL;
END $$;

-- Conversations that got a channel only from a forward: recomputed from their real messages.
UPDATE "Conversation" c
   SET "channels" = (
     SELECT COALESCE(array_agg(DISTINCT m.channel), ARRAY[]::"Channel"[])
       FROM "Message" m
      WHERE m."conversationId" = c.id AND NOT m."isInternalNote"
   )
 WHERE EXISTS (SELECT 1 FROM "Message" f WHERE f."conversationId" = c.id AND f."forwardedTo" IS NOT NULL);
