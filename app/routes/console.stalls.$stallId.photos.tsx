import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { answerPhotoPost } from "~/console/photo-post.server";
import { addStallPhoto, removeStallPhoto } from "~/console/stall-photos.server";
import { requireStallAccess } from "~/stalls/access.server";

// Stall photos (the farm, the tea hill): same pipeline and answers as product photos.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallAccess(request, params.stallId!);
  throw redirect(`/console/stalls/${params.stallId}/settings`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  return answerPhotoPost(request, {
    back: `/console/stalls/${stall.id}/settings`,
    saved: "saved=1",
    add: (photo) => addStallPhoto(user, stall.id, photo, stall.name),
    remove: (photoId) => removeStallPhoto(user, stall.id, photoId),
  });
}
