import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }

  interface Session {
    user?: { id?: string; role?: Role; sessionVersion?: number; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** The user's session version when the token was issued; a newer one in the database ends it. */
    sessionVersion?: number;
  }
}
