// The demo's users and their published passwords. They exist only in a demo (DEMO_MODE on a
// local address): the seed refuses otherwise, and sign-in refuses them outside demo mode.
import { DEMO_EMAIL_DOMAIN } from "@/lib/auth/demo-accounts";
import type { Role } from "@/lib/auth/permissions";

export const DEMO_USERS: readonly { role: Role; email: string; name: string; password: string }[] = [
  { role: "admin", email: `admin@${DEMO_EMAIL_DOMAIN}`, name: "Alex Admin", password: "admin-demo-password" },
  { role: "founder", email: `founder@${DEMO_EMAIL_DOMAIN}`, name: "Camille Moreau", password: "founder-demo-password" },
  { role: "manager", email: `manager@${DEMO_EMAIL_DOMAIN}`, name: "Marc Dubois", password: "manager-demo-password" },
  { role: "agent", email: `agent@${DEMO_EMAIL_DOMAIN}`, name: "Sofia Agent", password: "agent-demo-password" },
];
