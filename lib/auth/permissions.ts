// Who may do what. Pure data, shared by pages, server actions, routes and the navigation.
// Role and area names are words on screen: they live in lib/i18n/messages/shell.ts, by key.
export const ROLES = ["agent", "founder", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const everyone: readonly Role[] = ROLES;

export const PERMISSIONS = {
  "profile.update": everyone,
  "inbox.work": everyone,
  "templates.read": everyone,
  "templates.propose": ["agent", "manager", "admin", "founder"],
  "templates.approve": ["founder", "admin"],
  "reports.read": ["manager", "founder", "admin"],
  "friction.record_fix": ["manager", "founder", "admin"],
  /** Name friction categories outright, and confirm or reject the ones agents suggest. */
  "friction.manage_categories": ["manager", "admin"],
  "settings.read": ["founder", "admin"],
  "settings.update": ["founder", "admin"],
  "settings.api_tokens": ["admin"],
  /** Which provider variables are missing: the admins set up the server, nobody else can act on it. */
  "setup.providers": ["admin"],
  "users.manage": ["admin"],
  /** Export a customer's data or erase it (access and erasure requests). */
  "customers.privacy": ["admin"],
  /** The audit log: who did what and when. */
  "audit.read": ["admin"],
  /** Webhook health (what the providers delivered, what failed) and replaying a failed delivery. */
  "connections.manage": ["admin"],
  /** A demo's Outbox: what would have been sent, and replying as the customer. */
  "outbox.use": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The app's sections, in navigation order, with the permission that opens each. */
export const AREAS = [
  { key: "inbox", href: "/inbox", permission: "inbox.work" },
  { key: "savedReplies", href: "/saved-replies", permission: "inbox.work" },
  { key: "templates", href: "/templates", permission: "templates.read" },
  { key: "reports", href: "/reports", permission: "reports.read" },
  { key: "settings", href: "/settings", permission: "settings.read" },
  { key: "users", href: "/users", permission: "users.manage" },
  { key: "connections", href: "/connections", permission: "connections.manage" },
  { key: "audit", href: "/audit", permission: "audit.read" },
  // Only in a demo without providers (see areasFor).
  { key: "outbox", href: "/outbox", permission: "outbox.use" },
] as const satisfies readonly { key: string; href: string; permission: Permission }[];

export type Area = (typeof AREAS)[number];
export type AreaKey = Area["key"];

/** The areas this role opens; the Outbox only when the demo has one. */
export function areasFor(role: Role, features: { outbox: boolean } = { outbox: false }): Area[] {
  return AREAS.filter((area) => can(role, area.permission) && (area.key !== "outbox" || features.outbox));
}

export function findArea(key: string): Area | undefined {
  return AREAS.find((area) => area.key === key);
}
