// GS1-Conformant Resolver description document (/.well-known/gs1resolver).
import { CORS } from "~/trace/linkset.server";
import { publicBase } from "~/trace/lookup.server";

export function loader() {
  const root = publicBase();
  const body = {
    name: "Xứ Trà traceability resolver",
    resolverRoot: root,
    // numeric AIs, as the GS1-Conformant Resolver 1.2.0 description-file schema enumerates them
    supportedPrimaryKeys: ["01"],
    supportedLinkType: [{ namespace: "https://gs1.org/voc/", prefix: "gs1:" }],
    supportedLinkTypes: [
      "gs1:defaultLink",
      "gs1:pip",
      "gs1:traceability",
      "gs1:certificationInfo",
      "gs1:epcis",
    ],
    // the default link is always the provenance page; clients ask for the linkset explicitly
    linkTypeDefaultCanBeLinkset: false,
    supportedContextValuesEnumerated: [],
    supportedLanguages: ["vi", "en"],
    // Our own short form for goods without a GTIN: /t/{code}[/{serial}]
    shortForm: `${root}/t/{code}`,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      ...CORS,
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
