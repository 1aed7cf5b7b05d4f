// Is an inbound mail really from the address on its From line? Read from the authentication
// results the receiving servers added, with DMARC's rule: a pass counts only for the From
// domain's organisation (SPF's envelope sender or DKIM's signing domain, same registrable
// domain by the public suffix list). Pure.
//
// A sender can put fake copies of these headers in their own mail, below the ones the receiving
// servers prepend: only the topmost Received-SPF is read (Postmark's inbound servers add it), and
// an Authentication-Results header only when its server (authserv-id) is one we trust
// (INBOUND_AUTHSERV_IDS): a sender's own "dmarc=pass" counts for nothing.
import { getDomain } from "tldts";
import type { SenderCheck } from "@/lib/generated/prisma/enums";

type Header = { Name: string; Value: string };

type Result = { method: "spf" | "dkim" | "dmarc"; result: string; domain: string | null };

function domainOf(address: string | null | undefined): string | null {
  const at = address?.lastIndexOf("@") ?? -1;
  const domain = at >= 0 ? address!.slice(at + 1) : (address ?? "");
  const clean = domain
    .trim()
    .replace(/[>;\s].*$/, "")
    .replace(/\.$/, "")
    .toLowerCase();
  return clean || null;
}

/** Relaxed alignment: both under the same registrable domain ("mail.shop.co.uk" ~ "shop.co.uk", never "co.uk"). */
function aligned(domain: string | null, fromDomain: string): boolean {
  if (!domain) return false;
  const organisation = getDomain(fromDomain);
  return organisation !== null && getDomain(domain) === organisation;
}

function first(headers: Header[], name: string): string | null {
  return headers.find((header) => header.Name.toLowerCase() === name)?.Value ?? null;
}

/** "Pass (sender SPF authorized) identity=mailfrom; envelope-from=a@b.c; …" → spf pass for b.c */
function fromReceivedSpf(value: string): Result {
  const result = value
    .trim()
    .split(/[\s(;]/)[0]!
    .toLowerCase();
  const envelope = /envelope-from=["<]?([^\s;">]+)/i.exec(value)?.[1] ?? null;
  return { method: "spf", result, domain: domainOf(envelope) };
}

/** "mx.example; spf=pass smtp.mailfrom=a@b.c; dkim=pass header.d=b.c; dmarc=pass header.from=b.c" */
function fromAuthenticationResults(value: string): { authserv: string; results: Result[] } {
  const [authserv = "", ...parts] = value.split(";");
  const results: Result[] = [];
  for (const part of parts) {
    const match = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(part);
    if (!match) continue;
    const method = match[1]!.toLowerCase() as Result["method"];
    const property =
      method === "spf"
        ? /smtp\.mailfrom=["<]?([^\s;">]+)/i.exec(part)?.[1]
        : method === "dkim"
          ? (/header\.d=([^\s;]+)/i.exec(part)?.[1] ?? /header\.i=@?([^\s;]+)/i.exec(part)?.[1])
          : /header\.from=([^\s;]+)/i.exec(part)?.[1];
    results.push({ method, result: match[2]!.toLowerCase(), domain: domainOf(property) });
  }
  return { authserv: authserv.trim().split(/\s/)[0]!.toLowerCase(), results };
}

/**
 * pass: authenticated for the From domain, so the mail may change state by itself.
 * fail: results are there and none of them vouches for the From domain.
 * none: no result to read (treated like a failure by the routing).
 */
export function checkSender(
  fromEmail: string,
  headers: Header[],
  trustedAuthservIds: readonly string[] = [],
): SenderCheck {
  const fromDomain = domainOf(fromEmail);
  const receivedSpf = first(headers, "received-spf");
  const authenticationResults = first(headers, "authentication-results");
  const trusted = authenticationResults ? fromAuthenticationResults(authenticationResults) : null;
  const results = [
    ...(receivedSpf ? [fromReceivedSpf(receivedSpf)] : []),
    ...(trusted && trustedAuthservIds.map((id) => id.toLowerCase()).includes(trusted.authserv) ? trusted.results : []),
  ];
  if (results.length === 0 || !fromDomain) return "none";
  return results.some((r) => r.result === "pass" && aligned(r.domain, fromDomain)) ? "pass" : "fail";
}
