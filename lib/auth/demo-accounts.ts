// A demo's accounts carry published passwords: sign-in refuses them outside demo mode, and the
// first-run page never creates an admin on the demo's domain. The accounts themselves are seed
// data (tools/seed/demo-users.ts).

/** The demo's addresses: a reserved domain no real person uses. */
export const DEMO_EMAIL_DOMAIN = "demo.replyinbox.test";

/**
 * A demo account, by its flag or its address: an installation seeded before the flag existed
 * still refuses the published passwords.
 */
export function isDemoAccount(user: { isDemo: boolean; email: string }): boolean {
  return user.isDemo || user.email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}
