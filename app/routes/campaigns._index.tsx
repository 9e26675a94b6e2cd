import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { campaignCards } from "~/harvest/campaign-page.server";
import { CampaignCardItem } from "~/harvest/components/campaign-card";
import { useT } from "~/i18n/react";
import { publicOrigin } from "~/storefront/cards.server";
import { metaLocale, metaT, seoMeta } from "~/storefront/seo";
import { now } from "~/utils/clock.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  return {
    campaigns: await campaignCards(now(), { locale }),
    url: `${publicOrigin(request)}/campaigns`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return seoMeta({
    title: t("meta.campaigns"),
    description: t("campaigns.intro"),
    url: data?.url ?? "/campaigns",
    locale: metaLocale(matches),
  });
};

export default function Campaigns() {
  const t = useT();
  const { campaigns } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("campaigns.title")}</h1>
      <p className="max-w-prose text-stone-700">{t("campaigns.intro")}</p>
      {campaigns.length ? (
        <ul className="grid gap-3 sm:grid-cols-2">
          {campaigns.map((c) => (
            <CampaignCardItem key={c.slug} campaign={c} />
          ))}
        </ul>
      ) : (
        <p className="py-6 text-center text-stone-600">{t("campaigns.none")}</p>
      )}
    </div>
  );
}
