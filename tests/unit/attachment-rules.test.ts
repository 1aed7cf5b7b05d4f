import { describe, expect, it } from "vitest";
import {
  cleanContentType,
  cleanFilename,
  downloadHeaders,
  replyFilesProblem,
  uploadProblem,
} from "@/lib/attachments/attachment-rules";

describe("what a reply may carry", () => {
  it("refuses empty files, files over 7 MB and programs, whatever the case of the extension", () => {
    expect(uploadProblem({ filename: "a.pdf", size: 0 })).toEqual({ reason: "attachmentEmpty" });
    expect(uploadProblem({ filename: "a.pdf", size: 7 * 1024 * 1024 + 1 })?.reason).toBe("attachmentTooLarge");
    expect(uploadProblem({ filename: "Facture.PDF.Exe", size: 10 })).toEqual({
      reason: "attachmentBlockedType",
      extension: "exe",
    });
    expect(uploadProblem({ filename: "étiquette.pdf", size: 7 * 1024 * 1024 })).toBeNull();
  });

  it("keeps a file name without its path or control characters", () => {
    expect(cleanFilename("C:\\Users\\x\\..\\photo.jpg")).toBe("photo.jpg");
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename('re"port\r\n.pdf')).toBe("report.pdf");
    expect(cleanFilename("   ")).toBe("file");
  });

  it("cuts a long name between characters, so a customer's emoji name still downloads", () => {
    const name = `${"📦".repeat(200)}.pdf`;
    const clean = cleanFilename(name);
    expect(Array.from(clean)).toHaveLength(150);
    expect(clean.endsWith("📦.pdf")).toBe(true);
    expect(() => downloadHeaders({ filename: name, contentType: "application/pdf" }, { inline: false })).not.toThrow();
    expect(cleanFilename("a\uD83D.pdf")).toBe("a\uFFFD.pdf");
  });

  it("keeps a MIME type only when it is one", () => {
    expect(cleanContentType(" Image/PNG ")).toBe("image/png");
    expect(cleanContentType("text/plain; charset=utf-8")).toBe("text/plain; charset=utf-8");
    expect(cleanContentType("")).toBe("application/octet-stream");
    expect(cleanContentType("image/png\r\nX-Evil: 1")).toBe("application/octet-stream");
    expect(cleanContentType(`image/${"x".repeat(200)}`)).toBe("application/octet-stream");
  });

  it("sends pictures by MMS only to North American numbers, within Twilio's 5 MB", () => {
    const png = { filename: "a.png", contentType: "image/png", size: 1000 };
    const us = { customer: "+14155550199", shop: "+14155550100" };
    expect(replyFilesProblem("sms", [png], us)).toBeNull();
    expect(replyFilesProblem("sms", [png], { ...us, customer: "+33611223344" })).toEqual({
      reason: "mmsOnlyNorthAmerica",
    });
    expect(replyFilesProblem("sms", [png, { ...png, filename: "b.pdf", contentType: "application/pdf" }], us)).toEqual({
      reason: "mmsImagesOnly",
      filename: "b.pdf",
    });
    expect(replyFilesProblem("sms", [{ ...png, size: 5 * 1024 * 1024 + 1 }], us)?.reason).toBe("attachmentsTooLarge");
    expect(replyFilesProblem("email", [{ ...png, size: 5 * 1024 * 1024 + 1 }], us)).toBeNull();
    expect(
      replyFilesProblem(
        "email",
        Array.from({ length: 11 }, () => png),
        us,
      ),
    ).toEqual({ reason: "tooManyAttachments", max: 10 });
  });
});

describe("downloads", () => {
  it("serves only types a browser cannot run, as a download unless a picture is asked inline", () => {
    const html = downloadHeaders({ filename: "page.html", contentType: "text/html" }, { inline: true });
    expect(html["content-type"]).toBe("application/octet-stream");
    expect(html["content-disposition"]).toMatch(/^attachment;/);
    const svg = downloadHeaders({ filename: "logo.svg", contentType: "image/svg+xml" }, { inline: true });
    expect(svg["content-type"]).toBe("application/octet-stream");
    const png = downloadHeaders({ filename: "photo.png", contentType: "IMAGE/PNG; name=photo.png" }, { inline: true });
    expect(png["content-type"]).toBe("image/png");
    expect(png["content-disposition"]).toMatch(/^inline;/);
    const pdf = downloadHeaders({ filename: "étiquette retour.pdf", contentType: "application/pdf" }, { inline: true });
    expect(pdf["content-disposition"]).toBe(
      `attachment; filename="_tiquette retour.pdf"; filename*=UTF-8''%C3%A9tiquette%20retour.pdf`,
    );
    expect(pdf["x-content-type-options"]).toBe("nosniff");
    expect(pdf["content-security-policy"]).toContain("sandbox");
  });
});
