import { describe, expect, it } from "vitest";
import { applyFormat } from "@/lib/inbox/composer-formatting";
import { renderEmailHtml, renderEmailText } from "@/lib/templates/render-email-html";

const parts = (body: string, markup?: boolean) => ({
  body,
  preheader: null,
  signature: "Claire\nAtelier Lune",
  unsubscribeUrl: null,
  unsubscribeLabel: "",
  locale: "fr",
  markup,
});

describe("email markup from the composer", () => {
  const body = `Bonjour Élodie,

Voici **l'étiquette retour** et le [guide des tailles](https://atelier.example/tailles?x=1&y=2).
Pour renvoyer le colis :
1. imprimez l'étiquette
2. déposez-le en point relais

- câble de 2 m
- ampoule <E14>`;

  it("renders bold, links and both kinds of list as HTML, escaping the rest", () => {
    const html = renderEmailHtml(parts(body));
    expect(html).toContain("<strong>l&#39;étiquette retour</strong>");
    expect(html).toContain(
      '<a href="https://atelier.example/tailles?x=1&amp;y=2" style="color:#25654f">guide des tailles</a>',
    );
    expect(html).toMatch(
      /<ol[^>]*><li[^>]*>imprimez l&#39;étiquette<\/li><li[^>]*>déposez-le en point relais<\/li><\/ol>/,
    );
    expect(html).toMatch(/<ul[^>]*><li[^>]*>câble de 2 m<\/li><li[^>]*>ampoule &lt;E14&gt;<\/li><\/ul>/);
    expect(html).not.toContain("**");
  });

  it("writes the same message as plain text in the text part", () => {
    const text = renderEmailText(parts(body));
    expect(text).toContain(
      "Voici l'étiquette retour et le guide des tailles (https://atelier.example/tailles?x=1&y=2).",
    );
    expect(text).toContain("1. imprimez l'étiquette");
    expect(text).toContain("- câble de 2 m");
    expect(text).not.toContain("**");
  });

  it("never turns a label into a link to somewhere else when markup is off (quoted customer text)", () => {
    const quoted = "Cliquez [ici](https://evil.example) et **vite**";
    const html = renderEmailHtml(parts(quoted, false));
    expect(html).not.toContain(">ici</a>");
    expect(html).toContain("**vite**");
    expect(html).toContain(">https://evil.example</a>");
    expect(renderEmailText(parts(quoted, false))).toContain(quoted);
  });

  it("cannot inject HTML through a link's address or label", () => {
    const html = renderEmailHtml(parts('[<img src=x onerror=alert(1)>](https://a.example/"onmouseover=alert(1))'));
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/href="[^"]*"onmouseover/);
  });
});

describe("the composer's toolbar", () => {
  it("wraps the selection in bold and keeps it selected", () => {
    const edit = applyFormat("merci beaucoup", 6, 14, "bold");
    expect(edit.text).toBe("merci **beaucoup**");
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe("beaucoup");
  });

  it("links selected words with the address selected for a paste, and a selected address to itself", () => {
    const words = applyFormat("le guide des tailles", 3, 20, "link");
    expect(words.text).toBe("le [guide des tailles](https://)");
    expect(words.text.slice(words.selectionStart, words.selectionEnd)).toBe("https://");
    const url = applyFormat("voir https://a.example/x", 5, 24, "link");
    expect(url.text).toBe("voir [https://a.example/x](https://a.example/x)");
  });

  it("makes the selected lines a list in their own paragraph, and toggles it back", () => {
    const text = "Deux options :\ncâble court\ncâble long";
    const listed = applyFormat(text, text.indexOf("câble"), text.length, "numbers");
    expect(listed.text).toBe("Deux options :\n\n1. câble court\n2. câble long");
    const bullets = applyFormat(listed.text, listed.selectionStart, listed.selectionEnd, "bullets");
    expect(bullets.text).toBe("Deux options :\n\n- câble court\n- câble long");
    const back = applyFormat(bullets.text, bullets.selectionStart, bullets.selectionEnd, "bullets");
    expect(back.text).toBe("Deux options :\n\ncâble court\ncâble long");
  });
});
