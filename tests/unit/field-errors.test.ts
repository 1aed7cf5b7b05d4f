import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flowSettingsSchema } from "@/lib/settings/flow-settings-input";
import { shopSettingsSchema } from "@/lib/settings/shop-settings-input";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

const errorsOf = (schema: z.ZodType, input: unknown, locale: "en" | "fr") => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected invalid input");
  return fieldErrorsFrom(result.error.issues, locale);
};

describe("field errors name the field, in the form's language", () => {
  it("words length and required checks with the field's name", () => {
    const schema = z.object({ text: z.string().trim().min(10).max(20), note: z.string().min(1) });
    expect(errorsOf(schema, { text: "court", note: "" }, "fr")).toEqual({
      text: ["Le message doit contenir au moins 10 caractères."],
      note: ["La note est obligatoire."],
    });
    expect(errorsOf(schema, { text: "x".repeat(21) }, "en")).toEqual({
      text: ["The message must be at most 20 characters."],
      note: ["The note is required."],
    });
  });

  it("translates a schema's own message given as a key, and a field it does not know is 'this field'", () => {
    const errors = errorsOf(
      shopSettingsSchema,
      {
        shopName: " ",
        founderName: "C",
        founderSignature: "C",
        senderEmail: "camille",
        timeZone: "Mars/Olympus",
        defaultLocale: "de",
        reviewUrl: "shop.test/avis",
      },
      "fr",
    );
    expect(errors).toMatchObject({
      shopName: ["Le nom de la boutique est obligatoire."],
      senderEmail: ["Indiquez l'adresse d'envoi des e-mails, comme bonjour@votreboutique.fr."],
      timeZone: ["Choisissez un fuseau horaire dans la liste."],
      defaultLocale: ["La langue par défaut : choisissez l'une des options."],
      reviewUrl: ["Indiquez l'adresse complète de la page d'avis, commençant par https://"],
    });
    expect(errorsOf(z.object({ mystery: z.string() }), {}, "fr")).toEqual({ mystery: ["Ce champ est obligatoire."] });
  });

  it("words number bounds and cross-field rules", () => {
    const valid = {
      abandonAfterMinutes: 60,
      abandonedHelpDelayMinutes: 60,
      postDeliveryCheckInDays: 1,
      postDeliveryReviewDays: 5,
      postDeliveryReminderDays: 14,
      smsReviewDelayDays: 5,
      smsWindowStartHour: 9,
      smsWindowEndHour: 20,
      reviewPauseMaxDays: 14,
      day5EmailWithSms: "skip",
      highValueCartThreshold: "",
      highValueCartCurrency: "EUR",
      undoSendSeconds: 5,
      businessStartHour: 9,
      businessEndHour: 18,
      businessDays: "mon_fri",
    };
    expect(
      errorsOf(flowSettingsSchema, { ...valid, postDeliveryReviewDays: 0 }, "en").postDeliveryReviewDays,
    ).toContain("The review request day must be at least 1.");
    expect(
      errorsOf(flowSettingsSchema, { ...valid, highValueCartThreshold: "-20" }, "fr").highValueCartThreshold,
    ).toEqual(["Le montant d'un panier important doit dépasser 0."]);
    expect(errorsOf(flowSettingsSchema, { ...valid, postDeliveryReviewDays: 1 }, "fr").postDeliveryReviewDays).toEqual([
      "La demande d'avis doit venir après l'e-mail de suivi.",
    ]);
    expect(errorsOf(flowSettingsSchema, { ...valid, businessEndHour: 9 }, "en").businessEndHour).toEqual([
      "The team must close after it opens.",
    ]);
    expect(errorsOf(flowSettingsSchema, { ...valid, undoSendSeconds: 31 }, "fr").undoSendSeconds).toEqual([
      "Le délai d'annulation d'envoi doit valoir au plus 30.",
    ]);
  });
});
