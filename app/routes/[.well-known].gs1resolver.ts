// GS1-Conformant Resolver description document (/.well-known/gs1resolver).
import { CORS } from "~/trace/linkset.server";
import { publicBase } from "~/trace/lookup.server";

export function loader() {
  const root = publicBase();
  const body = {
    name: "Xứ Trà traceability resolver",
    resolverRoot: root,
    supportedPrimaryKeys: ["gtin"],
    supportedLinkType: [
      { namespace: "https://gs1.org/voc/", prefix: "gs1:", profile: "https://gs1.org/voc/?show=linktypes" },
    ],
    supportedLinkTypes: ["gs1:defaultLink", "gs1:pip", "gs1:traceability", "gs1:certificationInfo", "gs1:epcis"],
    linkTypeDefaultCanBeLinkset: true,
    linkTypeDefaultCanBeAll: true,
    supportedContextValuesEnumerated: [],
    supportedLanguages: ["vi", "en"],
    // Our own short form for goods without a GTIN: /t/{code}[/{serial}]
    shortForm: `${root}/t/{code}`,
    contact: `${root}/`,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { ...CORS, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
