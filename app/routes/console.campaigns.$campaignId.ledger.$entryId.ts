// One ledger entry's input, exactly as `npm run -s allocate -- FILE.json` reads it,
// (a re-allocation's input also names the entry it revises: shown on the board, not
// offered here). The command's output is compared with the awards on the board.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCampaignAccess } from "~/harvest/access.server";
import { ledgerInput } from "~/harvest/allocation.server";
import { prisma } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignAccess(request, params.campaignId!);
  const entry = await prisma.allocationEntry.findFirst({
    where: { id: params.entryId, campaignId: campaign.id },
  });
  if (!entry || entry.kind !== "ALLOCATE") throw new Response("Not found", { status: 404 });
  const body = await ledgerInput(entry.id);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${campaign.slug}-${entry.day}-${entry.sequence}.json"`,
    },
  });
}
