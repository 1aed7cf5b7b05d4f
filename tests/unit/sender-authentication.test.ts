import { describe, expect, it } from "vitest";
import { checkSender } from "@/lib/inbound/sender-authentication";

const spf = (value: string) => ({ Name: "Received-SPF", Value: value });
const ar = (value: string) => ({ Name: "Authentication-Results", Value: value });
const from = "camille.martin@example.net";
const TRUSTED = ["inbound.postmarkapp.com"];

describe("checkSender", () => {
  it("passes an SPF pass for the From domain, as Postmark writes it", () => {
    const header = spf(
      "Pass (sender SPF authorized) identity=mailfrom; client-ip=209.85.160.180; helo=mail.example.net; envelope-from=camille.martin@example.net; receiver=reply@inbound.postmarkapp.com",
    );
    expect(checkSender(from, [header])).toBe("pass");
    expect(checkSender("a@shop.co.uk", [spf("Pass identity=mailfrom; envelope-from=bounce@mail.shop.co.uk")])).toBe(
      "pass",
    );
  });

  it("fails an SPF pass for another domain: anyone can pass SPF for their own domain", () => {
    expect(
      checkSender(from, [
        spf("Pass (sender SPF authorized) identity=mailfrom; envelope-from=bounces@attacker.example; receiver=x"),
      ]),
    ).toBe("fail");
    expect(checkSender("a@shop.co.uk", [spf("Pass identity=mailfrom; envelope-from=x@other.co.uk")])).toBe("fail");
  });

  it("fails SPF fail, softfail and neutral", () => {
    for (const result of ["Fail", "SoftFail", "Neutral", "None", "TempError"]) {
      expect(
        checkSender(from, [
          spf(`${result} (not authorized) identity=mailfrom; envelope-from=camille.martin@example.net`),
        ]),
        result,
      ).toBe("fail");
    }
  });

  it("passes an aligned DKIM or a DMARC pass from a trusted receiving server, even when SPF failed (a forwarder)", () => {
    const failing = spf("SoftFail identity=mailfrom; envelope-from=camille.martin@example.net");
    expect(
      checkSender(
        from,
        [
          failing,
          ar(
            "inbound.postmarkapp.com; spf=softfail smtp.mailfrom=camille.martin@example.net; dkim=pass header.d=example.net",
          ),
        ],
        TRUSTED,
      ),
    ).toBe("pass");
    expect(checkSender(from, [ar("inbound.postmarkapp.com; dmarc=pass header.from=example.net")], TRUSTED)).toBe(
      "pass",
    );
    expect(
      checkSender("a@mail.example.net", [ar("inbound.postmarkapp.com; dkim=pass header.d=example.net")], TRUSTED),
    ).toBe("pass");
  });

  it("ignores the results of a server it does not trust: a sender can write their own", () => {
    const forged = ar("attacker.example; dmarc=pass header.from=example.net; dkim=pass header.d=example.net");
    expect(
      checkSender(from, [spf("Fail identity=mailfrom; envelope-from=camille.martin@example.net"), forged], TRUSTED),
    ).toBe("fail");
    expect(checkSender(from, [forged])).toBe("none");
  });

  it("fails SPF, DKIM and DMARC all failing, a DKIM pass for another domain, a public suffix, and a DMARC pass that names no domain", () => {
    expect(
      checkSender(
        from,
        [
          spf("Fail identity=mailfrom; envelope-from=camille.martin@example.net"),
          ar(
            "inbound.postmarkapp.com; spf=fail smtp.mailfrom=camille.martin@example.net; dkim=fail header.d=example.net; dmarc=fail header.from=example.net",
          ),
        ],
        TRUSTED,
      ),
    ).toBe("fail");
    expect(checkSender(from, [ar("inbound.postmarkapp.com; dkim=pass header.d=attacker.example")], TRUSTED)).toBe(
      "fail",
    );
    expect(checkSender(from, [ar("inbound.postmarkapp.com; dkim=pass header.d=notexample.net")], TRUSTED)).toBe("fail");
    expect(checkSender(from, [ar("inbound.postmarkapp.com; dkim=pass header.d=net")], TRUSTED)).toBe("fail");
    expect(checkSender(from, [ar("inbound.postmarkapp.com; dmarc=pass")], TRUSTED)).toBe("fail");
  });

  it("reads only the topmost Received-SPF: a forged pass further down does not count", () => {
    const real = spf("Fail identity=mailfrom; envelope-from=camille.martin@example.net");
    const forged = spf("Pass identity=mailfrom; envelope-from=camille.martin@example.net");
    expect(checkSender(from, [real, forged])).toBe("fail");
  });

  it("says none when there is nothing to read", () => {
    expect(checkSender(from, [{ Name: "X-Spam-Status", Value: "No" }])).toBe("none");
    expect(checkSender(from, [])).toBe("none");
  });
});
