import { Form, useRevalidator } from "@remix-run/react";
import { useRef, useState } from "react";
import { AuthenticityTokenInput, CSRF_FIELD } from "~/components/csrf";
import { Photo } from "~/components/photo";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

/** POSTs a form with XMLHttpRequest, which reports upload progress (fetch does not); the answer is JSON. */
export function postWithProgress<T>(
  url: string,
  body: FormData,
  on: {
    progress: (percent: number) => void;
    done: (status: number, reply: T | null) => void;
    failed: () => void;
  },
) {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", url);
  xhr.responseType = "json";
  xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
  xhr.upload.onprogress = (ev) => {
    if (ev.lengthComputable) on.progress(Math.round((ev.loaded / ev.total) * 100));
  };
  xhr.onload = () => on.done(xhr.status, (xhr.response ?? null) as T | null);
  xhr.onerror = () => on.failed();
  xhr.send(body);
}

/** The bar and the percentage while a photo goes up. */
export function UploadProgress({ percent }: { percent: number }) {
  const t = useT();
  return (
    <div>
      <progress max={100} value={percent} className="w-full" aria-label={t("listing.uploading")} />
      <p className="text-sm text-stone-600">{t("listing.uploadingPercent", { percent })}</p>
    </div>
  );
}

/**
 * Adds a photo. A plain multipart form without JavaScript; with it, a preview
 * before sending and a progress bar while a slow 3G upload runs (XMLHttpRequest
 * reports upload progress, fetch does not).
 */
export function PhotoUploader({
  action,
  csrf,
  error,
}: {
  action: string;
  csrf: string;
  error: string | null;
}) {
  const t = useT();
  const revalidator = useRevalidator();
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(error);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const body = new FormData(form);
    const file = body.get("photo");
    if (!(file instanceof File) || file.size === 0) {
      setMessage("photo.missing");
      return;
    }
    body.set("_xhr", "1");
    setMessage(null);
    setProgress(0);
    postWithProgress<{ ok?: boolean; error?: string }>(action, body, {
      progress: setProgress,
      done: (status, res) => {
        setProgress(null);
        if (status === 200 && res?.ok) {
          setMessage(null);
          setPreview(null);
          formRef.current?.reset();
          revalidator.revalidate();
        } else setMessage(res?.error ?? "error.generic");
      },
      failed: () => {
        setProgress(null);
        setMessage("upload.network");
      },
    });
  }

  return (
    <form
      ref={formRef}
      method="post"
      action={action}
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="space-y-2"
    >
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <label htmlFor="photo-upload" className="label">
        {t("listing.addPhoto")}
      </label>
      <input
        id="photo-upload"
        name="photo"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif"
        className="field"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          setPreview(f ? URL.createObjectURL(f) : null);
          setMessage(null);
        }}
      />
      {preview ? (
        <img
          src={preview}
          alt={t("listing.photoPreview")}
          className="h-32 w-32 rounded-lg object-cover"
        />
      ) : null}
      {progress !== null ? <UploadProgress percent={progress} /> : null}
      {message ? (
        <p role="alert" className="field-error">
          {translateText(t, message)}
        </p>
      ) : null}
      <button type="submit" className="btn-secondary" disabled={progress !== null}>
        {t("listing.upload")}
      </button>
    </form>
  );
}

/** One photo's remove button: a plain form, so it works before JavaScript loads. */
export function RemovePhotoForm({
  action,
  photoId,
  label,
  className,
}: {
  action: string;
  photoId: string;
  label: string;
  className: string;
}) {
  return (
    <Form method="post" action={action}>
      <AuthenticityTokenInput />
      <input type="hidden" name="photoId" value={photoId} />
      <button name="_action" value="remove" className={className}>
        {label}
      </button>
    </Form>
  );
}

type ManagedPhoto = {
  id: string;
  hash: string;
  placeholder: string;
  width?: number;
  height?: number;
};

/** A product's or stall's photos: each with a remove button (a plain form), and the uploader. */
export function PhotoManager({
  title,
  empty,
  photos,
  action,
  csrf,
  error,
}: {
  title: string;
  empty?: string;
  photos: ManagedPhoto[];
  action: string;
  csrf: string;
  error: string | null;
}) {
  const t = useT();
  return (
    <section className="card space-y-3 p-4">
      <h2 className="font-semibold">{title}</h2>
      {photos.length === 0 && empty ? <p className="text-sm text-stone-600">{empty}</p> : null}
      <ul className="flex flex-wrap gap-2">
        {photos.map((p) => (
          <li key={p.id} className="w-24 space-y-1" data-testid="managed-photo" data-hash={p.hash}>
            <Photo photo={p} alt="" sizes="96px" className="h-24 w-24 rounded-lg" />
            <RemovePhotoForm
              action={action}
              photoId={p.id}
              label={t("listing.photoRemove")}
              className="text-xs text-red-700 underline"
            />
          </li>
        ))}
      </ul>
      <PhotoUploader action={action} csrf={csrf} error={error} />
    </section>
  );
}
