import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigate, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { SelectField, TextAreaField, TextField } from "~/components/field";
import { postWithProgress, UploadProgress } from "~/components/photo-uploader";
import { ProductSchema } from "~/domain/listing";
import { translateText } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export type ProductFormDefaults = {
  name?: string;
  nameEn?: string;
  categoryId?: string;
  householdId?: string;
  description?: string;
  perishable?: boolean;
  certificationIds?: string[];
  variants?: {
    id?: string;
    label?: string;
    weightGrams?: string;
    price?: string;
    stock?: string;
    stockBase?: string;
    gtin?: string;
    sku?: string;
  }[];
};

type Props = {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: ProductFormDefaults;
  categories: { id: string; nameVi: string; nameEn: string }[];
  producers: { id: string; name: string }[] | null; // members of the cooperative, null on a household's stall
  certificates: { id: string; label: string }[];
  withPhoto: boolean; // the create form takes the first photo with it
  // with JavaScript, a form carrying a photo is sent here by XMLHttpRequest to show upload progress
  uploadAction?: string;
  status: string | null; // current status when editing
  lockedGtins?: string[]; // variants whose GTIN is on printed labels: shown read-only
};

type UploadReply =
  | { ok: true; location: string }
  | { ok: false; result?: SubmissionResult<string[]>; error?: string };

/** One form for creating and editing a product; the same zod schema validates in the browser and on the server. */
export function ProductForm({
  lastResult,
  defaultValue,
  categories,
  producers,
  certificates,
  withPhoto,
  uploadAction,
  status,
  lockedGtins = [],
}: Props) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<string | null>(null);
  // the upload twin's answer when the form went by XMLHttpRequest, and its progress
  const [uploadResult, setUploadResult] = useState<SubmissionResult<string[]> | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [form, fields] = useForm({
    lastResult: uploadResult ?? lastResult,
    // form defaults are the strings the inputs show ("250.000"), not the parsed values
    defaultValue: {
      ...defaultValue,
      variants: defaultValue.variants?.length ? defaultValue.variants : [{}],
    } as never,
    constraint: getZodConstraint(ProductSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductSchema }),
    // A valid form with a photo: send it with XMLHttpRequest, which reports upload
    // progress (fetch does not), to the JSON twin of this page's action. Without a
    // photo, or without JavaScript, the form posts as usual.
    onSubmit(event, { formData }) {
      const photo = formData.get("photo");
      if (!uploadAction || !(photo instanceof File) || photo.size === 0) {
        setUploadResult(null); // the page's own action answers this one
        return;
      }
      event.preventDefault();
      setUploadError(null);
      setProgress(0);
      postWithProgress<UploadReply>(uploadAction, formData, {
        progress: setProgress,
        done: (_status, reply) => {
          if (reply?.ok) {
            navigate(reply.location);
            return;
          }
          setProgress(null);
          if (reply?.result) setUploadResult(reply.result);
          else setUploadError(reply?.error ?? "error.generic");
        },
        failed: () => {
          setProgress(null);
          setUploadError("upload.network");
        },
      });
    },
  });
  const tr = (errors?: string[]) =>
    errors?.length ? errors.map((e) => translateText(t, e)).join(" ") : null;
  const variants = fields.variants.getFieldList();
  const busy = navigation.state === "submitting" || progress !== null;
  const photoErrors = (form.allErrors.photo as string[] | undefined) ?? undefined;

  return (
    <Form
      method="post"
      encType={withPhoto ? "multipart/form-data" : undefined}
      {...getFormProps(form)}
      className="space-y-4"
    >
      <AuthenticityTokenInput />
      {form.errors?.length ? (
        <div
          role="alert"
          id={form.errorId}
          className="rounded-lg bg-red-50 p-3 text-sm text-red-800"
        >
          <ul className="list-disc pl-4">
            {form.errors.map((e) => (
              <li key={e}>{translateText(t, e)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <section className="card space-y-3 p-4">
        <TextField meta={fields.name} label={t("listing.name")} />
        {withPhoto ? (
          <div>
            <label htmlFor="photo" className="label">
              {t("listing.photo")}
            </label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif"
              className="field"
              aria-describedby="photo-help"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                setPreview(f ? URL.createObjectURL(f) : null);
              }}
            />
            <p id="photo-help" className="mt-1 text-xs text-stone-600">
              {t("listing.photoHelp")}
            </p>
            {preview ? (
              <img
                src={preview}
                alt={t("listing.photoPreview")}
                className="mt-2 h-32 w-32 rounded-lg object-cover"
              />
            ) : null}
            {tr(photoErrors) ? (
              <p className="field-error" role="alert">
                {tr(photoErrors)}
              </p>
            ) : null}
            {progress !== null ? (
              <div className="mt-2">
                <UploadProgress percent={progress} />
              </div>
            ) : null}
            {uploadError ? (
              <p className="field-error" role="alert">
                {translateText(t, uploadError)}
              </p>
            ) : null}
          </div>
        ) : null}
        {producers ? (
          <SelectField meta={fields.householdId} label={t("listing.producer")}>
            <option value="">{t("listing.producerPick")}</option>
            {producers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField meta={fields.categoryId} label={t("listing.category")}>
          <option value="">{t("listing.categoryPick")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === "en" ? c.nameEn : c.nameVi}
            </option>
          ))}
        </SelectField>
        <TextAreaField meta={fields.description} label={t("listing.description")} />
        <TextField meta={fields.nameEn} label={t("listing.nameEn")} />
        <label className="flex items-center gap-2">
          <input {...getInputProps(fields.perishable, { type: "checkbox" })} className="h-5 w-5" />
          {t("listing.perishable")}
        </label>
      </section>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("listing.variants")}</legend>
        {tr(fields.variants.errors) ? (
          <p id={fields.variants.errorId} className="field-error">
            {tr(fields.variants.errors)}
          </p>
        ) : null}
        {variants.map((variant, i) => {
          const v = variant.getFieldset();
          return (
            <div
              key={variant.key}
              className="space-y-2 rounded-lg border border-stone-200 p-3"
              data-testid="variant-row"
            >
              <input {...getInputProps(v.id, { type: "hidden" })} />
              <input {...getInputProps(v.stockBase, { type: "hidden" })} />
              <div className="grid grid-cols-2 gap-2">
                <div className="col-span-2">
                  <TextField
                    meta={v.label}
                    label={t("listing.variantLabel")}
                    placeholder={t("listing.variantLabelHint")}
                  />
                </div>
                <TextField
                  meta={v.price}
                  label={t("listing.price")}
                  inputMode="numeric"
                  placeholder="250.000"
                />
                <TextField meta={v.stock} label={t("listing.stock")} inputMode="numeric" />
                <TextField meta={v.weightGrams} label={t("listing.weight")} inputMode="numeric" />
                <TextField meta={v.sku} label={t("listing.sku")} />
                <div className="col-span-2">
                  <label htmlFor={v.gtin.id} className="label">
                    {t("listing.gtin")}
                  </label>
                  <input
                    {...getInputProps(v.gtin, { type: "text" })}
                    inputMode="numeric"
                    className="field"
                    readOnly={lockedGtins.includes(v.id.value ?? "")}
                    aria-describedby={
                      lockedGtins.includes(v.id.value ?? "") ? `${v.gtin.id}-locked` : undefined
                    }
                  />
                  {lockedGtins.includes(v.id.value ?? "") ? (
                    <p id={`${v.gtin.id}-locked`} className="text-sm text-stone-600">
                      {t("listing.gtinLockedHint")}
                    </p>
                  ) : null}
                  {tr(v.gtin.errors) ? <p className="field-error">{tr(v.gtin.errors)}</p> : null}
                </div>
              </div>
              {variants.length > 1 ? (
                <button
                  {...form.remove.getButtonProps({ name: fields.variants.name, index: i })}
                  className="text-sm text-red-700 underline"
                >
                  {t("listing.variantRemove")}
                </button>
              ) : null}
            </div>
          );
        })}
        <button
          {...form.insert.getButtonProps({ name: fields.variants.name })}
          className="btn-secondary"
        >
          {t("listing.variantAdd")}
        </button>
      </fieldset>

      {certificates.length ? (
        <fieldset className="card space-y-2 p-4">
          <legend className="px-1 font-semibold">{t("listing.certificates")}</legend>
          {certificates.map((c) => (
            <label key={c.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                name={fields.certificationIds.name}
                value={c.id}
                defaultChecked={defaultValue.certificationIds?.includes(c.id)}
                className="h-5 w-5"
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      ) : null}

      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="draft" className="btn-secondary" disabled={busy}>
          {status === "HIDDEN" ? t("listing.saveHidden") : t("listing.saveDraft")}
        </button>
        <button type="submit" name="intent" value="publish" className="btn-primary" disabled={busy}>
          {status === "ACTIVE" ? t("listing.saveActive") : t("listing.publish")}
        </button>
      </div>
    </Form>
  );
}
