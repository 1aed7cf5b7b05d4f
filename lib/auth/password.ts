import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const COST = 11;

// A bcrypt hash takes tens of milliseconds of CPU. At most two run at once per process and a
// short queue waits; beyond it the caller is told to come back, so a flood of sign-ins (from
// addresses a throttle cannot tell apart) slows sign-in down but never the rest of the app.
const MAX_RUNNING = 2;
const MAX_WAITING = 16;
let running = 0;
const waiting: (() => void)[] = [];

/** Too many passwords are being checked right now: try again in a few seconds. */
export class PasswordCheckBusyError extends Error {
  constructor() {
    super("Too many passwords are being checked at once.");
    this.name = "PasswordCheckBusyError";
  }
}

async function withHashSlot<T>(work: () => Promise<T>, refuseWhenBusy: boolean): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (refuseWhenBusy && waiting.length >= MAX_WAITING) throw new PasswordCheckBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Setting a password (an admin, a user, the seed) waits its turn; it is never refused. */
export function hashPassword(plain: string): Promise<string> {
  return withHashSlot(() => bcrypt.hash(plain, COST), false);
}

/** Checking one (a sign-in) is refused when too many are waiting. */
export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return withHashSlot(() => bcrypt.compare(plain, hash), true);
}

/** A password for people to copy once: 20 characters, no look-alikes (0/O, 1/l/I). */
export function generatePassword(length = 20): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}
