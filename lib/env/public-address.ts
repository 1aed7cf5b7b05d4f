// Whether an address can be reached from the internet at large. A demo (published passwords,
// fake data, the built-in outbox) only ever runs on one that cannot. Pure; errs toward "public".
import { isIP } from "node:net";

const LOCAL_SUFFIXES = [".localhost", ".local", ".test", ".internal", ".home.arpa"];

function isPrivateIPv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    a === 0
  );
}

function isPrivateIPv6(ip: string): boolean {
  const lower = ip.toLowerCase();
  if (lower === "::1" || lower === "::") return true;
  if (lower.startsWith("::ffff:")) return isPrivateIPv4(lower.slice(7));
  return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

export function isPublicAddress(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return true;
  }
  if (host === "localhost" || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return false;
  const version = isIP(host);
  if (version === 4) return !isPrivateIPv4(host);
  if (version === 6) return !isPrivateIPv6(host);
  // A bare name with no dot (a container or LAN host name) is not reachable from outside.
  return host.includes(".");
}
