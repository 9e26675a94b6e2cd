import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PendingCertificate } from "~/certificates/components/pending-certificate";
import { pendingCertificates, reviewCertificate } from "~/certificates/review.server";
import { ReviewQueue } from "~/officer/review-queue";
import { decideFromForm } from "~/officer/review.server";
import { requireUser } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.certReview");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["OFFICER", "ADMIN"]);
  return { certs: await pendingCertificates(await getLocale(request)) };
}

export function action({ request }: ActionFunctionArgs) {
  return decideFromForm(request, reviewCertificate, "/officer/certificates");
}

export default function CertificateReview() {
  const { certs } = useLoaderData<typeof loader>();
  return (
    <ReviewQueue title="officer.certReview" empty={certs.length === 0}>
      {certs.map((c) => (
        <PendingCertificate key={c.id} c={c} />
      ))}
    </ReviewQueue>
  );
}
