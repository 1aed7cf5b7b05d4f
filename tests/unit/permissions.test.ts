import { describe, expect, it } from "vitest";
import { areasFor, can, ROLES } from "@/lib/auth/permissions";

const navOf = (role: (typeof ROLES)[number]) => areasFor(role).map((a) => a.key);

describe("role permissions", () => {
  it("gives each role its navigation", () => {
    expect(navOf("agent")).toEqual(["inbox", "savedReplies", "templates"]);
    expect(navOf("manager")).toEqual(["inbox", "savedReplies", "templates", "reports"]);
    expect(navOf("founder")).toEqual(["inbox", "savedReplies", "templates", "reports", "settings"]);
    expect(navOf("admin")).toEqual([
      "inbox",
      "savedReplies",
      "templates",
      "reports",
      "settings",
      "users",
      "connections",
      "audit",
    ]);
  });

  it("lets only the founder and admins approve templates", () => {
    expect(ROLES.filter((role) => can(role, "templates.approve"))).toEqual(["founder", "admin"]);
  });

  it("keeps reports from agents and user management to admins", () => {
    expect(can("agent", "reports.read")).toBe(false);
    expect(can("manager", "reports.read")).toBe(true);
    expect(ROLES.filter((role) => can(role, "friction.record_fix"))).toEqual(["founder", "manager", "admin"]);
    expect(ROLES.filter((role) => can(role, "users.manage"))).toEqual(["admin"]);
  });

  it("lets every role propose a template version and work the inbox", () => {
    for (const role of ROLES) {
      expect(can(role, "templates.propose")).toBe(true);
      expect(can(role, "inbox.work")).toBe(true);
    }
  });

  it("lets every role change their own preferences, such as the language", () => {
    expect(ROLES.filter((role) => can(role, "profile.update"))).toEqual([...ROLES]);
  });

  it("keeps customers' data exports, erasure and the audit log to admins", () => {
    expect(ROLES.filter((role) => can(role, "customers.privacy"))).toEqual(["admin"]);
    expect(ROLES.filter((role) => can(role, "audit.read"))).toEqual(["admin"]);
  });

  it("shows the missing provider variables to admins only", () => {
    expect(ROLES.filter((role) => can(role, "setup.providers"))).toEqual(["admin"]);
  });
});
