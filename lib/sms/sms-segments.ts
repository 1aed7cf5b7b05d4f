// How many SMS segments a text costs, and in which encoding (GSM-7 or UCS-2).

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// Extension characters are sent with an escape: they count twice.
const GSM_EXTENDED = "^{}\\[~]|€\f";

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SmsEncoding = "GSM-7" | "UCS-2";
export type SmsSize = { encoding: SmsEncoding; units: number; segments: number; nonGsmCharacters: string[] };

export function smsSize(text: string): SmsSize {
  let gsmUnits = 0;
  const nonGsm = new Set<string>();
  for (const char of text) {
    if (basic.has(char)) gsmUnits += 1;
    else if (extended.has(char)) gsmUnits += 2;
    else nonGsm.add(char);
  }
  if (nonGsm.size === 0) {
    return {
      encoding: "GSM-7",
      units: gsmUnits,
      segments: gsmUnits === 0 ? 0 : gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153),
      nonGsmCharacters: [],
    };
  }
  const ucs2Units = text.length; // UTF-16 code units: an emoji takes two
  return {
    encoding: "UCS-2",
    units: ucs2Units,
    segments: ucs2Units <= 70 ? 1 : Math.ceil(ucs2Units / 67),
    nonGsmCharacters: [...nonGsm],
  };
}
