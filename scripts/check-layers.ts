// Checks that lib/ domains depend one way: a domain imports only domains below it in LAYERS, so
// each pipeline reads from the route down to the provider with no back and forth between folders.
// Run by `npm run lint`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** lib/ domains, lowest first. Domains on one line are at the same level and do not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ["generated"],
  ["env"],
  ["log"],
  ["i18n"],
  ["errors"],
  ["validation"],
  ["http"],
  ["db"],
  ["audit"],
  ["phone", "sms", "threading"],
  ["settings"],
  ["auth"],
  ["users"],
  ["api-tokens"],
  ["delivery"],
  ["consent"],
  ["links"],
  ["templates"],
  ["ai"],
  ["webhooks"],
  ["inbound"],
  ["classification"],
  ["outbound"],
  ["routing"],
  ["privacy"],
  ["shop-events"],
  ["postmark", "twilio", "shopify", "events-api"],
  ["outbox"],
  ["inbox"],
  ["friction"],
  ["reports"],
  ["search", "catalog", "health"],
  ["connections"],
  ["jobs"],
  ["startup"],
];

const root = path.resolve(import.meta.dirname, "..");
const rank = new Map(LAYERS.flatMap((domains, level) => domains.map((domain) => [domain, level] as const)));

function domainOf(file: string): string {
  const [, first = ""] = file.split("/");
  return first.replace(/\.tsx?$/, "");
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== "generated") yield* sourceFiles(relative);
    } else if (/\.tsx?$/.test(entry.name)) yield relative;
  }
}

const problems: string[] = [];
for (const file of sourceFiles("lib")) {
  const from = domainOf(file);
  if (!rank.has(from)) problems.push(`${file}: its domain "${from}" is not in LAYERS (scripts/check-layers.ts)`);
  const source = readFileSync(path.join(root, file), "utf8");
  if (/(?:from |import\()"@\/tools\//.test(source))
    problems.push(`${file} imports tools/: the product never depends on dev tooling`);
  for (const [, imported] of source.matchAll(/(?:from |import\()"@\/lib\/([^"/]+)[^"]*"/g)) {
    const to = imported!.replace(/\.tsx?$/, "");
    if (to === from) continue;
    if (!rank.has(to)) continue; // reported once, as an importing file's domain
    if (rank.get(to)! < rank.get(from)!) continue;
    const where = rank.get(to) === rank.get(from) ? "beside it" : "above it";
    problems.push(`${file} imports lib/${to}, ${where} in LAYERS: move the shared part down, or the caller up`);
  }
}

if (problems.length) {
  console.error(`lib/ layering (scripts/check-layers.ts):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`lib/ layering: ${rank.size} domains, every import runs down.`);
