import { useT } from "~/i18n/react";
import { isCertKind } from "../rules";

/** "VietGAP · VG-123", "OCOP 4★ · 12/QĐ": how a certificate is named in every list. */
export function CertificateTitle({
  kind,
  stars,
  number,
}: {
  kind: string;
  stars: number | null;
  number: string;
}) {
  const t = useT();
  return (
    <>
      {isCertKind(kind) ? t(`cert.kind.${kind}`) : kind}
      {stars ? ` ${stars}★` : ""} · {number}
    </>
  );
}
