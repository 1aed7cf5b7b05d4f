import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface User {
    role?: Role;
  }

  interface Session {
    user?: { id?: string; role?: Role; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
