// Who may see a checkout and its orders: the logged-in buyer who placed it, or
// the guest browser that placed it (its ids in a signed cookie).
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { signedCookie } from "~/utils/cookie.server";

const guestCheckouts = signedCookie("checkouts", 90 * 24 * 3600);

export async function guestCheckoutIds(request: Request): Promise<string[]> {
  const v = await guestCheckouts.parse(request.headers.get("Cookie"));
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").slice(0, 20) : [];
}

/** Set-Cookie remembering this checkout for a guest (newest first, at most 20). */
export async function rememberCheckout(request: Request, checkoutId: string): Promise<string> {
  const ids = [
    checkoutId,
    ...(await guestCheckoutIds(request)).filter((id) => id !== checkoutId),
  ].slice(0, 20);
  return guestCheckouts.serialize(ids);
}

export async function canSeeCheckout(
  request: Request,
  checkout: { id: string; buyerId: string | null },
): Promise<boolean> {
  const user = await getUser(request);
  if (checkout.buyerId) return user?.id === checkout.buyerId || user?.role === "ADMIN";
  return (await guestCheckoutIds(request)).includes(checkout.id);
}

/**
 * Orders placed as a guest in this browser join the account that logs in here
 * (the signed cookie proves the browser placed them), so "my orders" shows
 * them. Only checkouts without an owner move; nobody else's can.
 */
export async function claimGuestCheckouts(request: Request, userId: string): Promise<number> {
  const ids = await guestCheckoutIds(request);
  if (!ids.length) return 0;
  const { count } = await prisma.checkout.updateMany({
    where: { id: { in: ids }, buyerId: null },
    data: { buyerId: userId },
  });
  return count;
}
