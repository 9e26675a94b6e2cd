import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BatchForm } from "~/components/batch-form";
import { useT } from "~/i18n/react";
import { BatchSchema } from "~/trace/batch-schema";
import { checkBatchRefs, LotTakenError, saveBatch } from "~/trace/batches.server";
import { batchFormOptions, newBatchDefaults } from "~/trace/console.server";
import { requireStallAccess } from "~/stalls/access.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Lô mới · Xứ Trà" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const options = await batchFormOptions(stall);
  const product = new URL(request.url).searchParams.get("product");
  return { stallId: stall.id, options, defaults: newBatchDefaults(options.products, product) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: BatchSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { errors, householdId } = await checkBatchRefs(stall, submission.value);
  if (Object.keys(errors).length)
    return data({ result: submission.reply({ fieldErrors: errors }) }, { status: 400 });
  try {
    const batch = await saveBatch(stall, user.id, null, submission.value, householdId);
    throw redirect(`/console/stalls/${stall.id}/batches/${batch.id}?saved=1`);
  } catch (e) {
    if (e instanceof LotTakenError)
      return data(
        { result: submission.reply({ fieldErrors: { lot: ["batches.error.lotTaken"] } }) },
        { status: 400 },
      );
    throw e;
  }
}

export default function NewBatch() {
  const t = useT();
  const { stallId, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-3">
      <Link to={`/console/stalls/${stallId}/batches`} className="text-sm underline">
        ← {t("batches.back")}
      </Link>
      <h2 className="text-xl font-bold">{t("batches.new")}</h2>
      <BatchForm options={options} defaults={defaults} lastResult={actionData?.result} />
    </section>
  );
}
