// The inbox search at scale (issue #5): fills a throwaway database on the same PostgreSQL server
// with N messages of varied French and English support text, then times searchInbox for a
// common term, a rare term, a term that is only in old messages, a name prefix, an email
// fragment and a phone fragment, and reads each plan: a page comes either from a bounded look at
// the newest messages or from the GIN index, never from an unbounded walk of the createdAt
// index. The naive shape (ORDER BY "createdAt" DESC LIMIT over the whole table, which that
// index invites) is timed beside it for comparison.
import { availableParallelism } from "node:os";
import pg from "pg";
import { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { databaseConfigFromUrl } from "@/lib/db/connection-config";
import { countViews, foldConversationCounts, listConversations } from "@/lib/inbox/list-conversations";
import { INBOX_VIEWS } from "@/lib/inbox/inbox-views";
import {
  customerSearchSql,
  messageSearchSql,
  normalizeSearchQuery,
  RECENT_WINDOW,
  searchInbox,
  WIDE_WINDOW,
  type MessageStrategy,
} from "@/lib/search/search-inbox";
import { withThrowawayDatabase } from "./bench-database";
import { summarize, time } from "./bench-timing";

// Word lists: earlier words are drawn more often (a skewed, Zipf-like draw), as in real mail.
const WORDS = [
  "je",
  "vous",
  "the",
  "my",
  "merci",
  "please",
  "est",
  "and",
  "pour",
  "is",
  "commande",
  "bonjour",
  "hello",
  "une",
  "with",
  "pas",
  "it",
  "mon",
  "thanks",
  "de",
  "livraison",
  "delivery",
  "colis",
  "parcel",
  "bougie",
  "candle",
  "parfum",
  "scent",
  "reçu",
  "received",
  "hier",
  "yesterday",
  "aujourd'hui",
  "today",
  "semaine",
  "week",
  "adresse",
  "address",
  "suivi",
  "tracking",
  "transporteur",
  "courier",
  "retard",
  "late",
  "arrivé",
  "arrived",
  "cassé",
  "broken",
  "fêlé",
  "cracked",
  "abîmée",
  "damaged",
  "remboursement",
  "refund",
  "retour",
  "return",
  "échange",
  "exchange",
  "taille",
  "size",
  "couleur",
  "colour",
  "cadeau",
  "gift",
  "emballage",
  "packaging",
  "carton",
  "box",
  "verre",
  "glass",
  "mèche",
  "wick",
  "cire",
  "wax",
  "lavande",
  "lavender",
  "vanille",
  "vanilla",
  "figuier",
  "fig",
  "diffuseur",
  "diffuser",
  "flacon",
  "bottle",
  "recharge",
  "refill",
  "paiement",
  "payment",
  "carte",
  "card",
  "facture",
  "invoice",
  "réduction",
  "discount",
  "code",
  "voucher",
  "panier",
  "basket",
  "compte",
  "account",
  "mot",
  "password",
  "email",
  "newsletter",
  "désabonner",
  "unsubscribe",
  "avis",
  "review",
  "photo",
  "picture",
  "magnifique",
  "lovely",
  "déçue",
  "disappointed",
  "odeur",
  "smell",
  "brûle",
  "burns",
  "tunnel",
  "tunnelling",
  "fumée",
  "smoke",
  "noir",
  "black",
  "blanc",
  "white",
  "petit",
  "small",
  "grand",
  "large",
  "rapide",
  "quick",
  "lent",
  "slow",
  "expédié",
  "shipped",
  "expédition",
  "shipping",
  "frais",
  "fees",
  "Irlande",
  "Ireland",
  "Belgique",
  "Belgium",
  "Suisse",
  "Switzerland",
  "Canada",
  "douane",
  "customs",
  "taxes",
  "annuler",
  "cancel",
  "modifier",
  "change",
  "urgent",
  "asap",
  "anniversaire",
  "birthday",
  "Noël",
  "Christmas",
  "stock",
  "rupture",
  "restock",
  "précommande",
  "preorder",
  "atelier",
  "workshop",
  "artisan",
  "handmade",
  "fait-main",
];
const GREETINGS = [
  "Bonjour,",
  "Hello,",
  "Hi Camille,",
  "Bonsoir,",
  "Dear Camille,",
  "Coucou,",
  "Good morning,",
  "Madame, Monsieur,",
];
const CLOSINGS = [
  "Merci !",
  "Thanks!",
  "Cordialement",
  "Best regards",
  "Bonne journée",
  "Cheers",
  "Bien à vous",
  "Kind regards",
  "À bientôt",
];
const SUBJECTS = [
  "Votre commande chez Maison Lumière",
  "Your order from Maison Lumière",
  "Re: Suivi de colis",
  "Re: Where is my parcel?",
  "Question",
  "Retour produit",
  "Return request",
  "Re: Votre avis compte",
];
const FIRST_NAMES = [
  "Léa",
  "Hugo",
  "Chloé",
  "Emma",
  "James",
  "Olivia",
  "Noah",
  "Camille",
  "Lucas",
  "Manon",
  "Jules",
  "Inès",
  "Louis",
  "Zoé",
  "Gabriel",
  "Jade",
  "Arthur",
  "Alice",
  "Oliver",
  "Amelia",
  "Jack",
  "Isla",
  "Harry",
  "Ava",
  "Thomas",
  "Sophie",
  "Paul",
  "Éloïse",
  "Raphaël",
  "Anaïs",
  "William",
  "Grace",
  "George",
  "Lily",
  "Théo",
  "Clémence",
  "Maël",
  "Océane",
  "Ethan",
  "Mia",
];
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Petit",
  "Wilson",
  "Carter",
  "Brown",
  "Dupont",
  "Moreau",
  "Laurent",
  "Simon",
  "Michel",
  "Lefèvre",
  "Leroy",
  "Roux",
  "David",
  "Bertrand",
  "Morel",
  "Fournier",
  "Girard",
  "Bonnet",
  "Smith",
  "Jones",
  "Taylor",
  "Davies",
  "Evans",
  "Thomas",
  "Johnson",
  "Roberts",
  "Walker",
  "Wright",
  "Robinson",
  "Thompson",
  "Garnier",
  "Faure",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Müller",
  "Martinez",
  "Marchand",
];
const DOMAINS = [
  "example.fr",
  "example.com",
  "example.be",
  "example.co.uk",
  "example.ca",
  "mail.example",
  "example.ch",
];

const RARE_WORD = "zéphyrine"; // in 12 old messages only
const OLD_WORD = "orion"; // in the oldest 1% of messages only: a product discontinued long ago

type Case = { label: string; query: string; runs: number };

/** N messages of support text over conversations and customers (ids start with b). */
export async function fillMessageData(
  client: pg.Client,
  url: string,
  rows: number,
  conversations = Math.max(1_000, Math.round(rows / 5)),
) {
  const customers = Math.max(1_000, Math.round(conversations / 2));
  const old = Math.max(10, Math.round(rows / 100));
  const start = Date.now();
  const step = (label: string) => console.log(`  ${label.padEnd(52)} ${((Date.now() - start) / 1000).toFixed(1)} s`);

  // Indexes are built once after the load (much faster than row by row), then restored as the
  // migrations made them.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('Message', 'Customer', 'Conversation') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET synchronous_commit = off`);

  await client.query(
    `INSERT INTO "Customer" (id, "firstName", "lastName", email, phone, locale, "updatedAt")
     SELECT 'bcu' || i, f, l,
            lower(reply_unaccent(f || '.' || l)) || i || '@' || ($3::text[])[1 + i % array_length($3::text[], 1)],
            CASE i % 3 WHEN 0 THEN '+33' || (600000000 + i) WHEN 1 THEN '+44' || (7700000000 + i) ELSE NULL END,
            CASE WHEN i % 2 = 0 THEN 'fr' ELSE 'en' END::"Locale", now()
       FROM generate_series(1, $4::int) i,
            LATERAL (SELECT ($1::text[])[1 + (i * 7) % array_length($1::text[], 1)] AS f, ($2::text[])[1 + (i * 13) % array_length($2::text[], 1)] AS l) n`,
    [FIRST_NAMES, LAST_NAMES, DOMAINS, customers],
  );
  step(`${customers.toLocaleString("en")} customers`);
  await client.query(
    `INSERT INTO "Conversation" (id, "customerId", "mailboxHash", status, "lastMessageAt", "updatedAt", "needsHuman", priority, "waitingSince", "snoozedUntil")
     SELECT 'bcv' || i, 'bcu' || (1 + i % $1::int), 'bh' || i, (ARRAY['open','pending','closed','closed','snoozed'])[1 + i % 5]::"ConversationStatus", now() - (i % 1000) * interval '1 hour', now(),
            i % 5 < 2 AND i % 7 = 0, (ARRAY['low','normal','normal','high','urgent'])[1 + i % 5]::"Priority",
            CASE WHEN i % 5 < 2 THEN now() - (i % 2000) * interval '1 minute' END,
            CASE WHEN i % 5 = 4 THEN now() + interval '1 day' END
       FROM generate_series(1, $2::int) i`,
    [customers, conversations],
  );
  step(`${conversations.toLocaleString("en")} conversations`);
  // The thread's channels are set once after the load, not by the per-row trigger (and the
  // parallel slices then never wait on each other's conversations).
  await client.query(`ALTER TABLE "Message" DISABLE TRIGGER "Message_conversation_channel"`);
  // Messages run from two years ago to now, in id order (as a real table fills): the newest
  // rows are the ones a walk of the date order meets first. One slice per core, in parallel:
  // generating the two tsvectors is most of the load time.
  const slices = Math.max(1, Math.min(4, availableParallelism()));
  await Promise.all(
    Array.from({ length: slices }, async (_, slice) => {
      const from = Math.floor((rows * slice) / slices) + 1;
      const to = Math.floor((rows * (slice + 1)) / slices);
      const worker = new pg.Client(databaseConfigFromUrl(url));
      await worker.connect();
      try {
        await worker.query(`SET synchronous_commit = off`);
        await worker.query(
          `INSERT INTO "Message" (id, "conversationId", direction, channel, "authorType", "isInternalNote", subject, "textBody", "deliveryStatus", "createdAt", sentiment, intent, "classifiedAt")
           SELECT 'bm' || i, 'bcv' || (1 + i % $5::int),
                  CASE WHEN i % 3 = 0 THEN 'outbound' ELSE 'inbound' END::"Direction",
                  CASE WHEN i % 4 = 0 THEN 'sms' ELSE 'email' END::"Channel",
                  CASE WHEN i % 3 <> 0 THEN 'customer' WHEN i % 2 = 0 THEN 'staff' ELSE 'automation' END::"AuthorType",
                  i % 60 = 0,
                  CASE WHEN i % 4 = 0 THEN NULL ELSE ($4::text[])[1 + (i / 3) % array_length($4::text[], 1)] END,
                  ($2::text[])[1 + i % array_length($2::text[], 1)] || ' '
                    || (SELECT string_agg(($1::text[])[1 + floor(power(random(), 2.5) * array_length($1::text[], 1))::int], ' ') FROM generate_series(1, 6 + i % 25))
                    || CASE WHEN i <= $7::int THEN ' ${OLD_WORD}' ELSE '' END
                    || ' ' || ($3::text[])[1 + (i / 7) % array_length($3::text[], 1)],
                  CASE WHEN i % 3 = 0 THEN 'delivered' ELSE 'received' END::"DeliveryStatus",
                  now() - interval '730 days' + (i::float8 / $6::int) * interval '730 days',
                  -- Replies are classified, as in a live shop (else the dispatcher would classify the backlog).
                  CASE WHEN i % 3 <> 0 THEN (ARRAY['positive','neutral','negative'])[1 + i % 3]::"Sentiment" END,
                  CASE WHEN i % 3 <> 0 THEN (ARRAY['praise','problem','question','other'])[1 + i % 4]::"Intent" END,
                  CASE WHEN i % 3 <> 0 THEN now() END
             FROM generate_series($8::int, $9::int) i`,
          [WORDS, GREETINGS, CLOSINGS, SUBJECTS, conversations, rows, old, from, to],
        );
      } finally {
        await worker.end();
      }
    }),
  );
  step(`${rows.toLocaleString("en")} messages (tsvector generated on insert)`);
  await client.query(`ALTER TABLE "Message" ENABLE TRIGGER "Message_conversation_channel"`);
  await client.query(
    `UPDATE "Conversation" c SET channels = m.channels, "lastInboundAt" = m.last_inbound
       FROM (SELECT "conversationId", array_agg(DISTINCT channel ORDER BY channel) AS channels,
                    max("createdAt") FILTER (WHERE direction = 'inbound') AS last_inbound
               FROM "Message" WHERE id LIKE 'bm%' GROUP BY 1) m
      WHERE m."conversationId" = c.id`,
  );
  step("channels of each thread, and when its customer last wrote");
  await client.query(
    `UPDATE "Message" SET "textBody" = "textBody" || ' ${RARE_WORD}' WHERE id IN (SELECT 'bm' || (1 + k * ($1::int / 600)) FROM generate_series(0, 11) k)`,
    [rows],
  );

  // Index builds in parallel too (each CREATE INDEX uses one core), the big GIN one first.
  const queue = [...indexes].sort(
    (a, b) => Number(b.indexname === "Message_searchVector_idx") - Number(a.indexname === "Message_searchVector_idx"),
  );
  await Promise.all(
    Array.from({ length: slices }, async () => {
      const worker = new pg.Client(databaseConfigFromUrl(url));
      await worker.connect();
      try {
        await worker.query(`SET maintenance_work_mem = '512MB'`);
        for (let index = queue.shift(); index; index = queue.shift()) await worker.query(index.indexdef);
      } finally {
        await worker.end();
      }
    }),
  );
  step(`${indexes.length} indexes rebuilt (GIN full text, trigram, btree)`);
  await client.query(`VACUUM ANALYZE "Message", "Customer", "Conversation"`);
  step("VACUUM ANALYZE");
}

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: PlanNode[] };

function indexesIn(node: PlanNode, found = new Set<string>()): Set<string> {
  if (node["Index Name"]) found.add(`${node["Node Type"]} ${node["Index Name"]}`);
  for (const child of node.Plans ?? []) indexesIn(child, found);
  return found;
}

async function plan(prisma: PrismaClient, sql: Prisma.Sql): Promise<string[]> {
  const [row] = await prisma.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>`EXPLAIN (FORMAT JSON) ${sql}`;
  return [...indexesIn(row!["QUERY PLAN"][0].Plan)];
}

async function measure(prisma: PrismaClient, rows: number) {
  const cases: Case[] = [
    { label: "common term (commande)", query: "commande", runs: 20 },
    { label: `rare term (${RARE_WORD}, typed zephyrine)`, query: "zephyrine", runs: 50 },
    { label: `old-only term (${OLD_WORD})`, query: OLD_WORD, runs: 50 },
    { label: "two words (colis cassé)", query: "colis cassé", runs: 30 },
    { label: "customer name prefix (Marti)", query: "Marti", runs: 50 },
    { label: "email fragment (bernard42)", query: "bernard42", runs: 50 },
    { label: "phone fragment (06 00 01 23)", query: "06 00 01 23", runs: 50 },
  ];
  console.log(`\nsearchInbox at ${rows.toLocaleString("en")} messages (whole call: messages + customers, 20 hits):`);
  for (const c of cases) {
    const first = await searchInbox({ query: c.query }, prisma);
    const query = normalizeSearchQuery(c.query);
    const [{ count } = { count: 0n }] = await prisma.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM "Message" WHERE "searchVector" @@ (websearch_to_tsquery('english'::regconfig, ${query}) || websearch_to_tsquery('french'::regconfig, ${query}) || websearch_to_tsquery('french_unaccent'::regconfig, ${query}))`;
    const samples = await time(c.runs, () => searchInbox({ query: c.query }, prisma));
    summarize(c.label, samples, `matches: ${count} messages, ${first.customers.length} customers shown`);
    // searchInbox asks for one more row than a page, to know whether there is a next one.
    // The first strategy whose page is full, as findMessages tries them (wide only for a common term).
    const full = async (strategy: MessageStrategy) =>
      (await prisma.$queryRaw<unknown[]>(messageSearchSql(strategy, query, null, 21))).length === 21;
    const strategy: MessageStrategy = (await full("recent"))
      ? "recent"
      : Number(count) >= 21 && (await full("wide"))
        ? "wide"
        : "all";
    const messagePlan = await plan(prisma, messageSearchSql(strategy, query, null, 21));
    const usesGin = messagePlan.some((p) => p.includes("Message_searchVector_idx"));
    const dateWalk = messagePlan.some((p) => p.includes("createdAt"));
    const served =
      strategy !== "all"
        ? `newest ${strategy === "recent" ? RECENT_WINDOW : WIDE_WINDOW} messages at most (bounded walk of Message_createdAt_id_idx)${usesGin ? " + GIN" : ""}`
        : `${usesGin ? "GIN Message_searchVector_idx" : "NO GIN INDEX"}${dateWalk ? " + A createdAt WALK" : ", no createdAt walk"}`;
    const customerPlan = (await plan(prisma, customerSearchSql(query))).filter((p) => p.includes("Customer"));
    console.log(`${"".padEnd(34)} messages: ${served}; customers: ${customerPlan.join(", ") || "no index"}`);
  }

  // The inbox list (issue #5): the first page of each view, the next page, and the view counts.
  const [{ conversations } = { conversations: 0n }] = await prisma.$queryRaw<
    { conversations: bigint }[]
  >`SELECT count(*) AS conversations FROM "Conversation"`;
  console.log(
    `\ninbox list at ${Number(conversations).toLocaleString("en")} conversations (a page of 50 with its details):`,
  );
  for (const view of INBOX_VIEWS) {
    const first = await listConversations({ view, userId: "nobody" }, prisma);
    summarize(
      `list: ${view}`,
      await time(20, () => listConversations({ view, userId: "nobody" }, prisma)),
      `${first.rows.length} rows`,
    );
    if (first.nextCursor)
      summarize(
        `list: ${view}, page 2`,
        await time(20, () => listConversations({ view, userId: "nobody", cursor: first.nextCursor }, prisma)),
      );
  }
  summarize("countViews (all six counts)", await time(20, () => countViews("nobody", prisma)));

  console.log("\nThe naive shape for comparison (WHERE searchVector @@ q ORDER BY createdAt DESC LIMIT 21, no CTE):");
  for (const term of ["zephyrine", OLD_WORD, "commande"]) {
    const naive = Prisma.sql`SELECT id FROM "Message" WHERE "searchVector" @@ (websearch_to_tsquery('english'::regconfig, ${term}) || websearch_to_tsquery('french'::regconfig, ${term}) || websearch_to_tsquery('french_unaccent'::regconfig, ${term})) ORDER BY "createdAt" DESC, id DESC LIMIT 21`;
    const samples = await time(term === "commande" ? 10 : 5, () => prisma.$queryRaw(naive));
    summarize(`naive: ${term}`, samples, `plan: ${(await plan(prisma, naive)).join(", ")}`);
  }
}

/** Creates, fills, measures and drops a throwaway database next to DATABASE_URL's. */
export async function benchSearch(rows: number, options: { keep?: boolean } = {}) {
  const name = `reply_inbox_bench_search_${process.pid}`;
  console.log(`\nSearch bench: throwaway database ${name}, ${rows.toLocaleString("en")} messages`);
  await withThrowawayDatabase(
    { label: "search", name, keep: Boolean(options.keep), poolSize: 2 },
    {
      fill: (client, url) => fillMessageData(client, url, rows),
      measure: async (prisma) => {
        // One count row per inserted conversation: folded as the dispatcher would before anyone reads them.
        await foldConversationCounts(prisma);
        await measure(prisma, rows);
      },
    },
  );
}
