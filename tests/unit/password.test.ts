import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/utils/password.server";

describe("password hashing", () => {
  it("verifies the right password and rejects others", async () => {
    const hash = await hashPassword("chè-tân-cương");
    expect(hash.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("chè-tân-cương", hash)).toBe(true);
    expect(await verifyPassword("che-tan-cuong", hash)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});
