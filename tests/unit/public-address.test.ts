import { describe, expect, it } from "vitest";
import { isPublicAddress } from "@/lib/env/public-address";

describe("isPublicAddress", () => {
  it.each([
    "http://localhost:3000",
    "http://127.0.0.1:3100",
    "http://[::1]:3000",
    "http://192.168.1.20",
    "http://10.0.0.5:8080",
    "http://172.20.1.1",
    "http://shop.localhost",
    "http://inbox.test",
    "http://nas.local",
    "http://inbox",
  ])("%s is not public", (url) => expect(isPublicAddress(url)).toBe(false));

  it.each([
    "https://inbox.atelier-lune.fr",
    "http://203.0.113.7",
    "https://8.8.8.8",
    "http://[2001:db8::1]",
    "http://172.32.0.1",
    "not a url",
  ])("%s is public", (url) => expect(isPublicAddress(url)).toBe(true));
});
