import { expect, test } from "@playwright/test";
import { fetchSentByFake, type PostmarkSent } from "@/tools/fake-providers";
import { mailFromCustomer } from "../support/customer-mail";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";

test("a customer's photo downloads safely; a formatted email reply with a file reaches Postmark with the file and an HTML part", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const address = `files-${run}@example.org`;
  const photo = Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
  const conversationId = await mailFromCustomer(request, {
    messageId: `files-${run}`,
    email: address,
    name: `Inès Fichier${run}`,
    subject: `Mauvais câble ${run}`,
    text: `Le câble reçu est trop court, voici une photo (${run}).`,
    attachments: [
      {
        Name: "photo-cable.svg",
        Content: photo.toString("base64"),
        ContentType: "image/svg+xml",
        ContentLength: photo.length,
      },
    ],
  });

  await signInAs(page, "agent");
  await page.goto(`/inbox/${conversationId}`);
  // The customer's file: a download with a type that cannot run (an SVG can hold script).
  const link = page.getByTestId("message-attachment").getByRole("link", { name: "photo-cable.svg" });
  const download = await page.request.get((await link.getAttribute("href"))!);
  expect(download.headers()["content-type"]).toBe("application/octet-stream");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);

  const box = page.getByLabel("Your reply to the customer");
  await box.fill(`Sorry about the cable (${run}). Here is the return label.`);
  // Bold through the toolbar, on the selected words.
  await box.evaluate((area: HTMLTextAreaElement) => {
    const start = area.value.indexOf("return label");
    area.setSelectionRange(start, start + "return label".length);
  });
  await page.getByRole("button", { name: "Bold (selected words)" }).click();
  await expect(box).toHaveValue(`Sorry about the cable (${run}). Here is the **return label**.`);
  await page.getByTestId("attach-input").setInputFiles({
    name: "return-label.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 return label"),
  });
  await expect(page.getByTestId("composer-attachment")).toContainText("return-label.pdf");
  await expect(page.getByTestId("composer-attachment")).not.toContainText("uploading");
  // A file no provider takes is refused at once, on its own chip.
  await page.getByTestId("attach-input").setInputFiles({
    name: "setup.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ"),
  });
  await expect(page.getByTestId("composer-attachment").filter({ hasText: "setup.exe" })).toContainText(
    ".exe files cannot be sent",
  );
  await page.getByRole("button", { name: "Remove setup.exe" }).click();

  await page.getByRole("button", { name: "Send email" }).click();
  const sent = page.getByTestId("thread-message").filter({ hasText: `Sorry about the cable (${run})` });
  await expect(sent.getByTestId("delivery-status")).toHaveText("sent", { timeout: 15_000 });
  await expect(sent.getByTestId("message-attachment")).toContainText("return-label.pdf");

  const [mail] = (await fetchSentByFake<PostmarkSent>(E2E.fakes.postmark)).filter((m) => m.To === address);
  expect(mail!.Attachments?.map((a) => [a.Name, a.ContentType, Buffer.from(a.Content, "base64").toString()])).toEqual([
    ["return-label.pdf", "application/pdf", "%PDF-1.4 return label"],
  ]);
  expect(mail!.HtmlBody).toContain("<strong>return label</strong>");
  expect(mail!.TextBody).toContain("Here is the return label.");
});
