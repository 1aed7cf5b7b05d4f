-- Inbox search (issue #5): full text over messages, trigram matching over customers.
-- Written by hand: Prisma does not model extensions, text search configurations, generated
-- columns or expression indexes. schema.prisma declares the column and the plain indexes so
-- `prisma migrate diff` stays empty. No semicolon may appear but at the end of a statement:
-- the driver adapter runs the file split on semicolons.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- French stems of the text with its accents removed first, so "fele" and "fêlé" meet. The
-- Snowball stemmer needs the accents to stem well ("livrée" and "livré" both give "livr", but
-- "livree" gives "livre"), so the plain French stems are kept beside these.
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- unaccent() is only STABLE (its dictionary could change). This wrapper names the dictionary
-- explicitly so it can be IMMUTABLE and used in an index expression.
CREATE FUNCTION reply_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- One stored vector per message: English, French and accent-free French stems together, each
-- with an explicit configuration (a query must name the same ones for the GIN index to serve
-- it). The text is what the thread shows: the reply without quoted history, else the body.
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  to_tsvector('english'::regconfig, coalesce("subject", '') || ' ' || coalesce("strippedText", "textBody"))
  || to_tsvector('french'::regconfig, coalesce("subject", '') || ' ' || coalesce("strippedText", "textBody"))
  || to_tsvector('french_unaccent'::regconfig, coalesce("subject", '') || ' ' || coalesce("strippedText", "textBody"))
) STORED;

CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

-- The newest messages first, for the search's bounded look at recent mail (a common term is
-- met there at once). lib/search/search-inbox.ts never lets the planner walk it unbounded.
CREATE INDEX "Message_createdAt_id_idx" ON "Message"("createdAt", "id");

-- Customers: substring and prefix matching (LIKE '%…%') on name, email and phone.
CREATE INDEX "Customer_searchName_trgm_idx" ON "Customer" USING GIN (
  reply_unaccent(lower(coalesce("firstName", '') || ' ' || coalesce("lastName", ''))) gin_trgm_ops
);
CREATE INDEX "Customer_email_trgm_idx" ON "Customer" USING GIN ("email" gin_trgm_ops);
CREATE INDEX "Customer_phone_trgm_idx" ON "Customer" USING GIN ("phone" gin_trgm_ops);
