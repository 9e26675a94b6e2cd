// Logging in with phone and password (docs/decisions/0040). The limiter tokens
// are taken before the password is checked, so a burst of parallel tries gets no
// more checks than the limit; unknown phones cost the same work as known ones.
import { accountLoginLimits, addressLoginLimits } from "~/domain/login-limits";
import { isRole, type Role } from "~/domain/roles";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { verifyPasswordOrDummy, warmDummyHash } from "~/utils/password.server";
import { clearRateLimit, giveBackRateLimit, takeRateLimits } from "~/utils/rate-limit.server";

warmDummyHash();

export type LoginResult =
  | { kind: "ok"; userId: string; role: Role }
  | { kind: "invalid" }
  | { kind: "limited"; retryAfterSeconds: number };

export async function logIn(input: {
  phone: string;
  password: string;
  address: string;
}): Promise<LoginResult> {
  const { phone, password, address } = input;
  const account = accountLoginLimits(phone);
  const perAddress = addressLoginLimits(address);
  // the account's counters first: a locked phone does not use up its address's ceiling
  const state = await takeRateLimits([...account, ...perAddress]);
  if (!state.allowed) return { kind: "limited", retryAfterSeconds: state.retryAfterSeconds };

  const user = await prisma.user.findUnique({
    where: { phone },
    select: { id: true, role: true, passwordHash: true },
  });
  const ok = await verifyPasswordOrDummy(password, user?.passwordHash);
  if (!user || !ok || !isRole(user.role)) {
    await audit({
      actorId: user?.id ?? null,
      action: "login.failed",
      entity: "User",
      entityId: user?.id,
      data: { phone },
    });
    return { kind: "invalid" };
  }
  // the owner is back: the account starts afresh, and the address counts only failures
  await clearRateLimit(...account.map((l) => l.key));
  await Promise.all(perAddress.map((l) => giveBackRateLimit(l.key)));
  await audit({ actorId: user.id, action: "login.succeeded", entity: "User", entityId: user.id });
  return { kind: "ok", userId: user.id, role: user.role };
}

/** A password reset proves the phone: the login lock-out of that account ends. */
export async function endLoginLockout(phone: string) {
  await clearRateLimit(...accountLoginLimits(phone).map((l) => l.key));
}
