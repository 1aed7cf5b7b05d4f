// The demo's users and their published passwords. They exist only in a demo (DEMO_MODE on a
// local address): the seed refuses otherwise, and sign-in refuses them outside demo mode.
import type { Role } from "@/lib/auth/permissions";

export const DEMO_USERS: readonly { role: Role; email: string; name: string; password: string }[] = [
  { role: "admin", email: "admin@demo.replyinbox.test", name: "Alex Admin", password: "admin-demo-password" },
  { role: "founder", email: "founder@demo.replyinbox.test", name: "Camille Moreau", password: "founder-demo-password" },
  { role: "manager", email: "manager@demo.replyinbox.test", name: "Marc Dubois", password: "manager-demo-password" },
  { role: "agent", email: "agent@demo.replyinbox.test", name: "Sofia Agent", password: "agent-demo-password" },
];

/** The demo's addresses: a reserved domain no real person uses. */
export const DEMO_EMAIL_DOMAIN = "demo.replyinbox.test";

/**
 * A demo account, by its flag or its address: an installation seeded before the flag existed
 * still refuses the published passwords.
 */
export function isDemoAccount(user: { isDemo: boolean; email: string }): boolean {
  return user.isDemo || user.email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}
