import { describe, expect, it } from "vitest";
import { areasFor, can, ROLES } from "@/lib/auth/permissions";

const navOf = (role: (typeof ROLES)[number]) => areasFor(role).map((a) => a.label);

describe("role permissions", () => {
  it("gives each role its navigation", () => {
    expect(navOf("agent")).toEqual(["Inbox", "Templates"]);
    expect(navOf("manager")).toEqual(["Inbox", "Templates", "Reports"]);
    expect(navOf("founder")).toEqual(["Inbox", "Templates", "Reports", "Settings"]);
    expect(navOf("admin")).toEqual(["Inbox", "Templates", "Reports", "Settings", "Users"]);
  });

  it("lets only the founder and admins approve templates", () => {
    expect(ROLES.filter((role) => can(role, "templates.approve"))).toEqual(["founder", "admin"]);
  });

  it("keeps reports from agents and user management to admins", () => {
    expect(can("agent", "reports.read")).toBe(false);
    expect(can("manager", "reports.read")).toBe(true);
    expect(ROLES.filter((role) => can(role, "users.manage"))).toEqual(["admin"]);
  });

  it("lets every role propose a template version and work the inbox", () => {
    for (const role of ROLES) {
      expect(can(role, "templates.propose")).toBe(true);
      expect(can(role, "inbox.work")).toBe(true);
    }
  });
});
