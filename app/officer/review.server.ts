import { data, redirect } from "@remix-run/node";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";

// The officer review queues (stalls: ~/stalls/verification.server, certificates:
// ~/certificates/review.server) share one action; the page is ./review-queue.tsx.

export type ReviewError =
  | "error.generic"
  | "officer.noteRequired"
  | "officer.alreadyReviewed"
  // a rule of the reviewed thing refused the decision (a certificate with no document)
  | RefusedDecision;
export type RefusedDecision = "cert.verifyNeedsDocument" | "cert.expired";

export type Decide = (
  user: SessionUser,
  id: string,
  decision: "VERIFIED" | "REJECTED",
  note: string,
) => Promise<boolean | RefusedDecision>;

/**
 * The officer review queues' action (stalls, certificates): one decision from the
 * posted form. A rejection needs a note, as the household must learn what to fix.
 */
export async function decideFromForm(request: Request, decide: Decide, donePath: string) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const id = String(formData.get("id") ?? "");
  const decision = formData.get("decision");
  const note = String(formData.get("note") ?? "")
    .trim()
    .slice(0, 500);
  const fail = (error: ReviewError, status: number) => data({ id, error }, { status });
  if (decision !== "VERIFIED" && decision !== "REJECTED") return fail("error.generic", 400);
  if (decision === "REJECTED" && !note) return fail("officer.noteRequired", 400);
  const decided = await decide(user, id, decision, note);
  if (decided === false) return fail("officer.alreadyReviewed", 409);
  if (decided !== true) return fail(decided, 400);
  throw redirect(`${donePath}?done=${decision}`);
}
