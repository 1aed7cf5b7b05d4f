-- The inbound path locks the conversation it picked before writing to it, and reads it again
-- then: a message that arrived while its conversation was being merged went into the merged
-- (closed, hidden) source and reopened it. Restated whole: CREATE OR REPLACE needs the body.
CREATE OR REPLACE FUNCTION ingest_inbound_message(m jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  received timestamp := (m->>'receivedAt')::timestamptz AT TIME ZONE 'UTC';
  utc_now timestamp := now() AT TIME ZONE 'UTC';
  sender text;
  thread "Conversation"%ROWTYPE;
  stored text;
  ref text;
  new_customer text;
BEGIN
  INSERT INTO "WebhookEvent" (id, provider, "externalId", topic, "receivedAt", "processedAt", outcome)
  VALUES (gen_random_uuid()::text, (m->>'provider')::"WebhookProvider", m->>'externalId', m->>'topic', utc_now, utc_now, 'processed')
  ON CONFLICT (provider, "externalId") DO NOTHING;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('duplicate', true);
  END IF;

  -- The same mail under another delivery id (Postmark hands it over once per inbound address).
  IF m->>'emailMessageId' IS NOT NULL AND EXISTS (SELECT 1 FROM "Message" WHERE "emailMessageId" = m->>'emailMessageId') THEN
    UPDATE "WebhookEvent" SET outcome = 'duplicate' WHERE provider = (m->>'provider')::"WebhookProvider" AND "externalId" = m->>'externalId';
    RETURN jsonb_build_object('duplicate', true);
  END IF;

  -- The sender: by address; a number that is not anyone's main one may be on a customer's record;
  -- on Messenger and Instagram, by the page-scoped id (never by name).
  IF m->>'fromEmail' IS NOT NULL THEN
    SELECT id INTO sender FROM "Customer" WHERE email = m->>'fromEmail';
  ELSIF m->'identity' IS NOT NULL AND jsonb_typeof(m->'identity') = 'object' THEN
    SELECT "customerId" INTO sender FROM "ChannelIdentity"
    WHERE channel = (m->>'channel')::"Channel" AND "accountId" = m->'identity'->>'accountId' AND "externalId" = m->'identity'->>'externalId';
  ELSE
    SELECT found.id INTO sender FROM (
      SELECT c.id, 0 AS rank FROM "Customer" c WHERE c.phone = m->>'fromPhone'
      UNION ALL
      SELECT p."customerId", 1 FROM "PhoneNumber" p WHERE p.number = m->>'fromPhone' AND p."customerId" IS NOT NULL
    ) found ORDER BY found.rank LIMIT 1;
  END IF;
  -- Held until this message is stored: an erasure of the same customer waits, or has happened
  -- and left nothing to find them by (an erased customer is never written to again).
  IF sender IS NOT NULL THEN
    SELECT id INTO sender FROM "Customer" WHERE id = sender AND "erasedAt" IS NULL FOR SHARE;
  END IF;
  IF sender IS NULL AND jsonb_typeof(m->'identity') = 'object' THEN
    -- A first message on Messenger or Instagram: a customer of their own, until an agent links
    -- them to one we know. A concurrent first message from the same person: its identity wins.
    new_customer := gen_random_uuid()::text;
    INSERT INTO "Customer" (id, "firstName", "lastName", "updatedAt") VALUES (new_customer, m->>'firstName', m->>'lastName', utc_now);
    INSERT INTO "ChannelIdentity" (id, channel, "accountId", "externalId", "customerId", "profileName", "updatedAt")
    VALUES (gen_random_uuid()::text, (m->>'channel')::"Channel", m->'identity'->>'accountId', m->'identity'->>'externalId', new_customer, m->>'fromName', utc_now)
    ON CONFLICT DO NOTHING RETURNING "customerId" INTO sender;
    IF sender IS NULL THEN
      DELETE FROM "Customer" WHERE id = new_customer;
      SELECT "customerId" INTO sender FROM "ChannelIdentity"
      WHERE channel = (m->>'channel')::"Channel" AND "accountId" = m->'identity'->>'accountId' AND "externalId" = m->'identity'->>'externalId';
    END IF;
  ELSIF sender IS NULL THEN
    -- A concurrent first message from the same sender: its insert wins, this one reads it.
    INSERT INTO "Customer" (id, email, phone, "firstName", "lastName", "updatedAt")
    VALUES (gen_random_uuid()::text, m->>'fromEmail', CASE WHEN m->>'fromEmail' IS NULL THEN m->>'fromPhone' END, m->>'firstName', m->>'lastName', utc_now)
    ON CONFLICT DO NOTHING RETURNING id INTO sender;
    IF sender IS NULL THEN
      SELECT id INTO sender FROM "Customer" WHERE (m->>'fromEmail' IS NOT NULL AND email = m->>'fromEmail') OR (m->>'fromEmail' IS NULL AND phone = m->>'fromPhone');
    END IF;
    -- A number we knew without a customer (a STOP from an unknown number) is now theirs.
    IF m->>'fromPhone' IS NOT NULL THEN
      UPDATE "PhoneNumber" SET "customerId" = sender, "updatedAt" = utc_now WHERE number = m->>'fromPhone' AND "customerId" IS NULL;
    END IF;
  END IF;

  -- A chat (SMS, Messenger, Instagram) carries no threading headers: the customer's latest conversation.
  IF m->>'channel' <> 'email' THEN
    SELECT * INTO thread FROM "Conversation" WHERE "customerId" = sender ORDER BY "lastMessageAt" DESC LIMIT 1;
  ELSE
    IF m->>'mailboxHash' IS NOT NULL THEN
      SELECT * INTO thread FROM "Conversation" WHERE "mailboxHash" = m->>'mailboxHash' AND "customerId" = sender;
    END IF;
    IF thread.id IS NULL AND m->>'inReplyTo' IS NOT NULL THEN
      SELECT c.* INTO thread FROM "Message" r JOIN "Conversation" c ON c.id = r."conversationId"
      WHERE r."emailMessageId" = m->>'inReplyTo' AND c."customerId" = sender;
    END IF;
    IF thread.id IS NULL THEN
      -- References lists the oldest first: the most recent one we know wins.
      FOR ref IN SELECT value FROM jsonb_array_elements_text(m->'references') WITH ORDINALITY AS r(value, position) ORDER BY position DESC LOOP
        SELECT c.* INTO thread FROM "Message" r JOIN "Conversation" c ON c.id = r."conversationId"
        WHERE r."emailMessageId" = ref AND c."customerId" = sender;
        EXIT WHEN thread.id IS NOT NULL;
      END LOOP;
    END IF;
    IF thread.id IS NULL THEN
      SELECT * INTO thread FROM "Conversation" WHERE "customerId" = sender AND status IN ('open', 'pending', 'snoozed') ORDER BY "lastMessageAt" DESC LIMIT 1;
    END IF;
  END IF;

  -- Locked, and read again once locked: a merge (or a link, which merges) that held the row meanwhile
  -- has moved its messages, and this one must follow them rather than land in the closed source.
  IF thread.id IS NOT NULL THEN
    SELECT * INTO thread FROM "Conversation" WHERE id = thread.id FOR UPDATE;
  END IF;
  -- A conversation merged into another: the message goes to the one it was merged into.
  IF thread."mergedIntoId" IS NOT NULL THEN
    SELECT * INTO thread FROM "Conversation" WHERE id = thread."mergedIntoId" FOR UPDATE;
  END IF;

  IF thread.id IS NULL THEN
    INSERT INTO "Conversation" (id, "customerId", "mailboxHash", status, "lastMessageAt", "waitingSince", subject, "updatedAt")
    VALUES (gen_random_uuid()::text, sender, m->>'newMailboxHash', 'open', received, received, m->>'subject', utc_now)
    RETURNING * INTO thread;
  ELSE
    -- The customer now waits; a closed or snoozed thread reopens.
    UPDATE "Conversation" SET
      "lastMessageAt" = GREATEST("lastMessageAt", received),
      "waitingSince" = COALESCE("waitingSince", received),
      status = CASE WHEN status IN ('closed', 'snoozed') THEN 'open' ELSE status END,
      resolution = CASE WHEN status IN ('closed', 'snoozed') THEN NULL ELSE resolution END,
      "closedAt" = CASE WHEN status IN ('closed', 'snoozed') THEN NULL ELSE "closedAt" END,
      "snoozedUntil" = CASE WHEN status IN ('closed', 'snoozed') THEN NULL ELSE "snoozedUntil" END,
      subject = CASE WHEN COALESCE(subject, '') = '' AND COALESCE(m->>'subject', '') <> '' THEN m->>'subject' ELSE subject END,
      "updatedAt" = utc_now
    WHERE id = thread.id;
  END IF;

  INSERT INTO "Message" (id, "conversationId", direction, channel, "authorType", "fromAddress", "toAddress", subject, "textBody", "strippedText", "htmlBody",
    "emailMessageId", "inReplyTo", "references", "providerMessageId", "senderCheck", "deliveryStatus", "createdAt")
  VALUES (gen_random_uuid()::text, thread.id, 'inbound', (m->>'channel')::"Channel", 'customer', COALESCE(m->>'fromEmail', m->>'fromPhone', m->'identity'->>'externalId'), m->>'to', m->>'subject',
    m->>'textBody', m->>'strippedText', m->>'htmlBody', m->>'emailMessageId', m->>'inReplyTo', NULLIF(array_to_string(ARRAY(SELECT jsonb_array_elements_text(m->'references')), ' '), ''),
    m->>'providerMessageId', (m->>'senderCheck')::"SenderCheck", 'received', received)
  RETURNING id INTO stored;

  INSERT INTO "Attachment" (id, "messageId", filename, "contentType", size, content, "droppedReason", "sourceUrl")
  SELECT gen_random_uuid()::text, stored, a->>'filename', a->>'contentType', (a->>'size')::int, decode(a->>'content', 'base64'), a->>'droppedReason', a->>'sourceUrl'
  FROM jsonb_array_elements(m->'attachments') a;

  RETURN jsonb_build_object('duplicate', false, 'messageId', stored, 'conversationId', thread.id, 'customerId', sender);
END
$$;
