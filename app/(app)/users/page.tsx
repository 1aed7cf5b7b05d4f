import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UsersTable } from "@/components/users/users-table";
import { requireArea } from "@/lib/auth/require-access";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireArea("users");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="The staff who work the inbox, and what each role may do." />
      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <UsersTable
          currentUserId={admin.id}
          users={users.map((u) => ({ ...u, deactivatedAt: u.deactivatedAt?.toISOString() ?? null, lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() }))}
        />
        <CreateUserForm />
      </div>
    </>
  );
}
