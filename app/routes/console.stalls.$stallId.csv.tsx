import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { commitImport, planImport } from "~/catalog/csv.server";
import { readUploadForm, uploadedFile } from "~/console/upload.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { CSV_COLUMNS } from "~/domain/csv-products";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";

const MAX_CSV_BYTES = 2 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  return { stall: { id: stall.id, coop: !!stall.cooperativeId } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readUploadForm(request, {
    maxFileBytes: MAX_CSV_BYTES,
    maxTextBytes: MAX_CSV_BYTES + 64 * 1024,
  });
  const intent = formData.get("intent") === "commit" ? "commit" : "preview";
  let text: string;
  if (intent === "commit") text = String(formData.get("csv") ?? "");
  else {
    const file = await uploadedFile(formData, "file");
    if (file === "tooLarge")
      return data({ error: "csv.tooLarge", plan: null, csv: null, done: null }, { status: 413 });
    if (!file)
      return data({ error: "csv.noFile", plan: null, csv: null, done: null }, { status: 400 });
    text = file.buffer.toString("utf8");
  }
  const plan = await planImport(stall, text);
  const view = {
    fileProblems: plan.fileProblems,
    rows: plan.rows.filter((r) => r.problems.length || plan.rows.length <= 300),
    summary: plan.summary,
  };
  if (intent === "preview" || plan.summary.problems > 0 || plan.rows.length === 0) {
    // the dry run: nothing is written; the checked text rides along for the commit
    return data(
      { error: null, plan: view, csv: plan.summary.problems === 0 ? text : null, done: null },
      { status: plan.summary.problems ? 422 : 200 },
    );
  }
  const summary = await commitImport(user, stall, plan);
  return data({ error: null, plan: null, csv: null, done: summary });
}

export default function CsvImport() {
  const t = useT();
  const { stall } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const plan = result?.plan;
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">{t("csv.title")}</h2>
      <section className="card space-y-2 p-4">
        <a href={`/console/stalls/${stall.id}/products.csv`} className="btn-secondary" download>
          {t("csv.export")}
        </a>
        <p className="text-sm text-stone-600">{t("csv.exportHelp")}</p>
        <p className="break-words font-mono text-xs text-stone-500">{CSV_COLUMNS.join(", ")}</p>
      </section>
      <Form method="post" encType="multipart/form-data" className="card space-y-2 p-4">
        <AuthenticityTokenInput />
        <label htmlFor="csv-file" className="label">
          {t("csv.file")}
        </label>
        <input id="csv-file" name="file" type="file" accept=".csv,text/csv" className="field" />
        {result?.error ? (
          <p role="alert" className="field-error">
            {translateText(t, result.error)}
          </p>
        ) : null}
        <button name="intent" value="preview" className="btn-primary" disabled={busy}>
          {t("csv.preview")}
        </button>
      </Form>

      {result?.done ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-tea-800">
          {t("csv.done", {
            rows: result.done.rows,
            create: result.done.create,
            update: result.done.update,
          })}
        </p>
      ) : null}

      {plan ? (
        <section className="card space-y-3 p-4" aria-labelledby="csv-preview">
          <h3 id="csv-preview" className="font-semibold">
            {t("csv.previewTitle")}
          </h3>
          <p>
            {t("csv.summary", {
              rows: plan.summary.rows,
              create: plan.summary.create,
              update: plan.summary.update,
            })}
          </p>
          {plan.fileProblems.map((p, i) => (
            <p key={i} role="alert" className="field-error">
              {translateText(t, p.key, p.params)}
            </p>
          ))}
          {plan.summary.problems ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {t("csv.problems", { count: plan.summary.problems })}
            </p>
          ) : (
            <p className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">{t("csv.ok")}</p>
          )}
          <ul className="divide-y text-sm" data-testid="csv-rows">
            {plan.rows
              .filter((r) => r.problems.length)
              .map((r) => (
                <li key={r.line} className="py-2" data-testid="csv-problem">
                  <strong>{t("csv.row", { line: r.line })}</strong> · {r.name}{" "}
                  {r.label ? `(${r.label})` : ""}
                  <ul className="list-disc pl-5 text-red-800">
                    {r.problems.map((p, i) => (
                      <li key={i}>{translateText(t, p.key, p.params)}</li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
          {result?.csv ? (
            <Form method="post" encType="multipart/form-data">
              <AuthenticityTokenInput />
              <textarea name="csv" defaultValue={result.csv} hidden readOnly />
              <button name="intent" value="commit" className="btn-primary" disabled={busy}>
                {t("csv.commit", { count: plan.summary.rows })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
