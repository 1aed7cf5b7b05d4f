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
  ["channels"],
  ["validation"],
  ["http"],
  ["db"],
  ["customers"],
  ["audit"],
  ["phone", "sms", "threading"],
  ["settings"],
  ["auth"],
  ["users"],
  ["api-tokens"],
  ["attachments"],
  ["delivery"],
  ["notifications"],
  ["consent"],
  ["links"],
  ["templates"],
  ["saved-replies"],
  ["ai"],
  ["webhooks"],
  ["inbound"],
  ["classification"],
  ["outbound"],
  ["routing"],
  ["privacy"],
  ["shop-events"],
  ["postmark", "twilio", "shopify", "events-api", "meta"],
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

/** The domain of a path under lib/: "lib/outbound/x.ts" and "lib/db.ts" give "outbound" and "db". */
function domainOf(libPath: string): string {
  const [, first = ""] = libPath.split("/");
  return first.replace(/\.(m?[jt]sx?)$/, "");
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (relative !== "lib/generated" && entry.name !== "node_modules") yield* sourceFiles(relative);
    } else if (/\.(m?[jt]sx?)$/.test(entry.name)) yield relative;
  }
}

/** Every module a file imports, as a path from the repository root (packages are left out). */
function importedPaths(file: string): string[] {
  const source = readFileSync(path.join(root, file), "utf8");
  // from "...", import "...", import("..."), export ... from "...", over line breaks too.
  const specifiers = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith("@/")) return [specifier.slice(2)];
    if (specifier.startsWith(".")) return [path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))];
    return [];
  });
}

const problems: string[] = [];
for (const file of sourceFiles("lib")) {
  const from = domainOf(file);
  if (!rank.has(from)) problems.push(`${file}: its domain "${from}" is not in LAYERS (scripts/check-layers.ts)`);
  for (const target of importedPaths(file)) {
    if (!target.startsWith("lib/")) {
      if (target.startsWith("tools/"))
        problems.push(`${file} imports ${target}: the product never depends on dev tooling`);
      continue;
    }
    const to = domainOf(target);
    if (to === from) continue;
    if (!rank.has(to)) {
      problems.push(`${file} imports ${target}: "${to}" is not in LAYERS (scripts/check-layers.ts)`);
      continue;
    }
    if (rank.get(to)! < rank.get(from)!) continue;
    const where = rank.get(to) === rank.get(from) ? "beside it" : "above it";
    problems.push(`${file} imports lib/${to}, ${where} in LAYERS: move the shared part down, or the caller up`);
  }
}
// The app itself never depends on dev tooling either.
for (const file of [...sourceFiles("app"), ...sourceFiles("components"), "proxy.ts", "instrumentation.ts"]) {
  for (const target of importedPaths(file))
    if (target.startsWith("tools/"))
      problems.push(`${file} imports ${target}: the product never depends on dev tooling`);
}

if (problems.length) {
  console.error(`lib/ layering (scripts/check-layers.ts):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`lib/ layering: ${rank.size} domains, every import runs down.`);
